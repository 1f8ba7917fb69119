// The reader's PDF parts without pdf.js: every page's text read through lib/pdf's DocumentDetector (a scan and
// an unreadable file said so), the popup's report made of codes and amounts only, and marks put into a text
// layer's spans as the page contract asks (data-remit-code, data-remit-amount; a code split over two spans).
import { describe, expect, it } from 'vitest';
import type { PageRead, PdfTextSource } from '@/lib/pdf/load';
import { page, printout } from '@/lib/pdf/test-pages';
import type { PdfPageText } from '@/lib/pdf/types';
import { known } from '../../test/known-codes';
import type { PdfDoc } from './pdf-engine';
import { markTextLayer, toneMarks } from './pdf-marks';
import { markId, PdfReading, parseMarkId } from './pdf-reading';

const remittance = page(
  printout([
    'PERF PROV   PROC   BILLED    GRP/RC-AMT      PROV PD',
    '-------------------------------------------------------',
    '1417382906  99214  210.00    CO-45    81.59   100.68',
    '                             PR-2     25.68',
    'REM: N130',
    'PROVIDER ADJ DETAILS:   PLB REASON CODE    AMOUNT',
    '                        L6                 -0.41',
  ]),
);

/** A page that is a picture: only a page number in its text. */
const picture = (n: number): PdfPageText => page([{ text: 'p1', x: 300, top: 770 }], n);

function docOf(pages: (PdfPageText | 'broken')[]): PdfDoc {
  const source: PdfTextSource = {
    numPages: pages.length,
    title: 'Medicare Remittance Notice',
    async page(n): Promise<PageRead> {
      const p = pages[n - 1];
      if (!p || p === 'broken') return { ok: false, pageNumber: n, problem: { kind: 'damaged', message: `Page ${n} could not be read.` } };
      return { ok: true, page: { ...p, pageNumber: n } };
    },
    close: async () => undefined,
  };
  return {
    source,
    paint: () => ({ done: Promise.resolve([]), cancel: () => undefined }),
    release: () => undefined,
    close: async () => undefined,
  };
}

describe('PdfReading', () => {
  it('reads every page in order and gives the popup codes and amounts only, never PLB codes', async () => {
    const reading = new PdfReading(docOf([remittance, picture(2), remittance]), known);
    const changed: number[][] = [];
    await reading.run(
      (pages) => changed.push(pages),
      () => true,
    );
    expect(reading.status).toEqual({ kind: 'read' });
    expect(reading.read).toBe(3);
    expect(reading.finished).toBe(true);
    // Each page as it is read, then once more (the status) with none.
    expect(changed.map((c) => c[0])).toEqual([1, 2, 3, undefined]);
    const keys = reading.pageMentions().map((m) => `${m.code}${m.amount ? ` ${m.amount}` : ''}`);
    expect(keys).toEqual(['CO-45 81.59', 'PR-2 25.68', 'N130', 'CO-45 81.59', 'PR-2 25.68', 'N130']);
    expect(reading.mentions().map((m) => m.page)).toEqual([1, 1, 1, 3, 3, 3]);
    // Codes, amounts, figures and the keys that group them (lib/messages.ts toPageMention): nothing that names anyone.
    const allowed = ['code', 'kind', 'reason', 'group', 'amount', 'paid', 'serviceDate', 'lineKey', 'claimKey', 'role', 'figures'];
    for (const m of reading.pageMentions()) expect(Object.keys(m).filter((k) => !allowed.includes(k))).toEqual([]);
    const last = reading.mentions()[5];
    expect(last && reading.mention(last.page, last.index)).toBe(last?.mention);
    expect(reading.mention(2, 0)).toBeUndefined();
    // Page 2 is a picture among pages of text.
    expect(reading.picturePages()).toEqual([2]);
  });

  it('mark ids name their page and index, nothing else', () => {
    expect(parseMarkId(markId(3, 12))).toEqual({ page: 3, index: 12 });
    expect(parseMarkId('CLAIM|0|a1')).toBeUndefined();
    expect(parseMarkId('pdf|3|x')).toBeUndefined();
  });

  it('a document of pictures is a scan, with what to do instead, and tallies nothing', async () => {
    const scan = new PdfReading(docOf([picture(1), picture(2)]), known);
    await scan.run(
      () => undefined,
      () => true,
    );
    expect(scan.status.kind).toBe('scanned');
    expect(scan.status.kind === 'scanned' && scan.status.reason).toMatch(/scan.*Ask the payer for the electronic remittance/s);
    expect(scan.pageMentions()).toEqual([]);
    expect(scan.picturePages()).toEqual([]);
  });

  it('one no page of which can be read is said to be damaged; a broken page among good ones is a problem only', async () => {
    const broken = new PdfReading(docOf(['broken', 'broken']), known);
    await broken.run(
      () => undefined,
      () => true,
    );
    expect(broken.status).toMatchObject({ kind: 'unreadable', message: expect.stringMatching(/damaged/) });
    expect(broken.problems.map((p) => p.message)).toEqual(['Page 1 could not be read.', 'Page 2 could not be read.']);
    expect(broken.pageMentions()).toEqual([]);

    const partly = new PdfReading(docOf(['broken', remittance]), known);
    await partly.run(
      () => undefined,
      () => true,
    );
    expect(partly.status).toEqual({ kind: 'read' });
    expect(partly.problems).toHaveLength(1);
    expect(partly.pageMentions().map((m) => m.code)).toEqual(['CO-45', 'PR-2', 'N130']);
  });

  it('stops when another document was opened', async () => {
    const reading = new PdfReading(docOf([remittance, remittance]), known);
    let calls = 0;
    await reading.run(
      () => calls++,
      () => calls === 0,
    );
    expect(reading.read).toBe(1);
    expect(reading.finished).toBe(false);
    expect(reading.status).toEqual({ kind: 'reading' });
  });
});

