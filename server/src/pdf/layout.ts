/**
 * Text from positioned text runs, laid out the way `pdftotext -layout` lays out a page.
 *
 * A PDF holds no lines or paragraphs: it paints strings at positions, in whatever order its writer
 * chose. Word, for example, paints a header table cell by cell, so in stream order the label
 * "Application" comes before "Received:" (the line below) and only then its value "11/21/2016"
 * (back on the first line). Joining runs in stream order would give the parser a reading-order
 * letter at best and a scrambled one at worst. The letters the parser knows best are
 * `pdftotext -layout` texts, so this module rebuilds that form from the runs' positions:
 *
 * - lines by baseline: runs whose baselines lie within a fraction of the font size of each other
 *   are one line (a table's value cell sits a tenth of a point lower than its label cell);
 * - runs in a line ordered left to right, a small gap read as the space between two words, a wide
 *   gap (a tab, a table column) as spaces up to the run's column on a grid of the page's typical
 *   glyph width, so columns line up from one line to the next roughly as pdftotext puts them;
 * - one empty line where the vertical distance between two lines is about two line heights or
 *   more (paragraph spacing), as pdftotext writes it;
 * - every page ends with an empty line: pdftotext ends a page with a form feed, and the corpus
 *   texts turned each form feed into one extra newline.
 *
 * Nothing here knows PDF.js, so the rules can be tested on hand-made runs.
 */

/** One string painted on a page, in the page's coordinates (points, y growing upwards). */
export interface TextRun {
  readonly str: string;
  /** Left end of the run. */
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  /** Advance width of the whole string. */
  readonly width: number;
  /** Font size (the height of the text's em square on the page). */
  readonly size: number;
  /** One-based page number. */
  readonly page: number;
}

/** A PDF letter's text and where each page starts in it. */
export interface PdfText {
  readonly text: string;
  /** UTF-16 offset of each page's first character, in page order (`pageStarts[0]` is 0). */
  readonly pageStarts: readonly number[];
  readonly pages: number;
}

/** Runs whose baselines differ by less than this share of the font size are on one line. */
const BASELINE_TOLERANCE = 0.4;
/** A gap narrower than this share of the font size joins two runs without a space (a font change inside a word). */
const TOUCHING_GAP = 0.1;
/** A gap of at least this share of the font size is more than a word space: a tab or a table column. */
const COLUMN_GAP = 0.8;
/** Single-spaced lines stand about this many font sizes apart (Word: 13.8 pt for 12 pt text). */
const LINE_PITCH = 1.15;
/** More empty lines than this between two text lines say nothing more to a reader of the text. */
const MAX_EMPTY_LINES = 2;

interface Line {
  /** Baseline of the line's largest run. */
  y: number;
  size: number;
  runs: TextRun[];
}

/**
 * Lays out runs as text. Pages are numbered from 1 to `pageCount` (by default the highest page
 * number among the runs); a page without runs still ends with its page break.
 */
export function layoutText(runs: readonly TextRun[], pageCount?: number): PdfText {
  const pages = pageCount ?? runs.reduce((max, run) => Math.max(max, run.page), 0);
  const byPage: TextRun[][] = Array.from({ length: pages }, () => []);
  for (const run of runs) {
    // Empty and blank strings only carry a position (pdf.js reports line ends and the spaces
    // Word paints for tabs this way): the gaps between the inked runs say all they say.
    if (run.page >= 1 && run.page <= pages && run.str.trim() !== '' && run.size > 0) byPage[run.page - 1].push(run);
  }
  let text = '';
  const pageStarts: number[] = [];
  for (const pageRuns of byPage) {
    pageStarts.push(text.length);
    text += layoutPage(pageRuns);
    // The page break: pdftotext's form feed, written as the corpus texts have it.
    text += '\n';
  }
  return { text, pageStarts, pages };
}

/** The lines of one page, each ended by a newline. */
function layoutPage(runs: TextRun[]): string {
  if (runs.length === 0) return '';
  const lines = groupLines(runs);
  const charWidth = typicalGlyphWidth(runs);
  const left = runs.reduce((min, run) => Math.min(min, run.x), Infinity);
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) {
      // The distance between baselines in line heights: two or more leave empty lines between.
      const previous = lines[i - 1];
      const pitch = LINE_PITCH * Math.max(previous.size, lines[i].size);
      const empty = Math.floor((previous.y - lines[i].y) / pitch + 0.2) - 1;
      out += '\n'.repeat(Math.min(Math.max(empty, 0), MAX_EMPTY_LINES));
    }
    out += lineText(lines[i], left, charWidth) + '\n';
  }
  return out;
}

/**
 * Groups runs into lines, top to bottom. A run joins the line above it when its baseline lies
 * within a share of the font size of the line's baseline, which is the baseline of the line's
 * largest run: a superscript or a cell whose baseline is slightly off stays on its line.
 */
function groupLines(runs: TextRun[]): Line[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let line: Line | undefined;
  for (const run of sorted) {
    if (line && Math.abs(line.y - run.y) <= BASELINE_TOLERANCE * Math.max(line.size, run.size)) {
      line.runs.push(run);
      if (run.size > line.size) {
        line.size = run.size;
        line.y = run.y;
      }
    } else {
      line = { y: run.y, size: run.size, runs: [run] };
      lines.push(line);
    }
  }
  for (const l of lines) l.runs.sort((a, b) => a.x - b.x);
  return lines;
}

/**
 * The width of one column of the text grid: the page's average advance per character. Columns then
 * line up roughly as pdftotext puts them; they need not match exactly, the parser reads a table
 * row by its wide gaps, not by its columns.
 */
function typicalGlyphWidth(runs: TextRun[]): number {
  let width = 0;
  let chars = 0;
  for (const run of runs) {
    if (run.width > 0) {
      width += run.width;
      chars += run.str.length;
    }
  }
  if (chars > 0 && width > 0) return width / chars;
  // No widths known: half an em is a fair guess for proportional fonts.
  return runs[0].size / 2;
}

/** One line: its runs left to right, each gap turned into spaces. */
function lineText(line: Line, left: number, charWidth: number): string {
  let out = '';
  let end = -Infinity;
  let previous: TextRun | undefined;
  for (const run of line.runs) {
    // A writer that fakes bold paints the same string twice, a hair apart: keep one.
    if (previous && run.str === previous.str && Math.abs(run.x - previous.x) < TOUCHING_GAP * run.size) continue;
    const column = Math.max(0, Math.round((run.x - left) / charWidth));
    if (out === '') {
      // The line's indent (a centred heading, the second column of a table) in grid columns.
      out = ' '.repeat(column);
    } else {
      const gap = run.x - end;
      const size = Math.max(run.size, previous!.size);
      if (gap >= COLUMN_GAP * size) {
        // A tab or a column: at the run's grid column, and at least two spaces from the text
        // before it, so that the gap still reads as a column gap when the grid falls short.
        out = out.trimEnd();
        out += ' '.repeat(Math.max(2, column - out.length));
      } else if (gap >= TOUCHING_GAP * size && !/\s$/.test(out) && !/^\s/.test(run.str)) {
        out += ' ';
      }
    }
    out += run.str;
    end = Math.max(end, run.x + run.width);
    previous = run;
  }
  return out.trimEnd();
}

/**
 * The one-based page number holding `offset`, from the page starts of a `PdfText`: the last page
 * starting at or before it (a binary search; offsets past the end belong to the last page).
 */
export function pageAt(pageStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = pageStarts.length - 1;
  if (high < 0) return 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (pageStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
