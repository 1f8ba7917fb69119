/**
 * The one X12 tokenizer: finds the separators (from the ISA, or guessed when a file has none) and
 * splits text into segments and elements, with every value's offsets into the ORIGINAL text, so
 * marks on a page land on the characters they came from. Shared by the page scanner
 * (lib/detect/x12.ts) and the 835 reader (lib/x12/parse835.ts). Pure, linear, never throws.
 *
 * Wrapped files. Some senders break a `~`-terminated stream into fixed-width lines (80 bytes is
 * common), in the middle of segments and even of elements; X12 says such line breaks are not
 * data. So whenever something other than a line break ends segments, CR and LF inside a segment
 * are dropped: `CAS*CO*4⏎5*50~` reads as `CAS*CO*45*50`, `C⏎LP*…` as `CLP*…`. A value that was
 * split keeps offsets that span the break (`N1⏎30` → start of `N`, end after `0`).
 */

export interface X12Separators {
  element: string;
  component: string;
  /** `\n` when line breaks end segments (no other terminator). */
  segment: string;
  /** ISA11 in 5010 files (`^`), when the header gives one. */
  repetition?: string;
}

export interface X12Envelope {
  separators: X12Separators;
  /** Where tokenizing starts: the ISA or the first segment; text before it is not X12. */
  begin: number;
  /** True when the separators come from an ISA header; false when they were guessed. */
  fromHeader: boolean;
  /** What was odd about the header (a truncated ISA: separators guessed). */
  problems: string[];
}

export interface X12Segment {
  /** 1-based position among the segments tokenized from `begin`. */
  index: number;
  /** The segment id (`CLP`), line breaks removed. */
  id: string;
  /** The segment's text without its terminator, surrounding whitespace and (when wrapped) inner line breaks. */
  raw: string;
  /** Offset in the original text where the segment starts. */
  start: number;
  /** Offset in the original text just after its last character (before the terminator). */
  end: number;
  /** True when a segment terminator follows (false for a last segment cut short). */
  terminated: boolean;
  /** Cleaned positions before which line breaks were dropped, with how many: [position, count] pairs. */
  gaps?: number[];
}

export interface X12Element {
  /** The value, trimmed of spaces. */
  value: string;
  /** Offset of `value` in the original text. */
  start: number;
  /** Offset just after `value` in the original text (spans any dropped line break inside it). */
  end: number;
}

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** Does this look like an X12 segment id (`ISA`, `N1`, `CLP`)? */
export function isSegmentId(id: string): boolean {
  return SEGMENT_ID.test(id);
}

