/**
 * Folding extracted text into running prose while remembering where every
 * character came from, so a regex over the folded text can report spans in
 * the original document.
 *
 * The map is kept per run of copied text (not per character): folded text is
 * a sequence of runs, each copied from one place in the source, separated by
 * single spaces that stand for white space runs. That keeps folding at the
 * cost of a few slices per line.
 */
import type { Span } from './model';

export interface FoldedText {
  /** White space runs folded to one space; a hyphen at a line end joined to the next word. */
  readonly text: string;
  /** Folded offset where each run starts (ascending); `runSource[k]` is where run k starts in the source. */
  readonly runStart: readonly number[];
  readonly runSource: readonly number[];
  /** Source offset just after the last folded character. */
  readonly sourceEnd: number;
}

/** White space that folding changes: anything but a lone space (single spaces are copied as they are). */
const FOLDABLE = /[\t\r\n\f\v\u00a0][ \t\r\n\f\v\u00a0]*| [ \t\r\n\f\v\u00a0]+/g;

export function fold(source: string, start: number, end: number): FoldedText {
  const parts: string[] = [];
  const runStart: number[] = [];
  const runSource: number[] = [];
  let length = 0;
  let pos = start;
  // Leading and trailing white space is dropped.
  while (pos < end && isSpaceCode(source.charCodeAt(pos))) pos++;
  let stop = end;
  while (stop > pos && isSpaceCode(source.charCodeAt(stop - 1))) stop--;
  FOLDABLE.lastIndex = pos;
  while (pos < stop) {
    const m = FOLDABLE.exec(source);
    const runEnd = m && m.index < stop ? m.index : stop;
    runStart.push(length);
    runSource.push(pos);
    parts.push(source.slice(pos, runEnd));
    length += runEnd - pos;
    if (runEnd >= stop || !m) break;
    const spaceEnd = m.index + m[0].length;
    // "Non-" at a line end followed by "MTUS": keep the hyphen, drop the break.
    const hyphenBreak =
      source.charCodeAt(m.index - 1) === 45 /* - */ && isLetterCode(source.charCodeAt(m.index - 2)) && /[\r\n]/.test(m[0]);
    if (!hyphenBreak) {
      runStart.push(length);
      runSource.push(spaceEnd - 1);
      parts.push(' ');
      length += 1;
    }
    pos = spaceEnd;
  }
  return { text: parts.join(''), runStart, runSource, sourceEnd: length > 0 ? stop : start };
}

function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
}

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Source offset of folded character i (the space standing for a white space run maps to the run's last character). */
export function sourceOffset(f: FoldedText, i: number): number {
  const { runStart, runSource } = f;
  if (runStart.length === 0) return f.sourceEnd;
  if (i >= f.text.length) return f.sourceEnd;
  let lo = 0;
  let hi = runStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runStart[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  return runSource[lo] + (i - runStart[lo]);
}

/** The original span of folded characters [from, to). */
export function spanOf(f: FoldedText, from: number, to: number): Span {
  const start = sourceOffset(f, from);
  if (to <= from) return { start, end: start };
  return { start, end: sourceOffset(f, to - 1) + 1 };
}

/** Whether a UTF-16 code unit is white space as `\s`, `trim()` and friends see it. */
export function isWhiteSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `text.slice(from, to).replace(/\s+/g, ' ')`, slicing only around the white space that changes. */
export function collapseWhiteSpace(text: string, from: number, to: number): string {
  let out = '';
  let copied = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isWhiteSpace(c)) continue;
    let j = i + 1;
    while (j < to && isWhiteSpace(text.charCodeAt(j))) j++;
    if (c !== 32 || j > i + 1) {
      // Not a lone space: the run becomes one.
      out += text.slice(copied, i) + ' ';
      copied = j;
    }
    i = j - 1;
  }
  return copied === from ? text.slice(from, to) : out + text.slice(copied, to);
}

export function isBlank(line: string): boolean {
  return /^\s*$/.test(line);
}
