/**
 * What `imr` does with one file, the same on the main thread and on a worker:
 * read it, decide whether it is a letter, analyse it, and return only what the
 * chosen output needs (plain data, cheap to pass between threads).
 */
import * as fs from 'node:fs';
import { analyseText, looksLikeDetermination, type Finding, type ValidationSettings } from '../core';
import { DETECTION_WINDOW } from '../core/detect';
import { computeDiagnostics } from '../core/diagnostics';
import { extractLetter, type ExtractedLetter } from '../core/extract';
import type { Command, Options } from './args';
import { csvRows } from './csv';
import { letterSummaryMarkdown } from '../core/summary';

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
}

export type FileResult =
  | { kind: 'skipped' }
  | { kind: 'unreadable'; problem: string }
  | {
      kind: 'letter';
      path: string;
      items: number;
      /** check, and extract --format csv; without rule payloads. */
      findings?: Finding[];
      /** extract --format json */
      extracted?: ExtractedLetter;
      /** extract --format csv */
      rows?: string[][];
      /** extract --format markdown */
      markdown?: string;
    };

/**
 * The file's text, or null for a file found in a folder that is not a letter.
 * Such a file is read no further than the detection window (in bytes, as many
 * as the window has characters, so a large notes file costs little).
 */
function readLetterText(entry: FileEntry): string | null {
  if (entry.named) return fs.readFileSync(entry.path, 'utf8');
  const fd = fs.openSync(entry.path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size <= DETECTION_WINDOW) {
      const text = readAll(fd, size).toString('utf8');
      return looksLikeDetermination(text) ? text : null;
    }
    const head = Buffer.alloc(DETECTION_WINDOW);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    if (!looksLikeDetermination(head.subarray(0, n).toString('utf8'))) return null;
  } finally {
    fs.closeSync(fd);
  }
  return fs.readFileSync(entry.path, 'utf8');
}

function readAll(fd: number, size: number): Buffer {
  const buf = Buffer.alloc(size);
  let off = 0;
  while (off < size) {
    const n = fs.readSync(fd, buf, off, size - off, off);
    if (n === 0) break;
    off += n;
  }
  return off === size ? buf : buf.subarray(0, off);
}

function withoutPayload(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    const out: Finding = { code: f.code, severity: f.severity, message: f.message, range: f.range };
    if (f.related) out.related = f.related;
    return out;
  });
}

export function processFile(entry: FileEntry, job: Job): FileResult {
  let text: string | null;
  try {
    text = readLetterText(entry);
  } catch (err) {
    // A file in a folder that cannot be opened is passed over, like any non-letter.
    if (!entry.named) return { kind: 'skipped' };
    return { kind: 'unreadable', problem: `cannot read ${entry.path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  if (text === null) return { kind: 'skipped' };
  const analysis = analyseText(entry.path, 0, text);
  const items = analysis.model.items.length;
  if (job.command === 'extract' && job.format === 'json') {
    return { kind: 'letter', path: entry.path, items, extracted: extractLetter(entry.path, analysis) };
  }
  if (job.command === 'extract' && job.format === 'markdown') {
    return { kind: 'letter', path: entry.path, items, markdown: letterSummaryMarkdown(analysis.model, { source: entry.path }) };
  }
  const findings = withoutPayload(computeDiagnostics(analysis, job.settings));
  if (job.command === 'extract') {
    return { kind: 'letter', path: entry.path, items, rows: csvRows(entry.path, analysis, findings) };
  }
  return { kind: 'letter', path: entry.path, items, findings };
}
