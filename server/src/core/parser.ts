/**
 * Text -> determination model. Reads every extraction variant the letters come
 * in (double-spaced older letters, pdftotext -layout, reading order, CRLF) by
 * working on lines and sentence boundaries rather than on blank lines, which
 * page breaks make unreliable. Parsing never throws: whatever it cannot make
 * sense of is left out of the model and, where useful, noted as a problem.
 */
import type {
  Determination,
  DisputedItem,
  Field,
  FieldKind,
  GuidelineCitation,
  Header,
  HeaderFact,
  HeaderKey,
  Layout,
  Outcome,
  ParseProblem,
  Section,
  SectionKind,
  Span,
} from './model';
import { SECTION_HEADINGS } from './model';
import { looksLikeDetermination } from './detect';
import { fold, foldedText, isWhiteSpace, spanOf, type FoldedText } from './text';
import { toIsoDate } from './dates';
import { CitationMemo } from './citations';

/**
 * The text's lines as parallel arrays: a 10 MB text has some 160,000 lines, and
 * most of them are only ever asked whether they are blank or how they start or
 * end. A line's text is sliced only when a line is a candidate for a pattern.
 */
interface Lines {
  readonly source: string;
  readonly count: number;
  /** Offset of each line's first character (exactly `count` entries). */
  readonly starts: Int32Array;
  /** End of each line's text, before its terminator. */
  readonly ends: Int32Array;
  /** Offset of each line's first character that is not white space (its end when the line is blank). */
  readonly firsts: Int32Array;
  /** That character's code unit (0 for a blank line), and the next one's (0 if none) in the high 16 bits. */
  readonly firstCodes: Uint32Array;
  /** End of each line's text without trailing white space (its start when the line is blank). */
  readonly lasts: Int32Array;
  /** The code unit of the last character that is not white space (0 for a blank line). */
  readonly lastCodes: Uint16Array;
}

/** Lines as `text.split(/\r\n|\n|\r/)` makes them, without building a string per line. */
function splitLines(text: string): Lines {
  // Typed arrays, grown by doubling: no boxed numbers, nothing for the garbage collector to trace.
  let capacity = (text.length >> 6) + 16;
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let firsts = new Int32Array(capacity);
  let firstCodes = new Uint32Array(capacity);
  let lasts = new Int32Array(capacity);
  let lastCodes = new Uint16Array(capacity);
  let count = 0;
  let nl = text.indexOf('\n');
  let cr = text.indexOf('\r');
  let start = 0;
  for (;;) {
    if (nl >= 0 && nl < start) nl = text.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    let end: number;
    let next: number;
    if (cr >= 0 && (nl < 0 || cr < nl)) {
      end = cr;
      // \r\n counts two characters.
      next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    } else if (nl >= 0) {
      end = nl;
      next = nl + 1;
    } else {
      end = text.length;
      next = -1;
    }
    let first = start;
    let code = 0;
    while (first < end && isWhiteSpace((code = text.charCodeAt(first)))) first++;
    // The line's end was just found, so reading back from it is cheap.
    let last = end;
    let lastCode = 0;
    while (last > first && isWhiteSpace((lastCode = text.charCodeAt(last - 1)))) last--;
    if (count === capacity) {
      capacity *= 2;
      starts = grown(starts, new Int32Array(capacity));
      ends = grown(ends, new Int32Array(capacity));
      firsts = grown(firsts, new Int32Array(capacity));
      firstCodes = grown(firstCodes, new Uint32Array(capacity));
      lasts = grown(lasts, new Int32Array(capacity));
      lastCodes = grown(lastCodes, new Uint16Array(capacity));
    }
    starts[count] = start;
    ends[count] = end;
    firsts[count] = first;
    // The second character too, while it is in cache (headings are told by their first two letters).
    firstCodes[count] = first < end ? code | ((first + 1 < end ? text.charCodeAt(first + 1) : 0) << 16) : 0;
    lasts[count] = last > first ? last : start;
    lastCodes[count] = last > first ? lastCode : 0;
    count++;
    if (next < 0) break;
    start = next;
  }
  return { source: text, count, starts: starts.subarray(0, count), ends, firsts, firstCodes, lasts, lastCodes };
}

function grown<T extends Int32Array | Uint16Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function isBlankLine(lines: Lines, i: number): boolean {
  return lines.firsts[i] === lines.ends[i];
}

