// A generated 835 for the reader benchmark: one Medicare Part B payment of N claims (20,000 ≈ 10 MB), every
// line and claim balancing by construction (charge − CO-45 − PR-2 − CO-253 = paid, CO-253 = 2% of what
// Medicare would have paid), every tenth claim denied, every seventh sent on to a supplemental payer, and two
// provider-level adjustments; BPR02 = Σ claims paid − Σ PLB. Deterministic: the same N gives the same file.

const pad = (n, width) => String(n).padStart(width, '0');
const money = (cents) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${pad(Math.abs(cents) % 100, 2)}`;
/** Rounded half up, in integers. */
const share = (cents, basisPoints) => Math.floor((cents * basisPoints + 5000) / 10000);

const PROCEDURES = ['99213', '99214', '97110:GP', '97140:GP', '93000', '71046', '20610:RT', '36415', '80053', '99232'];

/**
 * @param {{ claims: number }} options
 * @returns {{ text: string, stats: { claims: number, lines: number, adjustments: number, remarks: number, bytes: number, paid: number, denied: number } }}
 */
export function generate835({ claims }) {
  const out = [];
  const seg = (s) => out.push(`${s}~`);
  let lines = 0;
  let adjustments = 0;
  let remarks = 0;
  let paidTotal = 0;
  let denied = 0;
  const body = [];
  const put = (s) => body.push(`${s}~`);
  for (let i = 1; i <= claims; i++) {
    const isDenied = i % 10 === 0;
    const forwarded = !isDenied && i % 7 === 0;
    const n = 1 + (i % 5);
    const claimLines = [];
    let charge = 0;
    let paid = 0;
    let patient = 0;
    for (let j = 0; j < n; j++) {
      const lineCharge = 5000 + ((i * 37 + j * 101) % 20000);
      const day = pad(1 + ((i + j) % 28), 2);
      const proc = PROCEDURES[(i + j) % PROCEDURES.length];
      charge += lineCharge;
      if (isDenied) {
        claimLines.push([
          `SVC*HC:${proc}*${money(lineCharge)}*0**1`,
          `DTM*472*202403${day}`,
          `CAS*CO*50*${money(lineCharge)}`,
          `REF*6R*${j + 1}`,
          'LQ*HE*N130',
        ]);
        adjustments += 1;
        remarks += 1;
        continue;
      }
      const allowed = share(lineCharge, 6000);
      const coinsurance = share(allowed, 2000);
      const beforeCut = allowed - coinsurance;
      const cut = share(beforeCut, 200);
      const linePaid = beforeCut - cut;
      paid += linePaid;
      patient += coinsurance;
      claimLines.push([
        `SVC*HC:${proc}*${money(lineCharge)}*${money(linePaid)}**1`,
        `DTM*472*202403${day}`,
        `CAS*CO*45*${money(lineCharge - allowed)}**253*${money(cut)}`,
        `CAS*PR*2*${money(coinsurance)}`,
        `REF*6R*${j + 1}`,
        `AMT*B6*${money(allowed)}`,
      ]);
      adjustments += 3;
    }
    lines += n;
    paidTotal += paid;
    if (isDenied) denied++;
    const status = isDenied ? '4' : forwarded ? '19' : '1';
    put(`CLP*ACCT${pad(i, 7)}*${status}*${money(charge)}*${money(paid)}*${money(patient)}*MB*ICN${pad(i, 10)}*11*1`);
    put(`NM1*QC*1*PATIENT${i}*SAMPLE****MI*0XX${pad(i, 8)}`);
    if (forwarded) {
      put('NM1*TT*2*EXAMPLE MEDIGAP PLAN*****PI*99901');
      put('MOA***MA01*MA18');
      remarks += 2;
    }
    put('DTM*050*20240402');
    for (const l of claimLines) for (const s of l) put(s);
  }
  const plb = [-123, 5000];
  const payment = paidTotal - plb.reduce((a, b) => a + b, 0);
  seg('ISA*00*          *00*          *ZZ*BENCHMAC       *ZZ*BENCHPROV      *240415*0815*^*00501*000009001*0*T*:');
  seg('GS*HP*BENCHMAC*BENCHPROV*20240415*0815*9001*X*005010X221A1');
  seg('ST*835*0001');
  seg(`BPR*I*${money(payment)}*C*ACH*CCP*01*000000000*DA*0000000000*1999999999**01*000000000*DA*0000000000*20240415`);
  seg('TRN*1*BENCH0001*1999999999');
  seg('DTM*405*20240412');
  seg('N1*PR*EXAMPLE MEDICARE CONTRACTOR');
  seg('N1*PE*SAMPLE CLINIC*XX*1234567893');
  seg('LX*1');
  for (const s of body) out.push(s);
  seg(`PLB*1234567893*20241231*L6:INT*${money(plb[0])}*WO:OVP*${money(plb[1])}`);
  seg(`SE*${out.length - 2 + 1}*0001`);
  seg('GE*1*9001');
  seg('IEA*1*000009001');
  // A wrapped, one-segment-per-line layout as many senders write it.
  const text = `${out.join('\n')}\n`;
  return { text, stats: { claims, lines, adjustments, remarks, bytes: Buffer.byteLength(text), paid: paidTotal, denied } };
}
