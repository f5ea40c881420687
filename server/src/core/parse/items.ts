/**
 * Stage 5: the disputed items of an issues section, read by a small state
 * machine over its classified lines. Between items nothing is open; an item
 * opens at an outcome line (`<title>: Upheld`, or the word alone after a title
 * ending in a colon) or at a field label with no item open to take it (an item
 * whose title has no outcome); each label adds a field, and the field runs to
 * the next label, title or letter. A label of a kind the open item has had
 * already (or of an earlier kind) starts the next item.
 */
import type { DisputedItem, FieldKind, Span } from '../model';
import type { CitationMemo } from '../citations';
import { previousNonBlank, type Line } from './lines';
import { endsSentence, fieldOrder, type LineKind } from './lineKinds';
import { titleSpanOf, titleStartLine } from './titles';
import { buildItem, type ItemDraft } from './fields';

type KindOf<K extends LineKind['kind']> = Extract<LineKind, { kind: K }>;

export class IssuesScanner {
  /** The item being read, if any. */
  private open: ItemDraft | undefined;
  /** No title reaches above this line: the line after the lead-in, the last outcome or a letter's header. */
  private floor = 0;
  private leadIn: Span | undefined;
  private bodyStart = 0;

  constructor(
    private readonly source: string,
    private readonly lines: readonly Line[],
    /** Items are appended here as they are completed (the items of every issues section of a text). */
    private readonly items: DisputedItem[],
    private readonly memo: CitationMemo,
  ) {}

  /** Appends the items of the body lines [bodyStart, bodyEnd); returns the lead-in's span, if any. */
  scan(bodyStart: number, bodyEnd: number): Span | undefined {
    this.open = undefined;
    this.leadIn = undefined;
    this.floor = bodyStart;
    this.bodyStart = bodyStart;
    for (let i = bodyStart; i < bodyEnd; i++) {
      const line = this.lines[i];
      switch (line.kind.kind) {
        case 'leadIn':
          // Only before the first item; later, a sentence like it is text of a rationale.
          if (!this.leadIn && !this.open) {
            this.leadIn = { start: line.textStart, end: line.textEnd };
            this.floor = i + 1;
          }
          break;
        case 'caseNumber':
          // The next letter's header (letters joined in one file): the open item ends here.
          this.finish(i);
          this.floor = i + 1;
          break;
        case 'fieldLabel':
          this.onLabel(i, line.kind);
          break;
        case 'outcome':
          this.onOutcome(i, line.kind);
          break;
      }
    }
    this.finish(bodyEnd);
    return this.leadIn;
  }

  private onLabel(i: number, label: KindOf<'fieldLabel'>): void {
    this.closeLastField(i);
    const open = this.open && !this.startsNextItem(label.field) ? this.open : this.openAtLabel(i);
    open.fields.push({ field: label.field, line: i, label: label.label, labelStart: this.lines[i].textStart, endLine: undefined });
  }

  /** The open item has had a field of this kind, or of a later one: the label is the next item's. */
  private startsNextItem(field: FieldKind): boolean {
    const fields = this.open?.fields ?? [];
    const last = fields[fields.length - 1];
    return last !== undefined && fieldOrder(field) <= fieldOrder(last.field);
  }

  /**
   * An item that opens at a field label has no outcome line. Its title, if any,
   * is the text just above the label; after another item, a line that ends a
   * sentence belongs to that item's rationale instead.
   */
  private openAtLabel(i: number): ItemDraft {
    const labelStart = this.lines[i].textStart;
    const lastTitle = previousNonBlank(this.lines, i - 1, this.floor);
    const hasTitle = lastTitle >= 0 && this.lines[lastTitle].kind.kind !== 'fieldLabel' && !(this.open && endsSentence(this.lines[lastTitle]));
    const titleStart = hasTitle ? titleStartLine(this.lines, lastTitle, this.floor) : i;
    const titleSpan = (hasTitle && titleSpanOf(this.source, this.lines, titleStart, lastTitle, undefined)) || { start: labelStart, end: labelStart };
    this.endLastFieldBefore(titleStart);
    this.finish(i);
    this.open = { titleSpan, outcome: undefined, outcomeSpan: undefined, fields: [] };
    return this.open;
  }

  private onOutcome(i: number, outcome: KindOf<'outcome'>): void {
    const line = this.lines[i];
    const lone = outcome.colonAt === undefined;
    if (lone && !this.loneOutcomeFollows(i)) return;
    const wordStart = line.textStart + outcome.wordAt;
    const colon = lone ? undefined : line.textStart + outcome.colonAt;
    const titleLast = lone ? previousNonBlank(this.lines, i - 1, this.floor) : i;
    const titleStart = titleLast < 0 ? i : titleStartLine(this.lines, titleLast, this.floor);
    const titleSpan = titleSpanOf(this.source, this.lines, titleStart, titleLast < 0 ? i : titleLast, colon) ?? { start: wordStart, end: wordStart };
    this.endLastFieldBefore(titleStart);
    this.finish(i);
    this.open = { titleSpan, outcome: outcome.outcome, outcomeSpan: { start: wordStart, end: line.textEnd }, fields: [] };
    this.floor = i + 1;
  }

  /** An outcome word alone on line i counts after a line that ends in a colon and is not a field label (a title wrapped before its outcome). */
  private loneOutcomeFollows(i: number): boolean {
    const above = previousNonBlank(this.lines, i - 1, this.bodyStart);
    return above >= 0 && this.lines[above].text.endsWith(':') && this.lines[above].kind.kind !== 'fieldLabel';
  }

  /** The open item's last field, if its end is not known yet, ends before `endLine`. */
  private closeLastField(endLine: number): void {
    const fields = this.open?.fields ?? [];
    const last = fields[fields.length - 1];
    if (last) last.endLine ??= endLine;
  }

  /** The open item's last field stops before the next item's title. */
  private endLastFieldBefore(titleStartLine: number): void {
    const fields = this.open?.fields ?? [];
    const last = fields[fields.length - 1];
    if (last) last.endLine = Math.min(last.endLine ?? titleStartLine, titleStartLine);
  }

  /** The open item, if any, is complete: its last field ends before `endLine` unless it ends earlier. */
  private finish(endLine: number): void {
    if (!this.open) return;
    this.closeLastField(endLine);
    this.items.push(buildItem(this.source, this.lines, this.open, this.items.length, this.memo));
    this.open = undefined;
  }
}
