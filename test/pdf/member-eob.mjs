// A commercial member EOB long enough to print on several pages (its claims table continues from page
// to page, under a repeated header or, with `repeatHeader: false`, under the first page's only), and its labels. Plain Node ESM; make-fixtures.mjs prints it.
//
// Labels follow test/fixtures/LABELLING.md: each row's codes carry their own group, and each takes the
// amount of the column its group and reason point to (CO the plan discount, PR-1 the deductible, PR-2
// the coinsurance, PR-3 the copay) when that amount is not zero. The legend's codes have no amounts.

const SERVICES = [
  ['Office visit, established patient (99213)', 165],
  ['Office visit, established patient (99214)', 235],
  ['Physical therapy, therapeutic exercise (97110)', 120],
  ['Manual therapy (97140)', 95],
  ['Lab: comprehensive metabolic panel (80053)', 48],
  ['Lab: lipid panel (80061)', 62],
  ['X-ray, knee, 3 views (73562)', 140],
  ['Electrocardiogram (93000)', 85],
  ['Flu vaccine (90686)', 38],
  ['Hot/cold pack (97010)', 25],
];
const PROVIDERS = ['Riverbend Family Practice', 'Aspen Grove Physical Therapy', 'Summit Diagnostic Lab', 'Lakeside Imaging Center'];

/** A small deterministic generator, so the fixture is the same on every run. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const money = (cents) => `$${(cents / 100).toFixed(2)}`;
const plain = (cents) => (cents / 100).toFixed(2);

/**
 * The EOB's rows and their expected marks.
 * @param {number} rows
 */
export function memberEob(rows = 72, { repeatHeader = true } = {}) {
  const next = random(20240611);
  /** @type {{ code: string, amount?: string }[]} */
  const marks = [];
  const body = [];
  const used = new Set();
  for (let i = 0; i < rows; i++) {
    const [service, price] = SERVICES[Math.floor(next() * SERVICES.length)];
    const billed = price * 100;
    const day = 1 + (i % 27);
    const date = `0${1 + Math.floor(i / 27)}/${String(day).padStart(2, '0')}/2024`;
    const kind = next();
    let discount = 0;
    let deductible = 0;
    let copay = 0;
    let coinsurance = 0;
    let paid = 0;
    /** @type {string[]} */
    const codes = [];
    if (kind < 0.12) {
      // Denied: not covered; the whole charge is the plan's to write off.
      discount = billed;
      codes.push('CO-96');
    } else if (kind < 0.2) {
      // Bundled into another service that day.
      discount = billed;
      codes.push('CO-97');
    } else {
      discount = Math.round(billed * (0.25 + next() * 0.2));
      const allowed = billed - discount;
      codes.push('CO-45');
      const share = next();
      if (share < 0.3) {
        copay = Math.min(allowed, 2500);
        codes.push('PR-3');
      } else if (share < 0.55) {
        deductible = Math.round(allowed * 0.6);
        codes.push('PR-1');
        coinsurance = Math.round((allowed - deductible) * 0.2);
        codes.push('PR-2');
      } else if (share < 0.85) {
        coinsurance = Math.round(allowed * 0.2);
        codes.push('PR-2');
      }
      paid = allowed - copay - deductible - coinsurance;
    }
    const owe = copay + deductible + coinsurance;
    for (const code of codes) {
      used.add(code);
      const cents = code.startsWith('CO') ? discount : code === 'PR-1' ? deductible : code === 'PR-2' ? coinsurance : copay;
      marks.push(cents !== 0 ? { code, amount: plain(cents) } : { code });
    }
    const provider = PROVIDERS[i % PROVIDERS.length];
    body.push(
      `<tr><td>${date}</td><td>${service}<br><span class="prov">${provider}</span></td><td>${money(billed)}</td><td>${money(discount)}</td>` +
        `<td>${money(deductible)}</td><td>${money(copay)}</td><td>${money(coinsurance)}</td><td>${money(paid)}</td><td>${money(owe)}</td><td>${codes.join(', ')}</td></tr>`,
    );
  }
  const legend = {
    'CO-45': 'The charge is above the amount your provider agreed to accept. You do not owe this discount.',
    'CO-96': 'This service is not covered by your plan. Your provider may not bill you unless you agreed in writing.',
    'CO-97': 'This service is paid as part of another service on the same day.',
    'PR-1': 'This amount went toward your deductible.',
    'PR-2': 'Your coinsurance share.',
    'PR-3': 'Your copay for this visit.',
  };
  const legendItems = Object.entries(legend).filter(([code]) => used.has(code));
  for (const [code] of legendItems) marks.push({ code });
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Explanation of Benefits – Juniper Ridge Health Plan</title>
<style>
  body { font: 11px/1.4 Arial, Helvetica, sans-serif; margin: 0; color: #1b2330; }
  h1 { font-size: 18px; margin: 0 0 4px; }
  .top { display: flex; justify-content: space-between; border-bottom: 2px solid #2b4c7e; padding-bottom: 6px; margin-bottom: 8px; }
  table { width: 100%; border-collapse: collapse; }
  thead { display: table-header-group; }
  th { font-size: 9.5px; text-align: left; background: #e8edf5; padding: 4px; vertical-align: bottom; }
  td { padding: 4px; border-bottom: 1px solid #d5dbe5; vertical-align: top; }
  tr { break-inside: avoid; }
  .prov { color: #5a6475; font-size: 9.5px; }
  .legend dt { font-weight: bold; float: left; width: 52px; }
  .legend dd { margin: 0 0 4px 56px; }
</style>
</head>
<body>
<div class="top"><div><h1>Explanation of Benefits</h1>THIS IS NOT A BILL</div><div>Juniper Ridge Health Plan<br>Member: Theodora Vance · ID JRH-5527-1180<br>Statement date: 06/11/2024</div></div>
<p>This statement lists the claims we processed for you from January through March 2024. The codes in the last column tell why a claim was paid the way it was; they are explained at the end.</p>
<table>
${repeatHeader ? '<thead>' : '<tbody>'}<tr><th>Date of service</th><th>Service and provider</th><th>Amount billed</th><th>Plan discount</th><th>Deductible</th><th>Copay</th><th>Coinsurance</th><th>Plan paid</th><th>You owe</th><th>Claim adjustment codes</th></tr>${repeatHeader ? '</thead>\n<tbody>' : ''}
${body.join('\n')}
</tbody>
</table>
<h2>What the claim adjustment codes mean</h2>
<dl class="legend">
${legendItems.map(([code, text]) => `<dt>${code}</dt><dd>${text}</dd>`).join('\n')}
</dl>
<p>Questions? Call Member Services at 1-888-555-0190 (TTY 711), Monday to Friday, 8 a.m. to 8 p.m. To appeal, write within 180 days to Juniper Ridge Appeals, PO Box 2210, Boise, ID 83701.</p>
</body>
</html>
`;
  return { html, marks };
}
