// The popup over an in-memory PopupApi answered by the shipped catalog: the page's tally, the card
// sheet and where focus goes, the states where a page cannot be read, and following a reloading page.
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toKnownCodes } from '@/lib/catalog/catalog';
import { shippedCatalog } from '@/lib/catalog/data';
import { explain } from '@/lib/catalog/explain';
import { CodeSearch } from '@/lib/catalog/search';
import { decodeText } from '@/lib/decode';
import type { PageMention, PageReport } from '@/lib/messages';
import { DEFAULT_SETTINGS, type LoadedSettings } from '@/lib/settings';
import { click, mount, settle } from '@/test/mount';
import { PopupApp } from './PopupApp';
import type { PageState, PopupApi } from './popup-api';

const catalog = shippedCatalog();
const search = new CodeSearch(catalog);

function carc(code: string, amount?: string, extra: Partial<PageMention> = {}): PageMention {
  const [group, reason] = code.split('-') as [PageMention['group'], string];
  return { code, kind: 'carc', reason, group, ...(amount ? { amount } : {}), ...extra };
}

const lineA = { role: 'adjustment', lineKey: 'a', claimKey: 'c' } as const;
const lineB = { role: 'adjustment', lineKey: 'b', claimKey: 'c', figures: { billed: '100.00' } } as const;
/** One claim's two lines: a contractual write-off, sequestration, coinsurance and a remark; a code only named in a note. */
const MENTIONS: PageMention[] = [
  carc('CO-45', '120.00', lineA),
  carc('CO-253', '2.00', { ...lineA, paid: '98.00', serviceDate: '2024-03-01' }),
  carc('PR-2', '25.00', lineB),
  carc('CO-45', '30.50', lineB),
  { code: 'N130', kind: 'rarc', reason: 'N130', ...lineA, role: 'remark' },
  carc('CO-97', undefined, { role: 'named', lineKey: 'note' }),
];

const report = (mentions: PageMention[] = MENTIONS): PageReport => ({ mentions, marksOn: true, scanning: false });

/** The background's answers come from the real catalog; the page's side is driven by the test. */
function fakeApi(states: PageState[], rawX12 = false) {
  const readerOpened: boolean[] = [];
  const steps: string[] = [];
  const loaded: LoadedSettings = { settings: { ...DEFAULT_SETTINGS, mode: 'biller' }, locked: [] };
  const asked: (number | undefined)[] = [];
  const followers: { onReport: (r: PageReport) => void; onGone: () => void; stopped: boolean }[] = [];
  const api: PopupApi = {
    explain: async (items) => items.map((item) => explain(catalog, item)),
    search: async (query) => search.search(query),
    decode: async (text) => decodeText(text, toKnownCodes(catalog.knownCodes())),
    async pageState(options = {}) {
      asked.push(options.waitMs);
      const state = states[Math.min(asked.length, states.length) - 1];
      if (!state) throw new Error('no page state');
      return state;
    },
    follow(onReport, onGone) {
      const follower = { onReport, onGone, stopped: false };
      followers.push(follower);
      return () => {
        follower.stopped = true;
      };
    },
    reveal: async () => ({ found: true, index: 0, total: 1 }),
    step: async (which) => {
      steps.push(which);
      return { found: true, index: 2, total: 3, code: 'PR-2' };
    },
    identifiers: async () => [],
    setMarks: async () => undefined,
    annotateOnce: async () => false,
    alwaysAnnotate: async () => false,
    loadSettings: async () => loaded,
    saveSettings: async () => loaded,
    hostname: 'portal.example.com',
    fromToolbar: true,
    copy: async () => undefined,
    download: () => undefined,
    rawX12: async () => rawX12,
    openReader: async (withTab) => {
      readerOpened.push(withTab);
    },
  };
  return { api, asked, followers, readerOpened, steps };
}

const mountPopup = (api: PopupApi) => mount(<PopupApp api={api} />);

