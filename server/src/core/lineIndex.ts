import type { Position, Range } from './types';
import type { Span } from './model';

/**
 * Offsets <-> LSP positions for one text. Any of \r\n, \n and \r ends a line,
 * as in the LSP. Columns are UTF-16 code units, which is what JavaScript
 * string offsets already are.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: Int32Array;
  readonly length: number;

  /** From the text, or from line starts already computed by a caller (the parser splits lines anyway). */
  constructor(text: string, lineStarts?: ArrayLike<number>) {
    this.length = text.length;
    if (lineStarts) {
      this.starts = lineStarts instanceof Int32Array ? lineStarts : Int32Array.from(lineStarts);
      return;
    }
    this.starts = lineStartsOf(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    const line = this.lineAt(o);
    return { line, character: o - this.starts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.length;
    return Math.min(this.starts[position.line] + Math.max(0, position.character), this.length);
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Line of the last lookup: features ask for positions in document order, mostly a few lines apart. */
  private hint = 0;

  private lineAt(o: number): number {
    return (this.hint = this.lineNear(o, this.hint));
  }

  /**
   * A converter for one pass over spans in (mostly) document order: see PositionCursor.
   * It keeps its own place, so passes do not disturb each other or positionAt.
   */
  cursor(): PositionCursor {
    return new PositionCursor(this);
  }

  /**
   * The line holding offset o (0 <= o <= length), searched outward from line `from`
   * (steps of 1, 2, 4, ... lines, then a binary search between the last two): lookups in
   * document order cost about the logarithm of the distance, not of the line count.
   * For PositionCursor; not part of the API features use.
   */
  lineNear(o: number, from: number): number {
    const starts = this.starts;
    const last = starts.length - 1;
    let line = Math.min(from, last);
    if (starts[line] <= o) {
      // Already there: the usual case for spans a few characters apart.
      if (line === last || starts[line + 1] > o) return line;
      // Forward: find hi with starts[hi] > o (or the last line).
      let step = 1;
      let lo = line;
      let hi = line + 1;
      while (hi <= last && starts[hi] <= o) {
        lo = hi;
        step *= 2;
        hi = lo + step;
      }
      line = this.lineOf(o, lo, Math.min(hi - 1, last));
    } else {
      // Backward: find lo with starts[lo] <= o (line 0 always qualifies).
      let step = 1;
      let hi = line - 1;
      let lo = line - 1;
      while (lo > 0 && starts[lo] > o) {
        hi = lo - 1;
        step *= 2;
        lo = Math.max(0, lo - step);
      }
      line = this.lineOf(o, lo, hi);
    }
    return line;
  }

  /** The first offset of a line known to exist (for PositionCursor). */
  startOf(line: number): number {
    return this.starts[line];
  }

  /** The line holding offset o, knowing it is in lines lo..hi. */
  private lineOf(o: number, lo: number, hi: number): number {
    const starts = this.starts;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * Positions for the spans of one pass that goes mostly forward through the text
 * (an outline, a list of findings). The line search starts where the previous
 * one ended, and the last two offsets asked keep their Position objects: a
 * range ending where the next one starts, or a selection starting where its
 * symbol does, share one object. Callers must therefore treat the positions
 * (and ranges) as read-only, which the LSP layer does: it only serialises them.
 */
export class PositionCursor {
  private line = 0;
  private lastOffset = -1;
  private lastPosition: Position = { line: 0, character: 0 };
  private priorOffset = -1;
  private priorPosition: Position = this.lastPosition;

  constructor(private readonly index: LineIndex) {}

  /** The same as LineIndex.positionAt, possibly the very object returned for an earlier offset. */
  positionAt(offset: number): Position {
    const index = this.index;
    const o = offset < 0 ? 0 : offset > index.length ? index.length : offset;
    if (o === this.lastOffset) return this.lastPosition;
    if (o === this.priorOffset) {
      const p = this.priorPosition;
      this.priorOffset = this.lastOffset;
      this.priorPosition = this.lastPosition;
      this.lastOffset = o;
      this.lastPosition = p;
      return p;
    }
    const line = (this.line = index.lineNear(o, this.line));
    const p: Position = { line, character: o - index.startOf(line) };
    this.priorOffset = this.lastOffset;
    this.priorPosition = this.lastPosition;
    this.lastOffset = o;
    this.lastPosition = p;
    return p;
  }

  range(start: number, end: number): Range {
    const s = this.positionAt(start);
    return { start: s, end: end === start ? s : this.positionAt(end) };
  }
}

/** Offsets where lines start, found with indexOf (far faster than reading every character). */
function lineStartsOf(text: string): Int32Array {
  let starts = new Int32Array((text.length >> 6) + 16);
  let count = 0;
  const add = (at: number) => {
    if (count === starts.length) {
      const more = new Int32Array(starts.length * 2);
      more.set(starts);
      starts = more;
    }
    starts[count++] = at;
  };
  add(0);
  let nl = text.indexOf('\n');
  let cr = text.indexOf('\r');
  let pos = 0;
  for (;;) {
    if (nl >= 0 && nl < pos) nl = text.indexOf('\n', pos);
    if (cr >= 0 && cr < pos) cr = text.indexOf('\r', pos);
    if (cr >= 0 && (nl < 0 || cr < nl)) pos = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    else if (nl >= 0) pos = nl + 1;
    else break;
    add(pos);
  }
  return starts.subarray(0, count);
}
