/**
 * Cheap content detection: does this text look like an IMR Final Determination
 * Letter? Used by the client to switch a plain-text document's language, and by
 * the CLI to pick letters out of folders. Reads only the first part of the text.
 */

const SIGNALS: readonly RegExp[] = [
  /HOW THE IMR FINAL DETERMINATION WAS MADE/i,
  /CLINICAL CASE SUMMARY/i,
  /IMR ISSUES,\s*DECISIONS\s+AND\s+RATIONALES/i,
  /Claims Administrator guideline:/i,
  /MAXIMUS guideline:/i,
  /Decision rationale:/i,
  /MAXIMUS Federal Services/i,
  /Case Number:\s*CM\d{2}-\d{5,}/i,
];

/** How much of the text detection reads: enough for the headings of any real letter. */
export const DETECTION_WINDOW = 64 * 1024;

export function looksLikeDetermination(text: string): boolean {
  const head = text.length <= DETECTION_WINDOW ? text : text.slice(0, DETECTION_WINDOW);
  if (head.includes('\u0000')) return false;
  let hits = 0;
  for (const signal of SIGNALS) {
    if (signal.test(head)) hits++;
    if (hits >= 2) return true;
  }
  return false;
}
