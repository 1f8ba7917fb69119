import { describe, expect, it } from 'vitest';
import { layoutPage, spansOf } from './lines';
import { cells, item, page, printout } from './test-pages';

const lineTexts = (p: ReturnType<typeof layoutPage>) => p.lines.map((l) => p.text.slice(l.start, l.end));

describe('layoutPage', () => {
  it('gives a printout back column for column', () => {
    const lines = ['PERF PROV   GRP/RC-AMT      PROV PD', '1417382906  CO-45    81.59   100.68', '            PR-2     25.68'];
    const layout = layoutPage(page(printout(lines)));
    expect(lineTexts(layout)).toEqual(lines);
    expect(layout.lines.every((l) => l.mono)).toBe(true);
  });

  it('puts a printout word where its x says, though pdf.js split the line into words', () => {
    const runs = [
      { text: 'CO-45', x: 30, top: 40, mono: true },
      { text: '81.59', x: 30 + 9 * 6, top: 40, mono: true },
    ];
    expect(lineTexts(layoutPage(page(runs)))).toEqual(['CO-45    81.59']);
  });

  it('sorts lines top to bottom and items left to right, with the same baseline within a tolerance', () => {
    const runs = [
      ...cells(100, [['second', 20]]),
      ...cells(50, [
        ['right', 300],
        ['left', 20],
      ]),
      { text: '¹', x: 45, top: 47, size: 6 },
    ];
    const layout = layoutPage(page(runs));
    expect(lineTexts(layout).map((t) => t.trim())).toEqual([expect.stringMatching(/^left¹?\s{2,}right$|^left\s+¹\s{2,}right$/), 'second']);
  });

  it('keeps words one space apart and cells two or more', () => {
    const reason = item({ text: 'Reason', x: 20, top: 60 });
    const layout = layoutPage(
      page(
        cells(60, [
          ['Reason', 20],
          ['code', 20 + reason.width + 2.8],
          ['45', 200],
        ]),
      ),
    );
    const text = lineTexts(layout)[0] ?? '';
    expect(text.trim()).toMatch(/^Reason code {2,}45$/);
    expect(layout.lines[0]?.cells.map((c) => layout.text.slice(c.start, c.end))).toEqual(['Reason code', '45']);
  });

  it('joins items that touch (a code split across elements: <b>CO</b>-45)', () => {
    const layout = layoutPage(page([...cells(60, [['CO', 20]]), { text: '-45', x: 30, top: 60 }]));
    expect(lineTexts(layout)[0]?.trim()).toBe('CO-45');
  });

  it('leaves rotated text out and reads text drawn twice once', () => {
    const runs = [
      ...cells(60, [['Remark N130', 20]]),
      { text: 'Remark N130', x: 20.3, top: 60 },
      { text: 'DRAFT', x: 300, top: 300, angle: 45 },
    ];
    const layout = layoutPage(page(runs));
    expect(lineTexts(layout).map((t) => t.trim())).toEqual(['Remark N130']);
  });

  it('maps every character back to its item and offset', () => {
    const runs = [...cells(60, [['Adj', 20]]), { text: 'CO-45 12.00', x: 100, top: 60 }];
    const layout = layoutPage(page(runs));
    const at = layout.text.indexOf('CO-45');
    expect(spansOf(layout, at, at + 5)).toEqual([{ item: 1, start: 0, end: 5 }]);
    // Across two items: the padding between them belongs to no item.
    const all = spansOf(layout, layout.text.indexOf('Adj'), layout.text.length);
    expect(all).toEqual([
      { item: 0, start: 0, end: 3 },
      { item: 1, start: 0, end: 11 },
    ]);
  });

  it('reads panels side by side one after the other', () => {
    const left = ['Claim status log', 'Received by the payer', 'Accepted into adjudication', 'Pending review', 'Finalized'];
    const right = ['Remittance', 'Claim remark MA01', 'Paid $85.98', 'Line 1 CO-45 61.80'];
    const runs = [
      ...left.map((text, i) => ({ text, x: 20, top: 100 + i * 14 })),
      ...right.map((text, i) => ({ text, x: 320, top: 107 + i * 14 })),
    ];
    const texts = lineTexts(layoutPage(page(runs))).map((t) => t.trim());
    expect(texts).toEqual([...left, ...right]);
  });

  it('keeps a table whole: its rows share their baselines across the columns', () => {
    const runs = [
      ...cells(100, [
        ['Group', 20],
        ['Reason', 120],
        ['Amount', 320],
      ]),
      ...cells(114, [
        ['CO', 20],
        ['45', 120],
        ['12.00', 320],
      ]),
      ...cells(128, [
        ['PR', 20],
        ['2', 120],
        ['3.00', 320],
      ]),
      ...cells(142, [['A note under the group', 20]]),
      ...cells(156, [['and another', 20]]),
      ...cells(170, [['and a third', 20]]),
      ...cells(184, [['4.00', 320]]),
      ...cells(198, [['5.00', 320]]),
      ...cells(212, [['6.00', 320]]),
    ];
    const texts = lineTexts(layoutPage(page(runs))).map((t) => t.trim());
    expect(texts[1]).toMatch(/^CO\s+45\s+12\.00$/);
    expect(texts[3]).toBe('A note under the group');
  });
});
