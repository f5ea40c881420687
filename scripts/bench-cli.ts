/**
 * Throughput of the `imr check` command (the bundled dist/cli.js, started as a
 * user starts it) on the corpus and on 10,000 generated letters, on the main
 * thread alone and on worker threads, against a plain scan of the same files
 * in the same run: a node process that reads each file, splits it into lines
 * and tests one regular expression per line.
 *
 *   npm run bench:cli                      (builds first)
 *   node --import tsx scripts/bench-cli.ts [--quick] [--files N] [--pdf-only] [--pdf-memory N]
 *
 *   --quick         one timed run each, 1,000 generated letters, 2 PDF rounds (smoke run)
 *   --files N       generate N letters instead of 10,000
 *   --pdf-only      only the PDF part (below)
 *   --pdf-memory N  the memory check on N PDF copies instead of 2,000 (0: none)
 *
 * PDFs: the 64 corpus PDFs copied 3 times (192 files, the size of a 194-letter
 * folder) are checked by `imr check` and converted by `pdftotext -layout` once
 * per file (a shell loop, as a user would write it), side by side in each of
 * at least 5 rounds; the ratio of the medians is held against the target of
 * 3x (PASS or MISS). pdftotext comes with poppler-utils: without it that
 * comparison is skipped with a note. Then the peak memory (maxRSS) of
 * `imr check` on 2,000 PDF copies against the 192: bounded memory means about
 * the same peak for both.
 *
 * The generated letters are variations of the corpus letters (another case
 * number, the disputed items in another order, one guideline chapter swapped
 * for another), written under the system's temporary folder in 100 subfolders
 * and deleted afterwards. Prints a table; writes bench-results/bench-cli.json.
 * Every process is timed from start to exit, node's start-up included; its CPU
 * time (all threads) is shown too, which a busy machine distorts less.
 * Machines are shared and noisy: read the ratios first, absolute times second.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDetermination } from '../server/src/core/index';
import { threadCount } from '../server/src/cli/pool';

const ARGS = process.argv.slice(2);
const QUICK = ARGS.includes('--quick');
const filesArg = ARGS.indexOf('--files');
const GENERATED = filesArg >= 0 ? Number(ARGS[filesArg + 1]) : QUICK ? 1000 : 10_000;
if (!Number.isInteger(GENERATED) || GENERATED < 1) {
  console.error(`bench-cli: --files takes a positive whole number, not "${ARGS[filesArg + 1]}"`);
  process.exit(1);
}
const REPS = QUICK ? 1 : 3;
const PDF_ONLY = ARGS.includes('--pdf-only');
const PDF_ROUNDS = QUICK ? 2 : 5;
const memoryArg = ARGS.indexOf('--pdf-memory');
const PDF_MEMORY_FILES = memoryArg >= 0 ? Number(ARGS[memoryArg + 1]) : 2000;
if (!Number.isInteger(PDF_MEMORY_FILES) || PDF_MEMORY_FILES < 0) {
  console.error(`bench-cli: --pdf-memory takes a whole number of files, not "${ARGS[memoryArg + 1]}"`);
  process.exit(1);
}
/** The issue's target: imr check on a folder of PDFs at most this many times pdftotext's time. */
const PDF_TARGET_RATIO = 3;

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist/cli.js');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const OUT_DIR = path.join(ROOT, 'bench-results');
const OUT_FILE = path.join(OUT_DIR, 'bench-cli.json');
const MB = 1024 * 1024;

// ---------------------------------------------------------------- the plain scan

/** The baseline, run as its own node process: walk, read, split into lines, one regex per line. */
const PLAIN_SCAN = `
const fs = require('node:fs');
const path = require('node:path');
const OUTCOME = /:\\s*(Upheld|Overturned)\\s*$/;
let files = 0, lines = 0, hits = 0;
const walk = (dir) => {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && /\\.txt$/i.test(e.name)) {
      files++;
      for (const line of fs.readFileSync(p, 'utf8').split(/\\r\\n|\\r|\\n/)) {
        lines++;
        if (OUTCOME.test(line)) hits++;
      }
    }
  }
};
walk(process.argv[1]);
console.log(files + ' files, ' + lines + ' lines, ' + hits + ' outcome lines');
`;

