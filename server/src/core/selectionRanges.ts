/**
 * Selection ranges ("expand selection"): from the cursor outwards, the word,
 * the line, the field (or the item's title and outcome), the item, the
 * section (or the header), the whole document.
 *
 * A level that does not strictly contain the one inside it is left out (a
 * one-line field is its own line; a line shared by two items belongs to
 * neither), so every parent is strictly larger than its child.
 */
import type { Analysis } from './index';
import type { Span } from './model';
import type { Position, Range } from './types';
import { itemAt, lineAround, sectionAt, spanContains, touches } from './locate';

/** For each position, its ranges from the innermost outwards (the last one is the whole document). */
export function selectionRanges(analysis: Analysis, positions: readonly Position[]): Range[][] {
  return positions.map((p) => selectionChain(analysis, p).map((s) => analysis.lines.range(s)));
}

/** The chain of spans around one position, innermost first. */
export function selectionChain(analysis: Analysis, position: Position): Span[] {
  const { model, lines } = analysis;
  const text = model.text;
  const offset = lines.offsetAt(position);

  // The structure around the cursor, innermost first; a level is kept only when it strictly contains the one kept before.
  const candidates: Array<Span | undefined> = [];
  const item = itemAt(model.items, offset);
  if (item) {
    const heading = { start: item.titleSpan.start, end: Math.max(item.titleSpan.end, item.outcomeSpan?.end ?? 0) };
    candidates.push(touches(heading, offset) ? heading : item.fieldList.find((f) => touches(f.span, offset))?.span, item.span);
  }
  const header = model.header.span;
  candidates.push(header && touches(header, offset) ? header : sectionAt(model.sections, offset)?.span, { start: 0, end: text.length });
  const structure: Span[] = [];
  for (const span of candidates) {
    if (!span || !touches(span, offset)) continue;
    const inner = structure[structure.length - 1];
    if (!inner || strictlyInside(inner, span)) structure.push(span);
  }

  const innermost = structure[0]!;
  const chain: Span[] = [];
  const wholeLine = lineAround(text, lines, offset);
  const line = trimmed(text, wholeLine);
  const lineFits = line.end > line.start && touches(line, offset) && strictlyInside(line, innermost);
  const word = wordAround(text, wholeLine, offset);
  if (word && strictlyInside(word, lineFits ? line : innermost)) chain.push(word);
  if (lineFits) chain.push(line);
  return chain.concat(structure);
}

function strictlyInside(inner: Span, outer: Span): boolean {
  return spanContains(outer, inner) && (inner.start !== outer.start || inner.end !== outer.end);
}

/** White space within a line: space, tab, form feed, vertical tab, no-break space, byte order mark. */
const isLineSpace = (c: string) => /^[ \t\f\v\xa0\ufeff]$/.test(c);

function trimmed(text: string, line: Span): Span {
  let { start, end } = line;
  while (start < end && isLineSpace(text.charAt(start))) start++;
  while (end > start && isLineSpace(text.charAt(end - 1))) end--;
  return { start, end };
}

/**
 * Letters, digits and letters outside ASCII (°, é: Latin-1 to Greek extended, without × and ÷);
 * a word in "10/325mg" is "10" or "325mg".
 */
const isWordChar = (c: string) => /^[0-9A-Za-z\xc0-\xd6\xd8-\xf6\xf8-\u1fff]$/.test(c);

/** The word under the cursor, or just before it (a cursor at a word's end selects that word). */
function wordAround(text: string, line: Span, offset: number): Span | undefined {
  let at = offset;
  if (!(at < line.end && isWordChar(text.charAt(at)))) {
    if (at > line.start && isWordChar(text.charAt(at - 1))) at--;
    else return undefined;
  }
  let start = at;
  while (start > line.start && isWordChar(text.charAt(start - 1))) start--;
  let end = at + 1;
  while (end < line.end && isWordChar(text.charAt(end))) end++;
  return { start, end };
}
