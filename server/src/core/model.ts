/**
 * The determination model: what the parser makes of one letter's text.
 *
 * Every location is a half-open span of UTF-16 offsets into the original text
 * (`text.slice(span.start, span.end)`). Spans become LSP positions through
 * `LineIndex`, so the model itself stays independent of any protocol.
 */
import type { FoldedText } from './text';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Outcome = 'Upheld' | 'Overturned';

export type SectionKind = 'howMade' | 'clinicalSummary' | 'issues';

/** The three headings in the order letters use them. */
export const SECTION_HEADINGS: ReadonlyArray<{ kind: SectionKind; heading: string }> = [
  { kind: 'howMade', heading: 'HOW THE IMR FINAL DETERMINATION WAS MADE' },
  { kind: 'clinicalSummary', heading: 'CLINICAL CASE SUMMARY' },
  { kind: 'issues', heading: 'IMR ISSUES, DECISIONS AND RATIONALES' },
];

export interface Section {
  readonly kind: SectionKind;
  /** Canonical heading text, e.g. "CLINICAL CASE SUMMARY". */
  readonly name: string;
  /** From the heading's first character to the end of the section's last non-blank text. */
  readonly span: Span;
  readonly headingSpan: Span;
}

/** One header fact, with the raw text as written and a normalised value (ISO 8601 for dates). */
export interface HeaderFact {
  readonly value: string;
  readonly raw: string;
  readonly span: Span;
  /** Where the label stands; absent for facts found inside running prose. */
  readonly labelSpan?: Span;
}

export type HeaderKey =
  | 'caseNumber'
  | 'dateAssigned'
  | 'decisionDate'
  | 'dateOfInjury'
  | 'urDenialDate'
  | 'applicationReceived'
  | 'priority'
  | 'licensure'
  | 'specialty';

export type Header = { readonly [K in HeaderKey]?: HeaderFact } & {
  /** The header table before the first heading, when the letter has one. */
  readonly span?: Span;
};

export type FieldKind = 'claimsAdministratorGuideline' | 'maximusGuideline' | 'decisionRationale';

export const FIELD_LABELS: ReadonlyArray<{ kind: FieldKind; label: string }> = [
  { kind: 'claimsAdministratorGuideline', label: 'Claims Administrator guideline:' },
  { kind: 'maximusGuideline', label: 'MAXIMUS guideline:' },
  { kind: 'decisionRationale', label: 'Decision rationale:' },
];

export interface Field {
  readonly kind: FieldKind;
  /** The label as the field spells it, e.g. "MAXIMUS guideline:". */
  readonly label: string;
  /** Label through the end of the field's last non-blank text. */
  readonly span: Span;
  readonly labelSpan: Span;
  /** The value after the label (may be empty). */
  readonly valueSpan: Span;
  /** The value with line breaks and runs of white space folded to one space, hyphen breaks joined (computed on first use). */
  readonly text: string;
  /** The folded value with its map back to source offsets (computed on first use). */
  readonly folded: FoldedText;
}

export type CitationKind = 'acoem' | 'mtus' | 'odg' | 'other';

export interface PageRange {
  readonly from: number;
  readonly to: number;
}

export interface GuidelineCitation {
  readonly kind: CitationKind;
  /** Which guideline field the citation stands in. */
  readonly field: FieldKind;
  /** True for "Decision based on MTUS ...", false for "Non-MTUS Citation ...". */
  readonly mtus: boolean;
  readonly span: Span;
  /** The citation's text, whitespace folded. */
  readonly text: string;
  /** ACOEM chapter number ("ACOEM Chapter 8"). */
  readonly chapter?: number;
  /** Title as cited: ACOEM chapter title, MTUS part name ("Knee Complaints"), or ODG chapter name. */
  readonly title?: string;
  readonly year?: number;
  readonly pages?: readonly PageRange[];
  /** Section names after "Section(s):". */
  readonly sections?: readonly string[];
  readonly url?: string;
}

export interface DisputedItem {
  /** Zero-based position among the letter's items. */
  readonly index: number;
  /** Full title, lines joined and whitespace folded (without the trailing colon). */
  readonly title: string;
  /** A name for outlines: the remaining portion of a partial authorisation, else the title. */
  readonly shortTitle: string;
  /** True when the title is a partial-authorisation sentence. */
  readonly partial: boolean;
  readonly titleSpan: Span;
  readonly outcome?: Outcome;
  readonly outcomeSpan?: Span;
  /** Title through the end of the last field. */
  readonly span: Span;
  readonly fields: { readonly [K in FieldKind]?: Field };
  /** Fields in document order, including repeated labels. */
  readonly fieldList: readonly Field[];
  readonly citations: readonly GuidelineCitation[];
}

export type Layout = 'double-spaced' | 'layout' | 'reading-order' | 'unknown';

export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
}

export interface Determination {
  readonly text: string;
  readonly layout: Layout;
  readonly header: Header;
  /** Sections found, in document order (missing ones are absent). */
  readonly sections: readonly Section[];
  readonly items: readonly DisputedItem[];
  /** The issues section's lead-in sentence, when present. */
  readonly issuesLeadIn?: Span;
  readonly problems: readonly ParseProblem[];
}
