// The classes of mentions the detector must read on pages nobody here has seen (and the look-alikes it
// must refuse), each on a small page: the test reads it with its evidence and again with that evidence
// taken out of the page (a header, a heading, a label, the remittance around it), which changes the result.
import { describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import { PageScanner } from './scanner';

/** A page around `body`: a remittance's heading and vocabulary unless `plain`. */
function page(body: string, plain = false): string {
  const top = plain ? '<h1>Notes</h1>' : '<h1>Remittance advice</h1><p>Claim adjustments, amounts paid and patient responsibility.</p>';
  return `<!doctype html><html><head><title>${plain ? 'Notes' : 'Remittance'}</title></head><body>${top}${body}</body></html>`;
}

async function marks(html: string): Promise<string[]> {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const scanner = new PageScanner(doc, { known, yieldToPage: () => Promise.resolve() });
  await scanner.start();
  const out = Array.from(doc.querySelectorAll('remit-mark, tspan[data-remit-code]'), (el) => {
    const amount = el.getAttribute('data-remit-amount');
    return `${el.getAttribute('data-remit-code')}${amount ? ` ${amount}` : ''}`;
  });
  scanner.stop();
  return out;
}

const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

describe('1. group and reason with other separators', () => {
  it.each([
    ['CO/45', 'CO-45'],
    ['CO – 45', 'CO-45'],
    ['CO\u201145', 'CO-45'],
    ['CO : 45', 'CO-45'],
    ['CO — 45', 'CO-45'],
    ['co-45', 'CO-45'],
  ])('%s reads as %s', async (written, code) => {
    expect(await marks(page(`<p>Line 1 was adjusted ${written} by the payer.</p>`))).toEqual([code]);
  });

  it('a Group/Reason column reads "CO/45"; under another header it is not a code', async () => {
    expect(await marks(page(table(['Line', 'Group/Reason', 'Disallowed'], [['1', 'CO/45', '40.00']])))).toEqual(['CO-45 40.00']);
    expect(await marks(page(table(['Line', 'Units', 'Disallowed'], [['1', 'CO/45', '40.00']])))).toEqual([]);
  });

  it('"Group CO / Reason 45" takes the labelled group; without the group label the reason stands alone', async () => {
    expect(await marks(page('<p>Portal shows Group CO / Reason 45; no action.</p>'))).toEqual(['CO-45']);
    expect(await marks(page('<p>Portal shows CO / Reason 45; no action.</p>'))).toEqual([]);
  });
});

describe('2. glossaries and legends whose kind of code is said elsewhere', () => {
  it('a "Code type" cell says what the code is', async () => {
    const rows = [
      ['CARC', '45', 'Charge above the fee schedule.'],
      ['RARC', 'N130', 'See the plan’s limits.'],
      ['Group', 'CO', 'Contractual obligation.'],
    ];
    expect(await marks(page(table(['Code type', 'Code', 'Description'], rows)))).toEqual(['45', 'N130']);
    expect(await marks(page(table(['Kind', 'Value', 'Description'], rows)))).toEqual([]);
  });

  it('a definition list under a heading that names the list', async () => {
    const dl = '<dl><dt>45</dt><dd>Charge above the fee schedule.</dd><dt>97</dt><dd>Bundled.</dd></dl>';
    expect(await marks(page(`<h2>Claim adjustment reason codes</h2>${dl}`))).toEqual(['45', '97']);
    expect(await marks(page(`<h2>Office hours</h2>${dl}`))).toEqual([]);
  });

  it('a footnote legend introduced as reason codes ("Code 45: …")', async () => {
    const notes = '<p>Code 45: the provider agreed to the allowed amount.</p><p>Code 2: your coinsurance.</p>';
    expect(await marks(page(`<p>These claim adjustment reason codes explain your claim:</p>${notes}`))).toEqual(['45', '2']);
    expect(await marks(page(`<p>These notes explain your claim:</p>${notes}`))).toEqual([]);
  });

  it('codes in a table after its caption', async () => {
    const body = (caption: string) => `<table><caption>${caption}</caption><tr><td>N130</td><td>See the plan’s limits.</td></tr></table>`;
    expect(await marks(page(body('Remark codes on this remittance')))).toEqual(['N130']);
    expect(await marks(page(body('Parts on order')))).toEqual([]);
  });
});

describe('3. bare remark codes where the column or cell says they are remarks', () => {
  it.each(['Remark', 'Remarks', 'RARC', 'Remark code', 'Codes'])('a "%s" column', async (header) => {
    expect(await marks(page(table(['Line', header], [['1', 'N130, M15']])))).toEqual(['N130', 'M15']);
  });

  it('without such a column the same cell is not read as remarks', async () => {
    expect(await marks(page(table(['Line', 'Part'], [['1', 'N130, M15']])))).toEqual([]);
  });

  it('a remark after a reason in one cell ("CO-97, N20") continues the reason’s list; alone it needs the column', async () => {
    expect(await marks(page(table(['Line', 'Codes'], [['1', 'CO-97, N20']])))).toEqual(['CO-97', 'N20']);
    expect(await marks(page(table(['Line', 'Codes'], [['1', 'N20']])))).toEqual(['N20']);
    expect(await marks(page(table(['Line', 'Part'], [['1', 'N20']])))).toEqual([]);
  });
});

describe('4. one label governing a list in prose', () => {
  it.each([
    ['We will add RARC N19 when the claim lacks it and M15 when services were bundled.', ['N19', 'M15']],
    ['The take-back carried remark codes N386 and N432.', ['N386', 'N432']],
    ['It was denied with CARC 16 with RARC M127.', ['16', 'M127']],
    ['The line was denied with CARC 50 and remark N115.', ['50', 'N115']],
    ['Three reason codes account for most denials in our data: 16, 31 and 197.', ['16', '31', '197']],
  ])('%s', async (text, codes) => {
    expect(await marks(page(`<p>${text}</p>`))).toEqual(codes);
    // Without the label the numbers are numbers.
    const unlabelled = text.replace(/\b(RARC|remark codes|CARC|remark|reason codes)\b/g, 'item');
    expect((await marks(page(`<p>${unlabelled}</p>`))).filter((c) => /^\d/.test(c))).toEqual([]);
  });
});

describe('5. amount columns under other names, stacked values', () => {
  it.each(['Denied amt', 'Not allowed', 'Disallowed', 'Write-off', 'Adjustment', 'Reduction', 'Amount not paid'])(
    'a lone reason takes the "%s" column',
    async (header) => {
      expect(await marks(page(table(['Line', 'Reason', header], [['1', 'CO-45', '$81.59']])))).toEqual(['CO-45 81.59']);
    },
  );

  it('"Pt resp" and "Not allowed" each go to the reason of their group', async () => {
    const row = [['1', 'CO-45, PR-3', '$81.59', '$40.00']];
    expect(await marks(page(table(['Line', 'Codes', 'Not allowed', 'Pt resp'], row)))).toEqual(['CO-45 81.59', 'PR-3 40.00']);
    expect(await marks(page(table(['Line', 'Codes', 'Column A', 'Column B'], row)))).toEqual(['CO-45', 'PR-3']);
  });

  it('stacked codes take the stacked amounts on their own line', async () => {
    const row = [['1', 'CO 45<br>PR 3', '12.00<br>3.00']];
    expect(await marks(page(table(['Line', 'Reason', 'Adj amt'], row)))).toEqual(['CO-45 12.00', 'PR-3 3.00']);
    expect(await marks(page(table(['Line', 'Reason', 'Notes'], row)))).toEqual(['CO-45', 'PR-3']);
  });

  it('a total over many claims is not an adjustment amount', async () => {
    expect(await marks(page(table(['Reason', 'Claims', 'Total denied (90 days)'], [['CO-16', '866', '$61,902']])))).toEqual(['CO-16']);
  });
});

describe('6. codes outside plain HTML text', () => {
  it('SVG chart labels are marked with SVG text runs', async () => {
    const svg = '<svg width="200" height="40"><text x="0" y="20">CO-45</text><text x="80" y="20">PR-2</text></svg>';
    expect(await marks(page(svg))).toEqual(['CO-45', 'PR-2']);
    expect(await marks(page(svg, true))).toEqual([]);
  });

  it('the text of <abbr> (not its title) and collapsed <details> content', async () => {
    expect(await marks(page('<p>Reason codes: <abbr title="Deductible">1</abbr>, <abbr title="Coinsurance">2</abbr>.</p>'))).toEqual([
      '1',
      '2',
    ]);
    expect(await marks(page('<details><summary>Claim 1</summary><p>Adjusted CO-45 $12.00.</p></details>'))).toEqual(['CO-45 12.00']);
  });

  it('Spanish labels', async () => {
    const rows = [['1', 'CO', '45', '35.00', 'N130']];
    expect(await marks(page(table(['Línea', 'Grupo', 'Código de motivo', 'Importe del ajuste', 'Código de observación'], rows)))).toEqual([
      'CO-45 35.00',
      'N130',
    ]);
    expect(await marks(page(table(['Línea', 'A', 'B', 'C', 'D'], rows)))).toEqual([]);
  });
});

describe('7. codes of other lists stay refused beside a remittance', () => {
  it('claim status (277) codes, state EOB codes and PLB codes', async () => {
    const body =
      table(['Category', 'Status code', 'Entity'], [['A7', '21', 'QC']]) +
      table(['EOB code', 'Reason', 'Amount'], [['0045', 'CO-45', '12.00']]) +
      '<h3>Provider-level adjustments</h3>' +
      table(['Reason', 'Reference', 'Amount'], [['72', 'OVP-1', '35.00']]);
    expect(await marks(page(body))).toEqual(['CO-45 12.00']);
  });
});

describe('9. no marks where nothing on the page is about remittances', () => {
  it('roads, tickets, units and parts', async () => {
    const text =
      '<p>Take CO-45 to PR-2, then OA 23 to the lake.</p><p>PR-253 merged; CO-2 closed.</p><p>CO 45 ppm at the sensor.</p><p>Part N130 and model MA130.</p>';
    expect(await marks(page(text, true))).toEqual([]);
    // The same text inside a remittance reads the codes that are written as codes there.
    expect((await marks(page(text))).length).toBeGreaterThan(0);
  });
});
