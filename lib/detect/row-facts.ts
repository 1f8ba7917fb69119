/**
 * What a row (or a key-value record) says about the codes in it: the group a reason takes from a
 * Group cell, and the amount each adjustment takes from the row's amount columns. A lone reason takes
 * the row's adjustment amount; otherwise each reason takes the column its group and reason point to
 * (PR-1 the deductible, PR-2 the coinsurance, PR-3 the copay, other PR the patient's share; CO, OA
 * and PI what was not allowed), when no two reasons point to the same column. A $0.00 in such a
 * column is not an adjustment amount (that column is not where this adjustment is).
 */
import { toCents } from '../amount';
import type { GroupCode, Mention } from './types';

export interface RowFacts {
  group?: GroupCode;
  /** The adjustment amount column ("Adj Amt"). */
  amount?: string;
  /** "Denied", "Not allowed", "Disallowed", "Write-off", "Reduction", "Discount". */
  denied?: string;
  /** "Pt resp", "Patient responsibility", "You owe". */
  patient?: string;
  deductible?: string;
  coinsurance?: string;
  copay?: string;
}

type AmountColumn = 'denied' | 'patient' | 'deductible' | 'coinsurance' | 'copay';
const SHARES: readonly AmountColumn[] = ['denied', 'patient', 'deductible', 'coinsurance', 'copay'];

/**
 * The column an adjustment's amount sits in, from its group and reason. The patient's total ("Pt
 * resp", "You owe") is one PR adjustment's amount only when the row has no other.
 */
function columnFor(m: Mention, facts: RowFacts, patientShares: number): AmountColumn | undefined {
  const group = m.group ?? facts.group;
  if (group === 'PR') {
    const own = m.reason === '1' ? 'deductible' : m.reason === '2' ? 'coinsurance' : m.reason === '3' ? 'copay' : undefined;
    if (own && facts[own] !== undefined) return own;
    return facts.patient !== undefined && patientShares === 1 ? 'patient' : undefined;
  }
  if (group === 'CO' || group === 'OA' || group === 'PI' || group === 'CR') return facts.denied !== undefined ? 'denied' : undefined;
  return undefined;
}

const nonZero = (amount: string | undefined) => amount !== undefined && toCents(amount) !== 0;

/** A reason without a group takes the row's group; adjustments without an amount take the row's, as above. */
export function applyRowFacts(found: Mention[], facts: RowFacts | undefined): Mention[] {
  if (!facts) return found;
  const carcs = found.filter((m) => m.kind === 'carc');
  const grouped = found.map((m) =>
    m.kind === 'carc' && !m.group && facts.group ? { ...m, group: facts.group, code: `${facts.group}-${m.reason}` } : m,
  );
  const lone = carcs.length === 1;
  // Which column each reason points to, and how many reasons point to each.
  const columns = new Map<Mention, AmountColumn | undefined>();
  const taken = new Map<AmountColumn, number>();
  const patientShares = grouped.filter((m) => m.kind === 'carc' && (m.group ?? facts.group) === 'PR').length;
  for (const m of grouped) {
    if (m.kind !== 'carc' || m.amount) continue;
    const column = columnFor(m, facts, patientShares);
    columns.set(m, column);
    if (column) taken.set(column, (taken.get(column) ?? 0) + 1);
  }
  const shown = SHARES.filter((c) => nonZero(facts[c]));
  return grouped.map((m) => {
    if (m.kind !== 'carc' || m.amount) return m;
    if (lone && facts.amount !== undefined) return { ...m, amount: facts.amount };
    // A lone reason beside one amount of what was not paid ("Denied amt", "You owe"): that one.
    const only = lone && shown.length === 1 ? shown[0] : undefined;
    if (only) return { ...m, amount: facts[only] };
    const column = columns.get(m);
    const amount = column ? facts[column] : undefined;
    if (column && taken.get(column) === 1 && nonZero(amount)) return { ...m, amount };
    return m;
  });
}
