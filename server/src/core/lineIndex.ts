import type { Position, Range } from './types';
import type { Span } from './model';

/**
 * Offsets <-> LSP positions for one text. Any of \r\n, \n and \r ends a line,
 * as in the LSP. Columns are UTF-16 code units, which is what JavaScript
 * string offsets already are.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];
  readonly length: number;

  /** From the text, or from line starts already computed by a caller (the parser splits lines anyway). */
  constructor(text: string, lineStarts?: number[]) {
    this.length = text.length;
    if (lineStarts) {
      this.starts = lineStarts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.length;
    return Math.min(this.starts[position.line] + Math.max(0, position.character), this.length);
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
