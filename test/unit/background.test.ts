// The background worker serves the catalog through typed messages; tested through WXT's fakeBrowser.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Explanation } from '@/lib/catalog/explain';
import type { SearchHit } from '@/lib/catalog/search';
import type { BackgroundRequest } from '@/lib/messages';
import { startBackground } from '@/test/unit/start-background';

/** Delivers a message the way the browser would and returns the listener's answer. */
async function send(message: BackgroundRequest | { type: string }, senderId = fakeBrowser.runtime.id): Promise<unknown> {
  const results: unknown[] = await fakeBrowser.runtime.onMessage.trigger(message, { id: senderId }, () => undefined);
  return results.find((r) => r !== undefined);
}

describe('background catalog service', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    startBackground();
  });

  it('lists the known codes in one round trip', async () => {
    const known = (await send({ type: 'catalog:known' })) as { carc: string[]; rarc: string[] };
    expect(known.carc).toHaveLength(407);
    expect(known.rarc).toHaveLength(1216);
    expect(known.carc).toContain('253');
  });

  it('explains a batch of codes at once', async () => {
    const answers = (await send({
      type: 'catalog:explain',
      items: [{ code: 'CO-253' }, { code: 'PR-2' }, { code: 'N130' }, { code: 'CO-999' }],
    })) as Explanation[];
    expect(answers.map((e) => e.code)).toEqual(['CO-253', 'PR-2', 'N130', 'CO-999']);
    expect(answers[0]?.headline).toMatch(/sequestration.*not a denial/i);
    expect(answers[0]?.nextStep?.reason).toMatch(/do not appeal.*not billable to the patient/i);
    expect(answers[1]?.bucket).toBe('patient');
    expect(answers[3]?.known).toBe(false);
  });

  it('searches the catalog', async () => {
    const hits = (await send({ type: 'catalog:search', query: 'co253' })) as SearchHit[];
    expect(hits[0]?.code).toBe('CO-253');
  });

  it('ignores messages from other extensions and unknown message types', async () => {
    expect(await send({ type: 'catalog:known' }, 'someone-else')).toBeUndefined();
    expect(await send({ type: 'nope' })).toBeUndefined();
  });
});
