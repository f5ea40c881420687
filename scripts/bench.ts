/**
 * Benchmark of the core analysis (parse + outline + diagnostics) against a plain
 * split-and-regex scan of the same text, measured in the same run.
 *
 *   npm run bench [-- --quick] [-- --letters]
 *
 *   --quick    fewer repetitions (smoke run)
 *   --letters  also print one row per corpus letter
 *
 * `npm run bench` bundles this file with esbuild into dist/bench.js and runs that, so the core is
 * timed as it ships: the server and the command line are esbuild bundles too. (Run from source
 * with tsx, each module is compiled on its own and every call across modules reads an export
 * getter, which made the same analysis some 15-20% slower.)
 *
 * Prints figures on stdout and writes the same numbers to bench-results/bench.json. The project's
 * speed is held by user-level budgets over LSP and the command line (`npm run bench:lsp`,
 * `bench:cli`, `bench:workspace`); this script shows where the core's time goes on real letters,
 * and one scaling check: 10 MB and the two limit texts against a plain line scan, as ratios.
 * Machines are shared and noisy: read the ratios to the baseline first, absolute times second.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyseText, LineIndex, parseDetermination, type Analysis } from '../server/src/core/index';
import { documentSymbols } from '../server/src/core/symbols';
import { computeDiagnostics, RULES } from '../server/src/core/diagnostics';
import type { ValidationSettings } from '../server/src/core/types';
import { completions } from '../server/src/core/completion';
import { semanticTokens } from '../server/src/core/semanticTokens';
import { letterSummaryMarkdown } from '../server/src/core/summary';
import { hoverAt } from '../server/src/core/hover';
import { foldingRanges } from '../server/src/core/folding';
import { selectionRanges } from '../server/src/core/selectionRanges';
import { codeLensAnchors, codeLenses, codeLensTitle } from '../server/src/core/codeLens';
import { documentLinks } from '../server/src/core/documentLinks';
import { manyItemsLetter, singleLineText } from '../test/unit/support/limitTexts';

// ---------------------------------------------------------------- settings

const ARGS = new Set(process.argv.slice(2));
const QUICK = ARGS.has('--quick');
const PER_LETTER_ROWS = ARGS.has('--letters');

const REPO_ROOT = path.resolve(__dirname, '..');
const CORPUS_ROOT = path.resolve(REPO_ROOT, '../shared/corpus');
const CORPUS_FOLDERS = ['seeds', 'letters', 'reading-order'];
const OUT_DIR = path.join(REPO_ROOT, 'bench-results');
const OUT_FILE = path.join(OUT_DIR, 'bench.json');

const MB = 1024 * 1024; // "MB" below means 2^20 bytes (UTF-8)
const BIG_MIN_BYTES = 10 * MB;

const CORPUS_WARMUP = QUICK ? 2 : 5;
const CORPUS_REPS = QUICK ? 5 : 20;
const BIG_WARMUP = QUICK ? 1 : 2;
const BIG_REPS = QUICK ? 3 : 7;
const BREAKDOWN_REPS = QUICK ? 2 : 5;


const SETTINGS: ValidationSettings = { enabled: true, rules: {} };

// ---------------------------------------------------------------- helpers

interface Stats {
  median: number;
  min: number;
  max: number;
  p95: number;
  n: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  // nearest-rank
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { median: median(s), min: s[0], max: s[s.length - 1], p95: quantile(s, 0.95), n: s.length };
}

function ms(x: number): string {
  if (!Number.isFinite(x)) return '-';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

function medRange(s: Stats): string {
  return `${ms(s.median)} (${ms(s.min)}-${ms(s.max)})`;
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(1)}x` : '-';
}

function mbps(bytes: number, millis: number): number {
  return millis > 0 ? bytes / MB / (millis / 1000) : NaN;
}

function table(rows: string[][], rightAlignFrom = 1): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const fmt = (r: string[]) =>
    r.map((cell, c) => (c >= rightAlignFrom ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [fmt(rows[0]), sep, ...rows.slice(1).map(fmt)].join('\n');
}

/** Anything the timed code returns goes here so the JIT cannot drop the work. */
let sink = 0;


