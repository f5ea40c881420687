/**
 * Folding extracted text into running prose while remembering where every
 * character came from, so a regex over the folded text can report spans in
 * the original document.
 *
 * The map is kept per run of copied text (not per character): folded text is
 * a sequence of runs, each copied from one place in the source, separated by
 * single spaces that stand for white space runs.
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
 * What folding changes: a run of white space (space, tab, CR, LF, FF, VT,
 * no-break space) but a lone space.
 */
const FOLDABLE_RE = /[\t-\r\xa0][\t-\r \xa0]*| [\t-\r \xa0]+/g;
const FOLDED_SPACE_RE = /[\t-\r \xa0]/;

/** Whether a character is white space as folding sees it. */
function isFoldedSpace(c: string): boolean {
  return FOLDED_SPACE_RE.test(c);
}

/**
 * Folds source[start, end): leading and trailing white space dropped, each
 * other run but a lone space made one space, or nothing when it breaks a line
 * after a hyphen that follows a letter ("Non-" + line break + "MTUS" gives
 * "Non-MTUS").
 */
export function fold(source: string, start: number, end: number): FoldedText {
  const { from, to } = withoutOuterSpace(source, start, end);
  if (from >= to) return { text: '', runStart: [], runSource: [], sourceEnd: start };
  const runStart: number[] = [];
  const runSource: number[] = [];
  let text = '';
  /** Appends a run of the folded text that stands for the source from `at` on. */
  const append = (at: number, run: string) => {
    runStart.push(text.length);
    runSource.push(at);
    text += run;
  };
  // Read within [from, to) only (a slice), so folding a field of a long text never reads past it.
  const piece = source.slice(from, to);
  let pos = from;
  FOLDABLE_RE.lastIndex = 0;
  for (let m = FOLDABLE_RE.exec(piece); m !== null; m = FOLDABLE_RE.exec(piece)) {
    const white = from + m.index;
    append(pos, source.slice(pos, white));
    pos = white + m[0].length;
    // The space stands for the white space run's last character.
    if (!isHyphenBreak(source, white, m[0])) append(pos - 1, ' ');
  }
  append(pos, source.slice(pos, to));
  return { text, runStart, runSource, sourceEnd: to };
}

/** The range [start, end) without its leading and trailing white space. */
function withoutOuterSpace(source: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  while (from < end && isFoldedSpace(source[from])) from++;
  let to = end;
  while (to > from && isFoldedSpace(source[to - 1])) to--;
  return { from, to };
}

/** "Non-" at a line's end, before "MTUS": the white space run starting at `run` breaks a line after a hyphen that follows a letter. */
function isHyphenBreak(source: string, run: number, white: string): boolean {
  return /[\r\n]/.test(white) && /^[A-Za-z]-$/.test(source.slice(Math.max(0, run - 2), run));
}

/** Just the text `fold(source, start, end)` gives, without the map back to the source. */
export function foldedText(source: string, start: number, end: number): string {
  const { from, to } = withoutOuterSpace(source, start, end);
  return source.slice(from, to).replace(FOLDABLE_RE, (white: string, at: number) => (isHyphenBreak(source, from + at, white) ? '' : ' '));
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

/** What collapseWhiteSpace changes: a run of white space, or one white space character that is not a space. */
const COLLAPSIBLE_RE = /\s{2,}|[^\S ]/g;

/** `text.slice(from, to).replace(/\s+/g, ' ')` (a lone space is left as it is). */
export function collapseWhiteSpace(text: string, from: number, to: number): string {
  return text.slice(from, to).replace(COLLAPSIBLE_RE, ' ');
}

/**
 * The text with its letters A-Z made small and nothing else changed, so that every offset stays
 * where it was (`toLowerCase` may change the length: "\u0130" becomes two characters). A pattern
 * written in small letters then finds in it what the `i` flag finds in the text, since without the
 * `u` flag `i` matches a letter A-Z only to itself and its small form. Large alternations compile
 * in about half the time without the `i` flag: a fresh server pays that on its first letter (the
 * budget "8 KB letter: open -> diagnostics" of `npm run bench:lsp`).
 */
export function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (capitals) => capitals.toLowerCase());
}

/** Whether the text holds a NUL character. */
export function hasNul(text: string): boolean {
  return text.includes('\u0000');
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
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}