// ---------------------------------------------------------------- generated letters

/** A small deterministic generator (mulberry32), so every run writes the same letters. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpusLetters(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt')) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(CORPUS);
  return out;
}

/** The letter with its disputed items in another order (the text between items stays in place). */
function reorderItems(text: string, rnd: () => number): string {
  const items = parseDetermination(text).items;
  if (items.length < 2) return text;
  const blocks = items.map((it) => text.slice(it.span.start, it.span.end));
  const gaps = items.slice(0, -1).map((it, i) => text.slice(it.span.end, items[i + 1].span.start));
  for (let i = blocks.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [blocks[i], blocks[j]] = [blocks[j], blocks[i]];
  }
  let out = text.slice(0, items[0].span.start);
  for (let i = 0; i < blocks.length; i++) out += blocks[i] + (gaps[i] ?? '');
  return out + text.slice(items[items.length - 1].span.end);
}

const CHAPTERS = ['Low Back Complaints', 'Knee Complaints', 'Neck and Upper Back Complaints', 'Shoulder Complaints', 'Elbow Disorders'];

/** One cited MTUS chapter replaced by another (often making a chapter-mismatch finding). */
function swapChapter(text: string, rnd: () => number): string {
  const present = CHAPTERS.filter((c) => text.includes(c));
  if (present.length === 0) return text;
  const from = present[Math.floor(rnd() * present.length)];
  const others = CHAPTERS.filter((c) => c !== from);
  return text.replace(from, others[Math.floor(rnd() * others.length)]);
}

function variation(text: string, n: number): string {
  const rnd = random(n + 1);
  let out = text.replace(/CM1\d-\d{7}/g, `CM${17 + (n % 3)}-${String(1_000_000 + n).padStart(7, '0')}`);
  if (rnd() < 0.7) out = reorderItems(out, rnd);
  if (rnd() < 0.5) out = swapChapter(out, rnd);
  return out;
}

function generate(dir: string, count: number, letters: readonly string[]): void {
  for (let n = 0; n < count; n++) {
    const sub = path.join(dir, `batch-${String(Math.floor(n / 100)).padStart(3, '0')}`);
    if (n % 100 === 0) fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `letter-${String(n).padStart(5, '0')}.txt`), variation(letters[n % letters.length], n));
  }
}

// ---------------------------------------------------------------- measuring

function bytesUnder(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt')) {
        files++;
        bytes += fs.statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

interface Run {
  seconds: number[];
  /** CPU seconds (user + system) of each run, all threads, where the platform tells (Linux). */
  cpuSeconds: number[];
  output: string;
  stderr: string;
}

/** Clock ticks per second for /proc times. */
const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : 100;
})();

