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

/**
 * Folds source[start, end). Folding changes every run of white space (space,
 * tab, CR, LF, FF, VT, no-break space) except a lone space: such a run becomes
 * one space, or nothing when it breaks a line after a hyphen that follows a
 * letter ("Non-" + line break + "MTUS" gives "Non-MTUS"). A charCode scan finds
 * the runs; text without any is one slice.
 */
export function fold(source: string, start: number, end: number): FoldedText {
  let pos = start;
  // Leading and trailing white space is dropped.
  while (pos < end && isSpaceCode(source.charCodeAt(pos))) pos++;
  let stop = end;
  while (stop > pos && isSpaceCode(source.charCodeAt(stop - 1))) stop--;
  if (pos >= stop) return { text: '', runStart: [], runSource: [], sourceEnd: start };
  let run = nextFoldable(source, pos, stop);
  // Nothing to fold (a short guideline field or title usually): one run.
  if (run < 0) return { text: source.slice(pos, stop), runStart: [0], runSource: [pos], sourceEnd: stop };
  const runStart: number[] = [];
  const runSource: number[] = [];
  let text = '';
  let length = 0;
  for (;;) {
    const runEnd = run < 0 ? stop : run;
    runStart.push(length);
    runSource.push(pos);
    text += source.slice(pos, runEnd);
    length += runEnd - pos;
    if (run < 0) break;
    // The white space run ends before a character that is not white space: `stop` at the latest.
    let spaceEnd = run + 1;
    let lineBreak = isLineBreakCode(source.charCodeAt(run));
    for (let c = source.charCodeAt(spaceEnd); isSpaceCode(c); c = source.charCodeAt(++spaceEnd)) if (c === 10 || c === 13) lineBreak = true;
    // "Non-" at a line end followed by "MTUS": keep the hyphen, drop the break.
    const hyphenBreak = lineBreak && source.charCodeAt(run - 1) === 45 /* - */ && isLetterCode(source.charCodeAt(run - 2));
    if (!hyphenBreak) {
      runStart.push(length);
      runSource.push(spaceEnd - 1);
      text += ' ';
      length += 1;
    }
    pos = spaceEnd;
    run = nextFoldable(source, pos, stop);
  }
  return { text, runStart, runSource, sourceEnd: stop };
}

/** Just the text `fold(source, start, end)` gives, without the map back to the source. */
export function foldedText(source: string, start: number, end: number): string {
  let pos = start;
  while (pos < end && isSpaceCode(source.charCodeAt(pos))) pos++;
  let stop = end;
  while (stop > pos && isSpaceCode(source.charCodeAt(stop - 1))) stop--;
  let run = pos < stop ? nextFoldable(source, pos, stop) : -1;
  if (run < 0) return source.slice(pos, stop);
  let text = '';
  for (;;) {
    text += source.slice(pos, run < 0 ? stop : run);
    if (run < 0) return text;
    let spaceEnd = run + 1;
    let lineBreak = isLineBreakCode(source.charCodeAt(run));
    for (let c = source.charCodeAt(spaceEnd); isSpaceCode(c); c = source.charCodeAt(++spaceEnd)) if (c === 10 || c === 13) lineBreak = true;
    if (!(lineBreak && source.charCodeAt(run - 1) === 45 /* - */ && isLetterCode(source.charCodeAt(run - 2)))) text += ' ';
    pos = spaceEnd;
    run = nextFoldable(source, pos, stop);
  }
}

/** How many characters nextFoldable reads one by one before it turns to FOLDABLE_RE. */
const LOOP_SCAN = 256;
/** What nextFoldable looks for: white space but a space, or a space before more white space (spelled so, V8 runs it twice as fast as with a lookahead). */
const FOLDABLE_RE = /[\t-\r\xa0]| [\t-\r \xa0]/;

/**
 * Start of the first white space run in [from, to) that folding changes (any
 * run but a lone space), or -1. `from` and `to - 1` are not white space, so a
 * run found here ends before `to`.
 */
function nextFoldable(source: string, from: number, to: number): number {
  // Runs are usually a few dozen characters apart (a line break at the latest); past a long stretch without one, a regex reads faster than this loop.
  const stop = to - from > LOOP_SCAN ? from + LOOP_SCAN : to;
  for (let i = from; i < stop; i++) {
    const c = source.charCodeAt(i);
    // Most characters are letters, digits or punctuation.
    if (c > 32 && c !== 0xa0) continue;
    if (c !== 32) {
      if (c === 0xa0 || (c >= 9 && c <= 13)) return i;
      continue;
    }
    if (isSpaceCode(source.charCodeAt(i + 1))) return i;
    // A lone space stays.
    i++;
  }
  if (stop === to) return -1;
  // The loop may have stepped over source[stop], but only as the character after a lone space, which is not white space.
  const m = FOLDABLE_RE.exec(source.slice(stop, to));
  return m ? stop + m.index : -1;
}


function isLineBreakCode(c: number): boolean {
  return c === 10 || c === 13;
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

/** A code unit above U+00FF, which a string V8 stores one byte per character cannot hold. */
const WIDE_RE = /[^\0-\xff]/;
/** How far hasNul looks for such a code unit. */
const WIDE_WINDOW = 1 << 20;

/** Whether the text holds a NUL character. */
export function hasNul(text: string): boolean {
  // V8 searches a one-byte string for a character with memchr, some fifty times faster than the
  // character loop it runs over a two-byte string, where the backward loop is the faster one. The
  // regex tells the two apart: it fails at once on a one-byte string, and stops at the first wide
  // character (a curly quote, usually early) of a two-byte one.
  return WIDE_RE.test(text.length > WIDE_WINDOW ? text.slice(0, WIDE_WINDOW) : text) ? text.lastIndexOf('\u0000') >= 0 : text.indexOf('\u0000') >= 0;
}

export function isBlank(line: string): boolean {
  return /^\s*$/.test(line);
}

/**
 * The text without a leading byte order mark. Editors drop the mark when they open a file, so the
 * positions an editor shows count from the character after it; text read from disk outside an
 * editor (the CLI, the workspace index) must drop it too, or columns on line 1 are one higher.
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
