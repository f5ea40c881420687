/**
 * The outline: header, the three sections, and under the issues section one
 * symbol per disputed item with its outcome, the item's fields as children.
 * Every selection range lies inside its range and children inside parents.
 */
import type { Analysis } from './index';
import type { DisputedItem, Header, HeaderFact, HeaderKey, Section, Span } from './model';
import type { OutlineKind, OutlineSymbol, Position, Range } from './types';
import type { PositionCursor } from './lineIndex';
import { collapseWhiteSpace, isWhiteSpace } from './text';

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

/** The children of every leaf (header facts, fields): one frozen empty list, since the outline is read-only. */
const NO_CHILDREN = Object.freeze([]) as unknown as OutlineSymbol[];

function clip(s: string): string {
  return s.length <= MAX_NAME ? s : s.slice(0, MAX_NAME - 1).trimEnd() + '…';
}

/** A field label without its colon: `label.replace(/\s*:\s*$/, '')`. */
function withoutColon(label: string): string {
  let end = label.length;
  while (end > 0 && isWhiteSpace(label.charCodeAt(end - 1))) end--;
  if (end === 0 || label.charCodeAt(end - 1) !== 58 /* : */) return label;
  end--;
  while (end > 0 && isWhiteSpace(label.charCodeAt(end - 1))) end--;
  return label.slice(0, end);
}

