/**
 * A one-line progress report on a terminal: `\r`-rewritten while a long run
 * goes on, erased when it ends. It shows nothing when the stream is not a
 * terminal (a pipe or a file), nor for runs that end before `delayMs`.
 */

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  /** Milliseconds before the first line appears. */
  delayMs?: number;
  /** Least milliseconds between two updates. */
  intervalMs?: number;
  now?: () => number;
}

export class Progress {
  private readonly started: number;
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private lastDrawn = -Infinity;
  private width = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly label: string,
    options: ProgressOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.delayMs = options.delayMs ?? 300;
    this.intervalMs = options.intervalMs ?? 100;
    this.started = this.now();
  }

  /** `done` files of `total` are finished. */
  update(done: number): void {
    if (!this.stream.isTTY) return;
    const t = this.now();
    if (t - this.started < this.delayMs || t - this.lastDrawn < this.intervalMs) return;
    this.lastDrawn = t;
    const percent = this.total > 0 ? Math.floor((100 * done) / this.total) : 100;
    const line = `imr: ${this.label} ${done}/${this.total} files (${percent}%)`;
    // Pad with spaces over a longer previous line rather than rely on terminal escapes.
    this.stream.write(`\r${line.padEnd(this.width)}`);
    this.width = Math.max(this.width, line.length);
  }

  /** Erases the line, if one was drawn, so that what follows starts on a clean line. */
  end(): void {
    if (this.width === 0) return;
    this.stream.write(`\r${' '.repeat(this.width)}\r`);
    this.width = 0;
  }
}