describe('markTextLayer', () => {
  it('wraps each mention’s characters in the text layer’s spans, with the page contract’s attributes, text unchanged', async () => {
    const reading = new PdfReading(docOf([remittance]), known);
    await reading.run(
      () => undefined,
      () => true,
    );
    const layer = document.createElement('div');
    const spans = remittance.items.map((it) => {
      const span = document.createElement('span');
      span.textContent = it.str;
      layer.append(span);
      return span;
    });
    const mentions = reading.pages[0]?.mentions ?? [];
    expect(mentions).toHaveLength(3);
    const marks = markTextLayer(spans, mentions, { page: 1, tone: (code) => (code === 'PR-2' ? 'patient' : undefined) });
    expect(marks.map((m) => [m.textContent, m.getAttribute('data-remit-code'), m.getAttribute('data-remit-amount')])).toEqual([
      ['CO-45', 'CO-45', '81.59'],
      ['PR-2', 'PR-2', '25.68'],
      ['N130', 'N130', null],
    ]);
    expect(marks.map((m) => m.getAttribute('data-mark'))).toEqual(['pdf|1|0', 'pdf|1|1', 'pdf|1|2']);
    expect(marks.map((m) => m.tagName.toLowerCase())).toEqual(['remit-mark', 'remit-mark', 'remit-mark']);
    expect(marks[0]?.getAttribute('aria-label')).toBe('CO-45, $81.59: what it means');
    expect(marks.map((m) => m.className)).toEqual(['', 'tone-patient', '']);
    // Each mark sits in its line's span, and the spans read as before: only elements were added around codes.
    expect(marks[0]?.parentElement).toBe(spans[2]);
    expect(spans.map((s) => s.textContent)).toEqual(remittance.items.map((it) => it.str));
    // The PLB reason L6 on the last line stays unmarked.
    expect(spans[6]?.querySelector('remit-mark')).toBeNull();

    // Tones arrive later (the meanings were not loaded yet): each mark gets its code's, or loses one.
    toneMarks(layer, (code) => (code === 'CO-45' ? 'contractual' : undefined));
    expect(marks.map((m) => m.className)).toEqual(['tone-contractual', '', '']);
  });

  it('a code pdf.js split over two spans has two marks of one id', () => {
    const spans = ['CO-', '45 fee'].map((t) => {
      const span = document.createElement('span');
      span.textContent = t;
      return span;
    });
    const mention = {
      start: 0,
      end: 5,
      kind: 'carc' as const,
      code: 'CO-45',
      reason: '45',
      group: 'CO' as const,
      spans: [
        { item: 0, start: 0, end: 3 },
        { item: 1, start: 0, end: 2 },
      ],
    };
    const marks = markTextLayer(spans, [mention], { page: 2, tone: () => undefined });
    expect(marks.map((m) => [m.textContent, m.getAttribute('data-mark')])).toEqual([
      ['CO-', 'pdf|2|0'],
      ['45', 'pdf|2|0'],
    ]);
    expect(spans.map((s) => s.textContent)).toEqual(['CO-', '45 fee']);
  });

  it('a span whose text is gone (pdf.js made none) is passed over', () => {
    const span = document.createElement('span');
    const mention = {
      start: 0,
      end: 4,
      kind: 'rarc' as const,
      code: 'N130',
      reason: 'N130',
      spans: [{ item: 0, start: 0, end: 4 }],
    };
    expect(markTextLayer([span], [mention], { page: 1, tone: () => undefined })).toEqual([]);
    expect(markTextLayer([], [mention], { page: 1, tone: () => undefined })).toEqual([]);
  });
});
