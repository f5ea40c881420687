/**
 * `imr`: the same analysis as the language server, from a command line.
 *
 *   imr check [--format text|json] PATH...
 *   imr extract [--format json] PATH...
 *
 * Folders are searched (recursively) for determination letters; files named
 * on the command line are always read. Exit codes: 0 no error-severity
 * finding, 1 at least one, 2 usage or I/O problems.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyseText, looksLikeDetermination, type Analysis, type DiagnosticCode, type Finding, type RuleLevel, type ValidationSettings } from './core';
import { RULE_SETTING_KEYS, settingsFromConfiguration } from './settings';
import { computeDiagnostics } from './core/diagnostics';
import { extractJson } from './core/extract';

const USAGE = `Usage:
  imr check [--format text|json] [--rule CODE=LEVEL]... [--config FILE] PATH...
                                            report problems in determination letters
  imr extract [--format json] PATH...       print the parsed letters as JSON

PATH is a letter (.txt) or a folder searched for letters.
--rule sets one check's level (ignore, hint, information, warning, error), e.g.
  --rule chapter-mismatch=error. Checks: ${Object.keys(RULE_SETTING_KEYS).join(', ')}.
--config reads settings from a JSON file shaped like VS Code's settings:
  { "imrDetermination.validate.chapterMismatch": "error" } or { "validate": { ... } }.
Exit status: 0 no errors found, 1 errors found, 2 usage or I/O problem.`;

class UsageError extends Error {}

interface Options {
  command: 'check' | 'extract';
  format: 'text' | 'json';
  paths: string[];
  rules: Partial<Record<DiagnosticCode, RuleLevel>>;
  config?: string;
}

const LEVELS: readonly RuleLevel[] = ['ignore', 'hint', 'information', 'warning', 'error'];

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  if (argv.length === 0) throw new UsageError('no command given');
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return 'help';
  if (command === '--version' || command === '-v') return 'version';
  if (command !== 'check' && command !== 'extract') throw new UsageError(`unknown command "${command}"`);
  let format: Options['format'] = command === 'extract' ? 'json' : 'text';
  const paths: string[] = [];
  const rules: Options['rules'] = {};
  let config: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format takes text or json, not ${v === undefined ? 'nothing' : `"${v}"`}`);
      if (command === 'extract' && v !== 'json') throw new UsageError('extract writes JSON only (--format json)');
      format = v;
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const v = a.startsWith('--rule=') ? a.slice('--rule='.length) : rest[++i];
      const m = /^([a-z-]+)=([a-z]+)$/.exec(v ?? '');
      if (!m) throw new UsageError(`--rule takes CODE=LEVEL, not ${v === undefined ? 'nothing' : `"${v}"`}`);
      if (!(m[1] in RULE_SETTING_KEYS)) throw new UsageError(`unknown check "${m[1]}" (checks: ${Object.keys(RULE_SETTING_KEYS).join(', ')})`);
      if (!LEVELS.includes(m[2] as RuleLevel)) throw new UsageError(`unknown level "${m[2]}" (levels: ${LEVELS.join(', ')})`);
      rules[m[1] as DiagnosticCode] = m[2] as RuleLevel;
    } else if (a === '--config' || a.startsWith('--config=')) {
      config = a.startsWith('--config=') ? a.slice('--config='.length) : rest[++i];
      if (!config) throw new UsageError('--config takes a file');
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
  return { command, format, paths, rules, config };
}

interface Letter {
  path: string;
  analysis: Analysis;
}

async function collect(paths: string[], problems: string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      problems.push(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) await walk(p);
      } else if (e.isFile() && /\.txt$/i.test(e.name)) {
        files.push(p);
      }
    }
  };
  for (const p of paths) {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch (err) {
      problems.push(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(err)}`);
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.length;
      await walk(p);
      // Within folders, only letters count: other .txt files are notes, not drafts.
      const found = files.splice(before);
      for (const f of found) if (await isLetterFile(f)) files.push(f);
    } else {
      files.push(p);
    }
  }
  return files;
}

async function isLetterFile(file: string): Promise<boolean> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      return looksLikeDetermination(buf.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

async function readLetters(files: string[], problems: string[]): Promise<Letter[]> {
  const out: Letter[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      problems.push(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      continue;
    }
    out.push({ path: file, analysis: analyseText(file, 0, text) });
  }
  return out;
}

/**
 * Settings from --config (VS Code's flat keys, or the nested section) and then --rule flags,
 * which win.
 */
async function loadSettings(options: Options): Promise<ValidationSettings> {
  let section: unknown;
  if (options.config) {
    let raw: string;
    try {
      raw = await fs.readFile(options.config, 'utf8');
    } catch (err) {
      throw new Error(`cannot read config ${options.config}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new Error(`config ${options.config} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    section = configSection(json);
  }
  const base = settingsFromConfiguration(section);
  return { enabled: base.enabled, rules: { ...base.rules, ...options.rules } };
}

function configSection(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Record<string, unknown>;
  if (typeof o.imrDetermination === 'object') return o.imrDetermination;
  if (typeof o.validate === 'object') return o;
  const validate: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const m = /^imrDetermination\.validate\.(\w+)$/.exec(k);
    if (m) validate[m[1]] = v;
  }
  return { validate };
}

function formatFinding(file: string, f: Finding): string {
  return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}`;
}

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`imr: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (options === 'version') {
    process.stdout.write('0.1.0\n');
    return 0;
  }
  let settings: ValidationSettings;
  try {
    settings = await loadSettings(options);
  } catch (err) {
    process.stderr.write(`imr: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const problems: string[] = [];
  const files = await collect(options.paths, problems);
  const letters = await readLetters(files, problems);
  for (const p of problems) process.stderr.write(`imr: ${p}\n`);
  if (letters.length === 0 && problems.length === 0) process.stderr.write('imr: no determination letters found\n');

  if (options.command === 'extract') {
    process.stdout.write(JSON.stringify(extractJson(letters), null, 2) + '\n');
    return problems.length > 0 ? 2 : 0;
  }

  let errors = 0;
  let total = 0;
  const results = letters.map((l) => {
    const diagnostics = computeDiagnostics(l.analysis, settings);
    errors += diagnostics.filter((d) => d.severity === 'error').length;
    total += diagnostics.length;
    return { path: l.path, diagnostics };
  });
  if (options.format === 'json') {
    const files = results.map((r) => ({
      path: r.path,
      diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
    }));
    process.stdout.write(JSON.stringify({ files }, null, 2) + '\n');
  } else {
    for (const r of results) for (const d of r.diagnostics) process.stdout.write(formatFinding(r.path, d) + '\n');
    const items = letters.reduce((n, l) => n + l.analysis.model.items.length, 0);
    process.stderr.write(`${letters.length} letter${letters.length === 1 ? '' : 's'}, ${items} item${items === 1 ? '' : 's'}, ${total} finding${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})\n`);
  }
  if (problems.length > 0) return 2;
  return errors > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`imr: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
