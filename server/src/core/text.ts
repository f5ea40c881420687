/**
 * Folding extracted text into running prose while remembering where every
 * character came from, so a regex over the folded text can report spans in
 * the original document.
 */
import type { Span } from './model';

export interface FoldedText {
  /** White space runs folded to one space; a hyphen at a line end joined to the next word. */
  readonly text: string;
  /** `map[i]` is the original offset of folded character i; `map[text.length]` is the end offset. */
  readonly map: Int32Array;
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0;
const isLineBreak = (c: number): boolean => c === 10 || c === 13;

export function fold(source: string, start: number, end: number): FoldedText {
  const out: string[] = [];
  const map = new Int32Array(Math.max(0, end - start) + 1);
  let n = 0;
  let i = start;
  while (i < end && isSpace(source.charCodeAt(i))) i++;
  while (i < end) {
    const c = source.charCodeAt(i);
    if (isSpace(c)) {
      let j = i;
      let sawBreak = false;
      while (j < end && isSpace(source.charCodeAt(j))) {
        if (isLineBreak(source.charCodeAt(j))) sawBreak = true;
        j++;
      }
      if (j >= end) break;
      // "Non-" at a line end followed by "MTUS": keep the hyphen, drop the break.
      const hyphenBreak = sawBreak && n > 1 && out[n - 1] === '-' && /[A-Za-z]/.test(out[n - 2]);
      if (!hyphenBreak) {
        out.push(' ');
        map[n++] = i;
      }
      i = j;
      continue;
    }
    out.push(source[i]);
    map[n++] = i;
    i++;
  }
  map[n] = n > 0 ? map[n - 1] + 1 : start;
  return { text: out.join(''), map: map.subarray(0, n + 1) };
}

/** The original span of folded characters [from, to). */
export function spanOf(f: FoldedText, from: number, to: number): Span {
  if (to <= from) return { start: f.map[from], end: f.map[from] };
  return { start: f.map[from], end: f.map[to - 1] + 1 };
}

export function isBlank(line: string): boolean {
  return /^\s*$/.test(line);
}
