/**
 * The outline: header, the three sections, and under the issues section one
 * symbol per disputed item with its outcome, the item's fields as children.
 * Every selection range lies inside its range and children inside parents.
 */
import type { Analysis } from './index';
import type { DisputedItem, Header, HeaderFact, HeaderKey, Outcome, Section, Span } from './model';
import type { OutlineKind, OutlineSymbol, Range } from './types';
import type { LineIndex } from './lineIndex';
import { isWhiteSpace } from './text';

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

/** What `collapseWhiteSpace` folds: runs of white space, and any single white space that is not a space. */
const WHITE_RUN = /\s\s+|[^\S ]/g;

function previewOf(source: string): string {
  const folded = source.replace(WHITE_RUN, ' ');
  if (folded.length <= MAX_NAME) return folded;
  // Folding leaves no two white space characters together: trimming the end is dropping one space.
  return folded.slice(0, folded.charCodeAt(MAX_NAME - 2) === 32 ? MAX_NAME - 2 : MAX_NAME - 1) + '…';
}

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

/** What follows an item's title in its name, made once: the name is then one concatenation, not two. */
const OUTCOME_SUFFIXES: Record<Outcome | 'none', string> = { Upheld: ': Upheld', Overturned: ': Overturned', none: ': no outcome' };

/** An item as a search finds it (workspace symbols): its title as the letter writes it, then the outcome. */
export function itemSymbolName(item: DisputedItem): string {
  return clip(item.shortTitle || '(untitled item)') + OUTCOME_SUFFIXES[item.outcome ?? 'none'];
}

/**
 * An item in the outline: the outcome first, so that a narrow Outline view or a breadcrumb, which
 * cut names at their end, still shows what a reader looks for.
 */
const OUTCOME_PREFIXES: Record<Outcome | 'none', string> = { Upheld: 'Upheld · ', Overturned: 'Overturned · ', none: 'No outcome · ' };

export function outlineItemName(item: DisputedItem): string {
  return OUTCOME_PREFIXES[item.outcome ?? 'none'] + clip(item.shortTitle || '(untitled item)');
}

/** An item's icon tells its outcome at a glance: a denial that stands, a denial reversed, none yet. */
const OUTCOME_KINDS: Record<Outcome | 'none', OutlineKind> = { Upheld: 'constant', Overturned: 'event', none: 'class' };

const EMPTY_NAME = '(empty)';

/** Properties in the order the outline has always had them; `detail` only when there is one. */
function outlineSymbol(name: string, kind: OutlineKind, span: Span, selectionSpan: Span, children: OutlineSymbol[], detail: string | undefined): OutlineSymbol {
  if (!name) name = EMPTY_NAME;
  return detail ? { name, kind, span, selectionSpan, children, detail } : { name, kind, span, selectionSpan, children };
}

/** What an outline symbol serialises to: the plain object `outlineSymbol` would have made. */
function plain(s: OutlineSymbol): object {
  const { name, kind, span, selectionSpan, children, detail } = s;
  return detail ? { name, kind, span, selectionSpan, children, detail } : { name, kind, span, selectionSpan, children };
}

/**
 * An item's field, the most numerous symbol (three per item): its spans are kept as offsets and
 * made when asked (by `outlineRanges`, once per version), kind and children come from the
 * prototype. Two span objects and two properties fewer per field are most of what a letter of
 * thousands of items retains for its outline, and what the garbage collector copies.
 */
class FieldSymbol implements OutlineSymbol {
  constructor(
    readonly name: string,
    readonly detail: string | undefined,
    private readonly start: number,
    private readonly end: number,
    /** End of the selection (the label), which starts where the field does. */
    private readonly selectionEnd: number,
  ) {}

  get kind(): OutlineKind {
    return 'field';
  }