function isLineBreak(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r';
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xfeff;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The separators and where X12 starts. An ISA declares them (element after `ISA`, component in
 * ISA16, terminator right after it); without an ISA they are guessed from the first segment.
 * Undefined when the text holds no X12 segment at all.
 */
export function findEnvelope(text: string): X12Envelope | undefined {
  const problems: string[] = [];
  const isa = /(?:^|[^A-Za-z0-9])ISA([^A-Za-z0-9\s])/.exec(text);
  if (isa) {
    const begin = isa.index + isa[0].length - 4;
    const element = isa[1] ?? '*';
    // Count 16 separators instead of using fixed offsets: some files collapse the ISA padding.
    let pos = begin + 3;
    let seen = 1;
    let repetition: string | undefined;
    while (seen < 16) {
      const next = text.indexOf(element, pos + 1);
      if (next < 0 || next - begin > 400) break;
      pos = next;
      seen++;
      // ISA11 sits between the 11th and 12th separators: a single character in 5010 files.
      if (seen === 12) {
        const isa11 = text.slice(text.lastIndexOf(element, pos - 1) + 1, pos).replace(/[\r\n]/g, '');
        if (isa11.length === 1 && !/[A-Za-z0-9 ]/.test(isa11)) repetition = isa11;
      }
    }
    // A wrapped file may break the line anywhere in the ISA, also around ISA16 and its terminator.
    let at = pos + 1;
    while (isLineBreak(text[at])) at++;
    const component = text[at];
    at++;
    let broke = false;
    while (isLineBreak(text[at])) {
      at++;
      broke = true;
    }
    const after = text[at];
    if (seen === 16 && component !== undefined && !isLineBreak(component)) {
      // After ISA16 comes the terminator; a line break followed by the next segment's letters means
      // line breaks themselves end segments.
      const segment = after === undefined || /[A-Za-z0-9\s]/.test(after) ? (broke ? '\n' : undefined) : after;
      if (segment !== undefined && segment !== element && component !== element && !/[A-Za-z0-9 ]/.test(component)) {
        return {
          separators: { element, component, segment, ...(repetition && repetition !== component ? { repetition } : {}) },
          begin,
          fromHeader: true,
          problems,
        };
      }
    }
    problems.push('ISA header is truncated or malformed; separators were guessed');
  }
  const first = /(?:^|[^A-Za-z0-9])(ST|BPR|TRN|CLP|CAS|SVC|LX|GS|N1|LQ|MOA|MIA|PLB)([*|^!+])/.exec(text);
  if (!first) return undefined;
  const element = first[2] ?? '*';
  const begin = first.index + first[0].length - (first[1] ?? '').length - 1;
  const segment = tildeTerminates(text, begin, element) ? '~' : '\n';
  return { separators: { element, component: guessComponent(text, element, segment), segment }, begin, fromHeader: false, problems };
}

/** `~` ends segments if the first one is followed by another segment (not, say, a `~` in a URL). */
function tildeTerminates(text: string, begin: number, element: string): boolean {
  const tilde = text.indexOf('~', begin);
  if (tilde < 0 || element === '~') return false;
  // Line breaks after it may be layout or a wrap inside the next segment's id (`B⏎PR*`).
  const next = text
    .slice(tilde + 1, tilde + 60)
    .replace(/[\r\n]/g, '')
    .trimStart();
  return next === '' || new RegExp(`^[A-Z][A-Z0-9]{1,2}${escapeRegExp(element)}`).test(next);
}

/** SVC01 is a composite like `HC:99213`; the char after the 2-letter qualifier is the separator. */
function guessComponent(text: string, element: string, segment: string): string {
  const needle = `SVC${element}`;
  for (let i = text.indexOf(needle), tries = 0; i >= 0 && tries < 20; i = text.indexOf(needle, i + 1), tries++) {
    const q = text.slice(i + 4, i + 6);
    const c = text[i + 6];
    if (/^[A-Z][A-Z0-9]$/.test(q) && c !== undefined && c !== element && c !== segment && !/[A-Za-z0-9\s]/.test(c)) {
      return c;
    }
  }
  return ':';
}

/**
 * The segments from `begin` on, lazily (a caller may stop or pause between them). Whitespace around
 * segments is layout; when the terminator is not a line break, CR/LF inside a segment are dropped.
 */
export function* segmentsOf(text: string, begin: number, seps: X12Separators): Generator<X12Segment> {
  let index = 0;
  let pos = begin;
  const wrapped = seps.segment !== '\n' && seps.segment !== '\r';
  while (pos < text.length) {
    let stop = text.indexOf(seps.segment, pos);
    const terminated = stop >= 0;
    if (!terminated) stop = text.length;
    let start = pos;
    let end = stop;
    // Indentation, CRLF and blank lines around segments are layout, not content.
    while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
    while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
    pos = stop + seps.segment.length;
    if (start === end) continue;
    // Search within the segment only, so a missing separator cannot make this quadratic.
    let raw = text.slice(start, end);
    let gaps: number[] | undefined;
    if (wrapped && (raw.includes('\n') || raw.includes('\r'))) ({ raw, gaps } = dropLineBreaks(raw));
    const idEnd = raw.indexOf(seps.element);
    index++;
    yield { index, id: (idEnd < 0 ? raw : raw.slice(0, idEnd)).trim(), raw, start, end, terminated, ...(gaps ? { gaps } : {}) };
  }
}

function dropLineBreaks(raw: string): { raw: string; gaps: number[] } {
  const gaps: number[] = [];
  let out = '';
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    if (!isLineBreak(raw[i])) continue;
    out += raw.slice(from, i);
    const at = out.length;
    const last = gaps.length - 2;
    if (last >= 0 && gaps[last] === at) gaps[last + 1] = (gaps[last + 1] ?? 0) + 1;
    else gaps.push(at, 1);
    from = i + 1;
  }
  out += raw.slice(from);
  return { raw: out, gaps };
}

/** Offset in the original text of the character at `cleaned` in `seg.raw`. */
export function originalOffset(seg: X12Segment, cleaned: number): number {
  let offset = seg.start + cleaned;
  const gaps = seg.gaps;
  if (gaps) {
    for (let g = 0; g < gaps.length && (gaps[g] ?? 0) <= cleaned; g += 2) offset += gaps[g + 1] ?? 0;
  }
  return offset;
}

/** Elements by X12 position: [0] is the segment id, [1] is e.g. CAS01. */
export function elementsOf(seg: X12Segment, sep: string): X12Element[] {
  let offset = 0;
  return seg.raw.split(sep).map((part) => {
    const value = part.trim();
    const at = offset + (value === '' ? 0 : part.indexOf(value));
    offset += part.length + sep.length;
    if (!seg.gaps) return { value, start: seg.start + at, end: seg.start + at + value.length };
    const start = originalOffset(seg, at);
    const end = value === '' ? start : originalOffset(seg, at + value.length - 1) + 1;
    return { value, start, end };
  });
}

/** Cheap pre-check: is this text worth scanning as an 835? */
export function looksLikeX12(text: string): boolean {
  // A segment id that matters, at a word start, followed by a plausible element separator
  // (real files use `*`, sometimes `|`, rarely `^`, `!` or `+`).
  const start = /(?:^|[^A-Za-z0-9])(ISA|CLP|CAS|SVC)([*|^!+])/g;
  const checked = new Set<string>();
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const sep = m[2] ?? '*';
    if (m[1] === 'ISA') {
      const at = m.index + m[0].length - 4;
      if (countChar(text, sep, at, at + 200) >= 16) return true;
    } else if (!checked.has(sep)) {
      // Prose may say "CAS*" once; an 835 has many short segments in a row. One pass per separator.
      checked.add(sep);
      if (hasSegmentStarts(text, sep, 3)) return true;
    }
  }
  return false;
}

function countChar(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  const end = Math.min(to, text.length);
  for (let i = from; i < end; i++) if (text[i] === ch) n++;
  return n;
}

function hasSegmentStarts(text: string, sep: string, needed: number): boolean {
  const re = new RegExp(`(?:^|[~\\n])[ \\t]*[A-Z][A-Z0-9]{1,2}${escapeRegExp(sep)}`, 'g');
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) if (++n >= needed) return true;
  return false;
}
