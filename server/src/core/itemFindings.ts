/**
 * Which findings belong to which disputed item: a finding belongs to an item
 * when its range lies inside the item's range. Shared by the CSV rows of
 * `imr extract` and the statistics, so both attribute findings alike.
 */
import type { Finding, Position, Range } from './types';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function inside(inner: Range, outer: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/**
 * The codes of the findings inside each item, indexed like `itemRanges`. Items are in document
 * order and disjoint (see locate.ts), so the one item that can hold a finding is the last to
 * start at or before it: a binary search per finding, rather than every finding tested against
 * every item, which made letters of many items quadratic.
 */
export function findingCodesByItem(itemRanges: readonly Range[], findings: readonly Finding[]): Finding['code'][][] {
  const codes = itemRanges.map((): Finding['code'][] => []);
  for (const f of findings) {
    let lo = 0;
    let hi = itemRanges.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (before(itemRanges[mid].start, f.range.start)) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (last >= 0 && inside(f.range, itemRanges[last])) codes[last].push(f.code);
  }
  return codes;
}
