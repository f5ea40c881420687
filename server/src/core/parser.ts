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
import { FIELD_LABELS, SECTION_HEADINGS } from './model';
import { looksLikeDeterminationGiven } from './detect';
import { fold, foldedText, hasNul, isWhiteSpace, spanOf, type FoldedText } from './text';
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
  /** End of each line's text without trailing white space (its start when the line is blank). */
  readonly lasts: Int32Array;
  /**
   * What each line is, found while its text is in cache (see MARK_*): a heading
   * (bits 0-1: index in HEADINGS + 1), a field label (bits 2-3: kind + 1; bit 4:
   * spelled as LABEL_SPELLINGS has it; bits 8-30: length through the colon, or 0
   * when too long to keep), an outcome word at its end (bits 5-6), a line whose
   * first two letters are "ca" as in "Case Number:" (bit 7).
   */
  readonly marks: Int32Array;
}

const MARK_LABEL_SHIFT = 2;
const MARK_EXACT = 1 << 4;
const MARK_UPHELD = 1 << 5;
const MARK_OVERTURNED = 2 << 5;
const MARK_CASE = 1 << 7;
const MARK_LENGTH_SHIFT = 8;
const MARK_MAX_LENGTH = (1 << 23) - 1;

/** Lines as `text.split(/\r\n|\n|\r/)` makes them, without building a string per line. */
function splitLines(text: string): Lines {
  // Typed arrays, grown by doubling: no boxed numbers, nothing for the garbage collector to trace.
  let capacity = (text.length >> 6) + 16;
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let firsts = new Int32Array(capacity);
  let lasts = new Int32Array(capacity);
  let marks = new Int32Array(capacity);
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
    let lastChar = 0;
    while (last > first && isWhiteSpace((lastChar = text.charCodeAt(last - 1)))) last--;
    if (count === capacity) {
      capacity *= 2;
      starts = grown(starts, new Int32Array(capacity));
      ends = grown(ends, new Int32Array(capacity));
      firsts = grown(firsts, new Int32Array(capacity));
      lasts = grown(lasts, new Int32Array(capacity));
      marks = grown(marks, new Int32Array(capacity));
    }
    starts[count] = start;
    ends[count] = end;
    firsts[count] = first;
    // The second character too, while it is in cache (headings and labels are told by their first two letters).
    const second = first + 1 < end ? text.charCodeAt(first + 1) : 0;
    lasts[count] = last > first ? last : start;
    marks[count] = first < end ? markOf(text, start, first, end, lower(code), lower(second), last, lower(lastChar)) : 0;
    count++;
    if (next < 0) break;
    start = next;
  }
  // The line starts outlive the parse (the analysis keeps them): a buffer much longer than its lines
  // is copied at their length (a letter of long lines fills a third of the room guessed for it).
  const kept = count < capacity - (capacity >> 3) ? starts.slice(0, count) : starts.subarray(0, count);
  return { source: text, count, starts: kept, ends, firsts, lasts, marks };
}

/**
 * The marks of a non-blank line (see Lines.marks): c and c2 are its first two
 * characters in lower case, d its last non-blank one (ending at `last`).
 */
