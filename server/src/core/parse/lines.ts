/**
 * Stage 1: the text's lines. A letter is read line by line rather than by
 * paragraphs, because page breaks put blank lines anywhere (inside a paragraph,
 * inside an item title). Each line knows where it stands in the text, where
 * its words start and end, and what it is (told by lineKinds.ts).
 */
import type { LineKind } from './lineKinds';

export interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  /** End of the line's text, before its line break. */
  readonly end: number;
  /** The line's text without leading and trailing white space ('' for a blank line). */
  readonly text: string;
  /** Where `text` starts and ends in the letter (both `start` for a blank line). */
  readonly textStart: number;
  readonly textEnd: number;
  /** White space characters before the text: headings of 2016-17 letters are centred. */
  readonly indent: number;
  readonly blank: boolean;
  readonly kind: LineKind;
}

/** What a line is, from its text without leading and trailing white space and its length with them. */
export type KindOf = (text: string, length: number) => LineKind;

/** Line breaks as letters come with them: LF, CRLF (Windows) and a lone CR (old Mac text). */
const LINE_BREAK_RE = /\r\n?|\n/;

/** The lines `text.split(/\r\n|\n|\r/)` gives, with their offsets and kinds. */
export function splitLines(source: string, kindOf: KindOf): Line[] {
  const lines = source.split(LINE_BREAK_RE);
  let start = 0;
  return lines.map((raw) => {
    const line = lineOf(raw, start, kindOf);
    // The next line starts after this one's line break: two characters for CRLF, else one.
    start = line.end + (source.startsWith('\r\n', line.end) ? 2 : 1);
    return line;
  });
}

/** The line whose text, as it stands, is `raw`, starting at `start`. */
function lineOf(raw: string, start: number, kindOf: KindOf): Line {
  const end = start + raw.length;
  const text = raw.trim();
  const kind = kindOf(text, raw.length);
  if (text === '') return { start, end, text, textStart: start, textEnd: start, indent: 0, blank: true, kind };
  // The text's first character is the line's first that is not white space.
  const indent = text.length === raw.length ? 0 : raw.indexOf(text[0]);
  const textStart = start + indent;
  return { start, end, text, textStart, textEnd: textStart + text.length, indent, blank: false, kind };
}


/** The line's text as it stands, leading and trailing white space included. */
export function rawText(source: string, line: Line): string {
  return source.slice(line.start, line.end);
}

/** The last line before `from` (counting down to `floor`) that is not blank, or -1. */
export function previousNonBlank(lines: readonly Line[], from: number, floor: number): number {
  for (let i = from; i >= floor; i--) if (!lines[i].blank) return i;
  return -1;
}

/**
 * The text between two offsets, each line's part trimmed and the parts joined
 * by a space; `from` is a line at or before `start`.
 */
export function textBetween(source: string, lines: readonly Line[], from: number, start: number, end: number): string {
  const parts: string[] = [];
  for (let i = from; i < lines.length && lines[i].start < end; i++) {
    const line = lines[i];
    if (line.end <= start) continue;
    parts.push(source.slice(Math.max(line.start, start), Math.min(line.end, end)).trim());
  }
  return parts.join(' ');
}
