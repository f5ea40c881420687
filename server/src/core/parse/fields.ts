/**
 * Stage 6: an item's fields and guideline citations, from the draft the item
 * scanner (items.ts) leaves: where its title, outcome and field labels stand,
 * and on which line each field ends.
 */
import type { DisputedItem, Field, FieldKind, GuidelineCitation, Outcome, Span } from '../model';
import { fold, foldedText, type FoldedText } from '../text';
import { CitationMemo } from '../citations';
import type { Line } from './lines';

export interface FieldDraft {
  readonly field: FieldKind;
  /** The label's line, and the label as the letter spells it, through its colon. */
  readonly line: number;
  readonly label: string;
  readonly labelStart: number;
  /** The first line after the field, once the next field, item or letter has begun. */
  endLine: number | undefined;
}

export interface ItemDraft {
  readonly titleSpan: Span;
  readonly outcome: Outcome | undefined;
  readonly outcomeSpan: Span | undefined;
  readonly fields: FieldDraft[];
}

/** A partial authorisation's title names the original request or the IMR eligible portion. */
const PARTIAL_RE = /\bwas\s+the\s+original\s+request\b|\bIMR\s+eligible\b/i;
/** The remaining portion a partial authorisation's title names: "..., the original request, <portion>, is". */
const PARTIAL_PORTION_RE = /(?:remaining\s+IMR\s+eligible\s+portion\s+of\s+the\s+original\s+request|the\s+original\s+request)\s*,\s*(.+?)\s*,?\s+is\s*$/i;

export function buildItem(source: string, lines: readonly Line[], draft: ItemDraft, index: number, memo: CitationMemo): DisputedItem {
  const { titleSpan, outcome, outcomeSpan } = draft;
  const title = foldedText(source, titleSpan.start, titleSpan.end);
  const partial = PARTIAL_RE.test(title);
  const citations: GuidelineCitation[] = [];
  const fieldList = draft.fields.map((f) => buildField(source, lines, f, memo, citations));
  const start = outcomeSpan ? Math.min(titleSpan.start, outcomeSpan.start) : titleSpan.start;
  const end = Math.max(titleSpan.end, outcomeSpan?.end ?? 0, ...fieldList.map((f) => f.valueSpan.end));
  return {
    index,
    title,
    shortTitle: partial ? partialShortTitle(title) : title,
    partial,
    titleSpan,
    outcome,
    outcomeSpan,
    span: { start, end },
    fields: fieldsByKind(fieldList),
    fieldList,
    citations,
  };
}

/**
 * A field runs from its label to the last text before its end line. A
 * guideline field's citations are appended to `citations` (a rationale cites
 * nothing the checks read).
 */
function buildField(source: string, lines: readonly Line[], draft: FieldDraft, memo: CitationMemo, citations: GuidelineCitation[]): ItemField {
  const endLine = draft.endLine ?? draft.line + 1;
  let last = endLine - 1;
  while (last > draft.line && lines[last].blank) last--;
  const labelEnd = draft.labelStart + draft.label.length;
  const valueEnd = Math.max(labelEnd, lines[last].textEnd);
  const valueStart = Math.min(valueEnd, afterWhiteSpace(source, labelEnd));
  let knownText: string | undefined;
  if (draft.field !== 'decisionRationale' && valueEnd > valueStart) {
    // Letters repeat the same guideline statements from item to item: the memo reads each wording once.
    const value = memo.lookUp(source, draft.field, valueStart, valueEnd);
    knownText = value.text;
    CitationMemo.append(value, draft.field, valueStart, citations);
  }
  return new ItemField(source, draft.field, draft.label, draft.labelStart, valueStart, valueEnd, knownText);
}

const WHITE_SPACE_RE = /\s*/y;

function afterWhiteSpace(source: string, from: number): number {
  WHITE_SPACE_RE.lastIndex = from;
  WHITE_SPACE_RE.test(source);
  return WHITE_SPACE_RE.lastIndex;
}

/**
 * A field keeps four numbers and makes its spans and folded text when they are
 * read: most rationales are never folded (folding them all would copy most of
 * the letter), and a letter of 10,000 items would otherwise keep 90,000 span
 * objects (memory, and the time to collect it: the bench's 10,000-item letter).
 */
class ItemField implements Field {
  private foldedValue: FoldedText | undefined;

  constructor(
    private readonly source: string,
    readonly kind: FieldKind,
    readonly label: string,
    private readonly labelStart: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    /** The folded text, when reading the citations gave it already. */
    private readonly knownText: string | undefined,
  ) {}

  get span(): Span {
    return { start: this.labelStart, end: this.valueEnd };
  }

  get labelSpan(): Span {
    return { start: this.labelStart, end: this.labelStart + this.label.length };
  }

  get valueSpan(): Span {
    return { start: this.valueStart, end: this.valueEnd };
  }

  get folded(): FoldedText {
    this.foldedValue ??= fold(this.source, this.valueStart, this.valueEnd);
    return this.foldedValue;
  }

  get text(): string {
    return this.knownText ?? this.folded.text;
  }

  toJSON(): object {
    const { kind, label, span, labelSpan, valueSpan, text } = this;
    return { kind, label, span, labelSpan, valueSpan, text };
  }
}

/** Each kind's first field. */
function fieldsByKind(list: readonly Field[]): { [K in FieldKind]?: Field } {
  const fields: { [K in FieldKind]?: Field } = {};
  for (const f of list) fields[f.kind] ??= f;
  return fields;
}

/** A name for a partial authorisation's outline entry: the remaining portion it names, else the title. */
function partialShortTitle(title: string): string {
  const m = PARTIAL_PORTION_RE.exec(title);
  if (!m) return title;
  const portion = m[1].trim();
  return portion.charAt(0).toUpperCase() + portion.slice(1);
}