function lineText(lines: Lines, i: number): string {
  return lines.source.slice(lines.starts[i], lines.ends[i]);
}

/** The first non-blank character of a line, as a code unit (0 for a blank line). */
function firstCode(lines: Lines, i: number): number {
  return lines.firstCodes[i] & 0xffff;
}

/** End of a line's text without its trailing white space (its start when the line is blank). */
function trimmedEnd(lines: Lines, i: number): number {
  return lines.lasts[i];
}

/** Span of a line's text without its leading and trailing white space. */
function trimmedSpan(lines: Lines, i: number): Span {
  // A blank line gives the inverted span (end of the line, start of the line), as trimming its text would.
  return isBlankLine(lines, i) ? { start: lines.ends[i], end: lines.starts[i] } : { start: lines.firsts[i], end: trimmedEnd(lines, i) };
}

/** Lower-cased ASCII letter of a code unit (other code units unchanged). */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

// ---------------------------------------------------------------- headings

const HEADING_PATTERNS: ReadonlyArray<{ kind: SectionKind; name: string; re: RegExp }> = SECTION_HEADINGS.map((h) => ({
  kind: h.kind,
  name: h.heading,
  re: new RegExp('^\\s*' + h.heading.replace(/,/g, ',?').replace(/ /g, '\\s+') + '\\s*:?\\s*$', 'i'),
}));

/** Cheap first test: every heading starts with one of these words. */
const HEADING_START_RE = /^\s*(?:HOW|CLINICAL|IMR)\s/i;

function headingOf(lines: Lines, i: number): { kind: SectionKind; name: string } | undefined {
  if (lines.ends[i] - lines.starts[i] > 120) return undefined;
  // The first word is HOW, CLINICAL or IMR: any other first two letters (or a blank line) rule the line out.
  const c = lower(firstCode(lines, i));
  const second = c === 104 /* h */ ? 111 /* o */ : c === 99 /* c */ ? 108 /* l */ : c === 105 /* i */ ? 109 /* m */ : -1;
  if (second < 0 || lower(lines.firstCodes[i] >>> 16) !== second) return undefined;
  const text = lineText(lines, i);
  if (!HEADING_START_RE.test(text)) return undefined;
  for (const h of HEADING_PATTERNS) if (h.re.test(text)) return h;
  return undefined;
}

// ---------------------------------------------------------------- item lines

