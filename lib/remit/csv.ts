/**
 * The CSV of remittances, the reader's and the popup's (a page's or a paste's model): one row per
 * adjustment (claim-level, line-level and provider-level), a row for a line with no adjustment, so
 * every line and every adjustment is there; optionally totals rows after them. Patient names, account
 * and claim numbers only when the user asks for them. Cells that a spreadsheet could run as a formula
 * (starting with = + - @, a tab or a CR) are prefixed with ' — except the amounts we write ourselves.
 * An amount the source does not show is an empty cell, never 0.00.
 */
import { formatCents } from '../amount';
import { claimStatusText } from '../x12/codes835';
import type { Balance } from './balance';
import { claimFigures, type RemittanceChecks } from './checks';
import type { Adjustment, Cents, Claim, Remittance, ServiceLine } from './model';

export interface CsvOptions {
  /** Add patient name, patient control (account) number, payer claim number and line control numbers. */
  identifiers: boolean;
  /** With identifiers: a Patient column too (default: yes). A page's export has no names. */
  patientNames?: boolean;
  /** Number claims over all the remittances (a page's claims 1…n), leaving out lines no claim was found around. */
  numberAcross?: boolean;
  /** Totals rows after the rows: each code, the billed, allowed, paid and patient figures, PLB, payments. */
  totals?: boolean;
  /** Our meaning of a code (`CO-45`, `N130`, `PLB WO`), when known. */
  meaning?: (code: string) => string | undefined;
  /** Balance results per remittance (same order as the remittances). */
  checks?: readonly (RemittanceChecks | undefined)[];
}

/** A cell: text is formula-guarded; `amount` cells are numbers we formatted and stay numbers. */
type Cell = string | { amount: number | undefined };

function header(identifiers: boolean, names: boolean): string[] {
  return [
    'Remittance',
    'Check/EFT trace',
    'Payment date',
    'Claim',
    ...(identifiers ? [...(names ? ['Patient'] : []), 'Patient control number', 'Payer claim number'] : []),
    'Claim status',
    'Claim charge',
    'Claim paid',
    'Patient responsibility',
    'Claim balance',
    'Line',
    'Service date',
    'Procedure',
    'Modifiers',
    'Units',
    ...(identifiers ? ['Line control number'] : []),
    'Line charge',
    'Line allowed',
    'Line paid',
    'Line balance',
    'Level',
    'Group',
    'Reason',
    'Code',
    'Amount',
    'Quantity',
    'Remarks',
    'Meaning',
  ];
}

/** `ok`, the signed difference as an amount (`-1.50`), or `unknown`. */
function balanceCell(b: Balance | undefined): Cell {
  if (!b) return '';
  return b.state === 'off' ? { amount: b.difference } : b.state;
}

/**
 * A cell a spreadsheet could run as a formula (`=`, `+`, `-`, `@`, a tab or a CR first, and not a plain
 * number) gets a leading `'`: the one guard of every export (this CSV, the popup's copied table).
 */
export function guardFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
}

