/**
 * The language server's budgets over LSP, as ratios to peers measured side by side in one run:
 * vscode-markdown-languageserver (on the same text as Markdown) and a floor
 * (scripts/bench-lsp/floor-server.js: split into lines, one regex per line).
 *
 *   npm run bench:lsp        (node --import tsx scripts/bench-lsp.ts [--quick] [--rounds N])
 *
 * Documents: an 8 KB letter (the corpus letter closest to 8 KB), 1 MB of concatenated letters from
 * ../shared/corpus/letters, and 10 MB as a scaling check (our server and the floor only, no
 * budget). Our server gets them as `.imr.txt` (with `maxDocumentSize` raised so that 10 MB is
 * checked), the markdown server as `.md`, the floor as `.txt`.
 *
 * Each round starts a fresh process for each server (a cold start counts), then: open -> first
 * diagnostics, documentSymbol, a one-character insertion -> diagnostics, a one-character
 * deletion -> documentSymbol; then the server is shut down. Diagnostics are pulled
 * (textDocument/diagnostic right after didOpen/didChange) for every server, because the markdown
 * server has no push mode. Medians over the rounds (5, or N with --rounds N; 3 with --quick); peak RSS is the
 * largest VmHWM of a round.
 *
 * The markdown server asks the client to parse (markdown/parse): answered with markdown-it
 * tokens (markdown-it from node_modules, installed through @vscode/vsce; not a dependency of
 * the server), computed inside the timed interval, as VS Code's markdown extension does.
 *
 * Our server is dist/server.js, built first by `npm run build` (unminified, like the markdown
 * server's bundle).
 *
 * Prints the measurements, then the budget table (PASS/MISS), and writes
 * bench-results/bench-lsp.json. It reports; it never fails on a missed budget (exit code 1 only
 * when it cannot run).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchClient, type ServerSpec } from './bench-lsp/client';

const QUICK = process.argv.includes('--quick');
/** Rounds per server and size (not for 10 MB): more give steadier medians. */
const ROUNDS = ((): number => {
  const i = process.argv.indexOf('--rounds');
  const n = i > 0 ? Number(process.argv[i + 1]) : QUICK ? 3 : 5;
  if (!Number.isInteger(n) || n < 1) throw new Error('--rounds takes a whole number of at least 1');
  return n;
})();
const REPO_ROOT = path.resolve(__dirname, '..');
const LETTERS_DIR = path.resolve(REPO_ROOT, '../shared/corpus/letters');
const OUT_DIR = path.join(REPO_ROOT, 'bench-results');
const OUT_FILE = path.join(OUT_DIR, 'bench-lsp.json');
const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
/**
 * The markdown server is a benchmark peer, not a dependency: it is installed on first use into a
 * cache folder (it declares Node 22, and npm ci would warn every newcomer about it).
 */
const PEER_DIR = path.join(REPO_ROOT, '.cache', 'bench-peers');
const MD_PEER = 'vscode-markdown-languageserver@0.5.0';
const MD_SERVER = path.join(PEER_DIR, 'node_modules', 'vscode-markdown-languageserver', 'dist', 'node', 'workerMain.js');

