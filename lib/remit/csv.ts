/**
 * The reader's CSV: one row per adjustment (claim-level, line-level and provider-level), a row for a
 * line with no adjustment, so every line and every adjustment is there. Patient names, account and
 * claim numbers only when the user asks for them. Cells that a spreadsheet could run as a formula
 * (starting with = + - @, a tab or a CR) are prefixed with ' — except the amounts we write ourselves.
 */
import { formatCents } from '../amount';
import { claimStatusText } from '../x12/codes835';
import type { Balance } from './balance';
import type { RemittanceChecks } from './checks';
import type { Adjustment, Claim, Remittance, ServiceLine } from './model';

export interface CsvOptions {
  /** Add patient name, patient control (account) number, payer claim number and line control numbers. */
  identifiers: boolean;
  /** Our meaning of a code (`CO-45`, `N130`, `PLB WO`), when known. */
  meaning?: (code: string) => string | undefined;
  /** Balance results per remittance (same order as the remittances). */
  checks?: readonly (RemittanceChecks | undefined)[];
}

/** A cell: text is formula-guarded; `amount` cells are numbers we formatted and stay numbers. */
type Cell = string | { amount: number | undefined };

function header(identifiers: boolean): string[] {
  return [
    'Remittance',
    'Check/EFT trace',
    'Payment date',
    'Claim',
    ...(identifiers ? ['Patient', 'Patient control number', 'Payer claim number'] : []),
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

export function csvCell(cell: Cell): string {
  let text: string;
  if (typeof cell === 'string') text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  else text = cell.amount === undefined ? '' : formatCents(cell.amount);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function remittanceCsv(remits: readonly Remittance[], claimsShown: ReadonlySet<Claim> | undefined, options: CsvOptions): string {
  const ids = options.identifiers;
  const rows: Cell[][] = [];
  const meaning = (code: string) => options.meaning?.(code) ?? '';
  const none = { amount: undefined };
  const noLine: Cell[] = ['', '', '', '', '', ...(ids ? [''] : []), none, none, none, ''];
  const noClaim: Cell[] = ['', ...(ids ? ['', '', ''] : []), '', none, none, none, ''];
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
      const claimCells: Cell[] = [
        String(c + 1),
        ...(ids ? [claim.patient ?? '', claim.account ?? '', claim.payerClaimNumber ?? ''] : []),
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
  return `${[header(ids), ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
