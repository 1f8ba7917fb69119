import { type GroupCode, isGroupCode } from '../detect/types';

/** A code as a person or a page writes it, normalized: `co 253` → { kind: 'carc', group: 'CO', reason: '253' }. */
export type CodeRef =
  | { kind: 'group'; code: GroupCode; group: GroupCode }
  | { kind: 'carc'; code: string; reason: string; group?: GroupCode }
  | { kind: 'rarc'; code: string; reason: string };

const CARC_REASON = /^(?:\d{1,3}|[A-Z]\d{1,2})$/;

/** `MA1` and `ma 01` mean MA01: MA codes below 10 are written with two digits. */
function normalizeRarc(prefix: string, digits: string): string {
  const n = String(Number(digits));
  return prefix === 'MA' && n.length < 2 ? `MA0${n}` : `${prefix}${n}`;
}

/** Parses one code in any common spelling; undefined when it is not shaped like a code at all. */
export function parseCodeRef(input: string): CodeRef | undefined {
  const compact = input.toUpperCase().replace(/[\s\-*:_.]+/g, '');
  if (compact === '') return undefined;
  if (isGroupCode(compact)) return { kind: 'group', code: compact, group: compact };
  const rarc = /^(MA|M|N)0*(\d{1,3})$/.exec(compact);
  if (rarc?.[1] && rarc[2]) return { kind: 'rarc', code: normalizeRarc(rarc[1], rarc[2]), reason: normalizeRarc(rarc[1], rarc[2]) };
  const grouped = /^(CO|PR|OA|PI|CR)(.+)$/.exec(compact);
  if (grouped?.[1] && grouped[2] && isGroupCode(grouped[1]) && CARC_REASON.test(grouped[2])) {
    const reason = stripZeros(grouped[2]);
    return { kind: 'carc', code: `${grouped[1]}-${reason}`, reason, group: grouped[1] };
  }
  if (CARC_REASON.test(compact)) {
    const reason = stripZeros(compact);
    return { kind: 'carc', code: reason, reason };
  }
  return undefined;
}

/** `045` → `45`; letter codes keep their digits (`A0`, `B1`). */
function stripZeros(reason: string): string {
  return /^\d+$/.test(reason) ? String(Number(reason)) : reason;
}

export function formatCarc(reason: string, group?: GroupCode): string {
  return group ? `${group}-${reason}` : reason;
}
