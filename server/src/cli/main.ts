/** `imr check` and `imr extract`: arguments in, output and an exit code out. */
import type { DiagnosticCode, Finding } from '../core';
import { escapeControls } from '../core/escape';
import type { ExtractedLetter } from '../core/extract';
import { parseArgs, UsageError, USAGE, VERSION, workersFromEnv, type Options } from './args';
import { collect } from './collect';
import { loadSettings, type CliSettings } from './config';
import { toCsv } from './csv';
import { PathFilter } from './glob';
import { processAll, threadCount } from './pool';
import { Progress } from './progress';
import { toSarif } from './sarif';
import { writeStats } from './stats';
import type { FileResult } from './work';

type Letter = Extract<FileResult, { kind: 'letter' }>;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line per finding, whatever the file name or the quoted title holds. */
function formatFinding(file: string, f: Finding): string {
  return escapeControls(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}`);
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
  const entries = await collect(options.paths, new PathFilter(options.include, options.exclude), problems);
  const threads = threadCount(entries.length, requestedThreads);
  const progress = new Progress(process.stderr, entries.length, options.command === 'check' ? 'checking' : 'reading');
  let results: FileResult[];
  try {
    results = await processAll(entries, { command: options.command, format: options.format, settings: { enabled: settings.enabled, rules: settings.rules }, maxSize: settings.maxDocumentSize }, threads, (done) => progress.update(done));
  } finally {
    progress.end();
  }
  const letters: Letter[] = [];
  for (const r of results) {
    if (r.kind === 'letter') letters.push(r);
    else if (r.kind === 'unreadable') problems.push(r.problem);
  }
  for (const p of problems) complain(p);
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
      diagnostics: (l.findings ?? []).map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
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
