// Issue 14 under happy-dom: the remittance pages of test/fixtures/remit read as the content script reads
// them (the scanner's detections, the page's facts), made into the one model as the popup makes it, and
// tallied — counts, dollars, per-claim subtotals, "amount not shown" and balances equal the hand-counted
// truth. Also: the card's scope never reaches into another claim; failing lines carry their signed
// difference on their marks; the CSV; a pasted or on-page 835 reads as the reader reads the file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RemitLayer } from '@/entrypoints/content/remit-layer';
import { toKnownCodes } from '@/lib/catalog/catalog';
import { shippedCatalog } from '@/lib/catalog/data';
import { type Explanation, explain } from '@/lib/catalog/explain';
import { shippedPlb } from '@/lib/catalog/plb-data';
import { shippedSequestration } from '@/lib/catalog/sequestration-data';
import { decodeText } from '@/lib/decode';
import type { Mention } from '@/lib/detect/types';
import { type PageMention, toPageMention } from '@/lib/messages';
import { PageScanner } from '@/lib/page/scanner';
import { checkRemittance } from '@/lib/remit/checks';
import { remittanceCsv } from '@/lib/remit/csv';
import { remittancesFromPage, withIdentifiers } from '@/lib/remit/from-page';
import type { Remittance } from '@/lib/remit/model';
import { readIdentifiers, readRemitFacts } from '@/lib/remit/page-facts';
import { tallyRemittances } from '@/lib/tally';
import { parse835 } from '@/lib/x12/parse835';
import { known } from '@/test/known-codes';
import { balanceText, comparable, REMIT_PAGES, type RemitPage, readTruth, remitDir, truthOf } from '@/test/remit-truth';

const catalog = shippedCatalog();
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** A page as the content script reads it: its detections, its facts, its layer (balances, cards). */
async function readPage(file: string) {
  const doc = new DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/html');
  const scanner = new PageScanner(doc, { known, yieldToPage: () => Promise.resolve() });
  await scanner.start();
  const controller = new AbortController();
  const layer = new RemitLayer(scanner, controller.signal);
  stops.push(() => {
    controller.abort();
    scanner.stop();
  });
  const mentions = scanner.detections().map((d) => toPageMention(d.mention));
  return { doc, scanner, layer, mentions, remits: remittancesFromPage({ mentions, remits: layer.remits() ?? [] }) };
}

function tallyOf(remits: Remittance[], mentions: readonly PageMention[]) {
  const explanations = new Map<string, Explanation>(mentions.map((m) => [m.code, explain(catalog, { code: m.code })]));
  return tallyRemittances(remits, { explanations, sequestration: shippedSequestration(), plb: shippedPlb() });
}

const pageFile = (page: RemitPage) => path.join(remitDir, `${page}.html`);