const FIELD_LABEL_RE = /^(\s*)(Claims\s+Administrator\s+guideline|MAXIMUS\s+guideline|Decision\s+rationale)\s*:/i;
const OUTCOME_AT_END_RE = /:\s*(Upheld|Overturned)\s*$/i;
const LONE_OUTCOME_RE = /^\s*(Upheld|Overturned)\s*$/i;
const LEAD_IN_RE = /set\s+forth\s+below\s*:?\s*$|disputed\s+items?\/services?\b.*:\s*$/i;
const SENTENCE_END_RE = /[.!?]["'”’)\]]*\s*$/;
const HEADER_START_RE = /^\s*Case\s+Number\s*:/i;
/** A title of a partial authorisation opens with the original request. */
const PARTIAL_OPEN_RE = /\bwas\s+the\s+original\s+request\b/i;
const PARTIAL_ANY_RE = /\boriginal\s+request\b|\bIMR\s+eligible\b/i;
/** How far back a title may reach, in non-blank lines (the longest real one is about six). */
const MAX_TITLE_LINES = 10;

function fieldKindOf(label: string): FieldKind {
  const l = label.toLowerCase();
  if (l.startsWith('claims')) return 'claimsAdministratorGuideline';
  if (l.startsWith('maximus')) return 'maximusGuideline';
  return 'decisionRationale';
}

const FIELD_ORDER: Record<FieldKind, number> = {
  claimsAdministratorGuideline: 0,
  maximusGuideline: 1,
  decisionRationale: 2,
};

function normaliseOutcome(word: string): Outcome {
  return word.toLowerCase() === 'upheld' ? 'Upheld' : 'Overturned';
}

interface ItemDraft {
  titleStartLine: number;
  titleSpan: Span;
  outcome?: Outcome;
  outcomeSpan?: Span;
  fieldStarts: Array<{ kind: FieldKind; line: number; labelSpan: Span; label: string }>;
  fieldEnds: number[];
}

class ItemScanner {
  private readonly drafts: ItemDraft[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: Lines,
    /** First line of the section body (after its heading). */
    private readonly bodyStart: number,
    /** First line after the section. */
    private readonly bodyEnd: number,
  ) {}

  scan(): { items: ItemDraft[]; leadIn?: Span } {
    const { lines } = this;
    let leadIn: Span | undefined;
    let floor = this.bodyStart; // no title reaches above this line
    let open: ItemDraft | undefined;
    const closeField = (endLine: number) => {
      if (!open || open.fieldStarts.length === 0) return;
      const i = open.fieldStarts.length - 1;
      if (open.fieldEnds.length === i) open.fieldEnds.push(endLine);
    };
    for (let i = this.bodyStart; i < this.bodyEnd; i++) {
      if (isBlankLine(lines, i)) continue;
      // The line's text is sliced only for a line that can match: most lines of a rationale cannot.
      let t: string | undefined;
      if (!leadIn && !open) {
        t = lineText(lines, i);
        if (LEAD_IN_RE.test(t) && !OUTCOME_AT_END_RE.test(t)) {
          leadIn = trimmedSpan(lines, i);
          floor = i + 1;
          continue;
        }
      }
      // "Case Number:" and the field labels start with Ca (Case), Cl (Claims), Ma (MAXIMUS) or De (Decision).
      const c = lower(firstCode(lines, i));
      const c2 = lower(lines.firstCodes[i] >>> 16);
      if (c === 99 /* c */ && c2 === 97 /* a */ && HEADER_START_RE.test((t ??= lineText(lines, i)))) {
        // A following letter's header (concatenated letters): the open field stops here.
        closeField(i);
        open = undefined;
        floor = i + 1;
        continue;
      }
      const maybeLabel =
        (c === 99 /* c */ && c2 === 108) /* l */ || (c === 109 /* m */ && c2 === 97) /* a */ || (c === 100 /* d */ && c2 === 101); /* e */
      const label = maybeLabel ? FIELD_LABEL_RE.exec((t ??= lineText(lines, i))) : null;
      if (label) {
        const lineStart = lines.starts[i];
        const kind = fieldKindOf(label[2]);
        const last = open?.fieldStarts[open.fieldStarts.length - 1];
        if (!open || (last && FIELD_ORDER[kind] <= FIELD_ORDER[last.kind])) {
          // Fields without a title line before them: an item whose title has no outcome.
          closeField(i);
          // The title, if any, is the text just above the label; a line that ends a sentence
          // after another item belongs to that item's rationale instead.
          const lastTitle = this.prevNonBlank(i - 1, floor);
          let hasTitle = false;
          if (lastTitle >= 0) {
            const above = lineText(lines, lastTitle);
            hasTitle = !FIELD_LABEL_RE.test(above) && !(open && SENTENCE_END_RE.test(above));
          }
          const titleStart = hasTitle ? this.walkUp(lastTitle, floor) : i;
          const emptyAt = lineStart + label[1].length;
          const draft: ItemDraft = {
            titleStartLine: titleStart,
            titleSpan: (hasTitle && this.titleSpan(titleStart, lastTitle, undefined)) || { start: emptyAt, end: emptyAt },
            fieldStarts: [],
            fieldEnds: [],
          };
          if (open) this.truncateLastField(open, titleStart);
          this.drafts.push(draft);
          open = draft;
        } else {
          closeField(i);
        }
        const labelStart = lineStart + label[1].length;
        open.fieldStarts.push({
          kind,
          line: i,
          label: label[0].slice(label[1].length),
          labelSpan: { start: labelStart, end: lineStart + label[0].length },
        });
        continue;
      }
      const outcome = this.outcomeAt(i);
      if (outcome) {
        const titleLast = outcome.lone ? this.prevNonBlank(i - 1, floor) : i;
        const titleStart = titleLast < 0 ? i : this.walkUp(titleLast, floor);
        if (open) {
          this.truncateLastField(open, titleStart);
        }
        const draft: ItemDraft = {
          titleStartLine: titleStart,
          titleSpan: this.titleSpan(titleStart, titleLast < 0 ? i : titleLast, outcome.lone ? undefined : outcome.colon) ?? {
            start: outcome.span.start,
            end: outcome.span.start,
          },
          outcome: outcome.outcome,
          outcomeSpan: outcome.span,
          fieldStarts: [],
          fieldEnds: [],
        };
        this.drafts.push(draft);
        open = draft;
        floor = i + 1;
        continue;
      }
    }
    closeField(this.bodyEnd);
    return { items: this.drafts, leadIn };
  }

  /** An outcome on (non-blank) line i: `...: Upheld` at the end, or the word alone after a line ending in a colon. */
  private outcomeAt(i: number): { outcome: Outcome; span: Span; colon: number; lone: boolean } | undefined {
    const { lines } = this;
    // Both outcome words end in "d": most lines are ruled out by their last letter.
    if (lower(lines.lastCodes[i]) !== 100 /* d */) return undefined;
    const lineStart = lines.starts[i];
    const t = lineText(lines, i);
    const m = OUTCOME_AT_END_RE.exec(t);
    if (m) {
      const wordStart = lineStart + m.index + m[0].indexOf(m[1]);
      return {
        outcome: normaliseOutcome(m[1]),
        span: { start: wordStart, end: wordStart + m[1].length },
        colon: lineStart + m.index,
        lone: false,
      };
    }
    const lone = LONE_OUTCOME_RE.exec(t);
    if (lone) {
      const prev = this.prevNonBlank(i - 1, this.bodyStart);
      if (prev >= 0 && lines.lastCodes[prev] === 58 /* : */ && !FIELD_LABEL_RE.test(lineText(lines, prev))) {
        const wordStart = lineStart + lone[0].indexOf(lone[1]);
        return { outcome: normaliseOutcome(lone[1]), span: { start: wordStart, end: wordStart + lone[1].length }, colon: -1, lone: true };
      }
    }
    return undefined;
  }

  private prevNonBlank(from: number, floor: number): number {
    for (let j = from; j >= floor; j--) if (!isBlankLine(this.lines, j)) return j;
    return -1;
  }

  /**
   * The first line of a title whose last line is `first`: walks up while the
   * line above does not end a sentence, and follows a partial-authorisation
   * title up to its opening "... was the original request." sentence.
   */
  private walkUp(first: number, floor: number): number {
    const lines = this.lines;
    let block = lineText(lines, first);
    let start = first;
    let count = 1;
    while (count < MAX_TITLE_LINES) {
      const above = this.prevNonBlank(start - 1, floor);
      if (above < 0) break;
      const t = lineText(lines, above);
      if (FIELD_LABEL_RE.test(t) || headingOf(lines, above)) break;
      const partialPending = PARTIAL_ANY_RE.test(block) && !PARTIAL_OPEN_RE.test(block);
      if (SENTENCE_END_RE.test(t) && !partialPending) break;
      if (LEAD_IN_RE.test(t)) break;
      block = t + ' ' + block;
      start = above;
      count++;
    }
    if (count >= MAX_TITLE_LINES) return first;
    return start;
  }

  private titleSpan(startLine: number, lastLine: number, colonOffset: number | undefined): Span | undefined {
    const lines = this.lines;
    if (lastLine < startLine) return undefined;
    let first = startLine;
    while (first <= lastLine && isBlankLine(lines, first)) first++;
    if (first > lastLine) return undefined;
    const start = trimmedSpan(lines, first).start;
    let end: number;
    if (colonOffset !== undefined) {
      end = colonOffset;
    } else {
      let last = lastLine;
      while (last > first && isBlankLine(lines, last)) last--;
      end = trimmedSpan(lines, last).end;
      if (this.text.charCodeAt(end - 1) === 58 /* : */) end--;
    }
    while (end > start && isWhiteSpace(this.text.charCodeAt(end - 1))) end--;
    return { start, end };
  }

  /** A field that ran into the next item's title stops before it. */
  private truncateLastField(item: ItemDraft, titleStartLine: number): void {
    const n = item.fieldStarts.length;
    if (n === 0) return;
    if (item.fieldEnds.length === n) item.fieldEnds[n - 1] = Math.min(item.fieldEnds[n - 1], titleStartLine);
    else item.fieldEnds.push(titleStartLine);
  }
}

// ---------------------------------------------------------------- items

/** A field whose folded text is computed only when something reads it (most rationales never are). */
class ParsedField implements Field {
  private foldedValue: FoldedText | undefined = undefined;
  /** The folded text alone, when it is known without the map (a guideline field's, from parsing its citations). */
  private textValue: string | undefined = undefined;

  constructor(
    private readonly source: string,
    readonly kind: FieldKind,
    readonly label: string,
    readonly span: Span,
    readonly labelSpan: Span,
    readonly valueSpan: Span,
  ) {}

  get folded(): FoldedText {
    return (this.foldedValue ??= fold(this.source, this.valueSpan.start, this.valueSpan.end));
  }

  get text(): string {
    return this.textValue ?? this.folded.text;
  }

  /** Records the folded text found while parsing the field's citations. */
  knowText(text: string): void {
    this.textValue = text;
  }

  toJSON(): object {
    const { kind, label, span, labelSpan, valueSpan, text } = this;
    return { kind, label, span, labelSpan, valueSpan, text };
  }
}

function buildField(text: string, lines: Lines, draft: ItemDraft, k: number): ParsedField {
  const start = draft.fieldStarts[k];
  const endLine = draft.fieldEnds[k] ?? start.line + 1;
  let last = endLine - 1;
  while (last > start.line && isBlankLine(lines, last)) last--;
  const end = Math.max(start.labelSpan.end, trimmedSpan(lines, last).end);
  let valueStart = start.labelSpan.end;
  while (valueStart < end && isWhiteSpace(text.charCodeAt(valueStart))) valueStart++;
  return new ParsedField(text, start.kind, start.label, { start: start.labelSpan.start, end }, start.labelSpan, { start: valueStart, end });
}

const PARTIAL_SHORT_RE = /(?:remaining\s+IMR\s+eligible\s+portion\s+of\s+the\s+original\s+request|the\s+original\s+request)\s*,\s*(.+?)\s*,?\s+is\s*$/i;

function shortTitleOf(title: string): { short: string; partial: boolean } {
  const partial = PARTIAL_OPEN_RE.test(title) || /\bIMR\s+eligible\b/i.test(title);
  if (!partial) return { short: title, partial };
  const m = PARTIAL_SHORT_RE.exec(title);
  if (!m) return { short: title, partial };
  const s = m[1].trim();
  return { short: s.charAt(0).toUpperCase() + s.slice(1), partial };
}

function buildItem(text: string, lines: Lines, draft: ItemDraft, index: number, memo: CitationMemo): DisputedItem {
  const titleText = foldedText(text, draft.titleSpan.start, draft.titleSpan.end);
  const { short, partial } = shortTitleOf(titleText);
  const fieldList: ParsedField[] = [];
  const fields: { [K in FieldKind]?: Field } = {};
  const citations: GuidelineCitation[] = [];
  for (let k = 0; k < draft.fieldStarts.length; k++) {
    const f = buildField(text, lines, draft, k);
    fieldList.push(f);
    if (!fields[f.kind]) fields[f.kind] = f;
    if (f.kind === 'decisionRationale') continue;
    const { start, end } = f.valueSpan;
    if (end <= start) continue;
    const value = memo.lookUp(text, f.kind, start, end);
    f.knowText(value.text);
    CitationMemo.append(value, f.kind, start, citations);
  }
  let end = draft.outcomeSpan ? Math.max(draft.titleSpan.end, draft.outcomeSpan.end) : draft.titleSpan.end;
  for (const f of fieldList) end = Math.max(end, f.span.end);
  return {
    index,
    title: titleText,
    shortTitle: short,
    partial,
    titleSpan: draft.titleSpan,
    outcome: draft.outcome,
    outcomeSpan: draft.outcomeSpan,
    span: { start: Math.min(draft.titleSpan.start, draft.outcomeSpan?.start ?? draft.titleSpan.start), end },
    fields,
    fieldList,
    citations,
  };
}

// ---------------------------------------------------------------- header

interface HeaderLabel {
  key: HeaderKey;
  re: RegExp;
}

const HEADER_LABELS: readonly HeaderLabel[] = [
  { key: 'caseNumber', re: /Case\s+Number\s*:/iy },
  { key: 'dateAssigned', re: /Date\s+Assigned\s*:/iy },
  { key: 'decisionDate', re: /Decision\s+Date\s*:/iy },
  { key: 'dateOfInjury', re: /Date\s+of\s+Injury\s*:/iy },
  { key: 'urDenialDate', re: /UR\s+Denial\s+Date\s*:/iy },
  { key: 'priority', re: /Priority\s*:/iy },
  { key: 'applicationReceived', re: /Application(?:\s+Received)?\s*:?(?=\s|$)/iy },
];
const RECEIVED_CONTINUATION = /Received\s*:/iy;
const WHITE_SPACE_RE = /\s/;
const DATE_KEYS: ReadonlySet<HeaderKey> = new Set(['dateAssigned', 'decisionDate', 'dateOfInjury', 'urDenialDate', 'applicationReceived']);

function headerFact(key: HeaderKey, raw: string, span: Span, labelSpan?: Span): HeaderFact {
  let value = raw;
  if (DATE_KEYS.has(key)) value = toIsoDate(raw) ?? raw;
  else if (key === 'caseNumber') value = raw.toUpperCase();
  return labelSpan ? { value, raw, span, labelSpan } : { value, raw, span };
}

/** Header table: labels paired with values on the same line, or (reading order) in label order. */
function parseHeaderTable(lines: Lines, endLine: number): { facts: Partial<Record<HeaderKey, HeaderFact>>; span?: Span } {
  const facts: Partial<Record<HeaderKey, HeaderFact>> = {};
  const pending: Array<{ key: HeaderKey; span: Span }> = [];
  let first: number | undefined;
  let last: number | undefined;
  let lastLabel: HeaderKey | undefined;
  for (let i = 0; i < endLine; i++) {
    if (isBlankLine(lines, i)) continue;
    const t = lineText(lines, i);
    const lineStart = lines.starts[i];
    let pos = 0;
    let sawToken = false;
    let currentLabel: { key: HeaderKey; span: Span } | undefined;
    const pushValue = (from: number, to: number) => {
      const raw = t.slice(from, to).trim();
      if (!raw) return;
      const lead = t.slice(from, to).length - t.slice(from, to).trimStart().length;
      const span = { start: lineStart + from + lead, end: lineStart + from + lead + raw.length };
      const target = currentLabel ?? pending.shift();
      if (!target) return;
      if (!facts[target.key]) facts[target.key] = headerFact(target.key, raw, span, target.span);
      currentLabel = undefined;
      sawToken = true;
    };
    let valueFrom = -1;
    while (pos < t.length) {
      if (WHITE_SPACE_RE.test(t[pos])) {
        pos++;
        continue;
      }
      let matched: { key: HeaderKey; len: number } | undefined;
      const atWordStart = pos === 0 || /\s/.test(t[pos - 1]);
      if (atWordStart) {
        for (const l of HEADER_LABELS) {
          l.re.lastIndex = pos;
          const m = l.re.exec(t);
          if (m) {
            matched = { key: l.key, len: m[0].length };
            break;
          }
        }
        if (!matched) {
          RECEIVED_CONTINUATION.lastIndex = pos;
          const r = RECEIVED_CONTINUATION.exec(t);
          if (r && lastLabel === 'applicationReceived') {
            if (valueFrom >= 0) pushValue(valueFrom, pos);
            valueFrom = -1;
            pos += r[0].length;
            sawToken = true;
            continue;
          }
        }
      }
      if (matched) {
        if (valueFrom >= 0) pushValue(valueFrom, pos);
        valueFrom = -1;
        if (currentLabel) pending.push(currentLabel);
        currentLabel = { key: matched.key, span: { start: lineStart + pos, end: lineStart + pos + matched.len } };
        lastLabel = matched.key;
        pos += matched.len;
        sawToken = true;
        continue;
      }
      // A value runs to the next label or to a gap of two or more spaces.
      if (valueFrom < 0) valueFrom = pos;
      const gap = /\s{2,}/g;
      gap.lastIndex = pos;
      const g = gap.exec(t);
      // The value starts on a non-space character, so the gap is found after it: the scan always advances.
      const stop = g && g.index > pos ? g.index : g ? pos + 1 : t.length;
      pos = stop;
      pushValue(valueFrom, stop);
      valueFrom = -1;
    }
    if (valueFrom >= 0) pushValue(valueFrom, t.length);
    if (currentLabel) pending.push(currentLabel);
    if (sawToken) {
      first ??= i;
      last = i;
    } else if (first !== undefined) {
      break;
    }
  }
  const span = first !== undefined && last !== undefined ? { start: lines.starts[first], end: lines.ends[last] } : undefined;
  return { facts, span };
}

function factFromMatch(folded: ReturnType<typeof fold>, m: RegExpExecArray, group: number, key: HeaderKey): HeaderFact | undefined {
  const raw = m[group];
  if (raw === undefined) return undefined;
  const from = m.index + m[0].indexOf(raw);
  return headerFact(key, raw.trim(), spanOf(folded, from, from + raw.trim().length));
}

/** Text between two offsets of the lines' source, line breaks folded to spaces; `from` is a line at or before `start`. */
function text(lines: Lines, from: number, start: number, end: number): string {
  const parts: string[] = [];
  for (let i = from; i < lines.count && lines.starts[i] < end; i++) {
    const lineStart = lines.starts[i];
    const lineEnd = lines.ends[i];
    if (lineEnd <= start) continue;
    parts.push(lines.source.slice(lineStart + Math.max(0, start - lineStart), lineStart + Math.min(lineEnd - lineStart, end - lineStart)).trim());
  }
  return parts.join(' ');
}

function lineFact(lines: Lines, from: number, to: number, label: RegExp, key: HeaderKey): HeaderFact | undefined {
  for (let i = from; i < to; i++) {
    const t = lineText(lines, i);
    const m = label.exec(t);
    if (!m) continue;
    const first = t.slice(m.index + m[0].length).trim();
    if (!first) return undefined;
    const start = lines.starts[i] + t.indexOf(first, m.index + m[0].length);
    let end = start + first.length;
    // A value cut at "&", "," or "and" continues on the next line.
    if (/(?:[&,/-]|\band)$/.test(first) && i + 1 < lines.count && i + 1 < to && !isBlankLine(lines, i + 1) && !/:/.test(lineText(lines, i + 1)) && !headingOf(lines, i + 1)) {
      end = trimmedSpan(lines, i + 1).end;
    }
    const labelStart = lines.starts[i] + m.index;
    const raw = text(lines, i, start, end);
    return headerFact(key, raw, { start, end }, { start: labelStart, end: labelStart + m[0].length });
  }
  return undefined;
}

/** Reviewer credentials: labelled lines (2016-17) or a sentence of the boilerplate (older letters). */
function parseCredentials(
  text: string,
  lines: Lines,
  section: { section: Section; from: number; to: number } | undefined,
  facts: Partial<Record<HeaderKey, HeaderFact>>,
): void {
  if (!section) return;
  facts.licensure ??= lineFact(lines, section.from, section.to, /State\(s\)\s+of\s+Licensure\s*:/i, 'licensure');
  facts.specialty ??= lineFact(lines, section.from, section.to, /Certification\(s\)\s*\/\s*Specialty\s*:/i, 'specialty');
  if (facts.licensure && facts.specialty) return;
  const end = Math.min(section.section.span.end, section.section.headingSpan.end + 3000);
  const folded = fold(text, section.section.headingSpan.end, end);
  const older = /Board\s+Certified\s+in\s+(.+?)\s+and\s+is\s+licensed\s+to\s+practice\s+in\s+(.+?)\./i.exec(folded.text);
  if (older) {
    facts.specialty ??= factFromMatch(folded, older, 1, 'specialty');
    facts.licensure ??= factFromMatch(folded, older, 2, 'licensure');
  }
}

function parseInjuryDateFromSummary(text: string, section: Section | undefined, facts: Partial<Record<HeaderKey, HeaderFact>>): void {
  if (!section || facts.dateOfInjury) return;
  const folded = fold(text, section.headingSpan.end, Math.min(section.span.end, section.headingSpan.end + 4000));
  const m =
    /\b(?:date of injury|DOI)\)?\s*(?:of|on|was|is|:)?\s*(\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2}))\b/i.exec(folded.text) ??
    /\binjur(?:y|ed)\s+on\s+(\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2}))\b/i.exec(folded.text);
  if (m) facts.dateOfInjury = factFromMatch(folded, m, 1, 'dateOfInjury');
}

