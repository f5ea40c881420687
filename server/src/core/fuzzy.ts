/**
 * Fuzzy matching for symbol search: the query's characters must appear in the
 * target in order (a subsequence, case-insensitive, white space in the query
 * ignored). Among the ways to place them, the best one is scored: characters
 * at the start of a word and runs of consecutive characters count most, so
 * "mrics" ranks "MRI of the Cervical Spine" above a title that merely contains
 * those letters scattered.
 */

const SCORE_MATCH = 1;
const BONUS_WORD_START = 8;
const BONUS_FIRST_CHARACTER = 4;
const BONUS_CONSECUTIVE = 10;
const BONUS_SAME_CASE = 1;

/** Letters and digits, any character beyond ASCII counted as a letter. */
const isAlphanumeric = (c: string) => /^[0-9A-Za-z\u0080-\uffff]$/.test(c);
const isDigit = (c: string) => /^[0-9]$/.test(c);

/** A word starts after a non-alphanumeric character, at a lower-to-upper change ("camelCase"), and between letters and digits. */
function isWordStart(target: string, j: number): boolean {
  if (j === 0) return true;
  const c = target[j];
  const p = target[j - 1];
  return !isAlphanumeric(p) || (/^[A-Z]$/.test(c) && /^[a-z]$/.test(p)) || isDigit(c) !== isDigit(p);
}

/** The query without white space; an empty result matches everything. */
export function normalizeQuery(query: string): string {
  return query.replace(/\s+/g, '');
}

/**
 * How many characters of `queryLower`, from `from` on, a greedy left-to-right
 * scan finds in `textLower` (both lower case): the query is a subsequence of
 * the text when the answer is its length. Chain calls to scan several texts.
 */
export function consumed(queryLower: string, textLower: string, from = 0): number {
  let k = from;
  for (let i = 0; i < textLower.length && k < queryLower.length; i++) if (textLower[i] === queryLower[k]) k++;
  return k;
}

/** What placing query character `q` at target[j] earns by itself (runs are counted by the caller). */
function placementScore(q: string, target: string, j: number): number {
  let score = SCORE_MATCH;
  if (isWordStart(target, j)) score += BONUS_WORD_START;
  if (j === 0) score += BONUS_FIRST_CHARACTER;
  if (target[j] === q) score += BONUS_SAME_CASE;
  return score;
}

/**
 * The score of the best placement of `query` in `target`, or undefined when
 * `query` is not a subsequence of it. Higher is better; the empty query
 * scores 0 against anything. `query` must be normalised (no white space);
 * callers that score many targets pass the lower-cased forms they keep.
 */
export function fuzzyScore(query: string, target: string, targetLower = target.toLowerCase(), queryLower = query.toLowerCase()): number | undefined {
  if (query.length === 0) return 0;
  // Most names searched do not hold the query: one scan rejects them before any scoring.
  if (query.length > target.length || consumed(queryLower, targetLower) < query.length) return undefined;
  // best[j]: the best score of the query's characters so far with the last of them at target[j]
  // (-Infinity where it cannot stand). A character either continues a run (the previous one at
  // j - 1) or follows a gap (the previous one anywhere before j - 1).
  let best: number[] = [];
  for (let i = 0; i < query.length; i++) {
    const row = new Array<number>(target.length).fill(-Infinity);
    let bestBeforeGap = -Infinity;
    for (let j = 0; j < target.length; j++) {
      if (i > 0 && j >= 2) bestBeforeGap = Math.max(bestBeforeGap, best[j - 2]);
      if (targetLower[j] !== queryLower[i]) continue;
      const here = placementScore(query[i], target, j);
      if (i === 0) {
        row[j] = here;
        continue;
      }
      const viaRun = j > 0 ? best[j - 1] + BONUS_CONSECUTIVE : -Infinity;
      row[j] = Math.max(viaRun, bestBeforeGap) + here;
    }
    best = row;
  }
  const result = best.reduce((a, b) => Math.max(a, b), -Infinity);
  return result === -Infinity ? undefined : result;
}
