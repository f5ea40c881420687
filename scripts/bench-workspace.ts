/**
 * Benchmark of the workspace index: 10,000 letters on disk, the bundled server over stdio.
 *
 *   npm run bench:workspace [-- --files N] [-- --keep]
 *
 * Writes N letter files (default 10,000: variations of the corpus letters with new case numbers,
 * some outcomes flipped, in 100 folders), plus notes that are not letters and an excluded folder,
 * into a temporary folder. Then starts dist/server.js with that folder as its workspace and
 * measures: the time to index (initialized -> progress end, and -> first workspace/symbol
 * answer), the server's memory (resident set before and after, and its peak), workspace/symbol
 * latency for several queries, imr/workspaceItems latency, one file change followed to the index,
 * a rescan of unchanged files, and the bytes of the larger answers.
 *
 * Prints a table and writes bench-results/bench-workspace.json. It reports; it never fails on a
 * number (exit code 1 only when it cannot run). Shared machines are noisy: read medians.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, WorkspaceSymbolRequest, type ConfigurationItem, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { clientCapabilities, LspClient } from '../test/protocol/support/lspClient';
import type { WorkspaceItemsResult } from '../server/src/lsp/workspaceItemsProtocol';

const REPO = path.resolve(__dirname, '..');
const CORPUS = path.resolve(REPO, '../shared/corpus');
const OUT_DIR = path.join(REPO, 'bench-results');
const args = process.argv.slice(2);
const FILES = args.includes('--files') ? Math.max(1, Number(args[args.indexOf('--files') + 1]) || 0) : 10_000;
const KEEP = args.includes('--keep');
const FOLDERS = 100;
const NOTES = 500;
const QUERY_REPS = 20;

// ---------------------------------------------------------------- numbers

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (kb: number) => (kb / 1024).toFixed(1);

/** VmRSS and VmHWM (peak) of a process, in KB (Linux). */
function memoryOf(pid: number): { rssKb: number; peakKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

// ---------------------------------------------------------------- the workspace

interface Generated {
  root: string;
  bytes: number;
  letters: number;
  /** One generated letter to change later, and a case number that only it has. */
  probe: { file: string; caseNumber: string };
}

/** Corpus letters with a case number (the seeds have none and would all look alike). */
function corpusLetters(): Array<{ text: string; caseNumber: string }> {
  const out: Array<{ text: string; caseNumber: string }> = [];
  for (const dir of ['letters', 'reading-order']) {
    for (const f of readdirSync(path.join(CORPUS, dir)).sort()) {
      const text = readFileSync(path.join(CORPUS, dir, f), 'utf8');
      const m = /CM\d{2}-\d{5,}/.exec(text);
      if (m) out.push({ text, caseNumber: m[0] });
    }
  }
  if (out.length === 0) throw new Error(`no letters in ${CORPUS}`);
  return out;
}

function generate(count: number): Generated {
  const root = mkdtempSync(path.join(tmpdir(), 'imr-bench-ws-'));
  const sources = corpusLetters();
  let bytes = 0;
  let probe: Generated['probe'] | undefined;
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length];
    const caseNumber = `CM${17 + (i % 3)}-${String(i).padStart(7, '0')}`;
    let text = source.text.split(source.caseNumber).join(caseNumber);
    // Every seventh letter: the first Upheld item becomes Overturned (the index does not judge).
    if (i % 7 === 3) text = text.replace(/: Upheld(\s*\r?\n)/, ': Overturned$1');
    // Every other letter: the other side of the body.
    if (i % 2 === 1) text = text.replace(/\bleft\b/g, 'right');
    const folder = path.join(root, `batch-${String(i % FOLDERS).padStart(3, '0')}`);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${caseNumber}.txt`);
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    if (i === Math.floor(count / 2)) probe = { file, caseNumber };
  }
  mkdirSync(path.join(root, 'notes'));
  for (let i = 0; i < NOTES; i++) writeFileSync(path.join(root, 'notes', `note-${i}.txt`), `Note ${i}: call the claims adjuster about the appeal.\n`);
  mkdirSync(path.join(root, 'archive'));
  for (let i = 0; i < 50; i++) writeFileSync(path.join(root, 'archive', `old-${i}.txt`), sources[i % sources.length].text);
  return { root, bytes, letters: count, probe: probe! };
}

// ---------------------------------------------------------------- the run

function capabilities() {
  const caps = clientCapabilities();
  caps.workspace = { ...caps.workspace, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } };
  caps.window = { workDoneProgress: true };
  return caps;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}

async function main(): Promise<void> {
  console.log(`Generating ${FILES} letters (+${NOTES} notes, 50 excluded) ...`);
  const t0 = performance.now();
  const ws = generate(FILES);
  console.log(`  ${(ws.bytes / 1024 / 1024).toFixed(1)} MB of letters in ${fmt(performance.now() - t0)} ms: ${ws.root}`);
  const folderUri = pathToFileURL(ws.root).href;
  const results: Record<string, unknown> = { files: FILES, notes: NOTES, letterBytes: ws.bytes, node: process.version };
  const rows: string[][] = [['measure', 'value', 'unit']];
  let client: LspClient | undefined;
  try {
    // A server without a workspace, for the memory it needs anyway.
    const idle = await LspClient.start({ name: 'idle', capabilities: capabilities() });
    await idle.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
    const idleMemory = memoryOf(idle.pid!);
    await idle.shutdown();

    const started = performance.now();
    client = await LspClient.start({
      name: 'bench',
      capabilities: capabilities(),
      configuration: (item: ConfigurationItem) => (item.section === 'files.exclude' ? { '**/.git': true, '**/archive': true } : {}),
      workspaceFolders: [{ uri: folderUri, name: 'bench' }],
    });
    const c = client;
    const symbols = (query: string) => c.connection.sendRequest(WorkspaceSymbolRequest.type, { query }) as Promise<SymbolInformation[]>;
    const items = (groupBy: string, group?: string) => c.connection.sendRequest<WorkspaceItemsResult>('imr/workspaceItems', { groupBy, group });

    const first = await timed(() => symbols('knee'));
    const indexedAt = performance.now() - started;
    const end = await c.waitForProgress('end', 600_000);
    void end;
    const memory = memoryOf(c.pid!);
    const totals = await items('outcome');
    results.index = { firstAnswerMs: indexedAt, firstQueryWaitedMs: first.ms, letters: totals.letters, items: totals.items };
    results.memory = { idleRssMb: idleMemory.rssKb / 1024, rssMb: memory.rssKb / 1024, peakMb: memory.peakKb / 1024 };
    rows.push(['letters indexed (of files)', `${totals.letters} (${FILES + NOTES + 50})`, 'letters']);
    rows.push(['disputed items indexed', String(totals.items), 'items']);
    rows.push(['index time: start -> first workspace/symbol answer', fmt(indexedAt), 'ms']);
    rows.push(['  per letter', fmt(indexedAt / Math.max(totals.letters, 1)), 'ms']);
    rows.push(['memory: server RSS, no workspace', mb(idleMemory.rssKb), 'MB']);
    rows.push(['memory: server RSS after indexing', mb(memory.rssKb), 'MB']);
    rows.push(['memory: server peak RSS', mb(memory.peakKb), 'MB']);
    rows.push(['  per letter (RSS above idle)', fmt((memory.rssKb - idleMemory.rssKb) / Math.max(totals.letters, 1)), 'KB']);

    const queries = ['', 'm', 'mri', 'knee', 'cervical spine', 'physical therapy', 'norco', ws.probe.caseNumber, 'zzzqqq'];
    const latency: Record<string, { medianMs: number; p95Ms: number; results: number; bytes: number }> = {};
    for (const q of queries) {
      const times: number[] = [];
      let last: SymbolInformation[] = [];
      for (let i = 0; i < QUERY_REPS; i++) {
        const r = await timed(() => symbols(q));
        times.push(r.ms);
        last = r.value;
      }
      latency[q] = { medianMs: median(times), p95Ms: p95(times), results: last.length, bytes: JSON.stringify(last).length };
      rows.push([`workspace/symbol "${q}" (${last.length} results)`, `${fmt(median(times))} (p95 ${fmt(p95(times))})`, 'ms']);
    }
    results.workspaceSymbol = latency;

    const groups: Record<string, { groupsMedianMs: number; largestGroup: string; largestGroupItems: number; largestGroupMs: number; largestGroupBytes: number }> = {};
    for (const by of ['outcome', 'region', 'kind']) {
      const times: number[] = [];
      let answer: WorkspaceItemsResult = { letters: 0, items: 0 };
      for (let i = 0; i < 5; i++) {
        const r = await timed(() => items(by));
        times.push(r.ms);
        answer = r.value;
      }
      const largest = [...(answer.groups ?? [])].sort((a, b) => b.count - a.count)[0];
      const group = await timed(() => items(by, largest.id));
      groups[by] = { groupsMedianMs: median(times), largestGroup: largest.label, largestGroupItems: group.value.groupItems?.length ?? 0, largestGroupMs: group.ms, largestGroupBytes: JSON.stringify(group.value).length };
      rows.push([`imr/workspaceItems by ${by}: groups`, fmt(median(times)), 'ms']);
      rows.push([`  largest group "${largest.label}" (${group.value.groupItems?.length} items, ${(JSON.stringify(group.value).length / 1024).toFixed(0)} KB)`, fmt(group.ms), 'ms']);
    }
    results.workspaceItems = groups;

    // One file changed on disk (a new case number), followed to the index.
    const newCaseNumber = 'CM99-9999999';
    writeFileSync(ws.probe.file, readFileSync(ws.probe.file, 'utf8').split(ws.probe.caseNumber).join(newCaseNumber));
    const change = await timed(async () => {
      await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(ws.probe.file).href, type: FileChangeType.Changed }] });
      return symbols(newCaseNumber);
    });
    const seen = change.value[0]?.name === newCaseNumber;
    results.fileChange = { ms: change.ms, seen };
    rows.push([`file changed -> new case number first in workspace/symbol (${seen ? 'yes' : 'NO'})`, fmt(change.ms), 'ms']);

    // A rescan (files.exclude changed, say) with every file unchanged: one stat per file.
    const rescan = await timed(async () => {
      await c.changeConfiguration({});
      return symbols('knee');
    });
    results.rescanUnchangedMs = rescan.ms;
    rows.push(['rescan, files unchanged (didChangeConfiguration -> answer)', fmt(rescan.ms), 'ms']);

    const afterAll = memoryOf(c.pid!);
    results.memory = { ...(results.memory as object), rssAtEndMb: afterAll.rssKb / 1024, peakAtEndMb: afterAll.peakKb / 1024 };
    rows.push(['memory: server RSS at the end (peak)', `${mb(afterAll.rssKb)} (${mb(afterAll.peakKb)})`, 'MB']);
    results.errorLogs = c.errorLogs();
    await c.shutdown(30_000);
  } finally {
    client?.kill();
    if (KEEP) console.log(`kept ${ws.root}`);
    else rmSync(ws.root, { recursive: true, force: true });
  }
  console.log();
  console.log(table(rows));
  // The budget (issue 15): a workspace of 10,000 letters answers its first complete workspace/symbol
  // request within 10 s of starting the server, in under 300 MB.
  const index = results.index as { firstAnswerMs: number } | undefined;
  const memoryMb = results.memory as { peakMb: number } | undefined;
  if (index && memoryMb) {
    const pass = index.firstAnswerMs < 10_000 && memoryMb.peakMb < 300;
    results.budget = { firstAnswerMs: index.firstAnswerMs, peakMb: memoryMb.peakMb, limitMs: 10_000, limitMb: 300, pass };
    console.log(`\nbudget: ${pass ? 'PASS' : 'MISS'}  start -> complete workspace/symbol answer ${fmt(index.firstAnswerMs)} ms (< 10,000 ms), peak RSS ${memoryMb.peakMb.toFixed(0)} MB (< 300 MB)`);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path.join(OUT_DIR, 'bench-workspace.json'), JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2));
  console.log(`\nwritten to ${path.relative(REPO, path.join(OUT_DIR, 'bench-workspace.json'))}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
