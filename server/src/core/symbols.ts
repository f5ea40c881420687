/**
 * The outline: header, the three sections, and under the issues section one
 * symbol per disputed item with its outcome, the item's fields as children.
 * Every selection range lies inside its range and children inside parents.
 */
import type { Analysis } from './index';
import type { DisputedItem, Field, Header, HeaderKey, Outcome, Section, Span } from './model';
import type { OutlineKind, OutlineSymbol, Range } from './types';
import type { LineIndex } from './lineIndex';
import { collapseWhiteSpace } from './text';

/** Outline names and details are clipped to this many characters, the ellipsis included. */
const MAX_NAME = 80;

const HEADER_NAMES: Record<HeaderKey, string> = {
  caseNumber: 'Case Number',
  dateAssigned: 'Date Assigned',
  decisionDate: 'Decision Date',
  dateOfInjury: 'Date of Injury',
  urDenialDate: 'UR Denial Date',
  applicationReceived: 'Application Received',
  priority: 'Priority',
  licensure: 'State(s) of Licensure',
  specialty: 'Certification(s)/Specialty',
};

const HEADER_KEYS = Object.keys(HEADER_NAMES) as HeaderKey[];

function clip(s: string): string {
  return s.length <= MAX_NAME ? s : s.slice(0, MAX_NAME - 1).trimEnd() + '…';
}

function contains(outer: Span, inner: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** An item as a search finds it (workspace symbols): its title as the letter writes it, then the outcome. */
export function itemSymbolName(item: DisputedItem): string {
  const outcome = item.outcome ? `: ${item.outcome}` : ': no outcome';
  return clip(item.shortTitle || '(untitled item)') + outcome;
}

/**
 * An item in the outline: the outcome first, so that a narrow Outline view or a breadcrumb, which
 * cut names at their end, still shows what a reader looks for.
 */
export function outlineItemName(item: DisputedItem): string {
  const outcome = item.outcome ?? 'No outcome';
  return `${outcome} · ${clip(item.shortTitle || '(untitled item)')}`;
}

/** An item's icon tells its outcome at a glance: a denial that stands, a denial reversed, none yet. */
const OUTCOME_KINDS: Record<Outcome | 'none', OutlineKind> = { Upheld: 'constant', Overturned: 'event', none: 'class' };

/** A symbol with its properties in the order the outline has always had them; `detail` only when there is one. */
function outlineSymbol(name: string, kind: OutlineKind, span: Span, selectionSpan: Span, children: OutlineSymbol[], detail?: string): OutlineSymbol {
  const symbol: OutlineSymbol = { name: name || '(empty)', kind, span, selectionSpan, children };
  if (detail) symbol.detail = detail;
  return symbol;
}

/** The header and its facts, in the order the letter gives them. */
function headerSymbol(header: Header, span: Span): OutlineSymbol {
  const facts = [];
  for (const key of HEADER_KEYS) {
    const fact = header[key];
    if (fact && contains(span, fact.span)) facts.push({ key, fact });
  }
  facts.sort((a, b) => a.fact.span.start - b.fact.span.start);
  const children = facts.map(({ key, fact }) => outlineSymbol(HEADER_NAMES[key], 'property', fact.span, fact.span, [], fact.raw));
  return outlineSymbol('Header', 'module', span, span, children, header.caseNumber?.value);
}

/**
 * A field: its label without the colon as the name, the start of its value as the detail. Only the
 * value's first characters are folded (a rationale runs to pages; the detail shows 80 characters).
 */
function fieldSymbol(text: string, field: Field): OutlineSymbol {
  const { span, labelSpan: label, valueSpan: value } = field;
  const name = field.label.replace(/\s*:\s*$/, '');
  const detail = clip(collapseWhiteSpace(text, value.start, Math.min(value.end, value.start + MAX_NAME + 1)));
  // The label selects the field; a label outside it (none the parser makes) selects the field's empty start.
  const selection = contains(span, label) ? label : { start: span.start, end: span.start };
  return outlineSymbol(name, 'field', span, selection, [], detail);
}

/** An item, its title selected (else its outcome); without its fields in a reduced outline. */
function itemSymbol(text: string, item: DisputedItem, withFields: boolean): OutlineSymbol {
  const span = item.span;
  let selection = item.titleSpan.end > item.titleSpan.start ? item.titleSpan : (item.outcomeSpan ?? item.titleSpan);
  if (!contains(span, selection)) selection = { start: span.start, end: span.start };
  const children: OutlineSymbol[] = [];
  if (withFields) {
    // Every field lies inside its item, except in damaged letters.
    for (const field of item.fieldList) if (contains(span, field.span)) children.push(fieldSymbol(text, field));
  }
  // A long or partial title shows whole in the detail.
  const detail = item.partial || item.shortTitle.length > MAX_NAME ? item.title : undefined;
  return outlineSymbol(outlineItemName(item), OUTCOME_KINDS[item.outcome ?? 'none'], span, selection, children, detail);
}

function sectionSymbol(section: Section, span: Span, children: OutlineSymbol[]): OutlineSymbol {
  const heading = section.headingSpan;
  const selection = contains(span, heading) ? heading : { start: span.start, end: span.start };
  return outlineSymbol(section.name, 'namespace', span, selection, children);
}

export interface OutlineOptions {
  /**
   * False for the reduced outline of a document above the size limit: the header, sections and
   * items, without the fields (three of every four symbols of a letter, and most of the answer).
   */
  fields?: boolean;
}

/**
 * The outline in offsets; positions are left to `outlineRanges`, for the clients that ask. The
 * outline is read-only: its spans may be the model's own objects.
 */
export function documentSymbols(analysis: Analysis, options: OutlineOptions = {}): OutlineSymbol[] {
  const { model } = analysis;
  const withFields = options.fields !== false;
  const top: OutlineSymbol[] = [];
  if (model.header.span) top.push(headerSymbol(model.header, model.header.span));

  // Items belong to the section holding them: the issues section, or wherever they were found when
  // that heading is missing. Items in no section stand at the top level.
  const sections = model.sections.map((section) => ({ section, span: section.span, children: [] as OutlineSymbol[] }));
  for (const item of model.items) {
    const symbol = itemSymbol(model.text, item, withFields);
    const home = sections.find((s) => contains(s.span, symbol.span));
    (home ? home.children : top).push(symbol);
  }
  for (const { section, span, children } of sections) top.push(sectionSymbol(section, span, children));

  // Header, loose items, sections in document order (offsets order symbols as positions would).
  return top.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The outline in LSP positions, the one place where its spans become ranges: `make` builds the
 * answer's symbol from an outline symbol, its range, its selection range and its children already
 * made.
 */
export function outlineRanges<T>(
  outline: readonly OutlineSymbol[],
  lines: LineIndex,
  make: (symbol: OutlineSymbol, range: Range, selectionRange: Range, children: T[]) => T,
): T[] {
  return outline.map((s) => {
    const range = lines.range(s.span);
    const children = outlineRanges(s.children, lines, make);
    return make(s, range, lines.range(s.selectionSpan), children);
  });
}
