/**
 * Money as text and as integer cents, in one place. Amounts are parsed as text (never through
 * floating point), so "1.005" rounds to 1.01 and a long decimal never drifts.
 */

/**
 * Amount text ("9.55", "-13.65", "$1,234.50", "(13.65)") to integer cents; a third decimal rounds
 * half away from zero. Undefined when it is not an amount, or beyond exact cents (no remittance
 * amount is that large, and rounding would invent one).
 */
export function toCents(amount: string | undefined): number | undefined {
  if (amount === undefined) return undefined;
  let cleaned = amount.replace(/[$,\s]/g, '');
  let parenthesized = false;
  if (/^\(.*\)$/.test(cleaned)) {
    // Accounting style: a parenthesized amount is negative, with or without a minus inside.
    parenthesized = true;
    cleaned = cleaned.slice(1, -1);
  }
  const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const decimals = `${m[3] ?? ''}000`;
  let cents = Number(m[2] || '0') * 100 + Number(decimals.slice(0, 2));
  if (Number(decimals[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) return undefined;
  return (parenthesized || m[1] === '-') && cents !== 0 ? -cents : cents;
}

/** Integer cents to a plain decimal with two places: -1365 → "-13.65". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Money text to a plain decimal with two places: "$1,234.5" → "1234.50", "(13.65)" → "-13.65". */
export function normalizeAmount(text: string | undefined): string | undefined {
  const cents = toCents(text);
  return cents === undefined ? undefined : formatCents(cents);
}

/** An X12 decimal element ("22.4", "-.28", "+3"): digits only, no currency sign or separators. */
export function normalizeX12Amount(raw: string | undefined): string | undefined {
  const text = (raw ?? '').trim();
  return /^[+-]?\d*(?:\.\d*)?$/.test(text) ? normalizeAmount(text) : undefined;
}

/** Cents for reading: "$1,071.34", "-$13.65" (exports keep plain numbers for spreadsheets). */
export function formatMoney(cents: number): string {
  const s = formatCents(cents).replace(/\B(?=(\d{3})+\.)/g, ',');
  return s.startsWith('-') ? `-$${s.slice(1)}` : `$${s}`;
}

/** A plain decimal amount ("1234.50", "-13.65") for reading: "$1,234.50", "-$13.65"; text that is not an amount as it is. */
export function money(amount: string): string {
  const cents = toCents(amount);
  return cents === undefined ? amount : formatMoney(cents);
}
