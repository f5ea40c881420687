/**
 * Finding the part of a letter that holds an offset. Items and sections are
 * in document order and disjoint, so a binary search answers in O(log n):
 * features that run on every hover or cursor move never walk the whole model.
 */
import type { DisputedItem, Section, Span } from './model';
import type { LineIndex } from './lineIndex';

/** Whether `offset` lies in the span, its end included (a cursor just after a word is still on it). */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Whether `offset` is the position of one of the span's characters. */
export function covers(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}

export function spanContains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The last element of a list in document order whose span starts at or before `offset`. */
export function lastStartingBefore<T extends { readonly span: Span }>(list: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (list[mid]!.span.start <= offset) {
      found = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The element whose span touches `offset`, of a list in document order whose spans are disjoint. */
function touching<T extends { readonly span: Span }>(list: readonly T[], offset: number): T | undefined {
  const hit = lastStartingBefore(list, offset);
  return hit && touches(hit.span, offset) ? hit : undefined;
}

export function itemAt(items: readonly DisputedItem[], offset: number): DisputedItem | undefined {
  return touching(items, offset);
}

export function sectionAt(sections: readonly Section[], offset: number): Section | undefined {
  return touching(sections, offset);
}

/** The line holding `offset`, without its line break. */
export function lineAround(text: string, lines: LineIndex, offset: number): Span {
  const line = lines.positionAt(offset).line;
  const start = lines.lineStart(line);
  const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  const withoutBreak = text.slice(start, next).replace(/[\r\n]+$/, '');
  return { start, end: start + withoutBreak.length };
}
