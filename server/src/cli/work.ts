/**
 * What `imr` does with one file, the same on the main thread and on a worker:
 * read it, decide whether it is a letter, analyse it, and return only what the
 * chosen output needs (plain data, cheap to pass between threads). A PDF's text
 * is extracted first (asynchronously: PDF.js answers with promises), then
 * analysed as a text file's would be; page numbers come from where its pages
 * start in that text.
 */
import * as fs from 'node:fs';
import { analyseText, looksLikeDetermination, type Analysis, type Finding, type Position, type ValidationSettings } from '../core';
import { DETECTION_WINDOW } from '../core/detect';
import { grouped, utf8Size } from '../core/limits';
import { computeDiagnostics } from '../core/diagnostics';
import { extractLetter, type ExtractedItem, type ExtractedLetter } from '../core/extract';
import { extractPdfText, isPdfProblem, pageAt } from '../pdf/extract';
import type { Command, Options } from './args';
import { csvRows } from './csv';
import { decode, openForReading, readRegularBytes, readRegularFile, readUpTo } from './read';
import { withoutByteOrderMark } from '../core/text';
import { letterSummaryMarkdown } from '../core/summary';
import { statsLetterOf, type StatsLetter } from '../core/stats';

export interface FileEntry {
  path: string;
  /** Named on the command line (always read) rather than found in a folder (read only if a letter). */
  named: boolean;
}

/** Everything a thread needs to process files; sent to each worker once. */
export interface Job {
  command: Command;
  format: Options['format'];
  settings: ValidationSettings;
  /** Bytes above which a file, or the text of a PDF, is not read. */
  maxSize: number;
  /** Bytes above which a PDF file is not read. */
  maxPdfSize: number;
  /** Pages above which a PDF is not read. */
  maxPages: number;
}

/** A finding as the outputs get it: without rule payloads; in a PDF, with the page it starts on. */
export interface CliFinding extends Finding {
  page?: number;
}

/** An item of `imr extract --format json`; in a PDF, with the page it starts on. */
export interface CliExtractedItem extends ExtractedItem {
  page?: number;
}

export type FileResult =
  | { kind: 'skipped' }
  | { kind: 'unreadable'; problem: string }
  /** imr text */
  | { kind: 'text'; path: string; text: string }
  | {
      kind: 'letter';
      path: string;
      items: number;
      /** check, and extract --format csv; without rule payloads. */
      findings?: CliFinding[];
      /** extract --format json */
      extracted?: ExtractedLetter;
      /** extract --format csv */
      rows?: string[][];
      /** extract --format markdown */
      markdown?: string;
      /** stats */
      stats?: StatsLetter;
    };

/** A PDF, by its name: the same rule for files named and found in folders. */
export function isPdfPath(file: string): boolean {
  return /\.pdf$/i.test(file);
}

/**
 * What reading one file gave: its text (with, for a PDF, where each page starts in it), nothing
 * (not a letter, or not to be read), or why it was refused.
 */
type Read = { text: string; pageStarts?: readonly number[] } | { skipped: true } | { problem: string };

function tooLarge(file: string, maxSize: number): Read {
  return { problem: `${file} is larger than the limit of ${grouped(maxSize)} bytes (--max-size): not read` };
}

function pdfTooLarge(file: string, maxPdfSize: number): Read {
  return { problem: `${file} is larger than the limit of ${grouped(maxPdfSize)} bytes for PDFs (--max-pdf-size): not read` };
}

/**
 * The file's text, if it is a regular file of at most `maxSize` bytes. A file named on the command
 * line is read whatever its content (a link to a regular file is followed); anything else it
 * refuses with a reason. A file found in a folder is read only if it is a letter, decided from
 * its first DETECTION_WINDOW bytes, and nothing that is not a regular file is read there (links
 * included): such files and non-letters are skipped without a word, but a letter above the limit
 * is reported, since leaving it out silently would hide it.
 */
function readLetterText(entry: FileEntry, maxSize: number): Read {
  if (entry.named) {
    const read = readRegularFile(entry.path, maxSize);
    if ('notRegular' in read) return { problem: `${entry.path} is not a regular file (${read.notRegular})` };
    return 'tooLarge' in read ? tooLarge(entry.path, maxSize) : read;
  }
  const { fd, stat } = openForReading(entry.path, false);
  try {
    if (!stat.isFile()) return { skipped: true };
    const head = readUpTo(fd, stat.size, DETECTION_WINDOW);
    const headText = head.bytes.toString('utf8');
    if (!looksLikeDetermination(headText)) return { skipped: true };
    if (head.complete && head.bytes.length <= maxSize) return { text: withoutByteOrderMark(headText) };
    if (stat.size > maxSize) return tooLarge(entry.path, maxSize);
    const all = readUpTo(fd, stat.size, maxSize);
    return all.complete ? { text: decode(all.bytes) } : tooLarge(entry.path, maxSize);
  } finally {
    fs.closeSync(fd);
  }
}

