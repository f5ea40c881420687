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

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

function trimmed(text: string, line: Span): Span {
  let { start, end } = line;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** Letters, digits and letters outside ASCII (°, é); a word in "10/325mg" is "10" or "325mg". */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000);
}

/** The word under the cursor, or just before it (a cursor at a word's end selects that word). */
function wordAround(text: string, line: Span, offset: number): Span | undefined {
  let at = offset;
  if (!(at < line.end && isWordCode(text.charCodeAt(at)))) {
    if (at > line.start && isWordCode(text.charCodeAt(at - 1))) at--;
    else return undefined;
  }
  let start = at;
  while (start > line.start && isWordCode(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < line.end && isWordCode(text.charCodeAt(end))) end++;
  return { start, end };
}
