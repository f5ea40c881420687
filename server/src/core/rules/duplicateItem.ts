import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import type { DisputedItem } from '../model';
import { collapseWhiteSpace, isWhiteSpace } from '../text';

/**
 * Titles compared without case, spacing or trailing punctuation:
 * `title.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.:;,]+$/, '').trim()`, without the regexes.
 */
function key(title: string): string {
  const lower = title.toLowerCase();
  let end = lower.length;
  for (let c = lower.charCodeAt(end - 1); end > 0 && (isWhiteSpace(c) || c === 46 || c === 58 || c === 59 || c === 44); c = lower.charCodeAt(end - 1)) end--;
  let start = 0;
  while (start < end && isWhiteSpace(lower.charCodeAt(start))) start++;
  return collapseWhiteSpace(lower, start, end);
}

/** The part of a title its key is made from: [start, end) once white space and trailing punctuation are trimmed. */
function trimmedEnds(title: string): [number, number] {
  let end = title.length;
  for (let c = title.charCodeAt(end - 1); end > 0 && (isWhiteSpace(c) || c === 46 || c === 58 || c === 59 || c === 44); c = title.charCodeAt(end - 1)) end--;
  let start = 0;
  while (start < end && isWhiteSpace(title.charCodeAt(start))) start++;
  return [start, end];
}

/**
 * A hash of key(title), computed from the title without building the key: ASCII letters lower
 * cased, each white space run as one space, the same ends trimmed (lower-casing ASCII moves no
 * character). Titles with other characters (whose lower case may differ in length) hash their key
 * itself. Equal keys give equal hashes.
 */
function keyHash(title: string): number {
  const [start, end] = trimmedEnds(title);
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = title.charCodeAt(i);
    if (c >= 128) return stringHash(key(title));
    if (c >= 65 && c <= 90) c += 32;
    else if (isWhiteSpace(c)) {
      while (i + 1 < end && isWhiteSpace(title.charCodeAt(i + 1))) i++;
      c = 32;
    }
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/** key(a) === key(b), read from the titles side by side when both are ASCII. */
function sameKey(a: string, b: string): boolean {
  const [aStart, aEnd] = trimmedEnds(a);
  const [bStart, bEnd] = trimmedEnds(b);
  let i = aStart;
  let j = bStart;
  while (i < aEnd && j < bEnd) {
    let c = a.charCodeAt(i);
    let d = b.charCodeAt(j);
    if (c >= 128 || d >= 128) return key(a) === key(b);
    if (isWhiteSpace(c)) {
      while (i + 1 < aEnd && isWhiteSpace(a.charCodeAt(i + 1))) i++;
      c = 32;
    } else if (c >= 65 && c <= 90) c += 32;
    if (isWhiteSpace(d)) {
      while (j + 1 < bEnd && isWhiteSpace(b.charCodeAt(j + 1))) j++;
      d = 32;
    } else if (d >= 65 && d <= 90) d += 32;
    if (c !== d) return hasOtherCharacters(a, i, aEnd) || hasOtherCharacters(b, j, bEnd) ? key(a) === key(b) : false;
    i++;
    j++;
  }
  if (i < aEnd || j < bEnd) return hasOtherCharacters(a, i, aEnd) || hasOtherCharacters(b, j, bEnd) ? key(a) === key(b) : false;
  return true;
}

function hasOtherCharacters(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) >= 128) return true;
  return false;
}

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The same disputed item decided twice in one letter. A text may hold several letters one after
 * another (a batch extracted to one file): a letter's opening headings (how the determination was
 * made, the clinical summary) after an item begin the next letter, and titles are compared only
 * within a letter.
 */
export const duplicateItem: Rule = {
  code: 'duplicate-item',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    // Titles are told apart by the hash of their key. A title whose hash was seen is compared
    // with the first title of that hash; should they differ (two keys, one hash), that hash maps
    // to null from then on and its titles are compared by their keys.
    const firstByHash = new Map<number, DisputedItem | null>();
    let firstByKey: Map<string, DisputedItem> | undefined;
    const sections = model.sections;
    let s = 0;
    let previousStart = -1;
    const items = model.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      // Sections and items are in document order: a letter's opening heading between the
      // previous item and this one starts a new letter. (Spans are made when asked: read once.)
      const itemStart = item.span.start;
      let newLetter = false;
      for (; s < sections.length; s++) {
        const sectionStart = sections[s].span.start;
        if (sectionStart >= itemStart) break;
        if (sections[s].kind !== 'issues' && sectionStart > previousStart && previousStart >= 0) newLetter = true;
      }
      previousStart = itemStart;
      if (newLetter) {
        firstByHash.clear();
        firstByKey = undefined;
      }
      const titleSpan = item.titleSpan; // made when asked: read once
      if (titleSpan.end <= titleSpan.start) continue;
      const h = keyHash(item.title);
      const sameHash = firstByHash.get(h);
      let first: DisputedItem | undefined;
      if (sameHash === undefined) {
        firstByHash.set(h, item);
        continue;
      } else if (sameHash !== null && sameKey(sameHash.title, item.title)) {
        first = sameHash;
      } else {
        firstByKey ??= new Map();
        if (sameHash !== null) {
          const firstKey = key(sameHash.title);
          if (!firstByKey.has(firstKey)) firstByKey.set(firstKey, sameHash);
          firstByHash.set(h, null);
        }
        const k = key(item.title);
        first = firstByKey.get(k);
        if (!first) {
          firstByKey.set(k, item);
          continue;
        }
      }
      out.push({
        span: item.titleSpan,
        message: `${quoteTitle(item.shortTitle)} is decided twice in this letter: merge the two items or tell them apart in the title.`,
        related: [{ span: first.titleSpan, message: 'The first item with this title.' }],
      });
    }
    return out;
  },
};
