/**
 * What `imr` does with one file, the same on the main thread and on a worker:
 * read it, decide whether it is a letter, analyse it, and return only what the
 * chosen output needs (plain data, cheap to pass between threads).
 */
import * as fs from 'node:fs';
import { analyseText, looksLikeDetermination, type Finding, type ValidationSettings } from '../core';
import { DETECTION_WINDOW } from '../core/detect';
import { grouped } from '../core/limits';
import { computeDiagnostics } from '../core/diagnostics';
import { extractLetter, type ExtractedLetter } from '../core/extract';
import type { Command, Options } from './args';
import { csvRows } from './csv';
import { decode, openForReading, readRegularFile, readUpTo } from './read';
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
  /** Bytes above which a file is not read. */
  maxSize: number;
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
      /** stats */
      stats?: StatsLetter;
    };

/** What reading one file gave: its text, nothing (not a letter, or not to be read), or why it was refused. */
type Read = { text: string } | { skipped: true } | { problem: string };

function tooLarge(file: string, maxSize: number): Read {
  return { problem: `${file} is larger than the limit of ${grouped(maxSize)} bytes (--max-size): not read` };
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
    if (!looksLikeDetermination(head.bytes.toString('utf8'))) return { skipped: true };
    if (head.complete && head.bytes.length <= maxSize) return { text: decode(head.bytes) };
    if (stat.size > maxSize) return tooLarge(entry.path, maxSize);
    const all = readUpTo(fd, stat.size, maxSize);
    return all.complete ? { text: decode(all.bytes) } : tooLarge(entry.path, maxSize);
  } finally {
    fs.closeSync(fd);
  }
}

function withoutPayload(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    const out: Finding = { code: f.code, severity: f.severity, message: f.message, range: f.range };
    if (f.related) out.related = f.related;
    return out;
  });
}

export function processFile(entry: FileEntry, job: Job): FileResult {
  let read: Read;
  try {
    read = readLetterText(entry, job.maxSize);
  } catch (err) {
    // A file in a folder that cannot be opened (a link, with O_NOFOLLOW) is passed over, like any non-letter.
    if (!entry.named) return { kind: 'skipped' };
    return { kind: 'unreadable', problem: `cannot read ${entry.path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  if ('problem' in read) return { kind: 'unreadable', problem: read.problem };
  if (!('text' in read)) return { kind: 'skipped' };
  const text = read.text;
  const analysis = analyseText(entry.path, 0, text);
  const items = analysis.model.items.length;
  if (job.command === 'extract' && job.format === 'json') {
    return { kind: 'letter', path: entry.path, items, extracted: extractLetter(entry.path, analysis) };
  }
  if (job.command === 'extract' && job.format === 'markdown') {
    return { kind: 'letter', path: entry.path, items, markdown: letterSummaryMarkdown(analysis.model, { source: entry.path }) };
  }
  const findings = withoutPayload(computeDiagnostics(analysis, job.settings));
  if (job.command === 'stats') {
    return { kind: 'letter', path: entry.path, items, stats: statsLetterOf(entry.path, analysis, findings) };
  }
  if (job.command === 'extract') {
    return { kind: 'letter', path: entry.path, items, rows: csvRows(entry.path, analysis, findings) };
  }
  return { kind: 'letter', path: entry.path, items, findings };
}