describe('remittance pages: the tally equals the hand-counted truth', () => {
  it.each(REMIT_PAGES)('%s', async (page) => {
    const truth = readTruth(page);
    const { remits, mentions } = await readPage(pageFile(page));
    expect(truthOf(tallyOf(remits, mentions), truth.page)).toEqual(comparable(truth));
  });

  it('never gives $0.00 for an amount the page does not show', async () => {
    const { remits, mentions } = await readPage(pageFile('eob'));
    const t = tallyOf(remits, mentions);
    const co45 = t.adjustmentRows.find((r) => r.code === 'CO-45');
    expect(co45).toMatchObject({ count: 5, withAmount: 0, missing: 5, cents: 0 });
    expect(t.buckets.contractual).toMatchObject({ adjustments: 5, missing: 5 });
    // Every adjustment keeps "not shown" as undefined in the model, never 0.
    const all = remits.flatMap((r) => r.claims.flatMap((c) => c.lines.flatMap((l) => l.adjustments)));
    expect(all.filter((a) => a.code === 'CO-45').map((a) => a.amount)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('counts a line the table repeats over rows once, and codes in prose and a glossary apart', async () => {
    const { remits } = await readPage(pageFile('prose-glossary'));
    const [claim] = remits.flatMap((r) => r.claims);
    expect(claim?.lines.map((l) => [l.billed, l.paid, l.adjustments.map((a) => a.code), (l.rows ?? []).length])).toEqual([
      [13000, 7040, ['CO-45', 'PR-2'], 1],
      [1200, 0, ['PR-1', 'CO-45'], 1],
    ]);
    expect(remits.flatMap((r) => r.named).length).toBe(9);
  });

  it('two denied rows paid $0.00 on one day are two lines: a lone alike figure is no evidence', async () => {
    const { remits, scanner, layer } = await readPage(path.join(process.cwd(), 'test/fixtures/cards/remit.html'));
    const [table] = remits.flatMap((r) => r.claims);
    expect(table?.lines.map((l) => [l.paid, l.adjustments.map((a) => a.code)])).toEqual([
      [9800, ['CO-253']],
      [9800, ['CO-253']],
      [11000, ['CO-45']],
      [11000, ['PR-45']],
      [0, ['CO-97']],
      [0, ['CO-D1']],
      [9800, ['PR-2']],
    ]);
    // The bundled line's card lists its own remarks, never the next row's CO-D1.
    const co97 = scanner.detections().find((d) => d.mention.code === 'CO-97')?.mention;
    expect(co97 && layer.scope(co97).line.map((i) => i.code)).toEqual(['M15', 'N20']);
  });

  it('rows that are each a claim: a row repeating the date and paid of the row above joins its claim', async () => {
    const { remits } = await readPage(path.join(process.cwd(), 'test/fixtures/popup/remit.html'));
    const claims = remits.flatMap((r) => r.claims);
    expect(claims.map((c) => [c.paid, c.adjustments.map((a) => a.code)])).toEqual([
      [9800, ['CO-253', 'CO-45', 'PR-2']],
      [4900, ['CO-253', 'CO-45', 'PR-1']],
      [0, ['CO-50']],
      [6000, ['CO-253']],
      [0, ['CO-16', 'OA-23']],
      [6000, ['PR-3']],
    ]);
  });
});

describe('the page as the content script sees it', () => {
  it('marks of a line that does not balance carry the signed difference in cents (data-remit-balance)', async () => {
    const truth = readTruth('failing-balance');
    const { doc, layer } = await readPage(pageFile('failing-balance'));
    layer.changed();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const rows = [...doc.querySelectorAll('tbody tr')];
    const byLine: Record<string, string[]> = {};
    let line = '';
    for (const row of rows) {
      line = row.id || line;
      const list = byLine[line] ?? [];
      byLine[line] = list;
      for (const mark of row.querySelectorAll('remit-mark')) list.push(mark.getAttribute('data-remit-balance') ?? '');
    }
    expect(byLine).toEqual({
      'line-1': ['ok', 'ok', 'ok'],
      'line-2': ['-150', '-150', '-150', '-150'],
      'line-3': ['ok', 'ok'],
    });
    expect(Object.fromEntries(Object.entries(byLine).map(([k, v]) => [k, v[0]]))).toEqual(truth.rowBalances);
  });

  it('SPR: a card lists only its own line, then its own claim: never a code of another claim', async () => {
    const { scanner, layer } = await readPage(pageFile('spr'));
    const detections = scanner.detections().map((d) => d.mention);
    const claimOfCode = (m: Mention) => m.claimKey;
    let checked = 0;
    for (const m of detections) {
      const scope = layer.scope(m);
      if (m.role === 'named' || m.role === undefined) {
        expect(scope).toEqual({ line: [], claim: [] });
        continue;
      }
      const codes = [...scope.line, ...scope.claim].map((i) => i.code);
      // Every code listed is one of this mention's claim (some code of that claim has it).
      const own = new Set(detections.filter((o) => o.claimKey === claimOfCode(m)).map((o) => o.code));
      for (const code of codes) expect(own.has(code), `${m.code} (${m.claimKey}) lists ${code}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(19);
    // Claim 1, line 1's CO-253: that line's CO-45 and PR-2, then claim 1's MA01; no N130 (line 2), MA18, M15, MA130, N290.
    const co253 = detections.find((m) => m.code === 'CO-253' && m.lineKey?.endsWith('.l1'));
    expect(co253).toBeDefined();
    if (!co253) return;
    const scope = layer.scope(co253);
    expect(scope.line.map((i) => i.code)).toEqual(['CO-45', 'PR-2']);
    expect(scope.claim.map((i) => i.code)).toEqual(['MA01']);
    expect(scope.summary).toEqual({ billed: 17000, paid: 7462, patient: 1903, balance: { state: 'ok', expected: 7462 } });
    // Its 2% check has what it needs from the printout: the line's paid amount and date of service.
    expect(co253).toMatchObject({ paid: '72.27', serviceDate: '2024-04-02', amount: '1.47' });
    // Claim 2's MA01 (given for the whole claim): claim 2's codes only.
    const ma01 = detections.find((m) => m.code === 'MA01' && m.claimKey?.endsWith('.c2') && m.lineKey === m.claimKey);
    expect(ma01 && layer.scope(ma01).claim.map((i) => i.code)).toEqual(['MA18', 'CO-45', 'PR-1', 'PR-2', 'CO-253', 'CO-97', 'M15']);
  });

  it('reads the claim and account numbers only when asked, by claim key', async () => {
    const truth = readTruth('portal-grid');
    const { layer, remits } = await readPage(pageFile('portal-grid'));
    const ids = layer.identifiers();
    const claims = remits.flatMap((r) => r.claims);
    expect(
      ids.map((i) => ({ claim: claims.findIndex((c) => c.key === i.key) + 1, account: i.account, payerClaimNumber: i.payerClaimNumber })),
    ).toEqual(truth.identifiers);
    // The model the popup keeps never holds them.
    expect(claims.every((c) => c.account === undefined && c.payerClaimNumber === undefined)).toBe(true);
    const spr = await readPage(pageFile('spr'));
    expect(spr.layer.identifiers().map((i) => [i.account, i.payerClaimNumber])).toEqual([
      ['24-118802', '2224138800115'],
      ['24-118857', '2224138800163'],
      ['24-118901', '2224138800207'],
    ]);
  });
});

describe('CSV of a page', () => {
  it('one row per adjustment with claim and line position, the PLB, totals; numbers only when asked, never names', async () => {
    const { remits, layer } = await readPage(pageFile('spr'));
    const meaning = (code: string) => explain(catalog, { code }).summary;
    const checks = remits.map((r) => checkRemittance(r, shippedSequestration()));
    const csv = remittanceCsv(remits, undefined, { identifiers: false, numberAcross: true, totals: true, meaning, checks });
    const rows = csv.trimEnd().split('\r\n');
    const header = rows[0]?.split(',') ?? [];
    const col = (name: string) => header.indexOf(name);
    const cells = rows.slice(1).map((r) => r.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? []);
    const adjustments = cells.filter((c) => c[col('Level')] === 'line' || c[col('Level')] === 'claim');
    expect(adjustments.map((c) => [c[col('Claim')], c[col('Line')], c[col('Code')], c[col('Amount')]])).toEqual([
      ['1', '1', 'CO-45', '57.83'],
      ['1', '1', 'PR-2', '18.43'],
      ['1', '1', 'CO-253', '1.47'],
      ['1', '2', 'CO-45', '17.00'],
      ['1', '2', 'PR-2', '0.60'],
      ['1', '2', 'CO-253', '0.05'],
      ['2', '1', 'CO-45', '87.26'],
      ['2', '1', 'PR-1', '50.00'],
      ['2', '1', 'PR-2', '12.55'],
      ['2', '1', 'CO-253', '1.25'],
      ['2', '2', 'CO-97', '60.00'],
      ['3', '1', 'CO-16', '90.00'],
    ]);
    expect(adjustments[3]?.[col('Remarks')]).toBe('N130');
    expect(cells.filter((c) => c[col('Level')] === 'provider (PLB)').map((c) => [c[col('Code')], c[col('Amount')]])).toEqual([
      ['PLB L6', '-0.37'],
      ['PLB WO', '30.00'],
      ['PLB FB', '-12.08'],
    ]);
    const totals = cells.filter((c) => c[col('Level')] === 'total').map((c) => [c[col('Code')], c[col('Amount')]]);
    expect(totals).toEqual([
      ['CO-16', '90.00'],
      ['CO-45', '162.09'],
      ['CO-97', '60.00'],
      ['CO-253', '2.77'],
      ['PR-1', '50.00'],
      ['PR-2', '31.58'],
      ['', '520.00'],
      ['', '207.91'],
      ['', '123.56'],
      ['', '81.58'],
      ['', '17.55'],
      ['', '106.01'],
    ]);
    for (const secret of ['ABERNATHY', '24-118802', '2224138800115', '3FW8KD1MX22']) expect(csv).not.toContain(secret);

    const withIds = remittanceCsv(withIdentifiers(remits, layer.identifiers()), undefined, {
      identifiers: true,
      patientNames: false,
      numberAcross: true,
    });
    expect(withIds.split('\r\n')[0]).toContain('Patient control number,Payer claim number');
    expect(withIds.split('\r\n')[0]).not.toContain('Patient,');
    expect(withIds).toContain('24-118802,2224138800115');
    expect(withIds).not.toContain('ABERNATHY');
  });

  it('an amount the page does not show is an empty cell, and its total says how many', async () => {
    const { remits } = await readPage(pageFile('eob'));
    const csv = remittanceCsv(remits, undefined, { identifiers: false, numberAcross: true, totals: true });
    const co45 = csv.split('\r\n').filter((r) => r.includes(',CO-45,'));
    expect(co45).toHaveLength(6);
    for (const row of co45.slice(0, 5)) expect(row).toMatch(/,line,CO,45,CO-45,,/);
    expect(co45[5]).toMatch(/,total,CO,45,CO-45,,,,"?Total of CO-45: 5 adjustments, 5 without an amount shown/);
  });
});

describe('an 835 pasted or on a page reads as the reader reads the file', () => {
  const dir = path.join(process.cwd(), 'test/fixtures/835');
  const knownCodes = toKnownCodes(catalog.knownCodes());
  const files = readdirSync(dir).filter((f) => f.endsWith('.835'));

  it.each(files)('%s: the same claims, figures, adjustments, PLB, payments and balances', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const pasted = decodeText(text, knownCodes);
    const fromPaste = remittancesFromPage(pasted).filter((r) => r.claims.length > 0 || r.payment);
    const read = parse835(text).remittances;
    const summary = (remits: Remittance[]) =>
      remits.map((r) => {
        const checks = checkRemittance(r, shippedSequestration());
        return {
          payment: r.payment?.amount,
          plb: r.providerAdjustments.map((p) => [p.reason, p.amount]),
          paymentBalance: balanceText(checks.payment),
          claims: r.claims.map((c) => ({
            billed: c.billed,
            paid: c.paid,
            lines: c.lines.map((l) => [
              l.billed,
              l.paid,
              balanceText(checks.claims.get(c.key)?.lines[c.lines.indexOf(l)] ?? { state: 'unknown', why: '' }),
            ]),
            // Adjustments the catalog knows (the page marks only those), in the file's order.
            adjustments: [...c.adjustments, ...c.lines.flatMap((l) => l.adjustments)]
              .filter((a) => knownCodes.carc.has(a.reason))
              .map((a) => [a.code, a.amount]),
            balance: balanceText(checks.claims.get(c.key)?.balance ?? { state: 'unknown', why: '' }),
          })),
        };
      });
    // The reader keeps a transaction without claims or a payment amount too; the page model has nothing to show for it.
    expect(summary(fromPaste)).toEqual(summary(read.filter((r) => r.claims.length > 0 || r.payment?.amount !== undefined)));
    // The same facts come from the same text on a page (a block keyed `k1`).
    expect(readRemitFacts(text, 'k1').map((f) => f.claims.length)).toEqual(pasted.remits?.map((f) => f.claims.length));
    expect(readIdentifiers(text, '').map((i) => i.account)).toEqual(read.flatMap((r) => r.claims.map((c) => c.account)));
  });
});
