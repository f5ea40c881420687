/**
 * Which extraction a letter's text comes from (see model.ts `Layout`): every
 * line followed by a blank one (older letters), pdftotext -layout (centred
 * headings, the header table in columns), or reading order (few blank lines,
 * header labels alone on their lines).
 */
import type { Layout } from '../model';
import type { Line } from './lines';

/** Share of text lines followed by a blank line above which a letter is double-spaced. */
const DOUBLE_SPACED = 0.8;
/** Indentation of a centred heading. */
const CENTRED = 8;
/** Share of blank lines below which a letter is in reading order. */
const READING_ORDER_BLANKS = 0.04;

export function detectLayout(lines: readonly Line[]): Layout {
  let text = 0;
  let followedByBlank = 0;
  lines.forEach((line, i) => {
    if (line.blank) return;
    text++;
    if (lines[i + 1]?.blank) followedByBlank++;
  });
  if (text === 0) return 'unknown';
  if (followedByBlank / text > DOUBLE_SPACED) return 'double-spaced';
  // The header table's first label alone on its line: its value comes later (reading order).
  const caseNumber = lines.find((line) => line.kind.kind === 'caseNumber');
  if (caseNumber && /Case\s+Number\s*:$/i.test(caseNumber.text)) return 'reading-order';
  if (lines.some((line) => line.indent >= CENTRED && line.kind.kind === 'heading')) return 'layout';
  const blank = lines.length - text;
  return blank / lines.length < READING_ORDER_BLANKS ? 'reading-order' : 'layout';
}