function ensureMarkdownServer(): void {
  if (fs.existsSync(MD_SERVER)) return;
  console.log(`bench:lsp: installing the peer ${MD_PEER} into ${path.relative(REPO_ROOT, PEER_DIR)} (once)`);
  fs.mkdirSync(PEER_DIR, { recursive: true });
  const r = spawnSync('npm', ['install', '--prefix', PEER_DIR, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', MD_PEER], { stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(MD_SERVER)) throw new Error(`could not install ${MD_PEER} into ${PEER_DIR} (npm exited ${r.status})`);
}
const FLOOR_SERVER = path.join(REPO_ROOT, 'scripts', 'bench-lsp', 'floor-server.js');

const MB = 1024 * 1024;
/** The budgets: our server's median over the peer's, at most `limit`. */
const BUDGETS: ReadonlyArray<{ name: string; size: string; metric: Metric; peer: 'markdown' | 'floor'; limit: number }> = [
  { name: '8 KB letter: open -> diagnostics, vs markdown on 8 KB', size: 'letter', metric: 'open->diagnostics', peer: 'markdown', limit: 1 },
  { name: '8 KB letter: edit -> pulled diagnostics, vs floor', size: 'letter', metric: 'change->diagnostics', peer: 'floor', limit: 4 },
  { name: '1 MB: edit -> diagnostics, vs floor', size: '1 MB', metric: 'change->diagnostics', peer: 'floor', limit: 6 },
  { name: '1 MB: outline (documentSymbol), vs floor', size: '1 MB', metric: 'documentSymbol', peer: 'floor', limit: 8 },
];

interface Size {
  /** 'letter', '1 MB' or '10 MB'. */
  label: string;
  text: string;
  rounds: number;
  /** The servers measured on it. */
  servers: readonly string[];
}

const METRICS = ['open->diagnostics', 'documentSymbol', 'change->diagnostics', 'change->documentSymbol'] as const;
type Metric = (typeof METRICS)[number];

interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
  /** Each round's time, in the order of the rounds. */
  rounds: number[];
}

interface Run {
  server: string;
  size: string;
  bytes: number;
  times: Record<Metric, Stats>;
  peakRssBytes: number;
  diagnostics: number;
  symbols: number;
  serverRequests: Record<string, number>;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const median = n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { median, min: s[0] ?? NaN, max: s[n - 1] ?? NaN, n, rounds: xs };
}

// ---------------------------------------------------------------- documents

function loadLetters(): Array<{ name: string; text: string; bytes: number }> {
  const names = fs.readdirSync(LETTERS_DIR).filter((n) => n.endsWith('.txt')).sort();
  if (names.length === 0) throw new Error(`no letters in ${LETTERS_DIR}`);
  return names.map((name) => {
    const text = fs.readFileSync(path.join(LETTERS_DIR, name), 'utf8');
    return { name, text, bytes: Buffer.byteLength(text) };
  });
}

/** Whole letters, in order and round again, until at least `bytes` of UTF-8. */
function concatenated(letters: Array<{ text: string; bytes: number }>, bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const l = letters[i % letters.length];
    const piece = l.text.endsWith('\n') ? l.text : `${l.text}\n`;
    parts.push(piece);
    size += Buffer.byteLength(piece);
  }
  return parts.join('');
}

// ---------------------------------------------------------------- servers

/**
 * Our server is built first (`npm run build`) and measured unminified, as the markdown server ships:
 * measuring whatever dist/ held would mix builds (packaging, which the e2e tests run, leaves a
 * minified one there, which opens a letter some 5% sooner).
 */
function buildServer(): void {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !fs.existsSync(SERVER_JS)) throw new Error('npm run build failed');
}

function markdownParser(): { parse: (text: string) => unknown; how: string } {
  try {
    const req = createRequire(path.join(REPO_ROOT, 'package.json'));
    const MarkdownIt = req('markdown-it') as new (opts: object) => { parse(text: string, env: object): unknown };
    const version = (req('markdown-it/package.json') as { version: string }).version;
    const md = new MarkdownIt({ html: true });
    return { parse: (text) => md.parse(text, {}), how: `markdown-it ${version} tokens (html: true)` };
  } catch {
    return { parse: () => [], how: 'an empty token list (markdown-it not found)' };
  }
}

const MARKDOWN_SETTINGS = {
  markdown: {
    server: { log: 'off' },
    validate: {
      enabled: true,
      referenceLinks: { enabled: 'warning' },
      fragmentLinks: { enabled: 'warning' },
      fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
      unusedLinkDefinitions: { enabled: 'hint' },
      duplicateLinkDefinitions: { enabled: 'warning' },
      ignoredLinks: [],
    },
  },
};

function specs(parse: (text: string) => unknown): ServerSpec[] {
  return [
    {
      name: 'imr',
      command: process.execPath,
      args: [SERVER_JS, '--stdio'],
      cwd: REPO_ROOT,
      languageId: 'imr-determination',
      extension: '.imr.txt',
      // Defaults for every check; the size limit raised so that 10 MB is analysed rather than skipped.
      configuration: (item) => (item.section === 'imrDetermination' ? { maxDocumentSize: 1024 * MB } : null),
    },
    {
      name: 'markdown',
      command: process.execPath,
      args: [MD_SERVER, '--stdio'],
      cwd: REPO_ROOT,
      languageId: 'markdown',
      extension: '.md',
      settings: MARKDOWN_SETTINGS,
      initializationOptions: { markdownFileExtensions: ['md'] },
      parse,
    },
    {
      name: 'floor',
      command: process.execPath,
      args: [FLOOR_SERVER, '--stdio'],
      cwd: REPO_ROOT,
      languageId: 'plaintext',
      extension: '.txt',
    },
  ];
}