// ---------------------------------------------------------------- layout

function detectLayout(lines: Lines): Layout {
  const n = lines.count;
  let nonBlank = 0;
  let followedByBlank = 0;
  let blank = 0;
  for (let i = 0; i < n; i++) {
    if (isBlankLine(lines, i)) {
      blank++;
      continue;
    }
    nonBlank++;
    if (i + 1 < n && isBlankLine(lines, i + 1)) followedByBlank++;
  }
  if (nonBlank === 0) return 'unknown';
  if (followedByBlank / nonBlank > 0.8) return 'double-spaced';
  for (let i = 0; i < n; i++) {
    // The first "Case Number:" line ("Case" starts with C).
    if (lower(firstCode(lines, i)) !== 99 /* c */) continue;
    const t = lineText(lines, i);
    if (!HEADER_START_RE.test(t)) continue;
    if (/Case\s+Number\s*:\s*$/i.test(t)) return 'reading-order';
    break;
  }
  for (let i = 0; i < n; i++) {
    // A heading indented by eight or more white space characters.
    if (lines.firsts[i] - lines.starts[i] >= 8 && !isBlankLine(lines, i) && headingOf(lines, i)) return 'layout';
  }
  return blank / n < 0.04 ? 'reading-order' : 'layout';
}

// ---------------------------------------------------------------- entry

