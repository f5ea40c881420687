/**
 * Stage 2: what each line of a letter is. The kinds are tried in the order of
 * LINE_RULES and the first that fits names the line, so a line is one thing:
 * a heading, the "Case Number:" row that opens a letter's header, a field
 * label, an outcome, the issues section's lead-in, or text.
 *
 * A new spelling of a heading or a label is a row in HEADINGS or FIELD_LABEL_SPELLINGS;
 * a new kind of line is a rule in LINE_RULES (and a case where the item scanner reads it).
 */
import type { FieldKind, Outcome, SectionKind } from '../model';
import { SECTION_HEADINGS } from '../model';
import { splitLines, type Line } from './lines';
import { anyRow, phrasePattern, rowOf } from './patterns';

export type LineKind =
  | { readonly kind: 'blank' }
  | { readonly kind: 'text' }
  | { readonly kind: 'heading'; readonly section: SectionKind; readonly name: string }
  /** "Case Number:" opens a letter's header table (and, in a file of letters joined, the next letter). */
  | { readonly kind: 'caseNumber' }
  /** A field label opening the line: the label as the letter spells it, through its colon. */
  | { readonly kind: 'fieldLabel'; readonly field: FieldKind; readonly label: string }
  /**
   * An outcome word ending the line, after a colon (`MRI Cervical:  Upheld`) or alone on the
   * line (an outcome only when the line above ends in a colon); `wordAt` and `colonAt` are
   * indexes in the line's text.
   */
  | { readonly kind: 'outcome'; readonly outcome: Outcome; readonly wordAt: number; readonly colonAt: number | undefined }
  /** "The Final Determination was based on decisions for the disputed items/services set forth below:" */
  | { readonly kind: 'leadIn' };

export type KindName = LineKind['kind'];

/**
 * Heading spellings. Letters write them in capitals, centred or not, sometimes
 * with a colon; extraction may change the spacing and drop the comma. Matched
 * in any case, any white space between the words, the comma optional, and
 * alone on a line of at most MAX_HEADING_LINE characters.
 */
const HEADINGS: ReadonlyArray<{ section: SectionKind; spelling: string }> = [
  { section: 'howMade', spelling: 'HOW THE IMR FINAL DETERMINATION WAS MADE' },
  { section: 'clinicalSummary', spelling: 'CLINICAL CASE SUMMARY' },
  { section: 'issues', spelling: 'IMR ISSUES, DECISIONS AND RATIONALES' },
];
const MAX_HEADING_LINE = 120;

/** Field label spellings (every real letter spells them so); matched in any case and spacing, white space allowed before the colon. */
const FIELD_LABEL_SPELLINGS: ReadonlyArray<{ field: FieldKind; spelling: string }> = [
  { field: 'claimsAdministratorGuideline', spelling: 'Claims Administrator guideline' },
  { field: 'maximusGuideline', spelling: 'MAXIMUS guideline' },
  { field: 'decisionRationale', spelling: 'Decision rationale' },
];

const CASE_NUMBER_RE = /^Case\s+Number\s*:/i;
const OUTCOME_WORD_RE = /(upheld|overturned)$/i;
const SET_FORTH_BELOW_RE = /set\s+forth\s+below\s*:?$/i;
const DISPUTED_ITEMS_RE = /disputed\s+items?\/services?\b.*:$/i;

const HEADING_RE = new RegExp(`^(?:${anyRow(HEADINGS.map((h) => phrasePattern(h.spelling)))})\\s*:?$`, 'i');
const HEADING_KINDS: readonly LineKind[] = HEADINGS.map((h) => ({
  kind: 'heading',
  section: h.section,
  name: SECTION_HEADINGS.find((s) => s.kind === h.section)!.heading,
}));
const LABEL_RE = new RegExp(`^(?:${anyRow(FIELD_LABEL_SPELLINGS.map((l) => phrasePattern(l.spelling)))})\\s*:`, 'i');

/** The rules, in the order they are tried. */
const LINE_RULES: ReadonlyArray<{ name: KindName; match: (text: string, length: number) => LineKind | undefined }> = [
  { name: 'heading', match: heading },
  { name: 'caseNumber', match: (text) => (CASE_NUMBER_RE.test(text) ? CASE_NUMBER : undefined) },
  { name: 'fieldLabel', match: fieldLabel },
  { name: 'outcome', match: outcome },
  { name: 'leadIn', match: (text) => (isLeadIn(text) ? LEAD_IN : undefined) },
];

const BLANK: LineKind = { kind: 'blank' };
const TEXT: LineKind = { kind: 'text' };
const CASE_NUMBER: LineKind = { kind: 'caseNumber' };
const LEAD_IN: LineKind = { kind: 'leadIn' };

/** The text's lines, each with its kind. */
export function readLines(source: string): Line[] {
  return splitLines(source, kindOf);
}

/** What a line is: `text` is the line without leading and trailing white space, `length` the whole line's. */
export function kindOf(text: string, length: number): LineKind {
  if (text === '') return BLANK;
  for (const rule of LINE_RULES) {
    const kind = rule.match(text, length);
    if (kind) return kind;
  }
  return TEXT;
}

function heading(text: string, length: number): LineKind | undefined {
  const m = length <= MAX_HEADING_LINE ? HEADING_RE.exec(text) : null;
  return m ? HEADING_KINDS[rowOf(m)] : undefined;
}

function fieldLabel(text: string): LineKind | undefined {
  const m = LABEL_RE.exec(text);
  return m ? { kind: 'fieldLabel', field: FIELD_LABEL_SPELLINGS[rowOf(m)].field, label: m[0] } : undefined;
}

/** An outcome word (any case) last on the line, after a colon or alone. */
function outcome(text: string): LineKind | undefined {
  const m = OUTCOME_WORD_RE.exec(text);
  if (!m) return undefined;
  const outcome: Outcome = m[1].toLowerCase() === 'upheld' ? 'Upheld' : 'Overturned';
  const before = text.slice(0, m.index).trimEnd();
  if (before === '') return { kind: 'outcome', outcome, wordAt: m.index, colonAt: undefined };
  return before.endsWith(':') ? { kind: 'outcome', outcome, wordAt: m.index, colonAt: before.length - 1 } : undefined;
}

/** The issues section's lead-in: its sentence ends "... set forth below:" (the colon may be lost) or names "the disputed items/services" and ends in a colon. */
function isLeadIn(text: string): boolean {
  // The ending first: the patterns read the whole line, and most lines end otherwise.
  if (text.endsWith(':')) return SET_FORTH_BELOW_RE.test(text) || DISPUTED_ITEMS_RE.test(text);
  return /below$/i.test(text) && SET_FORTH_BELOW_RE.test(text);
}

/** Whether a line ends a sentence: . ! or ? perhaps followed by closing quotes or brackets. */
export function endsSentence(line: Line): boolean {
  return /[.!?]["'\u201d\u2019)\]]*$/.test(line.text);
}

/** The order of the fields in an item (a label of the same or an earlier kind starts the next item). */
export function fieldOrder(field: FieldKind): number {
  return FIELD_LABEL_SPELLINGS.findIndex((l) => l.field === field);
}