// ---------------------------------------------------------------- measuring

/** One round: a fresh server, one document opened, asked, edited twice and closed. */
async function round(spec: ServerSpec, size: Size, k: number): Promise<{ times: Record<Metric, number>; peakRss: number; diagnostics: number; symbols: number; requests: Record<string, number> }> {
  const client = new BenchClient(spec);
  try {
    await client.start();
    const lines = size.text.split('\n');
    const mid = Math.floor(lines.length / 2);
    const uri = `file:///bench/${size.label.replace(/\W+/g, '-')}-${k}${spec.extension}`;
    let t = performance.now();
    await client.open(uri, size.text);
    const diagnostics = await client.diagnostics(uri);
    const open = performance.now() - t;

    t = performance.now();
    const symbols = await client.symbols(uri);
    const sym = performance.now() - t;

    t = performance.now();
    await client.edit(uri, { start: { line: mid, character: 0 }, end: { line: mid, character: 0 } }, 'x');
    await client.diagnostics(uri);
    const changeDiag = performance.now() - t;

    t = performance.now();
    await client.edit(uri, { start: { line: mid, character: 0 }, end: { line: mid, character: 1 } }, '');
    await client.symbols(uri);
    const changeSym = performance.now() - t;

    await client.close(uri);
    const times = { 'open->diagnostics': open, documentSymbol: sym, 'change->diagnostics': changeDiag, 'change->documentSymbol': changeSym };
    return { times, peakRss: client.peakRss(), diagnostics, symbols, requests: Object.fromEntries(client.serverRequests) };
  } finally {
    await client.stop();
  }
}

async function measure(spec: ServerSpec, size: Size): Promise<Run> {
  const samples: Record<Metric, number[]> = { 'open->diagnostics': [], documentSymbol: [], 'change->diagnostics': [], 'change->documentSymbol': [] };
  let last: Awaited<ReturnType<typeof round>> | undefined;
  let peakRssBytes = 0;
  for (let k = 0; k < size.rounds; k++) {
    last = await round(spec, size, k);
    for (const m of METRICS) samples[m].push(last.times[m]);
    peakRssBytes = Math.max(peakRssBytes, last.peakRss);
  }
  return {
    server: spec.name,
    size: size.label,
    bytes: Buffer.byteLength(size.text),
    times: Object.fromEntries(METRICS.map((m) => [m, stats(samples[m])])) as Record<Metric, Stats>,
    peakRssBytes,
    diagnostics: last?.diagnostics ?? 0,
    symbols: last?.symbols ?? 0,
    serverRequests: last?.requests ?? {},
  };
}

// ---------------------------------------------------------------- report

