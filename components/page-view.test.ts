import { describe, expect, it } from 'vitest';
import type { PageReport } from '@/lib/messages';
import { opensPasteBox, pageView, viewName } from './page-view';

const report = (change: Partial<PageReport> = {}): PageReport => ({ mentions: [], marksOn: true, scanning: false, ...change });
const co45 = { code: 'CO-45', kind: 'carc' as const, reason: '45', group: 'CO' as const };

describe('pageView', () => {
  it('names one view for every tab state and report', () => {
    const cases: [Parameters<typeof pageView>, string][] = [
      [[null, null], 'checking'],
      [[{ kind: 'cannot-scan', reason: 'store' }, null], 'cannot-scan-store'],
      [[{ kind: 'file-access' }, null], 'file-access'],
      [[{ kind: 'not-enabled', origin: 'https://a.example' }, null], 'not-enabled'],
      [[{ kind: 'ready' }, null], 'reading'],
      [[{ kind: 'ready' }, report({ unscanned: 'pdf', marksOn: false })], 'cannot-scan-pdf'],
      [[{ kind: 'ready' }, report({ unscanned: 'site-off', marksOn: false })], 'site-off'],
      [[{ kind: 'ready' }, report({ marksOn: false })], 'marks-off'],
      [[{ kind: 'ready' }, report({ scanning: true })], 'scanning'],
      [[{ kind: 'ready' }, report()], 'empty'],
      [[{ kind: 'ready' }, report({ mentions: [co45], scanning: true })], 'tally'],
    ];
    for (const [args, name] of cases) expect(viewName(pageView(...args)), name).toBe(name);
  });

  it('keeps the origin a site that is not switched on was seen at', () => {
    expect(pageView({ kind: 'not-enabled', origin: 'https://a.example' }, null)).toEqual({
      kind: 'not-enabled',
      origin: 'https://a.example',
    });
  });

  it('opens the paste box where the page cannot be read, but not when there is no tab at all', () => {
    expect(opensPasteBox(pageView({ kind: 'cannot-scan', reason: 'pdf' }, null))).toBe(true);
    expect(opensPasteBox(pageView({ kind: 'cannot-scan', reason: 'no-tab' }, null))).toBe(false);
    expect(opensPasteBox(pageView({ kind: 'ready' }, report()))).toBe(false);
  });
});
