/**
 * Medicare fee-for-service sequestration (reported as CO-253): a statutory cut of the Medicare
 * payment. The rate depends on the date of service; the table ships in data/sequestration.tsv.
 */
import { parseTsv } from './tsv';

export interface SequestrationPeriod {
  from: string;
  /** Inclusive; '' when open-ended. */
  to: string;
  /** Basis points: 200 = 2%. Integers keep the cent arithmetic exact. */
  basisPoints: number;
}

export function parseSequestrationTable(text: string): SequestrationPeriod[] {
  return parseTsv(text, ['from', 'to', 'rate']).rows.map(({ cells }) => ({
    from: cells.from ?? '',
    to: cells.to ?? '',
    basisPoints: Math.round(Number(cells.rate) * 10000),
  }));
}

export function periodOn(table: readonly SequestrationPeriod[], isoDate: string): SequestrationPeriod | undefined {
  return table.find((p) => isoDate >= p.from && (p.to === '' || isoDate <= p.to));
}

/** Amount text ("9.55", "-13.65", "$1,234.50") to integer cents; undefined when not a number. */
export function toCents(amount: string | undefined): number | undefined {
  if (amount === undefined) return undefined;
  const cleaned = amount.replace(/[$,\s]/g, '');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return undefined;
  return Math.round(Number(cleaned) * 100);
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Rounds half away from zero, as payers round cents; symmetric for reversals. */
function roundedShare(cents: number, basisPoints: number): number {
  const exact = (Math.abs(cents) * basisPoints) / 10000;
  return Math.sign(cents) * Math.round(exact);
}

export interface SequestrationCheck {
  /** The reduction the rate implies: rate × (paid + reduction). */
  expected: string;
  /** Reported minus expected; '0.00' when it matches. */
  difference: string;
  matches: boolean;
  /** e.g. "2%"; the rate used. */
  rate: string;
  /** False when the date of service was unknown and the current rate was assumed. */
  rateFromDate: boolean;
  serviceDate?: string;
}

/**
 * Checks a CO-253 amount against the paid amount of the same line. Medicare applies the rate to
 * what it would have paid, so paid + CO-253 is the base. Within one cent counts as a match.
 */
export function checkSequestration(
  table: readonly SequestrationPeriod[],
  input: { amount?: string; paid?: string; serviceDate?: string },
): SequestrationCheck | undefined {
  const amount = toCents(input.amount);
  const paid = toCents(input.paid);
  if (amount === undefined || paid === undefined) return undefined;
  const dated = input.serviceDate ? periodOn(table, input.serviceDate) : undefined;
  const period = dated ?? table[table.length - 1];
  if (!period) return undefined;
  const expected = roundedShare(paid + amount, period.basisPoints);
  const difference = amount - expected;
  return {
    expected: formatCents(expected),
    difference: formatCents(difference),
    matches: Math.abs(difference) <= 1,
    rate: `${period.basisPoints / 100}%`,
    rateFromDate: dated !== undefined,
    ...(input.serviceDate ? { serviceDate: input.serviceDate } : {}),
  };
}