/** CPU seconds used by this process's finished children so far (Linux: cutime + cstime), or NaN. */
function childrenCpuSeconds(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

function timeProcess(args: string[], env: NodeJS.ProcessEnv): Run {
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let output = '';
  let stderr = '';
  for (let i = 0; i < REPS; i++) {
    const cpu0 = childrenCpuSeconds();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1024 * MB });
    seconds.push((performance.now() - t0) / 1000);
    cpuSeconds.push(childrenCpuSeconds() - cpu0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    output = r.stdout;
    stderr = r.stderr;
  }
  return { seconds, cpuSeconds, output, stderr };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface Row {
  set: string;
  run: string;
  files: number;
  mb: number;
  seconds: number;
  allSeconds: number[];
  /** median CPU seconds, all threads (NaN where unknown) */
  cpuSeconds: number;
  mbPerSecond: number;
  /** seconds / the plain scan's seconds on the same files */
  ratioToPlainScan: number;
}

function measureSet(set: string, dir: string, rows: Row[]): { sameOutput: boolean; summary: string } {
  const { files, bytes } = bytesUnder(dir);
  const mb = bytes / MB;
  const cores = os.availableParallelism();
  const base = { ...process.env };
  delete base.IMR_WORKERS;
  const plain = timeProcess(['-e', PLAIN_SCAN, dir], base);
  // The text path alone, as the plain scan reads it: the corpus folder also holds its PDFs (timed apart, below).
  const single = timeProcess([CLI, 'check', '--exclude', '**/*.pdf', dir], { ...base, IMR_WORKERS: '1' });
  const workers = timeProcess([CLI, 'check', '--exclude', '**/*.pdf', dir], { ...base, IMR_WORKERS: String(cores) });
  const plainS = median(plain.seconds);
  const add = (run: string, r: Run): void => {
    const s = median(r.seconds);
    rows.push({ set, run, files, mb, seconds: s, allSeconds: r.seconds, cpuSeconds: median(r.cpuSeconds), mbPerSecond: mb / s, ratioToPlainScan: s / plainS });
  };
  add('plain scan', plain);
  add('imr check, 1 thread', single);
  add(`imr check, ${cores} workers`, workers);
  const digest = (s: string): string => createHash('sha256').update(s).digest('hex');
  return { sameOutput: digest(single.output) === digest(workers.output) && single.stderr === workers.stderr, summary: single.stderr.trim() };
}

function main(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${path.relative(ROOT, CLI)} is missing: run npm run build first (npm run bench:cli does)`);
  if (!fs.existsSync(CORPUS)) throw new Error(`the corpus is missing: expected the letters in ${CORPUS}`);
  const rows: Row[] = [];
  const checks: Record<string, { sameOutput: boolean; summary: string }> = {};
  const loadBefore = os.loadavg()[0];

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-bench-cli-'));
  const cleanUp = (): void => fs.rmSync(tmp, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  let pdf: PdfResult;
  try {
    if (!PDF_ONLY) {
      checks.corpus = measureSet('corpus', CORPUS, rows);
      const t0 = performance.now();
      const generated = path.join(tmp, 'generated');
      generate(generated, GENERATED, corpusLetters());
      console.error(`bench-cli: generated ${GENERATED} letters in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      checks.generated = measureSet(`${GENERATED} generated`, generated, rows);
      fs.rmSync(generated, { recursive: true, force: true });
    }
    pdf = measurePdfs(tmp);
  } finally {
    cleanUp();
  }

  if (rows.length > 0) printTextTable(rows, checks);
  printPdf(pdf);
  const loadAfter = os.loadavg()[0];
  if (rows.length > 0) {
    const auto = (files: number): string => {
      const n = threadCount(files, undefined);
      return n > 1 ? `${n} workers` : '1 thread';
    };
    console.log(`without IMR_WORKERS imr check would use here: ${auto(rows[0].files)} for the corpus, ${auto(GENERATED)} for ${GENERATED} letters`);
    // The budget (issue 15): imr check on 10,000 letters, as it runs without IMR_WORKERS, within 6x of the plain scan.
    const row = rows.find((r) => r.set === `${GENERATED} generated` && r.run === `imr check, ${auto(GENERATED)}`);
    if (row) console.log(`budget: ${row.ratioToPlainScan <= 6 ? 'PASS' : 'MISS'}  imr check on ${GENERATED} letters (${row.run}) at ${row.ratioToPlainScan.toFixed(1)}x the plain scan (at most 6x)`);
  }
  console.log(`load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${os.availableParallelism()} cores`);

  fs.mkdirSync(OUT_DIR, { recursive: true });
  const result = {
    env: {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverage1mBefore: loadBefore,
      loadAverage1mAfter: loadAfter,
      quick: QUICK,
      repetitions: REPS,
      pdfRounds: PDF_ROUNDS,
    },
    units: {
      time: 's (median of repetitions, process start to exit)',
      cpuSeconds: 's of CPU, user + system, all threads of the process (Linux /proc; NaN elsewhere)',
      size: 'MB = 2^20 bytes',
      maxRssMb: 'peak resident set size of the imr process, MB (process.resourceUsage().maxRSS)',
    },
    definitions: {
      'plain scan': 'a node process: recursive readdir, readFileSync, split(/\\r\\n|\\r|\\n/), /:\\s*(Upheld|Overturned)\\s*$/ per line',
      'imr check': 'node dist/cli.js check --exclude "**/*.pdf" FOLDER (text output), IMR_WORKERS=1 or IMR_WORKERS=<cores>',
      pdftotext: 'sh -c \'for f; do pdftotext -layout "$f" OUT/$(basename "$f").txt; done\' over the PDF folder',
      'imr check (automatic)': 'node dist/cli.js check FOLDER without IMR_WORKERS: the threads imr chooses',
    },
    rows,
    checks,
    pdf,
    automaticChoice: rows.length > 0 ? { corpus: threadCount(rows[0].files, undefined), generated: threadCount(GENERATED, undefined) } : undefined,
  };
  fs.writeFileSync(OUT_FILE, JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, OUT_FILE)}`);
  if (Object.values(checks).some((c) => !c.sameOutput) || pdf.sameOutput === false) process.exitCode = 1;
}

function printTextTable(rows: Row[], checks: Record<string, { sameOutput: boolean; summary: string }>): void {
  const header = ['files set', 'run', 'files', 'MB', 'seconds', 'MB/s', 'x plain scan', 'CPU s'];
  const body = rows.map((r) => [
    r.set,
    r.run,
    String(r.files),
    r.mb.toFixed(1),
    r.seconds.toFixed(2),
    r.mbPerSecond.toFixed(1),
    r.ratioToPlainScan.toFixed(1),
    Number.isNaN(r.cpuSeconds) ? '-' : r.cpuSeconds.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  for (const [set, c] of Object.entries(checks)) {
    console.log(`${set}: ${c.summary}; output with workers ${c.sameOutput ? 'identical to' : 'DIFFERENT FROM'} the single-threaded run`);
  }
}

// ---------------------------------------------------------------- PDFs

interface PdfRun {
  run: string;
  threads: number;
  seconds: number[];
  cpuSeconds: number[];
  medianSeconds: number;
  medianCpuSeconds: number;
  /** medianSeconds / pdftotext's median */
  ratioToPdftotext: number;
}

interface PdfMemory {
  files: number;
  threads: number;
  seconds: number;
  maxRssMb: number;
}

interface PdfResult {
  /** Why the comparison with pdftotext did not run, if it did not. */
  skipped?: string;
  files: number;
  rounds: number;
  runs: PdfRun[];
  /** Threads `imr check` chooses on its own for this folder here. */
  automaticThreads: number;
  /** The automatic run's median against pdftotext's. */
  ratio?: number;
  /** The same ratio within each round (the machine's load changes between rounds less than within). */
  roundRatios?: number[];
  target: number;
  pass?: boolean;
  sameOutput?: boolean;
  summary?: string;
  memory: PdfMemory[];
}

const PDF_COPIES = 3;

/** The corpus PDFs copied into `dir` until there are `count` (named <case>-<copy>.pdf, 100 to a subfolder beyond 200). */
function copyPdfs(dir: string, count: number): string[] {
  const sources = fs
    .readdirSync(path.join(CORPUS, 'pdf'))
    .filter((f) => f.endsWith('.pdf'))
    .sort();
  const files: string[] = [];
  for (let n = 0; n < count; n++) {
    const source = sources[n % sources.length];
    const sub = count > 200 ? path.join(dir, `batch-${String(Math.floor(n / 100)).padStart(3, '0')}`) : dir;
    fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, `${source.slice(0, -4)}-${Math.floor(n / sources.length) + 1}.pdf`);
    fs.copyFileSync(path.join(CORPUS, 'pdf', source), file);
    files.push(file);
  }
  return files;
}

function pdftotextMissing(): string | undefined {
  const r = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (!r.error) return undefined;
  return 'pdftotext is not installed (it comes with poppler-utils: apt-get install poppler-utils); the comparison with it is skipped';
}

interface Timed {
  seconds: number;
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

function timeOnce(command: string, args: string[], env: NodeJS.ProcessEnv): Timed {
  const cpu0 = childrenCpuSeconds();
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1024 * MB });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.slice(0, 3).join(' ')} ... exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { seconds, cpuSeconds: childrenCpuSeconds() - cpu0, stdout: r.stdout, stderr: r.stderr };
}

/** Prints the main thread's peak RSS at exit; loaded into `imr` with --require. */
const RSS_PRELOAD = `
const { isMainThread } = require('node:worker_threads');
if (isMainThread) process.on('exit', () => process.stderr.write('imr-bench maxRSS ' + process.resourceUsage().maxRSS + '\\n'));
`;

function measurePdfMemory(tmp: string, base: NodeJS.ProcessEnv, folders: Array<{ dir: string; files: number }>): PdfMemory[] {
  const preload = path.join(tmp, 'rss-preload.cjs');
  fs.writeFileSync(preload, RSS_PRELOAD);
  const cores = os.availableParallelism();
  const out: PdfMemory[] = [];
  for (const { dir, files } of folders) {
    for (const threads of cores > 1 ? [1, cores] : [1]) {
      const r = timeOnce(process.execPath, ['--require', preload, CLI, 'check', dir], { ...base, IMR_WORKERS: String(threads) });
      const kb = Number(/^imr-bench maxRSS (\d+)$/m.exec(r.stderr)?.[1]);
      out.push({ files, threads, seconds: r.seconds, maxRssMb: kb / 1024 });
    }
  }
  return out;
}

function measurePdfs(tmp: string): PdfResult {
  const cores = os.availableParallelism();
  const pdfDir = path.join(tmp, 'pdf');
  const files = copyPdfs(pdfDir, 64 * PDF_COPIES);
  const automaticThreads = threadCount(files.length, undefined, cores, files.length);
  const base = { ...process.env };
  delete base.IMR_WORKERS;
  const result: PdfResult = { files: files.length, rounds: PDF_ROUNDS, runs: [], automaticThreads, target: PDF_TARGET_RATIO, memory: [] };
  const missing = pdftotextMissing();
  if (missing) {
    result.skipped = missing;
    console.error(`bench-cli: ${missing}`);
  } else {
    const textDir = path.join(tmp, 'pdftotext');
    fs.mkdirSync(textDir);
    // One shell loop, one pdftotext process per file, as a user converting a folder would run it.
    const loop = 'out=$1; shift; for f; do pdftotext -layout "$f" "$out/${f##*/}.txt" || exit 2; done';
    type Contender = { run: string; threads: number; go: () => Timed };
    const contenders: Contender[] = [{ run: 'pdftotext -layout, once per file', threads: 1, go: () => timeOnce('sh', ['-c', loop, 'sh', textDir, ...files], base) }];
    for (const threads of cores > 1 ? [1, cores] : [1]) {
      contenders.push({
        run: threads === 1 ? 'imr check, 1 thread' : `imr check, ${threads} workers`,
        threads,
        go: () => timeOnce(process.execPath, [CLI, 'check', pdfDir], { ...base, IMR_WORKERS: String(threads) }),
      });
    }
    const times = contenders.map((): Timed[] => []);
    for (let round = 0; round < PDF_ROUNDS; round++) {
      // Side by side, in alternating order, so that a change of the machine's load falls on all.
      const order = contenders.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order) times[i].push(contenders[i].go());
      console.error(`bench-cli: PDF round ${round + 1}/${PDF_ROUNDS}: ${contenders.map((c, i) => `${c.run} ${times[i][round].seconds.toFixed(2)} s`).join(', ')}`);
    }
    const pdftotextMedian = median(times[0].map((t) => t.seconds));
    result.runs = contenders.map((c, i) => {
      const medianSeconds = median(times[i].map((t) => t.seconds));
      return {
        run: c.run,
        threads: c.threads,
        seconds: times[i].map((t) => t.seconds),
        cpuSeconds: times[i].map((t) => t.cpuSeconds),
        medianSeconds,
        medianCpuSeconds: median(times[i].map((t) => t.cpuSeconds)),
        ratioToPdftotext: medianSeconds / pdftotextMedian,
      };
    });
    const auto = contenders.findIndex((c, i) => i > 0 && c.threads === automaticThreads);
    result.ratio = result.runs[auto].ratioToPdftotext;
    result.roundRatios = times[auto].map((t, round) => t.seconds / times[0][round].seconds);
    result.pass = result.ratio <= PDF_TARGET_RATIO;
    const outputs = times.slice(1).map((ts) => ts[ts.length - 1]);
    result.sameOutput = outputs.every((o) => o.stdout === outputs[0].stdout && o.stderr === outputs[0].stderr);
    result.summary = outputs[0].stderr.trim();
  }
  if (PDF_MEMORY_FILES > 0) {
    const many = path.join(tmp, 'pdf-many');
    copyPdfs(many, PDF_MEMORY_FILES);
    console.error(`bench-cli: PDF memory: imr check on ${files.length} and ${PDF_MEMORY_FILES} PDFs`);
    result.memory = measurePdfMemory(tmp, base, [
      { dir: pdfDir, files: files.length },
      { dir: many, files: PDF_MEMORY_FILES },
    ]);
    fs.rmSync(many, { recursive: true, force: true });
  }
  return result;
}

function printPdf(pdf: PdfResult): void {
  const threads = (n: number): string => (n > 1 ? `${n} workers` : '1 thread');
  console.log('');
  if (pdf.skipped) {
    console.log(`PDFs: ${pdf.skipped}`);
  } else {
    console.log(`PDFs: ${pdf.files} files (the ${pdf.files / PDF_COPIES} corpus PDFs x ${PDF_COPIES}), medians of ${pdf.rounds} rounds side by side`);
    const width = Math.max(...pdf.runs.map((r) => r.run.length));
    for (const r of pdf.runs) {
      const cpu = r.cpuSeconds.some(Number.isNaN) ? '' : `  CPU ${r.medianCpuSeconds.toFixed(2)} s`;
      console.log(`  ${r.run.padEnd(width)}  ${r.medianSeconds.toFixed(2).padStart(6)} s${cpu}  ${r.ratioToPdftotext.toFixed(2)}x pdftotext  (rounds: ${r.seconds.map((s) => s.toFixed(2)).join(' ')})`);
    }
    console.log(
      `imr check without IMR_WORKERS (${threads(pdf.automaticThreads)} here): ${pdf.ratio!.toFixed(2)}x pdftotext -layout: ${pdf.pass ? 'PASS' : 'MISS'} (target: at most ${pdf.target}x); ratio in each round: ${pdf.roundRatios!.map((r) => r.toFixed(2)).join(' ')}`,
    );
    console.log(`PDFs: ${pdf.summary}; output ${pdf.sameOutput ? 'identical' : 'DIFFERENT'} on 1 thread and on workers`);
  }
  for (const m of pdf.memory) {
    console.log(`PDF memory: imr check on ${m.files} PDFs, ${threads(m.threads)}: peak RSS ${m.maxRssMb.toFixed(0)} MB, ${m.seconds.toFixed(1)} s`);
  }
}

try {
  main();
} catch (err) {
  console.error(`bench-cli: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