// ---------------------------------------------------------------- the work being measured

/** Parse: the model and the line index, as the language service builds them. */
function parseOnly(text: string): Analysis {
  return analyseText('bench:/doc', 1, text);
}

/** Full analysis: parse, outline and every diagnostic rule at default levels. */
function fullAnalysis(text: string): number {
  const analysis = analyseText('bench:/doc', 1, text);
  const symbols = documentSymbols(analysis);
  const findings = computeDiagnostics(analysis, SETTINGS);
  return symbols.length + findings.length;
}

// The baseline: what any line-oriented tool does at least once.
const OUTCOME_RE = /:\s*(Upheld|Overturned)\s*$/;
const HEADING_RE = /^\s*(HOW THE IMR FINAL DETERMINATION WAS MADE|CLINICAL CASE SUMMARY|IMR ISSUES, DECISIONS AND RATIONALES)\s*$/;

function baselineScan(text: string): number {
  const lines = text.split(/\r\n|\r|\n/);
  let hits = 0;
  for (const line of lines) {
    if (OUTCOME_RE.test(line)) hits++;
    if (HEADING_RE.test(line)) hits++;
  }
  return hits + lines.length;
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  const r = fn();
  const t1 = performance.now();
  sink += typeof r === 'number' ? r : r ? 1 : 0;
  return t1 - t0;
}

// ---------------------------------------------------------------- corpus

interface Letter {
  name: string;
  text: string;
  bytes: number;
}