async function pressEscape(): Promise<void> {
  await act(async () => {
    (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  });
  await settle();
}

/** Sends the page's report to the popup's latest follower. */
async function deliver(followers: ReturnType<typeof fakeApi>['followers'], r: PageReport): Promise<void> {
  const follower = followers.at(-1);
  if (!follower) throw new Error('the popup follows no page');
  await act(async () => follower.onReport(r));
  await settle();
}

const row = (root: HTMLElement, code: string) => root.querySelector<HTMLTableRowElement>(`tr.row[data-code="${code}"]`);
const sheet = (root: HTMLElement) => root.querySelector<HTMLElement>('section.sheet');
const main = (root: HTMLElement) => root.querySelector<HTMLElement>('div.main');

beforeEach(() => {
  // Frames do not run while the popup's page is in the background: nothing here may wait for one.
  vi.stubGlobal('requestAnimationFrame', () => 0);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function readyPopup(): Promise<{ root: HTMLElement } & ReturnType<typeof fakeApi>> {
  const fake = fakeApi([{ kind: 'ready' }]);
  const root = await mountPopup(fake.api);
  await deliver(fake.followers, report());
  return { root, ...fake };
}

describe('popup: this page', () => {
  it('tallies the page’s codes, with CO-253 as sequestration and not a denial', async () => {
    const { root } = await readyPopup();
    expect(root.querySelector('section.page')?.getAttribute('data-state')).toBe('tally');
    expect(root.querySelector('[data-testid="code-count"]')?.textContent).toBe('6 codes on this page');
    // Adjustments and lines, not mentions: the note's CO-97 is listed apart and not counted.
    expect(root.querySelector('[data-testid="tally-summary"]')?.textContent).toBe('1 claim · 2 lines · 4 adjustments · 1 named only');
    expect([...root.querySelectorAll('[data-testid="named"] li')].map((li) => li.getAttribute('data-code'))).toEqual(['CO-97']);
    expect(row(root, 'CO-97')).toBeNull();

    const rows = [...root.querySelectorAll<HTMLTableRowElement>('tr.row')];
    expect(rows.map((r) => r.dataset.code)).toEqual(['CO-45', 'CO-253', 'PR-2', 'N130']);
    const co45 = row(root, 'CO-45');
    expect(co45?.querySelector('.count')?.textContent).toBe('2');
    expect(co45?.querySelector('.amount')?.textContent).toBe('$150.50');
    expect(row(root, 'PR-2')?.getAttribute('data-bucket')).toBe('patient');
    expect(row(root, 'N130')?.getAttribute('data-bucket')).toBe('remark');
    expect(row(root, 'N130')?.querySelector('.amount')?.textContent).toBe('');

    const seq = row(root, 'CO-253');
    expect(seq?.getAttribute('data-bucket')).toBe('sequestration');
    expect(seq?.className).toContain('tone-muted');
    expect(seq?.querySelector('.amount')?.textContent).toBe('$2.00');
    expect(seq?.querySelector('.meaning-btn')?.textContent).toBe(explain(catalog, { code: 'CO-253' }).summary);

    const buckets = [...root.querySelectorAll<HTMLElement>('li.bucket')].map((b) => b.dataset.bucket);
    expect(buckets).toEqual(['patient', 'contractual', 'sequestration']);
    expect(root.querySelector('li.bucket[data-bucket="denial"]')).toBeNull();
    const seqBucket = root.querySelector('li.bucket[data-bucket="sequestration"]');
    expect(seqBucket?.textContent).toContain('Sequestration (CO-253)');
    // $2.00 of $100.00 before the cut is exactly 2%.
    expect(seqBucket?.querySelector('[data-testid="seq-check"]')?.textContent).toBe('The line matches the 2% rate');
  });

  it('opens a row’s card with Back focused; Escape and Back both close it and focus that row’s button again', async () => {
    const { root } = await readyPopup();
    const opener = row(root, 'CO-253')?.querySelector<HTMLButtonElement>('.meaning-btn');
    await click(opener);
    const card = sheet(root);
    expect(card?.getAttribute('aria-label')).toBe('CO-253 explained');
    expect(main(root)?.hidden).toBe(true);
    expect(document.activeElement?.textContent).toBe('← Back');
    expect(card?.querySelector('.headline')?.textContent).toMatch(/sequestration.*not a denial/);
    expect(card?.querySelector('.next')?.textContent).toMatch(
      /^Next step: Write off as a contractual adjustment\..*do not appeal.*not billable to the patient/,
    );

    await pressEscape();
    expect(sheet(root)).toBeNull();
    expect(main(root)?.hidden).toBe(false);
    expect(document.activeElement).toBe(opener);

    // Another row, closed with Back this time.
    const other = row(root, 'PR-2')?.querySelector<HTMLButtonElement>('.meaning-btn');
    await click(other);
    expect(sheet(root)?.getAttribute('aria-label')).toBe('PR-2 explained');
    const back = sheet(root)?.querySelector<HTMLButtonElement>('button.back');
    expect(document.activeElement).toBe(back);
    await click(back);
    expect(sheet(root)).toBeNull();
    expect(document.activeElement).toBe(other);
  });

  it('shows how far a long scan is, with the tally filling in as it goes', async () => {
    const fake = fakeApi([{ kind: 'ready' }]);
    const root = await mountPopup(fake.api);
    await deliver(fake.followers, { ...report(MENTIONS.slice(0, 2)), scanning: true, progress: 0.4 });
    expect(root.querySelector('[data-testid="code-count"]')?.textContent).toBe('2 codes found so far');
    const bar = root.querySelector<HTMLProgressElement>('[data-testid="scan-progress"] progress');
    expect(bar?.getAttribute('value')).toBe('40');
    expect(bar?.getAttribute('aria-label')).toBe('Reading this page');
    expect(root.querySelectorAll('tr.row').length).toBeGreaterThan(0);
    await deliver(fake.followers, report());
    expect(root.querySelector('[data-testid="scan-progress"]')).toBeNull();
    expect(root.querySelector('[data-testid="code-count"]')?.textContent).toBe(`${MENTIONS.length} codes on this page`);
  });

  it('walks the page’s codes: previous, next and next denial go to the page and say where they landed', async () => {
    const { root, steps } = await readyPopup();
    const walk = root.querySelector('nav.code-walk');
    expect(walk?.getAttribute('aria-label')).toBe('Go to a code on the page');
    for (const action of ['step-next', 'step-previous', 'step-next-denial']) {
      await act(async () => root.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)?.click());
      await settle();
    }
    expect(steps).toEqual(['next', 'previous', 'next-denial']);
    expect(root.querySelector('.hint')?.textContent).toBe('PR-2: denial 2 of 3, its card is open on the page.');
  });

  it('reads the page again when it goes away (navigation or reload)', async () => {
    const fake = fakeApi([{ kind: 'ready' }, { kind: 'ready' }]);
    const root = await mountPopup(fake.api);
    await deliver(fake.followers, report());
    expect(fake.asked).toEqual([0]);
    expect(fake.followers).toHaveLength(1);

    await act(async () => fake.followers[0]?.onGone());
    await settle();
    // Asked again, giving the reloading page time to answer; the old page is no longer followed.
    expect(fake.asked).toEqual([0, 3000]);
    expect(fake.followers[0]?.stopped).toBe(true);
    expect(fake.followers).toHaveLength(2);
    expect(root.querySelector('section.page')?.getAttribute('data-state')).toBe('reading');
    expect(root.querySelector('tr.row')).toBeNull();

    await deliver(fake.followers, report([carc('PR-2', '10.00', lineA)]));
    expect([...root.querySelectorAll<HTMLElement>('tr.row')].map((r) => r.dataset.code)).toEqual(['PR-2']);
  });
});

describe('popup: pages it cannot read', () => {
  const cases: { state: PageState; name: string; text: string; decodeOpen: boolean }[] = [
    {
      state: { kind: 'not-enabled', origin: 'https://portal.example.com' },
      name: 'not-enabled',
      text: 'Remit Lens is not switched on for https://portal.example.com. It reads a page only when you ask.',
      decodeOpen: false,
    },
    {
      state: { kind: 'cannot-scan', reason: 'pdf' },
      name: 'cannot-scan-pdf',
      text: 'This is a PDF in the browser’s own viewer, which extensions cannot read in place.',
      decodeOpen: true,
    },
    {
      state: { kind: 'cannot-scan', reason: 'no-tab' },
      name: 'cannot-scan-no-tab',
      text: 'There is no page to read here. Use the lookup above, or paste remittance text below.',
      decodeOpen: false,
    },
  ];

  for (const { state, name, text, decodeOpen } of cases) {
    it(`${name}: explains why, and the lookup still works`, async () => {
      const fake = fakeApi([state]);
      const root = await mountPopup(fake.api);
      const page = root.querySelector('section.page');
      expect(page?.getAttribute('data-state')).toBe(name);
      expect(page?.textContent).toContain(text);
      expect(fake.followers).toHaveLength(0);
      expect(root.querySelector('tr.row')).toBeNull();
      expect(root.querySelector<HTMLDetailsElement>('details.decode')?.open).toBe(decodeOpen);
      if (state.kind === 'not-enabled') {
        expect(root.querySelector('button[data-action="annotate-once"]')?.textContent).toBe('Annotate this page');
      }

      const input = root.querySelector<HTMLInputElement>('#lookup-input');
      if (!input) throw new Error('no lookup');
      expect(document.activeElement).toBe(input);
      await act(async () => {
        input.value = '253';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await settle();
      const first = root.querySelector<HTMLButtonElement>('#lookup-results button.result');
      expect(first?.dataset.code).toBe('253');
      expect(first?.querySelector('.result-summary')?.textContent).toBe(explain(catalog, { code: '253' }).summary);

      await click(first);
      expect(sheet(root)?.getAttribute('aria-label')).toBe('253 explained');
    });
  }
});

describe('popup: the 835 reader', () => {
  it('offers "Open in reader" on a page that shows raw X12, and opens the reader on that tab', async () => {
    const fake = fakeApi([{ kind: 'ready' }], true);
    const root = await mountPopup(fake.api);
    await settle();
    const open = root.querySelector<HTMLButtonElement>('button[data-action="open-reader"]');
    expect(open?.textContent).toBe('Open in reader');
    await click(open);
    expect(fake.readerOpened).toEqual([true]);
  });

  it('elsewhere only links to the reader, empty', async () => {
    const fake = fakeApi([{ kind: 'ready' }]);
    const root = await mountPopup(fake.api);
    await settle();
    expect(root.querySelector('button[data-action="open-reader"]')).toBeNull();
    await click(root.querySelector('button[data-action="open-reader-empty"]'));
    expect(fake.readerOpened).toEqual([false]);
  });
});

describe('popup: a PDF in the browser’s viewer', () => {
  function pdfApi(site: { origin: string; on: boolean }, grant: boolean) {
    const fake = fakeApi([{ kind: 'cannot-scan', reason: 'pdf' }]);
    const asked: string[] = [];
    fake.api.openPdfInReader = async () => undefined;
    fake.api.pdfSite = async () => site;
    fake.api.alwaysOpenPdfs = async () => {
      asked.push(site.origin);
      return grant;
    };
    return { api: fake.api, asked };
  }

  it('offers to open an https site’s PDFs in Remit Lens by themselves; on once the site is granted', async () => {
    const { api, asked } = pdfApi({ origin: 'https://portal.example.com', on: false }, true);
    const root = await mountPopup(api);
    await settle();
    expect(root.querySelector('[data-testid="pdf-site-on"]')).toBeNull();
    await click(root.querySelector('button[data-action="always-open-pdfs"]'));
    await settle();
    expect(asked).toEqual(['https://portal.example.com']);
    expect(root.querySelector('button[data-action="always-open-pdfs"]')).toBeNull();
    expect(root.querySelector('[data-testid="pdf-site-on"]')?.textContent).toBe(
      'PDFs from https://portal.example.com open in Remit Lens by themselves (turn this off on the options page).',
    );
  });

  it('says so when the browser did not grant the site', async () => {
    const { api } = pdfApi({ origin: 'https://portal.example.com', on: false }, false);
    const root = await mountPopup(api);
    await settle();
    await click(root.querySelector('button[data-action="always-open-pdfs"]'));
    await settle();
    expect(root.querySelector('[data-testid="pdf-site-on"]')).toBeNull();
    expect(root.textContent).toContain('Permission was not granted for this site.');
  });

  it('offers nothing for a plain-http site (the extension asks for https sites only)', async () => {
    const { api } = pdfApi({ origin: 'http://portal.example.com', on: false }, true);
    const root = await mountPopup(api);
    await settle();
    expect(root.querySelector('section.page')?.getAttribute('data-state')).toBe('cannot-scan-pdf');
    expect(root.querySelector('button[data-action="open-pdf"]')?.textContent).toBe('Open in Remit Lens');
    expect(root.querySelector('button[data-action="always-open-pdfs"]')).toBeNull();
  });
});
