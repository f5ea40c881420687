/**
 * Stage 4: the header facts. The table before the first heading (headerTable.ts)
 * gives most of them; the reviewer's credentials come from the first section
 * (labelled lines in 2016-17 letters, a sentence of the boilerplate in older
 * ones), and an older letter's date of injury from the case summary's prose.
 */
import type { Header, HeaderFact, HeaderKey } from '../model';
import { fold, spanOf, type FoldedText } from '../text';
import { textBetween } from './lines';
import type { Line } from './lines';
import type { SectionLines } from './sections';
import { headerFact, parseHeaderTable, type HeaderFacts } from './headerTable';

/** How many lines a letter without headings is searched for a header table. */
const MAX_HEADER_LINES = 40;
/** How far into a section the prose is searched for credentials, and for the date of injury. */
const CREDENTIALS_WINDOW = 3000;
const INJURY_DATE_WINDOW = 4000;

const LICENSURE_RE = /State\(s\)\s+of\s+Licensure\s*:/i;
const SPECIALTY_RE = /Certification\(s\)\s*\/\s*Specialty\s*:/i;
/** Older letters: "The expert reviewer is Board Certified in ... and is licensed to practice in ...". */
const BOARD_CERTIFIED_RE = /Board\s+Certified\s+in\s+(.+?)\s+and\s+is\s+licensed\s+to\s+practice\s+in\s+(.+?)\./i;
const INJURY_DATE_RES = [
  /\b(?:date of injury|DOI)\)?\s*(?:of|on|was|is|:)?\s*(\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2}))\b/i,
  /\binjur(?:y|ed)\s+on\s+(\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2}))\b/i,
];
/** A credentials value cut at "&", ",", "/", "-" or "and" goes on on the next line. */
const CONTINUED_RE = /(?:[&,/-]|\band)$/;

export function parseHeader(source: string, lines: readonly Line[], sections: readonly SectionLines[]): Header {
  const tableEnd = sections.length > 0 ? sections[0].bodyStart - 1 : Math.min(lines.length, MAX_HEADER_LINES);
  const { facts, span } = parseHeaderTable(source, lines, tableEnd);
  const howMade = sections.find((s) => s.section.kind === 'howMade');
  if (howMade) addCredentials(source, lines, howMade, facts);
  const summary = sections.find((s) => s.section.kind === 'clinicalSummary');
  const injured = summary && !facts.dateOfInjury ? injuryDateOf(source, summary) : undefined;
  if (injured) facts.dateOfInjury = injured;
  return span ? { ...facts, span } : { ...facts };
}

function addCredentials(source: string, lines: readonly Line[], howMade: SectionLines, facts: HeaderFacts): void {
  facts.licensure ??= labelledFact(source, lines, howMade, LICENSURE_RE, 'licensure');
  facts.specialty ??= labelledFact(source, lines, howMade, SPECIALTY_RE, 'specialty');
  if (facts.licensure && facts.specialty) return;
  const { span, headingSpan } = howMade.section;
  const folded = fold(source, headingSpan.end, Math.min(span.end, headingSpan.end + CREDENTIALS_WINDOW));
  const older = BOARD_CERTIFIED_RE.exec(folded.text);
  if (older) {
    facts.specialty ??= factOfMatch(folded, older, 1, 'specialty');
    facts.licensure ??= factOfMatch(folded, older, 2, 'licensure');
  }
}

/** The value after a label on a line of the section, perhaps going on on the next line. */
function labelledFact(source: string, lines: readonly Line[], section: SectionLines, label: RegExp, key: HeaderKey): HeaderFact | undefined {
  for (let i = section.bodyStart; i < section.bodyEnd; i++) {
    const t = lines[i].text;
    const m = label.exec(t);
    if (!m) continue;
    const afterLabel = m.index + m[0].length;
    const value = t.slice(afterLabel).trim();
    if (!value) return undefined;
    const start = lines[i].textStart + t.indexOf(value, afterLabel);
    let end = start + value.length;
    if (CONTINUED_RE.test(value) && i + 1 < section.bodyEnd && continuesValue(lines[i + 1])) end = lines[i + 1].textEnd;
    const labelStart = lines[i].textStart + m.index;
    return headerFact(key, textBetween(source, lines, i, start, end), { start, end }, { start: labelStart, end: labelStart + m[0].length });
  }
  return undefined;
}

/** A line that can carry on a value: text without a colon (not another label) that is no heading. */
function continuesValue(line: Line): boolean {
  return !line.blank && !line.text.includes(':') && line.kind.kind !== 'heading';
}

function injuryDateOf(source: string, summary: SectionLines): HeaderFact | undefined {
  const { span, headingSpan } = summary.section;
  const folded = fold(source, headingSpan.end, Math.min(span.end, headingSpan.end + INJURY_DATE_WINDOW));
  for (const re of INJURY_DATE_RES) {
    const m = re.exec(folded.text);
    if (m) return factOfMatch(folded, m, 1, 'dateOfInjury');
  }
  return undefined;
}

function factOfMatch(folded: FoldedText, m: RegExpExecArray, group: number, key: HeaderKey): HeaderFact | undefined {
  const raw = m[group];
  if (raw === undefined) return undefined;
  const from = m.index + m[0].indexOf(raw);
  return headerFact(key, raw.trim(), spanOf(folded, from, from + raw.trim().length));
}