function loadCorpus(): Letter[] {
  const letters: Letter[] = [];
  const missing: string[] = [];
  for (const folder of CORPUS_FOLDERS) {
    const dir = path.join(CORPUS_ROOT, folder);
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort();
    } catch {
      missing.push(dir);
      continue;
    }
    if (names.length === 0) missing.push(`${dir} (no .txt files)`);
    for (const n of names) {
      const text = fs.readFileSync(path.join(dir, n), 'utf8');
      letters.push({ name: `${folder}/${n}`, text, bytes: Buffer.byteLength(text, 'utf8') });
    }
  }
  if (missing.length > 0) {
    process.stderr.write(
      `bench: corpus not found. Expected letters in ${CORPUS_FOLDERS.map((f) => `../shared/corpus/${f}/*.txt`).join(', ')}\n` +
        `       (relative to the repository root ${REPO_ROOT}). Missing:\n` +
        missing.map((m) => `         ${m}\n`).join(''),
    );
    process.exit(1);
  }
  return letters;
}

interface LetterResult {
  name: string;
  bytes: number;
  lines: number;
  parseMs: number;
  fullMs: number;
  baselineMs: number;
}

function benchCorpus(letters: Letter[]) {
  for (let w = 0; w < CORPUS_WARMUP; w++) {
    for (const l of letters) {
      sink += baselineScan(l.text);
      parseOnly(l.text);
      sink += fullAnalysis(l.text);
    }
  }

  const perLetter = letters.map(() => ({ parse: [] as number[], full: [] as number[], base: [] as number[] }));
  const passParse: number[] = [];
  const passFull: number[] = [];
  const passBase: number[] = [];
  for (let r = 0; r < CORPUS_REPS; r++) {
    let sp = 0;
    let sf = 0;
    let sb = 0;
    // Interleave the three measurements letter by letter, so drift on a shared machine hits all alike.
    letters.forEach((l, i) => {
      const b = time(() => baselineScan(l.text));
      const p = time(() => parseOnly(l.text));
      const f = time(() => fullAnalysis(l.text));
      perLetter[i].base.push(b);
      perLetter[i].parse.push(p);
      perLetter[i].full.push(f);
      sb += b;
      sp += p;
      sf += f;
    });
    passParse.push(sp);
    passFull.push(sf);
    passBase.push(sb);
  }

  const results: LetterResult[] = letters.map((l, i) => ({
    name: l.name,
    bytes: l.bytes,
    lines: new LineIndex(l.text).lineCount,
    parseMs: median(perLetter[i].parse),
    fullMs: median(perLetter[i].full),
    baselineMs: median(perLetter[i].base),
  }));
  const totalBytes = letters.reduce((a, l) => a + l.bytes, 0);
  const sumOf = (k: 'parseMs' | 'fullMs' | 'baselineMs') => results.reduce((a, r) => a + r[k], 0);
  const parseStats = stats(results.map((r) => r.parseMs));
  const fullStats = stats(results.map((r) => r.fullMs));
  const baseStats = stats(results.map((r) => r.baselineMs));
  return {
    letters: letters.length,
    totalBytes,
    medianLetterBytes: median(letters.map((l) => l.bytes)),
    warmup: CORPUS_WARMUP,
    repetitions: CORPUS_REPS,
    perLetterMs: { parse: parseStats, full: fullStats, baseline: baseStats },
    wholeCorpusPassMs: { parse: stats(passParse), full: stats(passFull), baseline: stats(passBase) },
    throughputMBps: {
      parse: mbps(totalBytes, sumOf('parseMs')),
      full: mbps(totalBytes, sumOf('fullMs')),
      baseline: mbps(totalBytes, sumOf('baselineMs')),
    },
    ratioFullToBaseline: {
      overall: sumOf('fullMs') / sumOf('baselineMs'),
      medianPerLetter: median(results.map((r) => r.fullMs / r.baselineMs)),
      maxPerLetter: Math.max(...results.map((r) => r.fullMs / r.baselineMs)),
    },
    ratioParseToBaseline: sumOf('parseMs') / sumOf('baselineMs'),
    perLetter: results,
  };
}

// ---------------------------------------------------------------- 10 MB

function buildBig(letters: Letter[]): string {
  const parts: string[] = [];
  let bytes = 0;
  const sepBytes = 2;
  while (bytes < BIG_MIN_BYTES) {
    for (const l of letters) {
      parts.push(l.text.replace(/\s+$/, ''));
      bytes += Buffer.byteLength(parts[parts.length - 1], 'utf8') + sepBytes;
      if (bytes >= BIG_MIN_BYTES) break;
    }
  }
  return parts.join('\n\n') + '\n';
}

/**
 * The scaling check: a text's full analysis against the baseline scan of the same text, as a
 * ratio (the analysis must stay linear in the text; no budget is set in milliseconds).
 */
function scaling(name: string, text: string) {
  for (let w = 0; w < BIG_WARMUP; w++) sink += fullAnalysis(text) + baselineScan(text);
  const full: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < BIG_REPS; r++) {
    base.push(time(() => baselineScan(text)));
    full.push(time(() => fullAnalysis(text)));
  }
  const fullS = stats(full);
  const baseS = stats(base);
  return { name, bytes: Buffer.byteLength(text, 'utf8'), ms: { full: fullS, baseline: baseS }, ratioFullToBaseline: fullS.median / baseS.median };
}

// ---------------------------------------------------------------- where the time goes

/** Each phase on its own: the parser, the line index, the outline, each rule, and the driver's range/sort work. */
function breakdown(texts: string[], reps: number) {
  const phases = new Map<string, number[]>();
  const add = (k: string, v: number) => {
    const a = phases.get(k) ?? [];
    a.push(v);
    phases.set(k, a);
  };
  for (let r = 0; r < reps + 1; r++) {
    const acc = new Map<string, number>();
    const bump = (k: string, v: number) => acc.set(k, (acc.get(k) ?? 0) + v);
    for (const text of texts) {
      let model!: ReturnType<typeof parseDetermination>;
      let lines!: LineIndex;
      bump('parseDetermination', time(() => ((model = parseDetermination(text)), 1)));
      bump('new LineIndex', time(() => ((lines = new LineIndex(text)), 1)));
      const analysis: Analysis = { uri: 'bench:/doc', version: 1, model, lines };
      bump('documentSymbols', time(() => documentSymbols(analysis).length));
      let ruleSum = 0;
      for (const rule of RULES) {
        const t = time(() => rule.check(analysis).length);
        ruleSum += t;
        bump(`rule ${rule.code}`, t);
      }
      const d = time(() => computeDiagnostics(analysis, SETTINGS).length);
      bump('computeDiagnostics (all rules + ranges + sort)', d);
    }
    if (r === 0) continue; // warm-up
    for (const [k, v] of acc) add(k, v);
  }
  return [...phases].map(([phase, xs]) => ({ phase, ms: median(xs) }));
}

// ---------------------------------------------------------------- reading features

const READING_REPS = QUICK ? 5 : 21;
const READING_POSITIONS = 200;

/**
 * Each reading request on an analysis already cached, as the server answers it: hover and selection
 * ranges at positions spread over the text (median of one request), the whole-document ones once.
 * Code lenses: every title at once (what a letter gets), positions only (what a file of more than
 * 100 items gets), and the resolve of one lens.
 */
function benchReading(text: string) {
  const analysis = analyseText('bench:/reading', 1, text);
  const positions = Array.from({ length: READING_POSITIONS }, (_, i) => analysis.lines.positionAt(Math.floor(((i + 0.5) * text.length) / READING_POSITIONS)));
  const perPosition = (fn: (p: (typeof positions)[number]) => unknown) => {
    const xs: number[] = [];
    for (let r = 0; r < (QUICK ? 1 : 3); r++) for (const p of positions) xs.push(time(() => fn(p)));
    return median(xs);
  };
  const whole = (fn: () => { length: number }) => {
    fn();
    const xs: number[] = [];
    for (let r = 0; r < READING_REPS; r++) xs.push(time(() => fn().length));
    return median(xs);
  };
  return {
    hover: perPosition((p) => hoverAt(analysis, p)),
    selectionRange: perPosition((p) => selectionRanges(analysis, [p])),
    foldingRange: whole(() => foldingRanges(analysis)),
    codeLens: whole(() => codeLenses(analysis)),
    codeLensPositionsOnly: whole(() => codeLensAnchors(analysis)),
    codeLensResolveOne: (() => {
      const anchors = codeLensAnchors(analysis);
      const xs: number[] = [];
      for (let i = 0; i < Math.min(anchors.length, READING_POSITIONS); i++) {
        const target = anchors[Math.floor((i * anchors.length) / Math.min(anchors.length, READING_POSITIONS))]!.target;
        xs.push(time(() => codeLensTitle(analysis, target)?.length ?? 0));
      }
      return median(xs);
    })(),
    documentLink: whole(() => documentLinks(analysis)),
  };
}

// ---------------------------------------------------------------- drafting features

const DRAFTING_REPS = QUICK ? 5 : 21;
const DRAFTING_POSITIONS = 100;

/**
 * Each drafting request on an analysis already cached, as the server answers it. Completion is
 * timed where it answers (a guideline field's start, after "Section(s):") and in a rationale's prose,
 * where it must answer nothing quickly: median of one request over up to 100 such places spread over
 * the text. Semantic tokens and the letter summary cover the whole text: median of DRAFTING_REPS.
 */
function benchDrafting(text: string) {
  const analysis = analyseText('bench:/drafting', 1, text);
  const { model, lines } = analysis;
  const spread = <T>(xs: T[]) => (xs.length <= DRAFTING_POSITIONS ? xs : Array.from({ length: DRAFTING_POSITIONS }, (_, i) => xs[Math.floor((i * xs.length) / DRAFTING_POSITIONS)]!));
  const after = (marker: string) => {
    const found: number[] = [];
    for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) found.push(i + marker.length);
    return spread(found).map((o) => lines.positionAt(o));
  };
  const prose = spread(model.items.flatMap((i) => (i.fields.decisionRationale ? [i.fields.decisionRationale.valueSpan] : []))).map((s) =>
    lines.positionAt(text.indexOf(' ', (s.start + s.end) >> 1) + 1),
  );
  const perPosition = (positions: ReturnType<typeof lines.positionAt>[]) => {
    const xs: number[] = [];
    for (let r = 0; r < (QUICK ? 1 : 3); r++) for (const p of positions) xs.push(time(() => completions(analysis, p).length));
    return median(xs);
  };
  const whole = (fn: () => number) => {
    fn();
    const xs: number[] = [];
    for (let r = 0; r < DRAFTING_REPS; r++) xs.push(time(fn));
    return median(xs);
  };
  return {
    'completion: guideline field': perPosition(after('MAXIMUS guideline:')),
    'completion: after Section(s):': perPosition(after('Section(s):')),
    'completion: in prose (none)': perPosition(prose),
    'semanticTokens/full': whole(() => semanticTokens(analysis).length),
    'imr/letterSummary': whole(() => letterSummaryMarkdown(model).length),
  };
}

