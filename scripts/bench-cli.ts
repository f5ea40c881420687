/**
 * Throughput of the `imr check` command (the bundled dist/cli.js, started as a
 * user starts it) on the corpus and on 10,000 generated letters, on the main
 * thread alone and on worker threads, against a plain scan of the same files
 * in the same run: a node process that reads each file, splits it into lines
 * and tests one regular expression per line.
 *
 *   npm run bench:cli                      (builds first)
 *   node --import tsx scripts/bench-cli.ts [--quick] [--files N]
 *
 *   --quick    one timed run each and 1,000 generated letters (smoke run)
 *   --files N  generate N letters instead of 10,000
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
  const single = timeProcess([CLI, 'check', dir], { ...base, IMR_WORKERS: '1' });
  const workers = timeProcess([CLI, 'check', dir], { ...base, IMR_WORKERS: String(cores) });
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

  checks.corpus = measureSet('corpus', CORPUS, rows);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-bench-cli-'));
  const cleanUp = (): void => fs.rmSync(tmp, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  try {
    const t0 = performance.now();
    generate(tmp, GENERATED, corpusLetters());
    console.error(`bench-cli: generated ${GENERATED} letters in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    checks.generated = measureSet(`${GENERATED} generated`, tmp, rows);
  } finally {
    cleanUp();
  }

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
  const loadAfter = os.loadavg()[0];
  const auto = (files: number): string => {
    const n = threadCount(files, undefined);
    return n > 1 ? `${n} workers` : '1 thread';
  };
  console.log(`without IMR_WORKERS imr check would use here: ${auto(rows[0].files)} for the corpus, ${auto(GENERATED)} for ${GENERATED} letters`);
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
    },
    units: {
      time: 's (median of repetitions, process start to exit)',
      cpuSeconds: 's of CPU, user + system, all threads of the process (Linux /proc; NaN elsewhere)',
      size: 'MB = 2^20 bytes',
    },
    definitions: {
      'plain scan': 'a node process: recursive readdir, readFileSync, split(/\\r\\n|\\r|\\n/), /:\\s*(Upheld|Overturned)\\s*$/ per line',
      'imr check': 'node dist/cli.js check FOLDER (text output), IMR_WORKERS=1 or IMR_WORKERS=<cores>',
    },
    rows,
    checks,
    automaticChoice: { corpus: auto(rows[0].files), generated: auto(GENERATED) },
  };
  fs.writeFileSync(OUT_FILE, JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, OUT_FILE)}`);
  if (Object.values(checks).some((c) => !c.sameOutput)) process.exitCode = 1;
}

try {
  main();
} catch (err) {
  console.error(`bench-cli: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
