// Deterministic ERA-viewer page for `npm run bench`: claims with service-line tables (Group / Reason /
// Adj Amt / Remark columns), claim headers full of look-alikes (ZIPs, phones, NPIs, modifiers) and a
// prose note per claim ("CO-45 $12.00"). Returns the HTML and the exact marks the page must get
// ("CODE AMOUNT" or "CODE" → count).

/** Reason codes used in table rows and notes; all are active in data/x12/carc.tsv (checked by run.mjs). */
export const REASONS = ['45', '253', '2', '1', '3', '97', '16', '18', '50', '96', '23', '29', '59', '197', '204', 'B15', 'A1', '94', '109'];
/** Remark codes; all active in data/x12/rarc.tsv. */
export const REMARKS = ['N130', 'M15', 'MA130', 'N30', 'M80', 'N20', 'N362', 'MA01', 'MA18', 'N4', 'M86', 'N19', 'N290', 'N522', 'MA04'];

const GROUPS = [
  ['CO', 'CO'],
  ['CO', 'CO'],
  ['CO', 'Contractual Obligation'],
  ['PR', 'PR'],
  ['PR', 'Patient Responsibility'],
  ['OA', 'OA'],
  ['PI', 'PI'],
];
const PROCS = ['99213', '99214', '97110', '97140', '80053', '36415', '71046', 'G0439', 'J1885', '93000'];
const MODS = ['', '', '25', '59', 'GP', 'KX', 'LT'];
const CITIES = ['Denver, CO 80202', 'San Juan, PR 00901', 'Boston, MA 02118', 'Tacoma, WA 98402'];

/** mulberry32: small, fast, good enough for test data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {{ claims?: number, seed?: number }} [options]
 * @returns {{ html: string, expected: Map<string, number>, total: number, stats: { claims: number, lines: number, rows: number, adjustments: number, remarks: number, notes: number, bytes: number } }}
 */
