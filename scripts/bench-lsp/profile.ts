/**
 * Profiles the language server over stdio the way `npm run bench:lsp` drives it, to see where a
 * request's time goes (not a benchmark: it prints the client-side times of each step, which the
 * profiler slows down a little).
 *
 *   node --import tsx scripts/bench-lsp/profile.ts [--server dist/server.js] [--mb 10] [--reps 3] [--prof DIR]
 *
 * With --prof DIR the server runs under `node --cpu-prof --cpu-prof-dir=DIR` and writes a
 * .cpuprofile there when it exits (open it in Chrome DevTools or VS Code).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchClient } from './client';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const serverJs = path.resolve(arg('server', path.join(REPO_ROOT, 'dist', 'server.js')));
const mb = Number(arg('mb', '10'));
const reps = Number(arg('reps', '3'));
const profDir = arg('prof', '');

function letterText(bytes: number): string {
  const dir = path.resolve(REPO_ROOT, '../shared/corpus/letters');
  const letters = fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort().map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = letters[i % letters.length];
    const piece = t.endsWith('\n') ? t : `${t}\n`;
    parts.push(piece);
    size += Buffer.byteLength(piece);
  }
  return parts.join('');
}

async function main(): Promise<void> {
  const text = mb > 0 ? letterText(mb * 1024 * 1024) : letterText(5 * 1024);
  const args = profDir ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(profDir)}`, serverJs, '--stdio'] : [serverJs, '--stdio'];
  const client = new BenchClient({
    name: 'imr',
    command: process.execPath,
    args,
    cwd: REPO_ROOT,
    languageId: 'imr-determination',
    extension: '.imr.txt',
    configuration: (item) => (item.section === 'imrDetermination' ? { maxDocumentSize: 1024 * 1024 * 1024 } : null),
  });
  await client.start();
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  for (let rep = 0; rep < reps; rep++) {
    const uri = `file:///bench/profile-${rep}.imr.txt`;
    const times: string[] = [];
    const step = async (name: string, run: () => Promise<unknown>) => {
      const t = performance.now();
      await run();
      times.push(`${name} ${(performance.now() - t).toFixed(1)}`);
    };
    await step('open->diag', async () => {
      await client.open(uri, text);
      await client.diagnostics(uri);
    });
    await step('symbols', () => client.symbols(uri));
    await step('change->diag', async () => {
      await client.edit(uri, { start: { line: mid, character: 0 }, end: { line: mid, character: 0 } }, 'x');
      await client.diagnostics(uri);
    });
    await step('change->symbols', async () => {
      await client.edit(uri, { start: { line: mid, character: 0 }, end: { line: mid, character: 1 } }, '');
      await client.symbols(uri);
    });
    await step('symbols again', () => client.symbols(uri));
    await client.close(uri);
    console.log(`rep ${rep}: ${times.join(', ')} ms`);
  }
  console.log(`server requests: ${JSON.stringify(Object.fromEntries(client.serverRequests))}`);
  await client.stop();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
