/** `imr check`, `imr extract` and `imr text`: arguments in, output and an exit code out. */
import type { DiagnosticCode } from '../core';
import { escapeControls } from '../core/escape';
import type { ExtractedLetter } from '../core/extract';
import { parseArgs, UsageError, USAGE, VERSION, workersFromEnv, type Options } from './args';
import { collect } from './collect';
import { loadSettings, type CliSettings } from './config';
import { toCsv } from './csv';
import { PathFilter } from './glob';
import { pdfCount, processAll, threadCount } from './pool';
import { Progress } from './progress';
import { toSarif } from './sarif';
import { writeStats } from './stats';
import type { CliFinding, FileResult } from './work';

type Letter = Extract<FileResult, { kind: 'letter' }>;
type Text = Extract<FileResult, { kind: 'text' }>;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One line per finding, whatever the file name or the quoted title holds. A PDF's page goes
 * last, `(p. 2)`: the start stays `file:line:column: severity code`, as editors' problem matchers
 * and scripts read it, and the page is on the line for a person reading the PDF.
 */
function formatFinding(file: string, f: CliFinding): string {
  const page = f.page === undefined ? '' : ` (p. ${f.page})`;
  return escapeControls(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}${page}`);
}

/**
 * A letter's text for `imr text`, as the other commands read it, made safe for a terminal as the
 * findings are: controls shown as escapes, except the line breaks and tabs that give the text its
 * lines and columns (a line holding another control character prints wider than it counts).
 */
function printableText(text: string): string {
  return text.replace(/\r\n|\n|\t|[^\r\n\t]+|\r/g, (part) => (part === '\n' || part === '\t' || part === '\r\n' ? part : escapeControls(part)));
}

/** A message on stderr: it may name files or echo arguments, so it is escaped like the output. */
function complain(message: string): void {
  process.stderr.write(`imr: ${escapeControls(message)}\n`);
}

/** `70 letters, 164 items, 16 findings (0 errors): chapter-mismatch 10, missing-field 6` */
export function summaryLine(letters: readonly Letter[]): string {
  let items = 0;
  let errors = 0;
  let total = 0;
  const byRule = new Map<DiagnosticCode, number>();
  for (const l of letters) {
    items += l.items;
    for (const f of l.findings ?? []) {
      total++;
      if (f.severity === 'error') errors++;
      byRule.set(f.code, (byRule.get(f.code) ?? 0) + 1);
    }
  }
  const rules = [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, n]) => `${code} ${n}`);
  return `${plural(letters.length, 'letter')}, ${plural(items, 'item')}, ${plural(total, 'finding')} (${plural(errors, 'error')})${rules.length > 0 ? `: ${rules.join(', ')}` : ''}`;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  let requestedThreads: number | undefined;
  try {
    options = parseArgs(argv);
    requestedThreads = workersFromEnv(env.IMR_WORKERS);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`imr: ${escapeControls(err.message)}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  let settings: CliSettings;
  try {
    settings = await loadSettings(options);
  } catch (err) {
    complain(err instanceof Error ? err.message : String(err));
    return 2;
  }
  const started = Date.now();
  const problems: string[] = [];
  const entries = collect(options.paths, new PathFilter(options.include, options.exclude), problems, options.command !== 'text');
  const threads = threadCount(entries.length, requestedThreads, undefined, pdfCount(entries));
  const progress = new Progress(process.stderr, entries.length, options.command === 'check' ? 'checking' : 'reading');
  let results: FileResult[];
  try {
    results = await processAll(
      entries,
      {
        command: options.command,
        format: options.format,
        settings: { enabled: settings.enabled, rules: settings.rules },
        maxSize: settings.maxDocumentSize,
        maxPdfSize: options.maxPdfSize,
        maxPages: options.maxPages,
      },
      threads,
      (done) => progress.update(done),
    );
  } finally {
    progress.end();
  }
  const letters: Letter[] = [];
  const texts: Text[] = [];
  for (const r of results) {
    if (r.kind === 'letter') letters.push(r);
    else if (r.kind === 'text') texts.push(r);
    else if (r.kind === 'unreadable') problems.push(r.problem);
  }
  for (const p of problems) complain(p);
  if (options.command === 'text') {
    writeTexts(texts, options.paths.length > 1);
    return problems.length > 0 ? 2 : 0;
  }
  if (letters.length === 0 && problems.length === 0) complain('no determination letters found');
  if (options.verbose) {
    const seconds = ((Date.now() - started) / 1000).toFixed(2);
    process.stderr.write(
      `imr: ${plural(entries.length, 'file')} read, ${plural(letters.length, 'letter')}, ${threads > 1 ? `${threads} worker threads` : 'main thread only'}, ${seconds} s\n`,
    );
  }
  if (options.command === 'stats') return writeStats(options, letters, problems);
  writeOutput(options, letters, problems);
  if (problems.length > 0) return 2;
  if (options.command === 'extract') return 0;
  return letters.some((l) => l.findings?.some((f) => f.severity === 'error')) ? 1 : 0;
}

/**
 * `imr text`: one file's text alone; several, each after a `==> FILE <==` line and separated by an
 * empty line, as `head` prints several files. Like `head`, by the files named, not by those read:
 * when one of two cannot be read, the other's text still comes under its name.
 */
function writeTexts(texts: readonly Text[], headed: boolean): void {
  let first = true;
  for (const t of texts) {
    if (headed) process.stdout.write(`${first ? '' : '\n'}==> ${escapeControls(t.path)} <==\n`);
    process.stdout.write(printableText(t.text));
    first = false;
  }
}

function writeOutput(options: Options, letters: readonly Letter[], problems: readonly string[]): void {
  if (options.command === 'extract') {
    if (options.format === 'csv') {
      process.stdout.write(toCsv(letters.flatMap((l) => l.rows ?? [])));
    } else if (options.format === 'markdown') {
      process.stdout.write(letters.map((l) => l.markdown ?? '').join('\n'));
    } else {
      const files: ExtractedLetter[] = letters.map((l) => l.extracted as ExtractedLetter);
      process.stdout.write(JSON.stringify({ files }, null, 2) + '\n');
    }
    return;
  }
  if (options.format === 'json') {
    const files = letters.map((l) => ({
      path: l.path,
      // `page` only for a PDF's findings: a text file's stay as they were.
      diagnostics: (l.findings ?? []).map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range, ...(d.page === undefined ? {} : { page: d.page }) })),
    }));
    process.stdout.write(JSON.stringify({ files }, null, 2) + '\n');
  } else if (options.format === 'sarif') {
    const files = letters.map((l) => ({ path: l.path, findings: l.findings ?? [] }));
    process.stdout.write(JSON.stringify(toSarif(files, problems, process.cwd()), null, 2) + '\n');
  } else {
    let out = '';
    for (const l of letters) for (const d of l.findings ?? []) out += formatFinding(l.path, d) + '\n';
    process.stdout.write(out);
    process.stderr.write(summaryLine(letters) + '\n');
  }
}
