// A long Standard Paper Remittance in Courier for the PDF bench: claims of one to three service lines
// with GRP/RC-AMT adjustments and REM: lines, a page header on every page, PROVIDER ADJ DETAILS and a
// glossary at the end. Returns its pages (lines per page) and the marks a reader must find ("CODE AMOUNT"
// or "CODE" → count). Deterministic.

const LINES_PER_PAGE = 62;
const PROCS = ['99213', '99214', '97110', '97140', '80053', '36415', '71046', 'G0439', '93000'];
const REMARKS = ['N130', 'M15', 'N115', 'N20', 'N290', 'N522', 'M51'];

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

const money = (cents) => (cents / 100).toFixed(2);
const pad = (s, n) => String(s).padStart(n);

/** @param {{ claims?: number, seed?: number }} [options] */
export function generateSpr({ claims = 300, seed = 253 } = {}) {
  const next = prng(seed);
  /** @type {Map<string, number>} */
  const expected = new Map();
  const mark = (key) => expected.set(key, (expected.get(key) ?? 0) + 1);
  /** @type {string[]} */
  const body = [];
  for (let c = 0; c < claims; c++) {
    const name = `PATIENT${String(c).padStart(4, '0')}, ALEX`;
    body.push(
      `NAME ${name.padEnd(24)}HIC ${String(1000000 + c * 7919).padEnd(12)}ACNT ${`NOA-${40000 + c}`.padEnd(18)}ICN ${2124120330000 + c}   ASG Y  MOA MA01`,
    );
    mark('MA01');
    const lines = 1 + Math.floor(next() * 3);
    for (let l = 0; l < lines; l++) {
      const billed = 5000 + Math.floor(next() * 30000);
      const allowed = Math.floor(billed * (0.35 + next() * 0.3));
      const coins = Math.floor(allowed * 0.2);
      const seq = Math.round((allowed - coins) * 0.02);
      const paid = allowed - coins - seq;
      const proc = PROCS[Math.floor(next() * PROCS.length)];
      body.push(
        `1902837465  0401 040124  11   1   ${proc}          ${pad(money(billed), 7)}    ${pad(money(allowed), 7)}       0.00    ${pad(money(coins), 7)}   CO-45  ${pad(money(billed - allowed), 7)}  ${pad(money(paid), 7)}`,
      );
      mark(`CO-45 ${money(billed - allowed)}`);
      body.push(`${' '.repeat(92)}PR-2   ${pad(money(coins), 7)}`);
      mark(`PR-2 ${money(coins)}`);
      body.push(`${' '.repeat(92)}CO-253 ${pad(money(seq), 7)}`);
      mark(`CO-253 ${money(seq)}`);
      if (next() < 0.3) {
        const remark = REMARKS[Math.floor(next() * REMARKS.length)];
        body.push(`REM: ${remark}`);
        mark(remark);
      }
    }
    body.push('-'.repeat(119));
  }
  body.push('', 'PROVIDER ADJ DETAILS:   PLB REASON CODE    FCN                     HIC                 AMOUNT');
  body.push('                        L6                 2124120330101           1EG4TE5MK73          -0.52');
  body.push('                        WO                 2123099187714           7RD3GH2KN55         -36.40');
  body.push('', 'GLOSSARY: GROUP, REASON, MOA, REMARK AND ADJUSTMENT CODES', '');
  const glossary = [
    ['2', 'COINSURANCE.'],
    ['45', 'THE CHARGE IS HIGHER THAN THE FEE SCHEDULE OR CONTRACTED AMOUNT.'],
    ['253', 'SEQUESTRATION: THE FEDERAL PAYMENT REDUCTION SET BY LAW.'],
    ['MA01', 'YOU MAY ASK FOR A REDETERMINATION WITHIN 120 DAYS IF YOU DISAGREE.'],
    ...REMARKS.map((r) => [r, 'SEE THE REMARK CODE LIST.']),
  ];
  for (const [code, text] of glossary) {
    body.push(`${code.padEnd(7)}${text}`);
    mark(code);
  }
  // Pages: a header on each, then the body's lines.
  /** @type {string[][]} */
  const pages = [];
  const per = LINES_PER_PAGE - 8;
  const count = Math.ceil(body.length / per);
  for (let p = 0; p < count; p++) {
    pages.push([
      'PRAIRIE STATES MEDICARE SERVICES                      MEDICARE                                  REMITTANCE',
      'PO BOX 4410                                                                                      NOTICE',
      `NORTHRIDGE ORTHOPEDIC ASSOCIATES                                            PAGE #:      ${p + 1} OF ${count}`,
      '',
      'PERF PROV   SERV DATE    POS NOS  PROC  MODS        BILLED    ALLOWED     DEDUCT      COINS   GRP/RC-AMT      PROV PD',
      '-'.repeat(119),
      ...body.slice(p * per, (p + 1) * per),
    ]);
  }
  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  return { pages, expected, total };
}
