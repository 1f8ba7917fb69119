/**
 * Medicare fee-for-service sequestration (reported as CO-253): a statutory cut of the Medicare
 * payment. The rate depends on the date of service; the table ships in data/sequestration.tsv.
 */
import { formatCents, toCents } from '../amount';
import { parseTsv, TsvError } from './tsv';

export interface SequestrationPeriod {
  from: string;
  /** Inclusive; '' when open-ended. */
  to: string;
  /** Basis points: 200 = 2%. Integers keep the cent arithmetic exact. */
  basisPoints: number;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isIsoDate(value: string | undefined): value is string {
  return value !== undefined && ISO_DATE.test(value);
}

export function parseSequestrationTable(text: string): SequestrationPeriod[] {
  const periods = parseTsv(text, ['from', 'to', 'rate']).rows.map(({ cells, line }) => {
    const from = cells.from ?? '';
    const to = cells.to ?? '';
    const rate = Number(cells.rate);
    if (!isIsoDate(from) || (to !== '' && !isIsoDate(to))) throw new TsvError(line, 'dates must be YYYY-MM-DD');
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new TsvError(line, `rate "${cells.rate}" is not a fraction`);
    return { from, to, basisPoints: Math.round(rate * 10000) };
  });
  // periodOn and firstDay rely on date order.
  periods.sort((a, b) => a.from.localeCompare(b.from));
  return periods;
}

export function periodOn(table: readonly SequestrationPeriod[], isoDate: string): SequestrationPeriod | undefined {
  return table.find((p) => isoDate >= p.from && (p.to === '' || isoDate <= p.to));
}

/**
 * The rate's share of an amount in cents, rounded half away from zero (exact half cents round
 * up), in integers; symmetric for negative (reversal) amounts.
 */
export function roundedShare(cents: number, basisPoints: number): number {
  const scaled = Math.abs(cents) * basisPoints;
  const share = Math.floor(scaled / 10000) + (scaled % 10000 >= 5000 ? 1 : 0);
  return cents < 0 ? -share : share;
}

/** How the rate was chosen: from the date of service, assumed (date unknown), or none applied yet. */
export type RateBasis = 'date' | 'assumed' | 'before-sequestration';

export interface SequestrationCheck {
  /** The reduction the rate implies: rate × (paid + reduction). */
  expected: string;
  /** Reported minus expected; '0.00' when it matches. */
  difference: string;
  /** Within one cent of the expected amount. */
  matches: boolean;
  /** e.g. "2%"; the rate used ("0%" before sequestration began). */
  rate: string;
  basis: RateBasis;
  /** False when the rate was not looked up by the date of service (unknown date: current rate assumed). */
  rateFromDate: boolean;
  serviceDate?: string;
  /** The first day sequestration applied (2013-04-01), for the before-sequestration case. */
  startedOn?: string;
}

const percent = (basisPoints: number) => `${basisPoints / 100}%`;

/**
 * Checks a CO-253 amount against the paid amount of the same line. Medicare applies the rate to
 * what it would have paid, so paid + CO-253 is the base. Within one cent counts as a match. A date
 * of service before the first period gets no rate at all: there was no sequestration then, so any
 * CO-253 amount is unexpected (the check never assumes 2% for such a date).
 */
export function checkSequestration(
  table: readonly SequestrationPeriod[],
  input: { amount?: string; paid?: string; serviceDate?: string },
): SequestrationCheck | undefined {
  const amount = toCents(input.amount);
  const paid = toCents(input.paid);
  const latest = table[table.length - 1];
  const first = table[0];
  if (amount === undefined || paid === undefined || !latest || !first) return undefined;
  const serviceDate = isIsoDate(input.serviceDate) ? input.serviceDate : undefined;
  const dated = serviceDate ? periodOn(table, serviceDate) : undefined;
  const before = serviceDate !== undefined && serviceDate < first.from;
  const basis: RateBasis = before ? 'before-sequestration' : dated ? 'date' : 'assumed';
  // A dated service in a gap of the table (none today) is treated like an unknown date.
  const basisPoints = before ? 0 : (dated ?? latest).basisPoints;
  const expected = roundedShare(paid + amount, basisPoints);
  const difference = amount - expected;
  return {
    expected: formatCents(expected),
    difference: formatCents(difference),
    matches: Math.abs(difference) <= 1,
    rate: percent(basisPoints),
    basis,
    rateFromDate: basis === 'date',
    ...(serviceDate ? { serviceDate } : {}),
    ...(before ? { startedOn: first.from } : {}),
  };
}
