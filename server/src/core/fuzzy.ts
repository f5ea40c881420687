/**
 * Fuzzy matching for symbol search: the query's characters must appear in the
 * target in order (a subsequence, case-insensitive, white space in the query
 * ignored). Among the ways to place them, the best one is scored: characters
 * at the start of a word and runs of consecutive characters count most, so
 * "mrics" ranks "MRI of the Cervical Spine" above a title that merely contains
 * those letters scattered.
 *
 * Searches score tens of thousands of names per keystroke, so the scorer
 * allocates nothing per call and looks only at the positions where each query
 * character can stand (between its earliest and its latest possible place).
 */

const SCORE_MATCH = 1;
const BONUS_WORD_START = 8;
const BONUS_FIRST_CHARACTER = 4;
const BONUS_CONSECUTIVE = 10;
const BONUS_SAME_CASE = 1;

function isAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A word starts after a non-alphanumeric character, at a lower-to-upper change, and between letters and digits. */
function isWordStart(target: string, j: number): boolean {
  if (j === 0) return true;
  const c = target.charCodeAt(j);
  const p = target.charCodeAt(j - 1);
  return !isAlphanumeric(p) || (c >= 65 && c <= 90 && p >= 97 && p <= 122) || isDigit(c) !== isDigit(p);
}

/** The query without white space; an empty result matches everything. */
export function normalizeQuery(query: string): string {
  return query.replace(/\s+/g, '');
}

/**
 * The set of letters and digits in a lower-case text as bits (a-z: bits 0-25, digits folded into
 * 26-31). A target can hold the query only if its mask covers the query's: one AND rejects most
 * names before any character is compared. Other characters are not tracked (they never reject).
 */
export function charMask(textLower: string): number {
  let mask = 0;
  for (let i = 0; i < textLower.length; i++) {
    const c = textLower.charCodeAt(i);
    if (c >= 97 && c <= 122) mask |= 1 << (c - 97);
    else if (c >= 48 && c <= 57) mask |= 1 << (26 + ((c - 48) % 6));
  }
  return mask;
}

/**
 * How many characters of `queryLower`, from `from` on, a greedy left-to-right
 * scan finds in `textLower` (both lower case): the query is a subsequence of
 * the text when the answer is its length. Chain calls to scan several texts.
 */
export function consumed(queryLower: string, textLower: string, from = 0): number {
  let k = from;
  for (let i = 0; i < textLower.length && k < queryLower.length; i++) if (textLower.charCodeAt(i) === queryLower.charCodeAt(k)) k++;
  return k;
}

// Buffers reused by every call (grown when a longer target comes).
let previous = new Float64Array(128);
let current = new Float64Array(128);
let first = new Int32Array(32);
let last = new Int32Array(32);

/**
 * The score of the best placement of `query` in `target`, or undefined when
 * `query` is not a subsequence of it. Higher is better; the empty query
 * scores 0 against anything. `query` must be normalised (no white space);
 * callers that score many targets pass the lower-cased forms they keep.
 */
export function fuzzyScore(query: string, target: string, targetLower = target.toLowerCase(), queryLower = query.toLowerCase()): number | undefined {
  const q = query.length;
  const n = target.length;
  if (q === 0) return 0;
  if (q > n) return undefined;
  if (first.length < q) {
    first = new Int32Array(q * 2);
    last = new Int32Array(q * 2);
  }
  // Earliest place of each query character (greedy from the left); none means no match.
  let j = 0;
  for (let i = 0; i < q; i++) {
    const c = queryLower.charCodeAt(i);
    while (j < n && targetLower.charCodeAt(j) !== c) j++;
    if (j === n) return undefined;
    first[i] = j++;
  }
  // Latest place of each (greedy from the right).
  j = n - 1;
  for (let i = q - 1; i >= 0; i--) {
    const c = queryLower.charCodeAt(i);
    while (targetLower.charCodeAt(j) !== c) j--;
    last[i] = j--;
  }
  if (previous.length < n) {
    previous = new Float64Array(n * 2);
    current = new Float64Array(n * 2);
  }

  // current[j]: the best score of query[0..i] with query[i] at target[j]; only [first[i], last[i]] is used.
  for (let i = 0; i < q; i++) {
    const qc = queryLower.charCodeAt(i);
    const qcOriginal = query.charCodeAt(i);
    let gapBest = -Infinity; // best of previous[first[i-1] .. j-2]
    let k = i > 0 ? first[i - 1] : 0;
    for (let at = first[i]; at <= last[i]; at++) {
      if (i > 0) {
        for (; k <= at - 2 && k <= last[i - 1]; k++) if (previous[k] > gapBest) gapBest = previous[k];
      }
      if (targetLower.charCodeAt(at) !== qc) {
        current[at] = -Infinity;
        continue;
      }
      let here = SCORE_MATCH;
      if (isWordStart(target, at)) here += BONUS_WORD_START;
      if (at === 0) here += BONUS_FIRST_CHARACTER;
      if (target.charCodeAt(at) === qcOriginal) here += BONUS_SAME_CASE;
      if (i === 0) {
        current[at] = here;
        continue;
      }
      const viaRun = at - 1 >= first[i - 1] && at - 1 <= last[i - 1] ? previous[at - 1] + BONUS_CONSECUTIVE : -Infinity;
      const best = viaRun > gapBest ? viaRun : gapBest;
      current[at] = best === -Infinity ? -Infinity : best + here;
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  let result = -Infinity;
  for (let at = first[q - 1]; at <= last[q - 1]; at++) if (previous[at] > result) result = previous[at];
  return result === -Infinity ? undefined : result;
}