/** The bytes of a PDF under the same rules as a text file's (regular files only, links only when named). */
function readPdfBytes(entry: FileEntry, maxPdfSize: number): { bytes: Uint8Array } | Read {
  if (entry.named) {
    const read = readRegularBytes(entry.path, maxPdfSize);
    if ('notRegular' in read) return { problem: `${entry.path} is not a regular file (${read.notRegular})` };
    return 'tooLarge' in read ? pdfTooLarge(entry.path, maxPdfSize) : read;
  }
  const { fd, stat } = openForReading(entry.path, false);
  try {
    if (!stat.isFile()) return { skipped: true };
    if (stat.size > maxPdfSize) return pdfTooLarge(entry.path, maxPdfSize);
    const all = readUpTo(fd, stat.size, maxPdfSize);
    return all.complete ? { bytes: all.bytes } : pdfTooLarge(entry.path, maxPdfSize);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A PDF's text. Whether a PDF in a folder is a letter can only be told from its text, so every
 * one is read; one that cannot be (encrypted, damaged, a scan, too long, no PDF at all) is
 * reported even there: a letter that needs OCR or a password would otherwise vanish from the run
 * without a word. One whose text is not a letter is skipped, as a text file would be.
 */
async function readPdfText(entry: FileEntry, job: Job): Promise<Read> {
  const read = readPdfBytes(entry, job.maxPdfSize);
  if (!('bytes' in read)) return read;
  // A plain Uint8Array over the Buffer: the extraction copies what it is given with slice(),
  // which on a Buffer would be a view of the same memory rather than a copy.
  const bytes = new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength);
  const pdf = await extractPdfText(bytes, { maxPages: job.maxPages });
  if (isPdfProblem(pdf)) return { problem: `${entry.path}: ${pdf.message}` };
  if (!entry.named && !looksLikeDetermination(pdf.text.slice(0, DETECTION_WINDOW))) return { skipped: true };
  if (utf8Size(pdf.text) > job.maxSize) {
    return { problem: `the text of ${entry.path} is larger than the limit of ${grouped(job.maxSize)} bytes (--max-size): not read` };
  }
  return { text: pdf.text, pageStarts: pdf.pageStarts };
}

function withoutPayload(findings: readonly Finding[], pageOf: ((p: Position) => number) | undefined): CliFinding[] {
  return findings.map((f) => {
    const out: CliFinding = { code: f.code, severity: f.severity, message: f.message, range: f.range };
    if (f.related) out.related = f.related;
    if (pageOf) out.page = pageOf(f.range.start);
    return out;
  });
}

export async function processFile(entry: FileEntry, job: Job): Promise<FileResult> {
  let read: Read;
  try {
    read = isPdfPath(entry.path) ? await readPdfText(entry, job) : readLetterText(entry, job.maxSize);
  } catch (err) {
    // A file in a folder that cannot be opened (a link, with O_NOFOLLOW) is passed over, like any non-letter.
    if (!entry.named) return { kind: 'skipped' };
    return { kind: 'unreadable', problem: `cannot read ${entry.path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  if ('problem' in read) return { kind: 'unreadable', problem: read.problem };
  if (!('text' in read)) return { kind: 'skipped' };
  if (job.command === 'text') return { kind: 'text', path: entry.path, text: read.text };
  return analyse(entry.path, read.text, read.pageStarts, job);
}

function analyse(file: string, text: string, pageStarts: readonly number[] | undefined, job: Job): FileResult {
  // A check reads no header facts (no rule does), so for `imr check` they are never parsed (parse/index.ts).
  const analysis: Analysis = analyseText(file, 0, text);
  const items = analysis.model.items.length;
  // Only a PDF has pages: text files get no page anywhere, so their output stays as it was.
  const pageOf = pageStarts ? (p: Position) => pageAt(pageStarts, analysis.lines.offsetAt(p)) : undefined;
  if (job.command === 'extract' && job.format === 'json') {
    const extracted = extractLetter(file, analysis);
    if (pageOf) extracted.items = extracted.items.map((item): CliExtractedItem => ({ ...item, page: pageOf(item.range.start) }));
    return { kind: 'letter', path: file, items, extracted };
  }
  if (job.command === 'extract' && job.format === 'markdown') {
    return { kind: 'letter', path: file, items, markdown: letterSummaryMarkdown(analysis.model, { source: file }) };
  }
  const findings = withoutPayload(computeDiagnostics(analysis, job.settings), pageOf);
  if (job.command === 'stats') {
    return { kind: 'letter', path: file, items, stats: statsLetterOf(file, analysis, findings) };
  }
  if (job.command === 'extract') {
    return { kind: 'letter', path: file, items, rows: csvRows(file, analysis, findings, pageOf) };
  }
  return { kind: 'letter', path: file, items, findings };
}
