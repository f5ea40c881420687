/**
 * Tables of spellings as regular expressions. A table of rows is matched as
 * one pattern with a group per row, so a line is tried once rather than once
 * per row, and the group that matched names the row.
 */

/** A phrase as a pattern: its words in any case, a space standing for any run of white space, a comma that may be left out. */
export function phrasePattern(phrase: string): string {
  return phrase
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/ /g, '\\s+')
    .replace(/,/g, ',?');
}

/** The rows' patterns as alternatives, one group each (a row's own groups must not capture). */
export function anyRow(rows: readonly string[]): string {
  return rows.map((row) => `(${row})`).join('|');
}

/** Which row of a pattern made by anyRow matched. */
export function rowOf(m: RegExpExecArray): number {
  return m.findIndex((group, k) => k > 0 && group !== undefined) - 1;
}
