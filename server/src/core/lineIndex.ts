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

  /** The line holding offset o (0 <= o <= length): the last line starting at or before it. */
  private lineAt(o: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Offsets where lines start: 0, then after every \r\n, \n and \r. */
function lineStartsOf(text: string): Int32Array {
  const starts = [0];
  for (const end of text.matchAll(/\r\n?|\n/g)) starts.push(end.index + end[0].length);
  return Int32Array.from(starts);
}
