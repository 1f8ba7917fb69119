/**
 * The codes billers meet most often on commercial and Medicare remittances (industry top-denial
 * lists, Medicare's standard remits, the sample 835s): at least 60 CARCs and 40 RARCs. Each one
 * must carry deep guidance in data/guidance (the catalog tests enforce it); search ranks them first.
 */
const words = (list: string): readonly string[] => list.trim().split(/\s+/);

export const COMMON_CARCS = words(`
  1 2 3 45 253 24 59 131 223 237 144
  97 234 236 B15
  19 22 23 109 B9 B11
  4 5 6 11 16 31 107 129 140 146 181 182 189 199 208 226 227 252 B16
  18 B13
  39 95 197 198 288
  26 27 177 200 35 49 96 119 204
  40 50 55 56 58 150 151 167
  29
  8 170 171 183 184 185 242 B7 B20
  193 A1
`);

export const COMMON_RARCS = words(`
  N130 N115 N386 N211 MA130 MA01 N1 MA18 MA07 MA04
  N290 N265 N264 N286 M76 M51 M20 M77 MA63 M119
  N362 N640 M15 M80 N19 N20 N525 M86 N522 N381
  N4 N479 N30 N95 N56 N657 N519 N122 M127 N706
  M25 N425 N432 N179 N807
`);

const carcSet = new Set(COMMON_CARCS);
const rarcSet = new Set(COMMON_RARCS);

export function isCommonCode(kind: 'carc' | 'rarc', code: string): boolean {
  return (kind === 'carc' ? carcSet : rarcSet).has(code);
}
