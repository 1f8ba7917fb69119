/**
 * Money text to a plain decimal with two places: "$1,234.5" → "1234.50", "(13.65)" and
 * "-$13.65" → "-13.65". Undefined when it is not an amount.
 */
export function normalizeAmount(text: string): string | undefined {
  const trimmed = text.trim();
  const negative = /^\(.*\)$/.test(trimmed) || /^-|^\$\s?-|^\(-/.test(trimmed);
  const digits = trimmed.replace(/[$,()\s-]/g, '');
  if (!/^(\d+\.?\d*|\.\d+)$/.test(digits)) return undefined;
  const cents = Math.round(Number(digits) * 100);
  // Beyond exact cents (about $90 trillion) it is not a remittance amount, and rounding would invent one.
  if (!Number.isSafeInteger(cents)) return undefined;
  const abs = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return negative && cents !== 0 ? `-${abs}` : abs;
}