  get children(): OutlineSymbol[] {
    return NO_CHILDREN;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get selectionSpan(): Span {
    return { start: this.start, end: this.selectionEnd };
  }

  toJSON(): object {
    return plain(this);
  }
}

/** An item: its span kept as offsets (the model makes a new one each time it is asked), its selection the model's own. */
class ItemSymbol implements OutlineSymbol {
  constructor(
    readonly kind: OutlineKind,
    readonly name: string,
    readonly detail: string | undefined,
    private readonly start: number,
    private readonly end: number,
    readonly selectionSpan: Span,
    readonly children: OutlineSymbol[],
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  toJSON(): object {
    return plain(this);
  }
}

/**
 * One pass over the model in document order. Symbols hold offsets: the model's span objects,
 * each read once (items, fields and sections make theirs when asked, so those are the
 * outline's own); positions are left to `outlineRanges`, for the clients that ask. The outline
 * is read-only: nothing may change a span in place, since the model shares them.
 */
class OutlineBuilder {
  private readonly text: string;
  /** Field names by label as written: letters repeat the same few labels. */
  private readonly fieldNames = new Map<string, string>();
  /** Guideline previews by the source they show: items cite the same guidelines again and again. */
  private readonly previews = new Map<string, string>();

  constructor(analysis: Analysis) {
    this.text = analysis.model.text;
  }

  header(header: Header): OutlineSymbol {
    const span = header.span!;
    const facts: Array<{ key: HeaderKey; fact: HeaderFact }> = [];
    for (const key of HEADER_KEYS) {
      const fact = header[key];
      if (fact && contains(span, fact.span)) facts.push({ key, fact });
    }
    facts.sort((a, b) => a.fact.span.start - b.fact.span.start);
    const children = new Array<OutlineSymbol>(facts.length);
    for (let i = 0; i < facts.length; i++) {
      const { key, fact } = facts[i];
      children[i] = outlineSymbol(HEADER_NAMES[key], 'property', fact.span, fact.span, NO_CHILDREN, fact.raw);
    }
    return outlineSymbol('Header', 'module', span, span, children, header.caseNumber?.value);
  }

  /** An item, given its span (read once, as the section's); without its fields in a reduced outline. */
  item(item: DisputedItem, span: Span, withFields: boolean): OutlineSymbol {
    const { start, end } = span;
    let selection = item.titleSpan.end > item.titleSpan.start ? item.titleSpan : (item.outcomeSpan ?? item.titleSpan);
    if (selection.start < start || selection.end > end) selection = { start, end: start };
    const fields = withFields ? item.fieldList : [];
    // Sized for every field (all of them lie inside the item, except in damaged letters), trimmed after.
    let children = fields.length > 0 ? new Array<OutlineSymbol>(fields.length) : NO_CHILDREN;
    let c = 0;
    for (let k = 0; k < fields.length; k++) {
      const f = fields[k];
      const fs = f.span;
      if (fs.start < start || fs.end > end) continue;
      const label = f.labelSpan;
      const name = this.fieldName(f.label);
      const detail = this.preview(f.valueSpan, f.kind !== 'decisionRationale');
      if (label.start === fs.start) {
        // A label running past its field (none the parser makes) selects the field's empty start.
        children[c++] = new FieldSymbol(name || EMPTY_NAME, detail || undefined, fs.start, fs.end, label.end <= fs.end ? label.end : fs.start);
      } else {
        // A label not starting its field: none the parser makes, kept general rather than assumed away.
        const selection = label.start > fs.start && label.end <= fs.end ? label : { start: fs.start, end: fs.start };
        children[c++] = outlineSymbol(name, 'field', fs, selection, NO_CHILDREN, detail);
      }
    }
    if (c === 0) children = NO_CHILDREN;
    else if (c < children.length) children.length = c;
    const detail = item.partial || item.shortTitle.length > MAX_NAME ? item.title : undefined;
    return new ItemSymbol(OUTCOME_KINDS[item.outcome ?? 'none'], outlineItemName(item), detail || undefined, start, end, selection, children);
  }

  /** A section, given its span (read once: the model may make it when asked). */
  section(section: Section, span: Span, children: OutlineSymbol[]): OutlineSymbol {
    const heading = section.headingSpan;
    const selection = contains(span, heading) ? heading : { start: span.start, end: span.start };
    return outlineSymbol(section.name, 'namespace', span, selection, children, undefined);
  }