function markOf(text: string, start: number, first: number, end: number, c: number, c2: number, last: number, d: number): number {
  let mark = c === 99 /* c */ && c2 === 97 /* a */ ? MARK_CASE : 0;
  // Headings start with h, c or i, labels with c, m or d: the first two letters rule out most lines.
  const h = c < 128 ? HEADING_BY_FIRST[c] : undefined;
  if (h !== undefined && c2 === h.second && end - start <= 120 && headingAt(text, first, end, h)) mark |= HEADINGS.indexOf(h) + 1;
  const kind = labelKindOf(c, c2);
  if (kind >= 0 && matchLabel(text, first, end, kind)) {
    const length = labelMatch.end - first;
    mark |= ((kind + 1) << MARK_LABEL_SHIFT) | (labelMatch.exact ? MARK_EXACT : 0) | (length <= MARK_MAX_LENGTH ? length << MARK_LENGTH_SHIFT : 0);
  }
  // Both outcome words end in "d"; "upheld" and "overturned" part at their third letter from the end.
  if (d === 100 /* d */) {
    const e = lower(text.charCodeAt(last - 3));
    if (e === 101 /* e */ && last - first >= 6 && matchPhrase(text, last - 6, last, 'upheld') === last) mark |= MARK_UPHELD;
    else if (e === 110 /* n */ && last - first >= 10 && matchPhrase(text, last - 10, last, 'overturned') === last) mark |= MARK_OVERTURNED;
  }
  return mark;
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

/** The last non-blank character of a line, as a code unit (0 for a blank line). */
function lastCode(lines: Lines, i: number): number {
  const last = lines.lasts[i];
  return last > lines.firsts[i] ? lines.source.charCodeAt(last - 1) : 0;
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

/**
 * Whether `phrase` (lower case) stands at source[pos, end), matched as the
 * heading and label patterns always have been: letters in any case, a space
 * for one or more white space characters, a comma that may be left out.
 * Returns the offset after the phrase, or -1.
 */
function matchPhrase(source: string, pos: number, end: number, phrase: string): number {
  for (let k = 0; k < phrase.length; k++) {
    const p = phrase.charCodeAt(k);
    if (p === 32) {
      if (pos >= end || !isWhiteSpace(source.charCodeAt(pos))) return -1;
      pos++;
      while (pos < end && isWhiteSpace(source.charCodeAt(pos))) pos++;
    } else if (p === 44 /* , */) {
      if (pos < end && source.charCodeAt(pos) === 44) pos++;
    } else {
      if (pos >= end || lower(source.charCodeAt(pos)) !== p) return -1;
      pos++;
    }
  }
  return pos;
}

interface Heading {
  readonly kind: SectionKind;
  readonly name: string;
  /** The heading in lower case. */
  readonly phrase: string;
  /** Its second letter. */
  readonly second: number;
}

const HEADINGS: readonly Heading[] = SECTION_HEADINGS.map((h) => ({
  kind: h.kind,
  name: h.heading,
  phrase: h.heading.toLowerCase(),
  second: h.heading.toLowerCase().charCodeAt(1),
}));

/** The heading whose first letter is the (lower-case) code unit c, by c (below 128): the headings start with different letters. */
const HEADING_BY_FIRST: ReadonlyArray<Heading | undefined> = Array.from({ length: 128 }, (_, c) => HEADINGS.find((h) => h.phrase.charCodeAt(0) === c));

/**
 * Whether the line source[first, end) (first not white space) is heading h
 * alone (any case, any white space between the words, the comma optional),
 * perhaps with a colon.
 */
function headingAt(source: string, first: number, end: number, h: Heading): boolean {
  let pos = matchPhrase(source, first, end, h.phrase);
  if (pos < 0) return false;
  // Then only white space and perhaps a colon.
  while (pos < end && isWhiteSpace(source.charCodeAt(pos))) pos++;
  if (pos < end && source.charCodeAt(pos) === 58 /* : */) pos++;
  while (pos < end && isWhiteSpace(source.charCodeAt(pos))) pos++;
  return pos === end;
}

/** The heading line i is (one of the headings alone, at most 120 characters), if any. */
function headingOf(lines: Lines, i: number): { kind: SectionKind; name: string } | undefined {
  const h = lines.marks[i] & 3;
  return h === 0 ? undefined : HEADINGS[h - 1];
}

// ---------------------------------------------------------------- item lines

/** Field kinds as numbers (their order in an item), and as the model names them. */
const CLAIMS = 0;
const MAXIMUS = 1;
const RATIONALE = 2;
const FIELD_KINDS: readonly FieldKind[] = ['claimsAdministratorGuideline', 'maximusGuideline', 'decisionRationale'];
/** The labels as letters usually spell them, colon included (shared rather than sliced from the text). */
const LABEL_SPELLINGS: readonly string[] = FIELD_KINDS.map((kind) => FIELD_LABELS.find((l) => l.kind === kind)!.label);

const LEAD_IN_RE = /set\s+forth\s+below\s*:?\s*$|disputed\s+items?\/services?\b.*:\s*$/i;
/** A title of a partial authorisation opens with the original request. */
const PARTIAL_OPEN_RE = /\bwas\s+the\s+original\s+request\b/i;
const PARTIAL_ANY_RE = /\boriginal\s+request\b|\bIMR\s+eligible\b/i;
/** A partial-authorisation title: PARTIAL_OPEN_RE or "IMR eligible". */
const PARTIAL_RE = /\bwas\s+the\s+original\s+request\b|\bIMR\s+eligible\b/i;
/** How far back a title may reach, in non-blank lines (the longest real one is about six). */
const MAX_TITLE_LINES = 10;

/** The label kind a line starting with letters c and c2 (lower case) may have: Cl(aims), Ma(XIMUS) or De(cision); else -1. */
function labelKindOf(c: number, c2: number): number {
  return c === 99 /* c */ && c2 === 108 /* l */ ? CLAIMS : c === 109 /* m */ && c2 === 97 /* a */ ? MAXIMUS : c === 100 /* d */ && c2 === 101 /* e */ ? RATIONALE : -1;
}

/** Where matchLabel leaves the end of the label it found (after the colon), and whether it is spelled as LABEL_SPELLINGS has it. */
const labelMatch = { end: 0, exact: false };

/**
 * Whether the line source[first, end) (first not white space) starts with
 * the label of a field kind: its words in any case, any white space between
 * them, then perhaps white space and a colon.
 */
function matchLabel(source: string, first: number, end: number, kind: number): boolean {
  const spelling = LABEL_SPELLINGS[kind];
  let pos = first;
  let exact = true;
  // The words (the spelling but its colon): letters in any case, a space for any run of white space.
  for (let k = 0; k < spelling.length - 1; k++) {
    const p = spelling.charCodeAt(k);
    if (pos >= end) return false;
    const s = source.charCodeAt(pos);
    if (p === 32) {
      if (!isWhiteSpace(s)) return false;
      if (s !== 32) exact = false;
      pos++;
      while (pos < end && isWhiteSpace(source.charCodeAt(pos))) {
        exact = false;
        pos++;
      }
    } else {
      if (s !== p) {
        if (lower(s) !== lower(p)) return false;
        exact = false;
      }
      pos++;
    }
  }
  while (pos < end && isWhiteSpace(source.charCodeAt(pos))) {
    exact = false;
    pos++;
  }
  if (pos >= end || source.charCodeAt(pos) !== 58 /* : */) return false;
  labelMatch.end = pos + 1;
  labelMatch.exact = exact;
  return true;
}

/** The field kind of the label line i starts with, or -1. */
function labelKindAt(lines: Lines, i: number): number {
  return ((lines.marks[i] >>> MARK_LABEL_SHIFT) & 3) - 1;
}

/** Where the label of label line i ends (after its colon). */
function labelEndAt(lines: Lines, i: number): number {
  const length = lines.marks[i] >>> MARK_LENGTH_SHIFT;
  if (length > 0) return lines.firsts[i] + length;
  // A label too long to keep in the marks: match it again.
  matchLabel(lines.source, lines.firsts[i], lines.ends[i], labelKindAt(lines, i));
  return labelMatch.end;
}

function isLabelLine(lines: Lines, i: number): boolean {
  return labelKindAt(lines, i) >= 0;
}

/** The issues section's lead-in ("... set forth below:"): only a line whose text ends in a colon or a w can be one. */
function isLeadIn(lines: Lines, i: number): boolean {
  const d = lower(lastCode(lines, i));
  return (d === 58 /* : */ || d === 119) /* w */ && LEAD_IN_RE.test(lineText(lines, i));
}

/** A line starting with "Case Number:" (white space allowed before the colon and between the words, any case). */
function isHeaderStart(lines: Lines, i: number): boolean {
  // "Case" starts with Ca.
  if ((lines.marks[i] & MARK_CASE) === 0) return false;
  const source = lines.source;
  const end = lines.ends[i];
  let pos = matchPhrase(source, lines.firsts[i], end, 'case number');
  if (pos < 0) return false;
  while (pos < end && isWhiteSpace(source.charCodeAt(pos))) pos++;
  return pos < end && source.charCodeAt(pos) === 58 /* : */;
}

/** Whether a line ends a sentence: . ! or ? perhaps followed by closing quotes or brackets (then only white space). */
function endsSentence(lines: Lines, i: number): boolean {
  const source = lines.source;
  const first = lines.firsts[i];
  let pos = lines.lasts[i];
  for (;;) {
    if (pos <= first) return false;
    const c = source.charCodeAt(pos - 1);
    if (c === 46 /* . */ || c === 33 /* ! */ || c === 63 /* ? */) return true;
    // " ' ” ’ ) ]
    if (c !== 34 && c !== 39 && c !== 0x201d && c !== 0x2019 && c !== 41 && c !== 93) return false;
    pos--;
  }
}

/**
 * Where an outcome word (Upheld or Overturned, any case) ends line i, as its
 * last text: its start, or -1.
 */
function outcomeWordAt(lines: Lines, i: number): number {
  const mark = lines.marks[i];
  return mark & MARK_UPHELD ? lines.lasts[i] - 6 : mark & MARK_OVERTURNED ? lines.lasts[i] - 10 : -1;
}

/**
 * The open item of an ItemScanner: its title and outcome, and its fields as
 * parallel arrays reused from item to item (an item becomes a DisputedItem as
 * soon as the next one starts, so nothing of it outlives the scan for long).
 */
class OpenItem {
  titleSpan: Span = { start: 0, end: 0 };
  outcome: Outcome | undefined = undefined;
  outcomeSpan: Span | undefined = undefined;
  /** Number of fields. */
  count = 0;
  kinds: Int32Array = new Int32Array(8);
  /** Line of each field's label. */
  labelLines: Int32Array = new Int32Array(8);
  /** Where the label starts (after the line's leading white space) and ends (after its colon). */
  labelStarts: Int32Array = new Int32Array(8);
  labelEnds: Int32Array = new Int32Array(8);
  /** First line after each field, -1 while it is not known. */
  endLines: Int32Array = new Int32Array(8);
  labels: string[] = [];
  /** Scratch lists for buildItem. */
  readonly fieldScratch: ParsedField[] = [];
  readonly citationScratch: GuidelineCitation[] = [];

  reset(titleSpan: Span, outcome: Outcome | undefined, outcomeSpan: Span | undefined): void {
    this.titleSpan = titleSpan;
    this.outcome = outcome;
    this.outcomeSpan = outcomeSpan;
    this.count = 0;
  }

  addField(kind: number, line: number, labelStart: number, labelEnd: number, label: string): void {
    const k = this.count;
    if (k === this.kinds.length) {
      this.kinds = doubled(this.kinds);
      this.labelLines = doubled(this.labelLines);
      this.labelStarts = doubled(this.labelStarts);
      this.labelEnds = doubled(this.labelEnds);
      this.endLines = doubled(this.endLines);
    }
    this.kinds[k] = kind;
    this.labelLines[k] = line;
    this.labelStarts[k] = labelStart;
    this.labelEnds[k] = labelEnd;
    this.endLines[k] = -1;
    this.labels[k] = label;
    this.count = k + 1;
  }

  /** The last field (if any) ends before `endLine`, unless its end is known already. */
  closeField(endLine: number): void {
    if (this.count > 0 && this.endLines[this.count - 1] < 0) this.endLines[this.count - 1] = endLine;
  }

  /** The last field stops before the next item's title. */
  truncateLastField(titleStartLine: number): void {
    const k = this.count - 1;
    if (k < 0) return;
    const end = this.endLines[k];
    this.endLines[k] = end < 0 ? titleStartLine : Math.min(end, titleStartLine);
  }
}

function doubled(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

class ItemScanner {
  private isOpen = false;

  constructor(
    private readonly text: string,
    private readonly lines: Lines,
    /** First line of the section body (after its heading). */
    private readonly bodyStart: number,
    /** First line after the section. */
    private readonly bodyEnd: number,
    /** Items are appended here as they are completed. */
    private readonly items: DisputedItem[],
    private readonly memo: CitationMemo,
    /** The open item's state, shared by the scans of one text (a scan leaves no item open). */
    private readonly open: OpenItem,
  ) {}

  /** Appends the section's items; returns the lead-in sentence's span, if any. */
  scan(): Span | undefined {
    const { lines, open } = this;
    let leadIn: Span | undefined;
    let floor = this.bodyStart; // no title reaches above this line
    for (let i = this.bodyStart; i < this.bodyEnd; i++) {
      if (isBlankLine(lines, i)) continue;
      if (!leadIn && !this.isOpen) {
        if (isLeadIn(lines, i) && !(lower(lastCode(lines, i)) === 100 /* d */ && this.outcomeColon(i) >= 0)) {
          leadIn = trimmedSpan(lines, i);
          floor = i + 1;
          continue;
        }
      }
      if (isHeaderStart(lines, i)) {
        // A following letter's header (concatenated letters): the open field stops here.
        this.finish(i);
        floor = i + 1;
        continue;
      }
      const kind = labelKindAt(lines, i);
      if (kind >= 0) {
        const labelStart = lines.firsts[i];
        const labelEnd = labelEndAt(lines, i);
        if (!this.isOpen || (open.count > 0 && kind <= open.kinds[open.count - 1])) {
          // Fields without a title line before them: an item whose title has no outcome.
          // The title, if any, is the text just above the label; a line that ends a sentence
          // after another item belongs to that item's rationale instead.
          const lastTitle = this.prevNonBlank(i - 1, floor);
          const hasTitle = lastTitle >= 0 && !isLabelLine(lines, lastTitle) && !(this.isOpen && endsSentence(lines, lastTitle));
          const titleStart = hasTitle ? this.walkUp(lastTitle, floor) : i;
          const titleSpan = (hasTitle && this.titleSpan(titleStart, lastTitle, undefined)) || { start: labelStart, end: labelStart };
          if (this.isOpen) {
            open.closeField(i);
            open.truncateLastField(titleStart);
          }
          this.finish(i);
          open.reset(titleSpan, undefined, undefined);
          this.isOpen = true;
        } else {
          open.closeField(i);
        }
        const label = lines.marks[i] & MARK_EXACT ? LABEL_SPELLINGS[kind] : this.text.slice(labelStart, labelEnd);
        open.addField(kind, i, labelStart, labelEnd, label);
        continue;
      }
      // An outcome: `...: Upheld` at the end, or the word alone after a line ending in a colon.
      const wordStart = outcomeWordAt(lines, i);
      if (wordStart < 0) continue;
      const colon = this.colonBefore(i, wordStart);
      const lone = colon < 0 && wordStart === lines.firsts[i] && this.loneOutcomeFollows(i);
      if (colon < 0 && !lone) continue;
      const titleLast = lone ? this.prevNonBlank(i - 1, floor) : i;
      const titleStart = titleLast < 0 ? i : this.walkUp(titleLast, floor);
      const span = { start: wordStart, end: lines.lasts[i] };
      const titleSpan = this.titleSpan(titleStart, titleLast < 0 ? i : titleLast, lone ? undefined : colon) ?? { start: wordStart, end: wordStart };
      if (this.isOpen) open.truncateLastField(titleStart);
      this.finish(i);
      open.reset(titleSpan, lower(this.text.charCodeAt(wordStart)) === 117 /* u */ ? 'Upheld' : 'Overturned', span);
      this.isOpen = true;
      floor = i + 1;
    }
    this.finish(this.bodyEnd);
    return leadIn;
  }

  /** The colon before an outcome word that ends line i (white space between them), or -1. */
  private colonBefore(i: number, wordStart: number): number {
    const first = this.lines.firsts[i];
    let pos = wordStart;
    while (pos > first && isWhiteSpace(this.text.charCodeAt(pos - 1))) pos--;
    return pos > first && this.text.charCodeAt(pos - 1) === 58 /* : */ ? pos - 1 : -1;
  }

  /** `...: Upheld` at the end of line i: the colon's offset, or -1. */
  private outcomeColon(i: number): number {
    const wordStart = outcomeWordAt(this.lines, i);
    return wordStart < 0 ? -1 : this.colonBefore(i, wordStart);
  }

  /** An outcome word alone on line i counts after a line that ends in a colon and is not a field label. */
  private loneOutcomeFollows(i: number): boolean {
    const prev = this.prevNonBlank(i - 1, this.bodyStart);
    return prev >= 0 && lastCode(this.lines, prev) === 58 /* : */ && !isLabelLine(this.lines, prev);
  }

  /** The open item, if any, is complete: its last field ends before `endLine` unless it ends earlier. */
  private finish(endLine: number): void {
    if (!this.isOpen) return;
    this.open.closeField(endLine);
    this.items.push(buildItem(this.text, this.lines, this.open, this.items.length, this.memo));
    this.isOpen = false;
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
    let start = first;
    let count = 1;
    while (count < MAX_TITLE_LINES) {
      const above = this.prevNonBlank(start - 1, floor);
      if (above < 0) break;
      if (isLabelLine(lines, above) || headingOf(lines, above)) break;
      if (endsSentence(lines, above) && !this.partialPending(start, first)) break;
      if (isLeadIn(lines, above)) break;
      start = above;
      count++;
    }
    if (count >= MAX_TITLE_LINES) return first;
    return start;
  }

  /** Whether the title lines from..to (non-blank ones, joined by spaces) mention the original request without opening with it. */
  private partialPending(from: number, to: number): boolean {
    const lines = this.lines;
    let block = lineText(lines, from);
    for (let j = from + 1; j <= to; j++) if (!isBlankLine(lines, j)) block += ' ' + lineText(lines, j);
    return PARTIAL_ANY_RE.test(block) && !PARTIAL_OPEN_RE.test(block);
  }

  private titleSpan(startLine: number, lastLine: number, colonOffset: number | undefined): Span | undefined {
    const lines = this.lines;
    if (lastLine < startLine) return undefined;
    let first = startLine;
    while (first <= lastLine && isBlankLine(lines, first)) first++;
    if (first > lastLine) return undefined;
    const start = lines.firsts[first];
    let end: number;
    if (colonOffset !== undefined) {
      end = colonOffset;
    } else {
      let last = lastLine;
      while (last > first && isBlankLine(lines, last)) last--;
      end = lines.lasts[last];
      if (this.text.charCodeAt(end - 1) === 58 /* : */) end--;
    }
    while (end > start && isWhiteSpace(this.text.charCodeAt(end - 1))) end--;
    return { start, end };
  }
}

// ---------------------------------------------------------------- items

/**
 * A field whose folded text is computed only when something reads it (most
 * rationales never are). Its spans are made when asked for, from as few
 * numbers as tell them: a letter has three fields per item, and what each keeps
 * is a good part of the model the garbage collector has to copy and trace.
 */
class ParsedField implements Field {
  /** The folded value with its map once asked for; before that, perhaps its text alone (a guideline field's, known from parsing its citations). */
  private foldedValue: FoldedText | string | undefined = undefined;

  constructor(
    private readonly source: string,
    readonly kind: FieldKind,
    /** The label as the text spells it, so it ends `label.length` characters after its start. */
    readonly label: string,
    private readonly labelStart: number,
    /** End of the value (and of the field); the value starts at the first character after the label that is not white space. */
    private readonly valueEnd: number,
  ) {}

  get span(): Span {
    return { start: this.labelStart, end: this.valueEnd };
  }

  get labelSpan(): Span {
    return { start: this.labelStart, end: this.labelStart + this.label.length };
  }

  get valueSpan(): Span {
    return { start: this.valueStart(), end: this.valueEnd };
  }

  get folded(): FoldedText {
    const value = this.foldedValue;
    if (value !== undefined && typeof value !== 'string') return value;
    const folded = fold(this.source, this.valueStart(), this.valueEnd);
    this.foldedValue = folded;
    return folded;
  }

  get text(): string {
    const value = this.foldedValue;
    return typeof value === 'string' ? value : this.folded.text;
  }

  /** Records the folded text found while parsing the field's citations. */
  knowText(text: string): void {
    this.foldedValue ??= text;
  }

  private valueStart(): number {
    const end = this.valueEnd;
    let start = this.labelStart + this.label.length;
    while (start < end && isWhiteSpace(this.source.charCodeAt(start))) start++;
    return start;
  }

  toJSON(): object {
    const { kind, label, span, labelSpan, valueSpan, text } = this;
    return { kind, label, span, labelSpan, valueSpan, text };
  }
}

function buildField(text: string, lines: Lines, open: OpenItem, k: number): ParsedField {
  const line = open.labelLines[k];
  const endLine = open.endLines[k] >= 0 ? open.endLines[k] : line + 1;
  let last = endLine - 1;
  while (last > line && isBlankLine(lines, last)) last--;
  // A blank line's trimmed end is its start.
  const end = Math.max(open.labelEnds[k], lines.lasts[last]);
  return new ParsedField(text, FIELD_KINDS[open.kinds[k]], open.labels[k], open.labelStarts[k], end);
}

const PARTIAL_SHORT_RE = /(?:remaining\s+IMR\s+eligible\s+portion\s+of\s+the\s+original\s+request|the\s+original\s+request)\s*,\s*(.+?)\s*,?\s+is\s*$/i;

/** A name for a partial authorisation's outline entry: the remaining portion it names, else the title. */
function partialShortTitle(title: string): string {
  const m = PARTIAL_SHORT_RE.exec(title);
  if (!m) return title;
  const s = m[1].trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Each kind's first field, keyed in document order (one literal for the usual three in their usual order). */
function fieldsByKind(list: readonly ParsedField[]): { [K in FieldKind]?: Field } {
  if (list.length === 3 && list[0].kind === 'claimsAdministratorGuideline' && list[1].kind === 'maximusGuideline' && list[2].kind === 'decisionRationale') {
    return { claimsAdministratorGuideline: list[0], maximusGuideline: list[1], decisionRationale: list[2] };
  }
  const fields: { [K in FieldKind]?: Field } = {};
  for (const f of list) if (!fields[f.kind]) fields[f.kind] = f;
  return fields;
}

function buildItem(text: string, lines: Lines, open: OpenItem, index: number, memo: CitationMemo): DisputedItem {
  const { titleSpan, outcomeSpan } = open;
  const titleText = foldedText(text, titleSpan.start, titleSpan.end);
  const partial = PARTIAL_RE.test(titleText);
  // Gathered in arrays reused from item to item, then copied at their length: an array grown by
  // pushes keeps room for 17 elements, and the model keeps two arrays per item.
  const fieldList = open.fieldScratch;
  const citations = open.citationScratch;
  fieldList.length = 0;
  citations.length = 0;
  let end = outcomeSpan ? Math.max(titleSpan.end, outcomeSpan.end) : titleSpan.end;
  for (let k = 0; k < open.count; k++) {
    const f = buildField(text, lines, open, k);
    fieldList.push(f);
    const { start, end: valueEnd } = f.valueSpan;
    end = Math.max(end, valueEnd);
    if (f.kind === 'decisionRationale') continue;
    if (valueEnd <= start) continue;
    const value = memo.lookUp(text, f.kind, start, valueEnd);
    f.knowText(value.text);
    CitationMemo.append(value, f.kind, start, citations);
  }
  return new ParsedItem(
    index,
    titleText,
    partial ? partialShortTitle(titleText) : titleText,
    partial,
    titleSpan.start,
    titleSpan.end,
    open.outcome,
    outcomeSpan ? outcomeSpan.start : -1,
    outcomeSpan ? outcomeSpan.end : -1,
    end,
    fieldList.slice(),
    citations.length > 0 ? citations.slice() : NO_CITATIONS,
  );
}

/** The citations of every item that has none (nothing changes what the model holds). */
const NO_CITATIONS: readonly GuidelineCitation[] = [];

/**
 * An item whose spans and fields by kind are made when asked for: they follow
 * from the offsets and lists it keeps, and a text of thousands of items would
 * otherwise keep four more objects per item for the garbage collector to copy.
 * The outline and the rules read the title and outcome spans once or twice per
 * item; a span made per read dies young.
 */
class ParsedItem implements DisputedItem {
  constructor(
    readonly index: number,
    readonly title: string,
    readonly shortTitle: string,
    readonly partial: boolean,
    private readonly titleStart: number,
    private readonly titleEnd: number,
    readonly outcome: Outcome | undefined,
    /** -1 when the item has no outcome. */
    private readonly outcomeStart: number,
    private readonly outcomeEnd: number,
    /** End of the item's span. */
    private readonly end: number,
    readonly fieldList: readonly ParsedField[],
    readonly citations: readonly GuidelineCitation[],
  ) {}

  get titleSpan(): Span {
    return { start: this.titleStart, end: this.titleEnd };
  }

  get outcomeSpan(): Span | undefined {
    return this.outcomeStart < 0 ? undefined : { start: this.outcomeStart, end: this.outcomeEnd };
  }

  get span(): Span {
    const { titleStart, outcomeStart } = this;
    return { start: outcomeStart < 0 ? titleStart : Math.min(titleStart, outcomeStart), end: this.end };
  }

  get fields(): { [K in FieldKind]?: Field } {
    return fieldsByKind(this.fieldList);
  }

  toJSON(): object {
    const { index, title, shortTitle, partial, titleSpan, outcome, outcomeSpan, span, fields, fieldList, citations } = this;
    return { index, title, shortTitle, partial, titleSpan, outcome, outcomeSpan, span, fields, fieldList, citations };
  }
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
const DATE_KEYS: ReadonlySet<HeaderKey> = new Set(['dateAssigned', 'decisionDate', 'dateOfInjury', 'urDenialDate', 'applicationReceived']);

/** Two white space characters (`\s` is the set isWhiteSpace tells). */
const GAP_RE = /\s\s/g;

/** Where the first run of two or more white space characters at or after `from` starts, or -1. */
function gapAt(t: string, from: number): number {
  // A regex: a value of a line without gaps is read to its end, and a text of one long line
  // (megabytes) is read here whole, several times faster than by a charCodeAt loop.
  GAP_RE.lastIndex = from;
  return GAP_RE.test(t) ? GAP_RE.lastIndex - 2 : -1;
}

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
      if (isWhiteSpace(t.charCodeAt(pos))) {
        pos++;
        continue;
      }
      let matched: { key: HeaderKey; len: number } | undefined;
      const atWordStart = pos === 0 || isWhiteSpace(t.charCodeAt(pos - 1));
      // Every label starts with C, D, U, P or A, and "Received" with R: other words are values.
      const c = lower(t.charCodeAt(pos));
      if (atWordStart && (c === 99 || c === 100 || c === 117 || c === 112 || c === 97 || c === 114)) {
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
      const g = gapAt(t, pos);
      // The value starts on a non-space character, so the gap is found after it: the scan always advances.
      const stop = g > pos ? g : g >= 0 ? pos + 1 : t.length;
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
    // The first "Case Number:" line.
    if (!isHeaderStart(lines, i)) continue;
    if (/Case\s+Number\s*:\s*$/i.test(lineText(lines, i))) return 'reading-order';
    break;
  }
  for (let i = 0; i < n; i++) {
    // A heading indented by eight or more white space characters.
    if (lines.firsts[i] - lines.starts[i] >= 8 && !isBlankLine(lines, i) && headingOf(lines, i)) return 'layout';
  }
  return blank / n < 0.04 ? 'reading-order' : 'layout';
}

// ---------------------------------------------------------------- entry

/**
 * A section, its spans made when asked for: a text of concatenated letters has
 * thousands of sections, and three numbers weigh less than two span objects.
 */
class ParsedSection implements Section {
  constructor(
    readonly kind: SectionKind,
    readonly name: string,
    private readonly headingStart: number,
    private readonly headingEnd: number,
    /** End of the section's last non-blank text. */
    private readonly end: number,
  ) {}

  get headingSpan(): Span {
    return { start: this.headingStart, end: this.headingEnd };
  }

  get span(): Span {
    return { start: this.headingStart, end: this.end };
  }

  toJSON(): object {
    const { kind, name, headingSpan, span } = this;
    return { kind, name, headingSpan, span };
  }
}

export function parseDetermination(text: string): Determination {
  return parseWithLineStarts(text).model;
}

/** The model and the offset of each line's start (so a caller need not split the text again). */
export function parseWithLineStarts(text: string): { model: Determination; lineStarts: Int32Array } {
  const problems: ParseProblem[] = [];
  const lines = splitLines(text);

  // Heading lines as numbers (their kind is in the marks): a text of concatenated letters has thousands.
  const headingLines: number[] = [];
  for (let i = 0; i < lines.count; i++) if ((lines.marks[i] & 3) !== 0) headingLines.push(i);

  const sections: Section[] = [];
  /** The first line after each section (the next heading's line, or the text's end). */
  const sectionEndLines: number[] = [];
  // Items live in the issues sections; without that heading, look after the last heading found.
  const scanRanges: number[] = [];
  for (let k = 0; k < headingLines.length; k++) {
    const line = headingLines[k];
    const nextLine = k + 1 < headingLines.length ? headingLines[k + 1] : lines.count;
    let last = nextLine - 1;
    while (last > line && isBlankLine(lines, last)) last--;
    const heading = headingOf(lines, line)!;
    // The heading line is not blank, so its trimmed span is [firsts, lasts); so is the last line's end.
    sections.push(new ParsedSection(heading.kind, heading.name, lines.firsts[line], lines.lasts[line], lines.lasts[last]));
    sectionEndLines.push(nextLine);
    if (heading.kind === 'issues') scanRanges.push(line + 1, nextLine);
  }

  const items: DisputedItem[] = [];
  let issuesLeadIn: Span | undefined;
  if (scanRanges.length === 0) scanRanges.push(headingLines.length > 0 ? headingLines[headingLines.length - 1] + 1 : 0, lines.count);
  const memo = new CitationMemo();
  // Concatenated letters have an issues section each: one set of scratch arrays serves them all.
  const open = new OpenItem();
  for (let k = 0; k < scanRanges.length; k += 2) {
    const leadIn = new ItemScanner(text, lines, scanRanges[k], scanRanges[k + 1], items, memo, open).scan();
    issuesLeadIn ??= leadIn;
  }

  const firstHeading = headingLines.length > 0 ? headingLines[0] : Math.min(lines.count, 40);
  const table = parseHeaderTable(lines, firstHeading);
  const facts = table.facts;
  const howMade = sections.findIndex((s) => s.kind === 'howMade');
  parseCredentials(
    text,
    lines,
    howMade >= 0 ? { section: sections[howMade], from: headingLines[howMade] + 1, to: sectionEndLines[howMade] } : undefined,
    facts,
  );
  parseInjuryDateFromSummary(text, sections.find((s) => s.kind === 'clinicalSummary'), facts);
  const header: Header = table.span ? { ...facts, span: table.span } : { ...facts };

  const nul = hasNul(text);
  if (nul) problems.push({ message: 'The text contains NUL bytes: it is probably not a letter.', span: { start: 0, end: 0 } });

  const model: Determination = {
    text,
    layout: detectLayout(lines),
    isLetter: looksLikeDeterminationGiven(text, nul),
    header,
    sections,
    items,
    issuesLeadIn,
    problems,
  };
  return { model, lineStarts: lines.starts };
}
