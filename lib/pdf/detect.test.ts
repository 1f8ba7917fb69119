import { describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import { detectDocument, detectLayout } from './detect';
import { DocumentDetector } from './document';
import { layoutPage } from './lines';
import { cells, item, page, printout, type Run } from './test-pages';
import type { PdfPageText } from './types';

const marks = (pages: PdfPageText[], title = 'Remittance advice') =>
  detectDocument(pages, known, title).pages.flatMap((p) => p.mentions.map((m) => `${m.code}${m.amount ? ` ${m.amount}` : ''}`));

describe('detection on PDF pages', () => {
  it('reads a printout as the page detector reads a <pre>: codes with their amounts, remarks, no PLB codes', () => {
    const lines = [
      'PERF PROV   PROC   BILLED    GRP/RC-AMT      PROV PD',
      '-------------------------------------------------------',
      '1417382906  99214  210.00    CO-45    81.59   100.68',
      '                             PR-2     25.68',
      'REM: N130',
      'PROVIDER ADJ DETAILS:   PLB REASON CODE    AMOUNT',
      '                        L6                 -0.41',
      '                        72                 12.50',
    ];
    expect(marks([page(printout(lines))])).toEqual(['CO-45 81.59', 'PR-2 25.68', 'N130']);
  });

  it('reads a proportional table by its header: a bare reason under "Reason", its group and amount from the row', () => {
    const runs: Run[] = [
      ...cells(80, [
        ['Line', 20],
        ['Billed', 70],
        ['Group', 150],
        ['Reason', 210],
        ['Adj Amt', 270],
        ['Remark', 340],
      ]),
      ...cells(98, [
        ['1', 20],
        ['$210.00', 70],
        ['CO', 150],
        ['45', 210],
        ['$81.59', 270],
        ['N130', 340],
      ]),
      ...cells(116, [
        ['2', 20],
        ['$140.00', 70],
        ['PR', 150],
        ['2', 210],
        ['$18.43', 270],
      ]),
    ];
    expect(marks([page(runs)])).toEqual(['CO-45 81.59', 'N130', 'PR-2 18.43']);
  });

  it('keeps each row apart, and a modifier or a unit count under its own column is no code', () => {
    const runs: Run[] = [
      ...cells(80, [
        ['Mod', 20],
        ['Units', 70],
        ['Reason', 150],
        ['Denied', 230],
      ]),
      ...cells(98, [
        ['59', 20],
        ['45', 70],
        ['97', 150],
        ['$60.00', 230],
      ]),
    ];
    expect(marks([page(runs)])).toEqual(['97 60.00']);
  });

  it('goes on with a table whose header is on an earlier page only', () => {
    const header = cells(80, [
      ['Service', 20],
      ['Plan discount', 120],
      ['Claim adjustment codes', 260],
    ]);
    const row = (top: number, amount: string): Run[] =>
      cells(top, [
        ['Office visit', 20],
        [amount, 120],
        ['CO-45', 260],
      ]);
    const first = page([...header, ...row(98, '$40.00'), ...row(116, '$41.00')], 1);
    const second = page([...row(40, '$42.00'), ...row(58, '$43.00')], 2);
    expect(marks([first, second])).toEqual(['CO-45 40.00', 'CO-45 41.00', 'CO-45 42.00', 'CO-45 43.00']);
  });

  it('reads a key-value record: a lone reason takes its group and amount', () => {
    const runs: Run[] = [
      ...cells(80, [
        ['Group code', 20],
        ['CO', 150],
      ]),
      ...cells(96, [
        ['Reason code', 20],
        ['50', 150],
      ]),
      ...cells(112, [
        ['Adjustment amount', 20],
        ['$1,240.00', 150],
      ]),
      ...cells(128, [
        ['Units', 20],
        ['45', 150],
      ]),
    ];
    expect(marks([page(runs)])).toEqual(['CO-50 1240.00']);
  });

  it('reads raw X12 printed in a PDF as X12, across pages', () => {
    const first = [
      'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240415*0815*^*00501*000004217*0*T*:~',
      'CLP*A1*1*100*80**MB*123~',
    ];
    const second = ['SVC*HC:99213*100*80~', 'CAS*CO*45*20~', 'LQ*HE*N130~'];
    const pages = [page(printout(first), 1), page(printout(second), 2)];
    expect(marks(pages)).toEqual(['CO-45 20.00', 'N130']);
  });

  it('marks nothing in running text on a document that is no remittance', () => {
    const runs = cells(80, [['Take Route CO 45 north to exit 253 and the N130 trail.', 20]]);
    expect(marks([page(runs)], 'Road trips')).toEqual([]);
  });

  it('maps each mention back to the text items it came from', () => {
    const lead = item({ text: 'Remittance advice. Adjustment', x: 20, top: 80 });
    const runs: Run[] = [...cells(80, [['Remittance advice. Adjustment', 20]]), { text: 'CO-45', x: 20 + lead.width + 2.8, top: 80 }];
    const layout = layoutPage(page(runs));
    const { detection } = detectLayout(layout, { known, remittance: true });
    expect(detection.mentions.map((m) => [m.code, m.spans])).toEqual([['CO-45', [{ item: 1, start: 0, end: 5 }]]]);
  });
});

describe('DocumentDetector', () => {
  it('marks a page as it comes, and reads earlier pages again once a later page shows a remittance', () => {
    const detector = new DocumentDetector(known);
    const first = detector.add(page(cells(80, [['Patient note: ask about CO-45 and N130 with the office.', 20]]), 1));
    expect(first.detection.mentions).toEqual([]);
    expect(detector.remittance).toBe(false);
    const second = detector.add(
      page(cells(80, [['Remittance advice · claim adjustment reason codes · patient responsibility · deductible', 20]]), 2),
    );
    expect(detector.remittance).toBe(true);
    expect(second.redone.map((p) => p.mentions.map((m) => m.code))).toEqual([['CO-45', 'N130']]);
    expect(detector.pages[0]?.mentions.map((m) => m.code)).toEqual(['CO-45', 'N130']);
  });
});
