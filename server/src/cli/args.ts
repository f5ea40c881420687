/** The command line of `imr`: usage text, options, and their parsing. */
import type { DiagnosticCode, RuleLevel } from '../core';
import { MAX_GLOB_LENGTH, MAX_GLOB_PATTERNS } from '../core/glob';
import { RULE_SETTING_KEYS } from '../settings';
import { isStatsDimension, STATS_DIMENSIONS, type StatsDimension } from '../core/stats';
import { DEFAULT_MAX_PAGES } from '../pdf/extract';
import { PDF_WORKER_THRESHOLD } from './pool';

export const VERSION = '0.1.0';

/** Output formats each command accepts; the first is its default. */
export const FORMATS = {
  check: ['text', 'json', 'sarif'],
  extract: ['json', 'csv', 'markdown'],
  stats: ['text', 'json', 'csv', 'html'],
  // The text of letters as the other commands read it: one form only.
  text: ['text'],
} as const;

export type Command = keyof typeof FORMATS;
export type CheckFormat = (typeof FORMATS)['check'][number];
export type ExtractFormat = (typeof FORMATS)['extract'][number];
export type StatsFormat = (typeof FORMATS)['stats'][number];

/**
 * Bytes above which a PDF is not read. Published letters are 50-500 KB; a scanned letter (which
 * is read only to say that it needs OCR) may be a few MB: 20 MB leaves room for both, and two
 * copies of it per thread (ours and PDF.js's) stay small beside the memory of a run.
 */
export const DEFAULT_MAX_PDF_SIZE = 20_000_000;

export const USAGE = `Usage:
  imr check [--format text|json|sarif] [--rule CODE=LEVEL]... [--config FILE]
            [--include GLOB]... [--exclude GLOB]... [--max-size BYTES]
            [--max-pdf-size BYTES] [--max-pages N] [--verbose] PATH...
                                            report problems in determination letters
  imr extract [--format json|csv|markdown] [--include GLOB]... [--exclude GLOB]...
              [--max-size BYTES] [--max-pdf-size BYTES] [--max-pages N] PATH...
                                            print the parsed letters (csv: one row per item;
                                            markdown: a summary table per letter)
  imr stats [--by outcome|region|kind|guideline|specialty|month]... [--format text|json|csv|html]
            [--out FILE] [--include GLOB]... [--exclude GLOB]... [--max-size BYTES] PATH...
                                            overturn rates with 95% intervals per group
  imr text [--max-size BYTES] [--max-pdf-size BYTES] [--max-pages N] FILE...
                                            print the text the others read from each file

PATH is a letter (.txt or .pdf) or a folder searched (recursively) for letters.
Only regular files are read; links are followed when named on the command line,
and passed over inside folders, like FIFOs and devices.
A PDF's text is laid out as pdftotext -layout lays it out; lines and columns of
findings and ranges refer to that text, which imr text prints (several files:
each after a "==> FILE <==" line, as head prints them). A finding or an item of
a PDF letter also gives the page it starts on: "(p. N)" at the end of a finding's
line, "page" in JSON, in SARIF (result properties) and in CSV (the last column,
empty for .txt files).
A PDF that cannot be read (encrypted, damaged, a scan without a text layer, too
many pages, not a PDF at all) is reported like an unreadable file.
--rule sets one check's level (ignore, hint, information, warning, error), e.g.
  --rule chapter-mismatch=error. Checks: ${Object.keys(RULE_SETTING_KEYS).join(', ')}.
--config reads settings from a JSON file shaped like VS Code's settings:
  { "imrDetermination.validate.chapterMismatch": "error" } or { "validate": { ... } };
  unknown imrDetermination settings and wrong values are errors, other keys are ignored.
--include / --exclude select the .txt and .pdf files of a folder by their path relative
  to it: * and ? stay within a name, ** spans folders, e.g. --exclude "**/drafts/**"
  (at most ${MAX_GLOB_PATTERNS} patterns in all, each at most ${MAX_GLOB_LENGTH} characters).
  Files named on the command line are always read.
--max-size sets the size above which a text file, or the text of a PDF, is not
  read (default 5000000 bytes, the imrDetermination.maxDocumentSize setting,
  which --config can also set).
--max-pdf-size sets the size above which a PDF file is not read (default
  ${DEFAULT_MAX_PDF_SIZE} bytes; published letters are well below 1 MB).
--max-pages sets the number of pages above which a PDF is not read (default ${DEFAULT_MAX_PAGES}).
--by (stats) groups the items, once per --by given (default: kind, region, guideline,
  specialty and month); two or more also give their cross-table. --out (stats)
  writes the output to FILE instead of stdout; --format html makes a report page.
--verbose reports files, threads and time on stderr.
More than 500 files, or more than ${PDF_WORKER_THRESHOLD} PDFs, are analysed on worker threads,
one per core, on machines with 3 cores or more;
the environment variable IMR_WORKERS=N sets the number of worker threads
(1: none, the main thread alone).
Exit status: 0 no errors found, 1 errors found, 2 usage or I/O problem (a file,
PDFs included, that could not be read; the other files are still read).`;

