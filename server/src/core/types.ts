/**
 * Protocol-shaped value types the features return. They mirror the LSP's
 * shapes (0-based lines, UTF-16 columns) so the adapter can pass them through,
 * but they are declared here so the core depends on nothing outside itself.
 */
import type { Span } from './model';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A rule's configured level: a severity, or `ignore` to switch it off. */
export type RuleLevel = Severity | 'ignore';

export type DiagnosticCode =
  | 'missing-section'
  | 'missing-field'
  | 'missing-outcome'
  | 'no-items'
  | 'chapter-mismatch'
  | 'chapter-title-mismatch'
  | 'page-out-of-range'
  | 'outcome-contradiction'
  | 'mtus-basis-contradiction'
  | 'duplicate-item';

export interface RelatedInformation {
  range: Range;
  message: string;
}

export interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedInformation[];
  /** Rule-specific payload for quick fixes. */
  data?: unknown;
}

/** Symbol kinds used by the outline, named after the LSP SymbolKind they map to. */
export type OutlineKind = 'namespace' | 'module' | 'class' | 'field' | 'property' | 'key' | 'event' | 'constant';

/**
 * One outline entry. Like the model it is made of offsets (spans often are the model's own
 * objects): positions are computed only when a client asks, by `outlineRanges`. The outline is
 * read-only, since it shares spans with the model.
 */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** The whole symbol, as offsets into the text. */
  span: Span;
  /** The part to select and reveal when the symbol is chosen; inside `span`. */
  selectionSpan: Span;
  children: OutlineSymbol[];
}

export interface ValidationSettings {
  enabled: boolean;
  /** Per-rule level; a rule not named here uses its default severity. */
  rules: Partial<Record<DiagnosticCode, RuleLevel>>;
}

export const DEFAULT_VALIDATION: ValidationSettings = { enabled: true, rules: {} };
