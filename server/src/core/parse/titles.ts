/**
 * Item titles. A title is the text just above an outcome (`<title>: Upheld`)
 * or above an item's first field. It may wrap over several lines, and a page
 * break may put blank lines inside it, so it is found by walking up from its
 * last line until the sentence before it: the end of the previous item's
 * rationale, or the section's lead-in. A partial authorisation's title is
 * several sentences ("Norco #60 was the original request. Norco #25 was
 * authorized ... The remaining IMR eligible portion ... is: Upheld") and runs
 * up to its opening "... was the original request.".
 */
import type { Span } from '../model';
import { previousNonBlank, type Line } from './lines';
import { endsSentence } from './lineKinds';

/** How far back a title may reach, in non-blank lines (the longest real one is about six). */
const MAX_TITLE_LINES = 10;
const PARTIAL_OPENING_RE = /\bwas\s+the\s+original\s+request\b/i;
const PARTIAL_ANY_RE = /\boriginal\s+request\b|\bIMR\s+eligible\b/i;

/**
 * The first line of a title whose last line is `last`, no higher than `floor`
 * (the line after the previous outcome). A walk that reaches MAX_TITLE_LINES
 * found no start: the title is its last line alone.
 */
export function titleStartLine(lines: readonly Line[], last: number, floor: number): number {
  let start = last;
  for (let count = 1; count < MAX_TITLE_LINES; count++) {
    const above = previousNonBlank(lines, start - 1, floor);
    if (above < 0) return start;
    const kind = lines[above].kind.kind;
    if (kind === 'fieldLabel' || kind === 'heading' || kind === 'leadIn') return start;
    if (endsSentence(lines[above]) && !partialTitlePending(lines, start, last)) return start;
    start = above;
  }
  return last;
}

/** Whether the title lines from..to mention the original request without opening with it: the walk goes on up to the opening. */
function partialTitlePending(lines: readonly Line[], from: number, to: number): boolean {
  const text = lines
    .slice(from, to + 1)
    .filter((line) => !line.blank)
    .map((line) => line.text)
    .join(' ');
  return PARTIAL_ANY_RE.test(text) && !PARTIAL_OPENING_RE.test(text);
}

/**
 * The span of a title on lines startLine..lastLine: from its first character
 * to the colon before the outcome (`colon`), else to the end of its last line
 * without a trailing colon; trailing white space left out.
 */
export function titleSpanOf(source: string, lines: readonly Line[], startLine: number, lastLine: number, colon: number | undefined): Span | undefined {
  let first = startLine;
  while (first <= lastLine && lines[first].blank) first++;
  if (first > lastLine) return undefined;
  const start = lines[first].textStart;
  let end: number;
  if (colon !== undefined) {
    end = colon;
  } else {
    const last = previousNonBlank(lines, lastLine, first);
    end = lines[last].textEnd;
    if (source[end - 1] === ':') end--;
  }
  return { start, end: start + source.slice(start, end).trimEnd().length };
}