function contains(outer: Span, inner: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function itemSymbolName(item: DisputedItem): string {
  const title = clip(item.shortTitle || '(untitled item)');
  return `${title}: ${item.outcome ?? 'no outcome'}`;
}

/** Properties in the order the outline has always had them; `detail` only when there is one. */
function outlineSymbol(name: string, kind: OutlineKind, range: Range, selectionRange: Range, children: OutlineSymbol[], detail: string | undefined): OutlineSymbol {
  if (!name) name = '(empty)';
  return detail ? { name, kind, range, selectionRange, children, detail } : { name, kind, range, selectionRange, children };
}

/**
 * One pass over the model in document order. Positions come from one cursor, asked in the
 * order they occur in the text as far as possible (a symbol's start, its selection, its
 * children, then its end), so each is found a few lines from the last and a position shared
 * by two neighbours (a symbol's start and its selection's, a last child's end and its
 * parent's) is one object. The outline is read-only: nothing may change a range in place.
 */
class OutlineBuilder {
  private readonly at: PositionCursor;
  private readonly text: string;
  /** Field names by label as written: letters repeat the same few labels. */
  private readonly fieldNames = new Map<string, string>();

  constructor(analysis: Analysis) {
    this.at = analysis.lines.cursor();
    this.text = analysis.model.text;
  }

  header(header: Header): OutlineSymbol {
    const span = header.span!;
    const at = this.at;
    const start = at.positionAt(span.start);
    const facts: Array<{ key: HeaderKey; fact: HeaderFact }> = [];
    for (const key of HEADER_KEYS) {
      const fact = header[key];
      if (fact && contains(span, fact.span)) facts.push({ key, fact });
    }
    facts.sort((a, b) => a.fact.span.start - b.fact.span.start);
    const children: OutlineSymbol[] = [];
    for (const { key, fact } of facts) {
      const range = at.range(fact.span.start, fact.span.end);
      children.push(outlineSymbol(HEADER_NAMES[key], 'property', range, range, NO_CHILDREN, fact.raw));
    }
    const range: Range = { start, end: at.positionAt(span.end) };
    return outlineSymbol('Header', 'module', range, range, children, header.caseNumber?.value);
  }

  item(item: DisputedItem): OutlineSymbol {
    const at = this.at;
    const span = item.span;
    const start = at.positionAt(span.start);
    let selection = item.titleSpan.end > item.titleSpan.start ? item.titleSpan : (item.outcomeSpan ?? item.titleSpan);
    if (!contains(span, selection)) selection = { start: span.start, end: span.start };
    const selectionRange = at.range(selection.start, selection.end);
    const children: OutlineSymbol[] = [];
    const text = this.text;
    for (const f of item.fieldList) {
      const fs = f.span;
      if (fs.start < span.start || fs.end > span.end) continue;
      const fieldStart = at.positionAt(fs.start);
      const label = f.labelSpan;
      let labelRange: Range;
      if (label.start >= fs.start && label.end <= fs.end) labelRange = at.range(label.start, label.end);
      else labelRange = { start: fieldStart, end: fieldStart };
      const fieldRange: Range = { start: fieldStart, end: at.positionAt(fs.end) };
      // Only the start of the value is shown: folding whole rationales here would cost more than the outline.
      const value = f.valueSpan;
      const preview = clip(collapseWhiteSpace(text, value.start, Math.min(value.end, value.start + MAX_NAME + 1)));
      children.push(outlineSymbol(this.fieldName(f.label), 'field', fieldRange, labelRange, NO_CHILDREN, preview));
    }
    const range: Range = { start, end: at.positionAt(span.end) };
    const detail = item.partial || item.shortTitle.length > MAX_NAME ? item.title : undefined;
    return outlineSymbol(itemSymbolName(item), 'class', range, selectionRange, children, detail);
  }

  /** A section: its start and heading now, before its items; its end in `close`. */
  openSection(section: Section): OpenSection {
    const at = this.at;
    const span = section.span;
    const start = at.positionAt(span.start);
    const heading = section.headingSpan;
    const selectionRange = contains(span, heading) ? at.range(heading.start, heading.end) : { start, end: start };
    return { section, start, selectionRange, children: [] };
  }

  closeSection(open: OpenSection): OutlineSymbol {
    const range: Range = { start: open.start, end: this.at.positionAt(open.section.span.end) };
    return outlineSymbol(open.section.name, 'namespace', range, open.selectionRange, open.children, undefined);
  }

  private fieldName(label: string): string {
    let name = this.fieldNames.get(label);
    if (name === undefined) {
      name = withoutColon(label);
      this.fieldNames.set(label, name);
    }
    return name;
  }
}

interface OpenSection {
  readonly section: Section;
  readonly start: Position;
  readonly selectionRange: Range;
  readonly children: OutlineSymbol[];
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function documentSymbols(analysis: Analysis): OutlineSymbol[] {
  const { model } = analysis;
  const build = new OutlineBuilder(analysis);
  const top: OutlineSymbol[] = [];
  if (model.header.span) top.push(build.header(model.header));

  // Items belong to the section holding them: the issues section, or wherever they were found
  // when that heading is missing. Sections are disjoint and both lists are in document order,
  // so each section's items follow those of the one before; items in no section stand at the top level.
  const { sections, items } = model;
  const homeOf = new Int32Array(items.length);
  let k = 0;
  for (let i = 0; i < items.length; i++) {
    const span = items[i].span;
    while (k < sections.length && sections[k].span.end < span.end) k++;
    homeOf[i] = k < sections.length && contains(sections[k].span, span) ? k : -1;
  }
  const sectionSymbols: OutlineSymbol[] = [];
  let i = 0;
  for (let s = 0; s < sections.length; s++) {
    const open = build.openSection(sections[s]);
    // This section's items, and those in no section up to its last one.
    for (; i < items.length && homeOf[i] <= s; i++) (homeOf[i] === s ? open.children : top).push(build.item(items[i]));
    sectionSymbols.push(build.closeSection(open));
  }
  for (; i < items.length; i++) top.push(build.item(items[i]));
  for (const s of sectionSymbols) top.push(s);

  // Header, loose items, sections: already in document order unless the letter is jumbled.
  for (let t = 1; t < top.length; t++) {
    if (before(top[t].range.start, top[t - 1].range.start)) {
      top.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      break;
    }
  }
  return top;
}