function ms(s: Stats): string {
  const f = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  return s.n > 1 ? `${f(s.median)} (${f(s.min)}-${f(s.max)})` : f(s.median);
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

async function main(): Promise<void> {
  const started = performance.now();
  buildServer();
  ensureMarkdownServer();
  const letters = loadLetters();
  const letter = [...letters].sort((a, b) => Math.abs(a.bytes - 8 * 1024) - Math.abs(b.bytes - 8 * 1024))[0];
  const rounds = ROUNDS;
  const sizes: Size[] = [
    { label: 'letter', text: letter.text, rounds, servers: ['imr', 'markdown', 'floor'] },
    { label: '1 MB', text: concatenated(letters, MB), rounds, servers: ['imr', 'markdown', 'floor'] },
    // A scaling check, not a budget: the markdown server takes some 15 s a request here.
    { label: '10 MB', text: concatenated(letters, 10 * MB), rounds: QUICK ? 1 : 2, servers: ['imr', 'floor'] },
  ];
  const parser = markdownParser();
  const servers = specs(parser.parse);
  const mdVersion = (JSON.parse(fs.readFileSync(path.join(path.dirname(MD_SERVER), '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

  console.log(`bench:lsp  node ${process.version}, ${os.cpus().length} cores, ${os.platform()}`);
  console.log('  imr: dist/server.js as npm run build makes it (unminified, as the markdown server ships)');
  console.log(`  letter: ${letter.name} (${letter.bytes} bytes); 1 MB and 10 MB: ${letters.length} corpus letters concatenated, round again`);
  console.log(`  markdown: vscode-markdown-languageserver ${mdVersion}; markdown/parse answered with ${parser.how}`);
  console.log(`  ${rounds} rounds, each a fresh server per side (cold start included); diagnostics pulled; ms, median (min-max)\n`);

  const runs: Run[] = [];
  for (const size of sizes) {
    for (const spec of servers.filter((s) => size.servers.includes(s.name))) {
      const run = await measure(spec, size);
      runs.push(run);
      process.stderr.write(`  measured ${spec.name}, ${size.label}: ${run.diagnostics} diagnostics, ${run.symbols} symbols\n`);
    }
  }
  const get = (name: string, size: string): Run | undefined => runs.find((r) => r.server === name && r.size === size);

  const header = ['document, measure', 'imr', 'markdown', 'floor', 'imr/markdown', 'imr/floor'];
  const table: string[][] = [];
  for (const size of sizes) {
    const [imr, markdown, floor] = [get('imr', size.label)!, get('markdown', size.label), get('floor', size.label)!];
    for (const m of METRICS) {
      const vsMarkdown = markdown ? `${(imr.times[m].median / markdown.times[m].median).toFixed(2)}x` : '-';
      table.push([`${size.label}, ${m}`, ms(imr.times[m]), markdown ? ms(markdown.times[m]) : '-', ms(floor.times[m]), vsMarkdown, `${(imr.times[m].median / floor.times[m].median).toFixed(2)}x`]);
    }
    const mb = (b: number): string => `${(b / MB).toFixed(0)} MB`;
    table.push([`${size.label}, peak RSS`, mb(imr.peakRssBytes), markdown ? mb(markdown.peakRssBytes) : '-', mb(floor.peakRssBytes), '', '']);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  console.log(pad(header, widths));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  let last = '';
  for (const r of table) {
    const doc = r[0].split(',')[0];
    if (last && doc !== last) console.log('');
    last = doc;
    console.log(pad(r, widths));
  }

  console.log('\nbudgets (our median over the peer\'s median, in this run)');
  const verdicts = BUDGETS.map((b) => {
    const ratio = get('imr', b.size)!.times[b.metric].median / get(b.peer, b.size)!.times[b.metric].median;
    const pass = ratio <= b.limit;
    console.log(`  ${pass ? 'PASS' : 'MISS'}  ${b.name}: ${ratio.toFixed(2)}x (budget ${b.limit}x)`);
    // The rounds in order: a peer's first round may differ (the markdown server's parser runs in this warm client).
    for (const server of ['imr', b.peer]) console.log(`          ${server} rounds: ${get(server, b.size)!.times[b.metric].rounds.map((x) => x.toFixed(2)).join(' ')} ms`);
    return { ...b, ratio, pass };
  });
  const scaling = get('imr', '10 MB')!.times['change->diagnostics'].median / get('floor', '10 MB')!.times['change->diagnostics'].median;
  console.log(`  (scaling check, no budget: 10 MB edit -> diagnostics at ${scaling.toFixed(2)}x the floor)`);
  console.log('(diagnostic and symbol counts per server and size, and the requests each server sent, are in the JSON)');
  const seconds = (performance.now() - started) / 1000;
  console.log(`whole run: ${seconds.toFixed(0)} s`);

  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(OUT_FILE, `${JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    cores: os.cpus().length,
    quick: QUICK,
    rounds,
    markdownServer: `vscode-markdown-languageserver ${mdVersion}`,
    markdownParse: parser.how,
    diagnostics: 'pull (textDocument/diagnostic right after didOpen/didChange)',
    letter: letter.name,
    imrBuild: 'npm run build (unminified)',
    budgets: verdicts,
    scalingCheck10MB: scaling,
    runs,
    seconds,
  }, null, 2)}\n`);
  console.log(`written: ${path.relative(REPO_ROOT, OUT_FILE)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exit(1);
});