export function generatePage({ claims = 2000, seed = 835 } = {}) {
  const rand = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const money = (lo, hi) => (lo + rand() * (hi - lo)).toFixed(2);

  /** @type {Map<string, number>} */
  const expected = new Map();
  const expect = (code) => expected.set(code, (expected.get(code) ?? 0) + 1);
  const stats = { claims, lines: 0, rows: 0, adjustments: 0, remarks: 0, notes: 0, bytes: 0 };
  const out = [];

  out.push(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Remittance Advice – bench (${claims} claims)</title>
<style>
body { font: 13px/1.4 system-ui, sans-serif; margin: 16px; color: #1d2733; }
section.claim { border: 1px solid #d5dbe3; border-radius: 4px; margin: 0 0 12px; padding: 8px 12px; }
dl.hdr { display: grid; grid-template-columns: repeat(4, max-content 1fr); gap: 2px 10px; margin: 0 0 6px; }
dd { margin: 0; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #e3e8ee; padding: 2px 6px; text-align: left; white-space: nowrap; }
th { background: #eef2f7; font-size: 11px; text-transform: uppercase; }
tr.cont td { border-bottom-style: dotted; }
p.note { margin: 6px 0 0; color: #5a6776; }
</style></head>
<body>
<h1>Remittance Advice</h1>
<p>Check/EFT 000981273 · Issued 04/12/2024 · Payer ID 04402 · Questions? Call 1-800-633-4227 or 253-555-0100 (Part B).</p>
<main id="claims">
`);

  for (let c = 1; c <= claims; c++) {
    const acct = `DEMO-${String(100000 + c)}`;
    out.push(`<section class="claim" id="claim-${c}">
<h2>Claim ${c} of ${claims}</h2>
<dl class="hdr"><dt>Patient</dt><dd>Pat Sample ${c}</dd><dt>Patient acct #</dt><dd>${acct}</dd><dt>ICN</dt><dd>99241${String(5000000 + c)}</dd><dt>Billing NPI</dt><dd>1234567893</dd>
<dt>Status</dt><dd>Processed as primary</dd><dt>Provider address</dt><dd>${int(100, 9999)} Main St, ${pick(CITIES)}</dd><dt>Phone</dt><dd>253-555-${String(int(0, 9999)).padStart(4, '0')}</dd><dt>Claim total</dt><dd>$${money(100, 3000)}</dd></dl>
<table class="lines"><thead><tr><th>Line</th><th>DOS</th><th>Proc</th><th>Mod</th><th>Units</th><th>Billed</th><th>Allowed</th><th>Group</th><th>Reason</th><th>Adj Amt</th><th>Remark</th><th>Paid</th></tr></thead>
<tbody>
`);
    const lines = int(3, 6);
    for (let l = 1; l <= lines; l++) {
      stats.lines++;
      const adjustments = int(1, 4);
      const remarks = Array.from({ length: int(1, 4) }, () => pick(REMARKS));
      // Remarks go one per row; a line with more remarks than rows lists the rest in its first row.
      const remarkCells = Array.from({ length: adjustments }, (_, i) => (i < remarks.length ? [remarks[i]] : []));
      for (const extra of remarks.slice(adjustments)) remarkCells[0]?.push(extra);
      const day = String(int(1, 28)).padStart(2, '0');
      for (let a = 0; a < adjustments; a++) {
        stats.rows++;
        stats.adjustments++;
        const [group, groupText] = pick(GROUPS);
        const reason = pick(REASONS);
        const adj = money(0.5, 250);
        expect(`${group}-${reason} ${adj}`);
        const cell = remarkCells[a] ?? [];
        for (const remark of cell) {
          stats.remarks++;
          expect(remark);
        }
        const remarkText = cell.join(rand() < 0.3 ? ', ' : ' ');
        if (a === 0) {
          out.push(
            `<tr class="line-start"><td>${l}</td><td>03/${day}/2024</td><td>${pick(PROCS)}</td><td>${pick(MODS)}</td><td>${int(1, 4)}</td><td>${money(80, 400)}</td><td>${money(40, 200)}</td><td>${groupText}</td><td>${reason}</td><td>${adj}</td><td>${remarkText}</td><td>${money(0, 180)}</td></tr>\n`,
          );
        } else {
          out.push(
            `<tr class="cont"><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td>${groupText}</td><td>${reason}</td><td>${adj}</td><td>${remarkText}</td><td></td></tr>\n`,
          );
        }
      }
    }
    out.push('</tbody></table>\n');
    // A prose note: grouped codes with amounts, sometimes a labelled remark, and a ZIP/phone look-alike.
    const g1 = pick(['CO', 'PR', 'OA']);
    const r1 = pick(REASONS);
    const a1 = money(1, 90);
    expect(`${g1}-${r1} ${a1}`);
    stats.notes++;
    let note = `Payer note: ${g1}-${r1} $${a1} applied to line ${int(1, lines)}`;
    if (rand() < 0.5) {
      const g2 = pick(['CO', 'PR']);
      const r2 = pick(REASONS);
      const a2 = money(1, 90);
      expect(`${g2}-${r2} ${a2}`);
      stats.notes++;
      note += `; ${g2}-${r2} $${a2} on the same date`;
    }
    if (rand() < 0.4) {
      const remark = pick(REMARKS);
      expect(remark);
      stats.notes++;
      note += `; remark ${remark}`;
    }
    note += `. Appeals: PO Box ${int(10, 999)}, ${pick(CITIES)}, 1-800-633-4227.`;
    out.push(`<p class="note">${note}</p>\n</section>\n`);
  }
  out.push('</main>\n<footer>End of remittance. Fictional data generated for the Remit Lens benchmark.</footer>\n</body></html>\n');

  const html = out.join('');
  stats.bytes = Buffer.byteLength(html);
  let total = 0;
  for (const n of expected.values()) total += n;
  return { html, expected, total, stats };
}