// ---------------------------------------------------------------- report

// ---------------------------------------------------------------- limits

function main() {
  const started = performance.now();
  const letters = loadCorpus();
  const corpus = benchCorpus(letters);
  const corpusPhases = breakdown(
    letters.map((l) => l.text),
    BREAKDOWN_REPS * 2,
  );
  const typical = [...letters].sort((x, y) => x.bytes - y.bytes)[letters.length >> 1]!;
  const reading = { typicalLetter: { name: typical.name, bytes: typical.bytes, ms: benchReading(typical.text) } };
  const drafting = { typicalLetter: { name: typical.name, bytes: typical.bytes, ms: benchDrafting(typical.text) } };
  const checks = [
    scaling('10 MB of letters', buildBig(letters)),
    scaling('5 MB single line', singleLineText(5 * MB)),
    scaling('letter of 10,000 items', manyItemsLetter(10_000)),
  ];
  const maxRssMB = process.resourceUsage().maxRSS / 1024; // kilobytes -> MB; whole process lifetime
  const elapsedS = (performance.now() - started) / 1000;

  const env = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    quick: QUICK,
  };

  const out: string[] = [];
  const p = (s = '') => out.push(s);
  p(`IMR Determinations benchmark  (${env.node}, ${env.cpus} x ${env.cpuModel}${QUICK ? ', --quick' : ''})`);
  p(`Times in ms. "full" = analyseText + documentSymbols + computeDiagnostics(all rules, default levels).`);
  p(`"baseline" = text.split into lines + two regexes per line (outcome title, section heading), same text, same run.`);
  p(`MB = 2^20 bytes. The core is timed as esbuild bundles it (\`npm run bench\`), as the server and CLI ship.`);
  p();

  const c = corpus;
  p(
    `1. Corpus: ${c.letters} letters, ${(c.totalBytes / 1024).toFixed(0)} KB (median letter ${(c.medianLetterBytes / 1024).toFixed(1)} KB); ` +
      `${c.warmup} warm-up passes, ${c.repetitions} timed; per letter = median of its ${c.repetitions} runs`,
  );
  p();
  const pl = c.perLetterMs;
  p(
    table([
      ['per letter', 'median', 'p95', 'max', 'MB/s', 'whole corpus, median (min-max)'],
      ['parse', ms(pl.parse.median), ms(pl.parse.p95), ms(pl.parse.max), c.throughputMBps.parse.toFixed(1), medRange(c.wholeCorpusPassMs.parse)],
      ['full analysis', ms(pl.full.median), ms(pl.full.p95), ms(pl.full.max), c.throughputMBps.full.toFixed(1), medRange(c.wholeCorpusPassMs.full)],
      ['baseline scan', ms(pl.baseline.median), ms(pl.baseline.p95), ms(pl.baseline.max), c.throughputMBps.baseline.toFixed(1), medRange(c.wholeCorpusPassMs.baseline)],
    ]),
  );
  p();
  p(
    `   ratio full/baseline: ${c.ratioFullToBaseline.overall.toFixed(1)}x over the corpus ` +
      `(per letter: median ${c.ratioFullToBaseline.medianPerLetter.toFixed(1)}x, max ${c.ratioFullToBaseline.maxPerLetter.toFixed(1)}x); ` +
      `parse/baseline ${c.ratioParseToBaseline.toFixed(1)}x`,
  );
  p();
  const slowest = [...c.perLetter].sort((a, b) => b.fullMs - a.fullMs).slice(0, PER_LETTER_ROWS ? c.perLetter.length : 5);
  p(PER_LETTER_ROWS ? '   every letter, slowest first:' : '   slowest letters (all of them with --letters, and in bench.json):');
  p(
    table(
      [
        ['   letter', 'KB', 'lines', 'parse', 'full', 'baseline', 'full/base'],
        ...slowest.map((r) => [
          `   ${r.name}`,
          (r.bytes / 1024).toFixed(1),
          String(r.lines),
          ms(r.parseMs),
          ms(r.fullMs),
          ms(r.baselineMs),
          ratio(r.fullMs, r.baselineMs),
        ]),
      ],
      1,
    ),
  );
  p();

  p(`2. Where the time goes (each phase timed alone; median of ${BREAKDOWN_REPS * 2} passes over the corpus)`);
  p();
  const cTotal = corpusPhases.filter((x) => !x.phase.startsWith('rule ')).reduce((a, x) => a + x.ms, 0);
  p(
    table([
      ['phase', 'corpus ms', '%'],
      ...corpusPhases.map((x) => [x.phase.startsWith('rule ') ? `  ${x.phase}` : x.phase, ms(x.ms), ((x.ms / cTotal) * 100).toFixed(0) + '%']),
    ]),
  );
  p(`   (indented rules are included in computeDiagnostics; % of parseDetermination + LineIndex + documentSymbols + computeDiagnostics)`);
  p();
  p(`3. Reading requests on a cached analysis (hover and selection range: median of one request at ${READING_POSITIONS} positions; the others: median of ${READING_REPS})`);
  p();
  p(
    table([
      ['request', `${reading.typicalLetter.name} (${(reading.typicalLetter.bytes / 1024).toFixed(1)} KB) ms`],
      ...(Object.keys(reading.typicalLetter.ms) as Array<keyof typeof reading.typicalLetter.ms>).map((k) => [k, ms(reading.typicalLetter.ms[k])]),
    ]),
  );
  p();
  p(`4. Drafting requests on a cached analysis (completion: median of one request at up to ${DRAFTING_POSITIONS} places of each kind; the others: median of ${DRAFTING_REPS})`);
  p();
  p(
    table([
      ['request', `${drafting.typicalLetter.name} (${(drafting.typicalLetter.bytes / 1024).toFixed(1)} KB) ms`],
      ...(Object.keys(drafting.typicalLetter.ms) as Array<keyof typeof drafting.typicalLetter.ms>).map((k) => [k, ms(drafting.typicalLetter.ms[k])]),
    ]),
  );
  p();
  p(`5. Scaling check (no budget in milliseconds): full analysis against the baseline scan of the same text (${BIG_WARMUP} warm-up, ${BIG_REPS} timed)`);
  p();
  p(
    table([
      ['text', 'MB', 'full / baseline', 'full, median (min-max)', 'baseline'],
      ...checks.map((x) => [x.name, (x.bytes / MB).toFixed(1), `${x.ratioFullToBaseline.toFixed(1)}x`, medRange(x.ms.full), ms(x.ms.baseline.median)]),
    ]),
  );
  p();
  p(`Bench took ${elapsedS.toFixed(1)} s.`);
  p(`Results: ${path.relative(REPO_ROOT, OUT_FILE)}`);

  const json = {
    env,
    units: { time: 'ms', size: 'bytes', throughput: 'MB/s, MB = 2^20 bytes' },
    definitions: {
      parse: 'analyseText(uri, version, text): parseDetermination + LineIndex',
      full: 'analyseText + documentSymbols + computeDiagnostics({ enabled: true, rules: {} })',
      baseline: `text.split(/\\r\\n|\\r|\\n/) then ${OUTCOME_RE} and ${HEADING_RE} tested on every line`,
    },
    corpus,
    processMaxRssMB: maxRssMB,
    breakdown: { corpus: corpusPhases },
    drafting,
    reading,
    scalingChecks: checks,
    elapsedSeconds: elapsedS,
    sink,
  };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(OUT_FILE, JSON.stringify(json, null, 2) + '\n');
  process.stdout.write(out.join('\n') + '\n');
}

main();