export function parseDetermination(text: string): Determination {
  return parseWithLineStarts(text).model;
}

/** The model and the offset of each line's start (so a caller need not split the text again). */
export function parseWithLineStarts(text: string): { model: Determination; lineStarts: Int32Array } {
  const problems: ParseProblem[] = [];
  const lines = splitLines(text);

  const headingLines: Array<{ line: number; kind: SectionKind; name: string }> = [];
  for (let i = 0; i < lines.count; i++) {
    const h = headingOf(lines, i);
    if (h) headingLines.push({ line: i, kind: h.kind, name: h.name });
  }

  const sections: Section[] = [];
  const sectionEndLines: number[] = [];
  for (let k = 0; k < headingLines.length; k++) {
    const { line, kind, name } = headingLines[k];
    const nextLine = k + 1 < headingLines.length ? headingLines[k + 1].line : lines.count;
    let last = nextLine - 1;
    while (last > line && isBlankLine(lines, last)) last--;
    const headingSpan = trimmedSpan(lines, line);
    sections.push({ kind, name, headingSpan, span: { start: headingSpan.start, end: trimmedSpan(lines, last).end } });
    sectionEndLines.push(nextLine);
  }

  // Items live in the issues sections; without that heading, look after the last heading found.
  const items: DisputedItem[] = [];
  let issuesLeadIn: Span | undefined;
  const scanRanges: Array<[number, number]> = [];
  headingLines.forEach((h, k) => {
    if (h.kind === 'issues') scanRanges.push([h.line + 1, sectionEndLines[k]]);
  });
  if (scanRanges.length === 0) {
    const from = headingLines.length > 0 ? headingLines[headingLines.length - 1].line + 1 : 0;
    scanRanges.push([from, lines.count]);
  }
  const memo = new CitationMemo();
  for (const [from, to] of scanRanges) {
    const { items: drafts, leadIn } = new ItemScanner(text, lines, from, to).scan();
    issuesLeadIn ??= leadIn;
    for (const d of drafts) items.push(buildItem(text, lines, d, items.length, memo));
  }

  const firstHeading = headingLines.length > 0 ? headingLines[0].line : Math.min(lines.count, 40);
  const table = parseHeaderTable(lines, firstHeading);
  const facts = table.facts;
  const howMade = sections.findIndex((s) => s.kind === 'howMade');
  parseCredentials(
    text,
    lines,
    howMade >= 0 ? { section: sections[howMade], from: headingLines[howMade].line + 1, to: sectionEndLines[howMade] } : undefined,
    facts,
  );
  parseInjuryDateFromSummary(text, sections.find((s) => s.kind === 'clinicalSummary'), facts);
  const header: Header = table.span ? { ...facts, span: table.span } : { ...facts };

  // lastIndexOf: V8 looks for a NUL in a two-byte string one character at a time, and its backward loop is the faster one.
  if (text.lastIndexOf('\u0000') >= 0) problems.push({ message: 'The text contains NUL bytes: it is probably not a letter.', span: { start: 0, end: 0 } });

  const model: Determination = {
    text,
    layout: detectLayout(lines),
    isLetter: looksLikeDetermination(text),
    header,
    sections,
    items,
    issuesLeadIn,
    problems,
  };
  return { model, lineStarts: lines.starts };
}
