// `npm test`: every suite in turn, each to the end even when an earlier one failed, then one line
// per suite and the total, so that a long log ends with what a reader wants to know first.
//
// Counts are read from each suite's own closing lines: node's test runner ("# pass N", "# fail N")
// and the end-to-end run ("N checks passed, M failed"). A suite whose counts cannot be read (the
// type check) counts as one check, passed when it exits 0.
import { spawn } from 'node:child_process';

const SUITES = [
  ['typecheck', 'type checks (tsc)'],
  ['test:unit', 'unit: the core on the corpus'],
  ['test:protocol', 'protocol and command line'],
  ['test:browser', 'web build in Chromium'],
  ['test:editors', 'Neovim and Emacs'],
  ['test:e2e', 'VS Code (code-server) end to end'],
];

/** Runs `npm run NAME`, echoing its output, and resolves with its exit code and the output. */
function run(name) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const echo = (stream, chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', (c) => echo(process.stdout, c));
    child.stderr.on('data', (c) => echo(process.stderr, c));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** The last value of a `# pass N`-style line, or of the e2e's closing line. */
function counts(output) {
  const last = (re) => {
    let found;
    for (const m of output.matchAll(re)) found = Number(m[1]);
    return found;
  };
  const pass = last(/^# pass (\d+)$/gm);
  const fail = last(/^# fail (\d+)$/gm);
  if (pass !== undefined && fail !== undefined) return { pass, fail };
  const e2e = [...output.matchAll(/^(\d+) checks passed, (\d+) failed$/gm)].pop();
  if (e2e) return { pass: Number(e2e[1]), fail: Number(e2e[2]) };
  return undefined;
}

const rows = [];
for (const [name, what] of SUITES) {
  const started = Date.now();
  const { code, output } = await run(name);
  const found = counts(output) ?? (code === 0 ? { pass: 1, fail: 0 } : { pass: 0, fail: 1 });
  // A suite that exits non-zero with no failing test (a crash, a time-out) still counts as a failure.
  if (code !== 0 && found.fail === 0) found.fail = 1;
  rows.push({ name, what, ...found, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log('\nSummary');
for (const r of rows) {
  const status = r.fail === 0 ? 'ok  ' : 'FAIL';
  console.log(`  ${status} ${r.name.padEnd(14)} ${String(r.pass).padStart(4)} passed, ${String(r.fail).padStart(3)} failed  ${String(r.seconds).padStart(4)} s  ${r.what}`);
}
const passed = rows.reduce((n, r) => n + r.pass, 0);
const failed = rows.reduce((n, r) => n + r.fail, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