export function csvCell(cell: Cell): string {
  let text: string;
  if (typeof cell === 'string') text = guardFormula(cell);
  else text = cell.amount === undefined ? '' : formatCents(cell.amount);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function remittanceCsv(remits: readonly Remittance[], claimsShown: ReadonlySet<Claim> | undefined, options: CsvOptions): string {
  const ids = options.identifiers;
  const names = ids && options.patientNames !== false;
  const rows: Cell[][] = [];
  const meaning = (code: string) => options.meaning?.(code) ?? '';
  const none = { amount: undefined };
  const noLine: Cell[] = ['', '', '', '', '', ...(ids ? [''] : []), none, none, none, ''];
  const idCells = (claim?: Claim): Cell[] =>
    ids ? [...(names ? [claim?.patient ?? ''] : []), claim?.account ?? '', claim?.payerClaimNumber ?? ''] : [];
  const noClaim: Cell[] = ['', ...idCells(), '', none, none, none, ''];
  let across = 0;
  const adjustmentCells = (level: string, a: Adjustment | undefined, remarks: string): Cell[] =>
    a
      ? [level, a.group ?? '', a.reason, a.code, { amount: a.amount }, a.quantity ?? '', remarks, meaning(a.code)]
      : [level, '', '', '', none, '', remarks, ''];

  remits.forEach((remit, r) => {
    const checks = options.checks?.[r];
    const head: Cell[] = [String(r + 1), remit.payment?.trace ?? '', remit.payment?.date ?? ''];
    let shown = 0;
    remit.claims.forEach((claim, c) => {
      if (claimsShown && !claimsShown.has(claim)) return;
      shown++;
      const cc = checks?.claims.get(claim.key);
      const number = options.numberAcross ? (claim.unplaced ? '' : String(++across)) : String(c + 1);
      const claimCells: Cell[] = [
        number,
        ...idCells(claim),
        claimStatusText(claim.status),
        { amount: claim.billed },
        { amount: claim.paid },
        { amount: claim.patientResponsibility },
        balanceCell(cc?.balance),
      ];
      const lineCells = (line: ServiceLine, i: number): Cell[] => {
        const lb = cc?.lines[i];
        return [
          String(i + 1),
          line.serviceDateEnd ? `${line.serviceDate ?? ''}..${line.serviceDateEnd}` : (line.serviceDate ?? ''),
          [line.procedureQualifier, line.procedure ?? line.revenueCode].filter(Boolean).join(' '),
          (line.modifiers ?? []).join(' '),
          line.units ?? '',
          ...(ids ? [line.lineControl ?? ''] : []),
          { amount: line.billed },
          { amount: line.allowed },
          { amount: line.paid },
          balanceCell(lb),
        ];
      };
      const claimRemarks = claim.remarks.map((m) => m.code).join(' ');
      for (const a of claim.adjustments) rows.push([...head, ...claimCells, ...noLine, ...adjustmentCells('claim', a, claimRemarks)]);
      claim.lines.forEach((line, i) => {
        const remarks = line.remarks.map((m) => m.code).join(' ');
        const cells = lineCells(line, i);
        if (line.adjustments.length === 0) rows.push([...head, ...claimCells, ...cells, ...adjustmentCells('line', undefined, remarks)]);
        for (const a of line.adjustments) rows.push([...head, ...claimCells, ...cells, ...adjustmentCells('line', a, remarks)]);
      });
      if (claim.adjustments.length === 0 && claim.lines.length === 0) {
        rows.push([...head, ...claimCells, ...noLine, ...adjustmentCells('claim', undefined, claimRemarks)]);
      }
    });
    // Provider-level adjustments belong to the payment: listed with it unless the filter hid all its claims.
    if (claimsShown && shown === 0 && remit.claims.length > 0) return;
    for (const p of remit.providerAdjustments) {
      rows.push([
        ...head,
        ...noClaim,
        ...noLine,
        'provider (PLB)',
        '',
        p.reason,
        `PLB ${p.reason}`,
        { amount: p.amount },
        '',
        // The reference is often a patient's claim or account number: identifying.
        ids ? (p.reference ?? '') : '',
        meaning(`PLB ${p.reason}`),
      ]);
    }
  });
  if (options.totals) rows.push(...totalRows(remits, claimsShown, noClaim.length + 3, noLine.length, meaning));
  return `${[header(ids, names), ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * Totals after the rows, in the same columns (Level "total"): each code's sum (and how many of its
 * amounts the source does not show, in Quantity's place), then the billed, allowed, paid and patient
 * figures where shown, the provider-level adjustments and the payments stated.
 */
function totalRows(
  remits: readonly Remittance[],
  claimsShown: ReadonlySet<Claim> | undefined,
  before: number,
  lineCells: number,
  meaning: (code: string) => string,
): Cell[][] {
  const lead: Cell[] = [...Array.from({ length: before }, () => ''), ...Array.from({ length: lineCells }, () => '')];
  // The claim and line amount columns stay empty in totals rows.
  const row = (code: string, amount: Cents | undefined, label: string): Cell[] => [
    ...lead,
    'total',
    code.includes('-') ? code.slice(0, code.indexOf('-')) : '',
    code.includes('-') ? code.slice(code.indexOf('-') + 1) : code,
    code,
    { amount },
    '',
    '',
    label,
  ];
  const claims = remits.flatMap((r) => r.claims).filter((c) => !claimsShown || claimsShown.has(c));
  const codes = new Map<string, { cents: Cents; count: number; missing: number }>();
  for (const a of claims.flatMap((c) => [...c.adjustments, ...c.lines.flatMap((l) => l.adjustments)])) {
    const t = codes.get(a.code) ?? { cents: 0, count: 0, missing: 0 };
    t.count++;
    if (a.amount === undefined) t.missing++;
    else t.cents += a.amount;
    codes.set(a.code, t);
  }
  const out: Cell[][] = [];
  const order = new Intl.Collator('en', { numeric: true }).compare;
  for (const [code, t] of [...codes].sort((a, b) => order(a[0], b[0]))) {
    const count = `${t.count} adjustment${t.count === 1 ? '' : 's'}${t.missing > 0 ? `, ${t.missing} without an amount shown` : ''}`;
    const what = meaning(code);
    out.push(row(code, t.count > t.missing ? t.cents : undefined, `Total of ${code}: ${count}${what ? `. ${what}` : ''}`));
  }
  const figures: [keyof ReturnType<typeof claimFigures>, string][] = [
    ['billed', 'Billed'],
    ['allowed', 'Allowed'],
    ['paid', 'Paid'],
    ['patientResponsibility', 'Patient responsibility'],
  ];
  const real = claims.filter((c) => !c.unplaced);
  for (const [key, label] of figures) {
    const shown = real.map((c) => claimFigures(c)[key]).filter((v): v is Cents => v !== undefined);
    if (shown.length === 0) continue;
    const total = shown.reduce((n, v) => n + v, 0);
    out.push(row('', total, `${label}: total of the ${shown.length} of ${real.length} claims that show it`));
  }
  const plb = remits.flatMap((r) => r.providerAdjustments);
  if (plb.length > 0) {
    out.push(
      row(
        '',
        plb.reduce((n, p) => n + p.amount, 0),
        `Provider-level adjustments (PLB): total of ${plb.length}`,
      ),
    );
  }
  const payments = remits.flatMap((r) => (r.payment?.amount !== undefined ? [r.payment.amount] : []));
  if (payments.length > 0)
    out.push(
      row(
        '',
        payments.reduce((n, p) => n + p, 0),
        `Check/EFT amount${payments.length > 1 ? `: total of ${payments.length}` : ''}`,
      ),
    );
  return out;
}