export class UsageError extends Error {}

export interface Options {
  command: Command;
  format: CheckFormat | ExtractFormat | StatsFormat;
  paths: string[];
  rules: Partial<Record<DiagnosticCode, RuleLevel>>;
  config?: string;
  /** Bytes above which a file is not read; from the config file or the default when not given. */
  maxSize?: number;
  /** Bytes above which a PDF file is not read. */
  maxPdfSize: number;
  /** Pages above which a PDF is not read. */
  maxPages: number;
  include: string[];
  exclude: string[];
  verbose: boolean;
  /** stats: the dimensions of --by, in order (empty: the default set). */
  by: StatsDimension[];
  /** stats: the file --out names. */
  out?: string;
}

function isCommand(name: string): name is Command {
  return Object.hasOwn(FORMATS, name);
}

export const LEVELS: readonly RuleLevel[] = ['ignore', 'hint', 'information', 'warning', 'error'];

function describe(v: string | undefined): string {
  return v === undefined ? 'nothing' : `"${v}"`;
}

function orList(xs: readonly string[]): string {
  return xs.length === 1 ? xs[0] : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

export function parseArgs(argv: readonly string[]): Options | 'help' | 'version' {
  if (argv.length === 0) throw new UsageError('no command given');
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return 'help';
  if (command === '--version' || command === '-v') return 'version';
  if (!isCommand(command)) throw new UsageError(`unknown command "${command}"`);
  const formats: readonly string[] = FORMATS[command];
  let format = formats[0] as Options['format'];
  const paths: string[] = [];
  const rules: Options['rules'] = {};
  const include: string[] = [];
  const exclude: string[] = [];
  let verbose = false;
  let config: string | undefined;
  let maxSize: number | undefined;
  const by: StatsDimension[] = [];
  let out: string | undefined;
  let maxPdfSize = DEFAULT_MAX_PDF_SIZE;
  let maxPages = DEFAULT_MAX_PAGES;
  /** A positive whole number, or a usage error naming what `name` counts. */
  const positive = (v: string | undefined, name: string, what: string): number => {
    const n = /^[1-9]\d*$/.test(v ?? '') ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) throw new UsageError(`${name} takes a positive whole number of ${what}, not ${describe(v)}`);
    return n;
  };
  /** The value of `--name VALUE` or `--name=VALUE`. */
  const valueOf = (a: string, name: string, i: number): [string | undefined, number] =>
    a.startsWith(`${name}=`) ? [a.slice(name.length + 1), i] : [rest[i + 1], i + 1];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const name = a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (a === '--help' || a === '-h') return 'help';
    if (name === '--format') {
      let v: string | undefined;
      [v, i] = valueOf(a, name, i);
      if (v === undefined || !formats.includes(v)) {
        const other = (Object.keys(FORMATS) as Command[]).find((c) => c !== command && v !== undefined && (FORMATS[c] as readonly string[]).includes(v));
        if (other) throw new UsageError(`${command} does not write ${v} (that is imr ${other}); --format takes ${orList(formats)}`);
        throw new UsageError(`--format takes ${orList(formats)}, not ${describe(v)}`);
      }
      format = v as Options['format'];
    } else if (name === '--rule') {
      let v: string | undefined;
      [v, i] = valueOf(a, name, i);
      const m = /^([a-z-]+)=([a-z]+)$/.exec(v ?? '');
      if (!m) throw new UsageError(`--rule takes CODE=LEVEL, not ${describe(v)}`);
      // hasOwn, not `in`: `in` also finds what every object inherits (constructor, toString).
      if (!Object.hasOwn(RULE_SETTING_KEYS, m[1])) throw new UsageError(`unknown check "${m[1]}" (checks: ${Object.keys(RULE_SETTING_KEYS).join(', ')})`);
      if (!LEVELS.includes(m[2] as RuleLevel)) throw new UsageError(`unknown level "${m[2]}" (levels: ${LEVELS.join(', ')})`);
      rules[m[1] as DiagnosticCode] = m[2] as RuleLevel;
    } else if (name === '--config') {
      [config, i] = valueOf(a, name, i);
      if (!config) throw new UsageError('--config takes a file');
    } else if (name === '--max-size') {
      let v: string | undefined;
      [v, i] = valueOf(a, name, i);
      maxSize = positive(v, name, 'bytes');
    } else if (name === '--max-pdf-size') {
      let v: string | undefined;
      [v, i] = valueOf(a, name, i);
      maxPdfSize = positive(v, name, 'bytes');
    } else if (name === '--max-pages') {
      let v: string | undefined;
      [v, i] = valueOf(a, name, i);
      maxPages = positive(v, name, 'pages');
    } else if (name === '--include' || name === '--exclude') {
      let v: string | undefined;
      [v, i] = valueOf(a, name, i);
      if (!v) throw new UsageError(`${name} takes a glob pattern such as "**/drafts/**", not ${describe(v)}`);
      if (v.length > MAX_GLOB_LENGTH) throw new UsageError(`${name} takes patterns of at most ${MAX_GLOB_LENGTH} characters, not ${v.length}`);
      (name === '--include' ? include : exclude).push(v);
      if (include.length + exclude.length > MAX_GLOB_PATTERNS) throw new UsageError(`at most ${MAX_GLOB_PATTERNS} --include and --exclude patterns in all`);
    } else if (name === '--by' || name === '--out') {
      let v: string | undefined;
      [v, i] = valueOf(a, name, i);
      if (command !== 'stats') throw new UsageError(`${name} is an option of imr stats`);
      if (name === '--out') {
        if (!v) throw new UsageError('--out takes a file');
        out = v;
      } else {
        if (v === undefined || !isStatsDimension(v)) throw new UsageError(`--by takes ${orList(STATS_DIMENSIONS)}, not ${describe(v)}`);
        if (by.includes(v)) throw new UsageError(`--by ${v} is given twice`);
        by.push(v);
      }
    } else if (a === '--verbose') {
      verbose = true;
    } else if (a === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option "${a}"`);
    } else {
      paths.push(a);
    }
  }
  if (paths.length === 0) throw new UsageError('no PATH given');
  return { command, format, paths, rules, config, maxSize, maxPdfSize, maxPages, include, exclude, verbose, by, out };
}

/**
 * The number of threads that analyse letters from IMR_WORKERS: undefined for
 * automatic, 1 for the main thread alone, N > 1 for N worker threads.
 */
export function workersFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === '' || value === 'auto') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`IMR_WORKERS takes a number of threads (1 for none besides the main one) or "auto", not "${value}"`);
  }
  return Number(value);
}