  /**
   * The start of a field's value, white space folded and clipped as `clip(collapseWhiteSpace(...))`
   * would make it, in one pass of the regular expression: only as much of the value as the name can
   * show is read (folding whole rationales here would cost more than the outline), and no string is
   * built piece by piece only to be copied again when clipped.
   */
  private preview(value: Span, repeats: boolean): string {
    const source = this.text.slice(value.start, Math.min(value.end, value.start + MAX_NAME + 1));
    if (!repeats) return previewOf(source);
    let preview = this.previews.get(source);
    if (preview === undefined) {
      preview = previewOf(source);
      this.previews.set(source, preview);
    }
    return preview;
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

export interface OutlineOptions {
  /**
   * False for the reduced outline of a document above the size limit: the header, sections and
   * items, without the fields (three of every four symbols of a letter, and most of the answer).
   */
  fields?: boolean;
}

export function documentSymbols(analysis: Analysis, options: OutlineOptions = {}): OutlineSymbol[] {
  const { model } = analysis;
  const withFields = options.fields !== false;
  const build = new OutlineBuilder(analysis);
  const top: OutlineSymbol[] = [];
  if (model.header.span) top.push(build.header(model.header));

  // Items belong to the section holding them: the issues section, or wherever they were found
  // when that heading is missing. Sections are disjoint and both lists are in document order,
  // so each section's items follow those of the one before; items in no section stand at the top level.
  const { sections, items } = model;
  const sectionSpans = new Array<Span>(sections.length);
  for (let s = 0; s < sections.length; s++) sectionSpans[s] = sections[s].span;
  const itemSpans = new Array<Span>(items.length);
  const homeOf = new Int32Array(items.length);
  let k = 0;
  for (let i = 0; i < items.length; i++) {
    const span = (itemSpans[i] = items[i].span);
    while (k < sections.length && sectionSpans[k].end < span.end) k++;
    homeOf[i] = k < sections.length && contains(sectionSpans[k], span) ? k : -1;
  }
  const sectionSymbols: OutlineSymbol[] = [];
  let i = 0;
  for (let s = 0; s < sections.length; s++) {
    const children: OutlineSymbol[] = [];
    // This section's items, and those in no section up to its last one.
    for (; i < items.length && homeOf[i] <= s; i++) (homeOf[i] === s ? children : top).push(build.item(items[i], itemSpans[i], withFields));
    sectionSymbols.push(build.section(sections[s], sectionSpans[s], children));
  }
  for (; i < items.length; i++) top.push(build.item(items[i], itemSpans[i], withFields));
  for (const s of sectionSymbols) top.push(s);

  // Header, loose items, sections: already in document order unless the letter is jumbled.
  // Offsets order symbols as their positions would (positionAt is increasing).
  for (let t = 1; t < top.length; t++) {
    if (top[t].span.start < top[t - 1].span.start) {
      top.sort((a, b) => a.span.start - b.span.start);
      break;
    }
  }
  return top;
}

/** The children given to `make` for a leaf: one frozen empty list. */
const NO_RANGED_CHILDREN: never[] = Object.freeze([]) as unknown as never[];

/**
 * The outline in LSP positions, the one place where its spans become ranges: `make` builds the
 * answer's symbol from an outline symbol, its range, its selection range and its children already
 * made (leaves all get one frozen empty list). Positions come from one cursor, asked in the order
 * they occur in the text (a symbol's start, its selection, its children, then its end), so each is
 * found a few lines from the last and a position shared by neighbours (a symbol's start and its
 * selection's, a last child's end and its parent's) is one object; a symbol selecting all of itself
 * gets one range for both. The ranges are therefore read-only, as the outline is.
 */
export function outlineRanges<T>(
  outline: readonly OutlineSymbol[],
  lines: LineIndex,
  make: (symbol: OutlineSymbol, range: Range, selectionRange: Range, children: T[]) => T,
): T[] {
  const at = lines.cursor();
  const convert = (symbols: readonly OutlineSymbol[]): T[] => {
    const out = new Array<T>(symbols.length);
    for (let i = 0; i < symbols.length; i++) {
      const s = symbols[i];
      const span = s.span;
      const selection = s.selectionSpan;
      const start = at.positionAt(span.start);
      const whole = selection === span || (selection.start === span.start && selection.end === span.end);
      const selectionRange = whole ? undefined : at.range(selection.start, selection.end);
      const children = s.children.length > 0 ? convert(s.children) : NO_RANGED_CHILDREN;
      const range: Range = { start, end: at.positionAt(span.end) };
      out[i] = make(s, range, selectionRange ?? range, children);
    }
    return out;
  };
  return convert(outline);
}
