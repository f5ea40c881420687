/** The bundled `imr` command, run as a user would: exit codes, text and JSON contracts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const SAMPLES = path.join(ROOT, 'samples');

function imr(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('check on the samples: one line per finding, exit 1 because some are errors', () => {
  const r = imr('check', 'samples');
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 6);
  for (const line of lines) assert.match(line, /^samples\/[\w-]+\.txt:\d+:\d+: (error|warning|information|hint) [a-z-]+ .+/);
  assert.ok(lines.includes('samples/chapter-mismatch.txt:47:43: warning chapter-mismatch MTUS Low Back Complaints 2004 covers the low back, but "MRI of the left knee without contrast" concerns the knee (MAXIMUS guideline).'));
  assert.match(r.stderr, /7 letters, 19 items, 6 findings \(2 errors\)/);
});

test('check exits 0 when only warnings are found', () => {
  const r = imr('check', 'samples/chapter-mismatch.txt', 'samples/clean-2017-layout.txt');
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim().split('\n').length, 2);
});

test('check --format json follows the documented contract', () => {
  const r = imr('check', '--format', 'json', 'samples/drafting-problems.txt');
  assert.equal(r.code, 1);
  const json = JSON.parse(r.stdout);
  assert.equal(json.files.length, 1);
  assert.equal(json.files[0].path, 'samples/drafting-problems.txt');
  const d = json.files[0].diagnostics;
  assert.deepEqual(
    d.map((x: { code: string }) => x.code),
    ['missing-field', 'missing-outcome', 'outcome-contradiction'],
  );
  for (const x of d) {
    assert.deepEqual(Object.keys(x).sort(), ['code', 'message', 'range', 'severity']);
    assert.equal(typeof x.range.start.line, 'number');
    assert.equal(typeof x.range.end.character, 'number');
  }
  assert.equal(d[1].range.start.line, 51, 'LSP ranges are 0-based');
});

test('extract --format json: header, sections, items with ranges and citations', () => {
  const r = imr('extract', '--format', 'json', 'samples/clean-2017-layout.txt');
  assert.equal(r.code, 0);
  const [letter] = JSON.parse(r.stdout).files;
  assert.equal(letter.header.caseNumber, 'CM99-0000101');
  assert.equal(letter.header.applicationReceived, '2017-01-30');
  assert.deepEqual(
    letter.sections.map((s: { name: string }) => s.name),
    ['HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES'],
  );
  assert.equal(letter.items.length, 3);
  const [first] = letter.items;
  assert.equal(first.title, 'MRI of the right knee without contrast');
  assert.equal(first.outcome, 'Upheld');
  for (const key of ['title', 'outcome', 'range', 'outcomeRange', 'fields', 'citations']) assert.ok(key in first, key);
  assert.deepEqual(Object.keys(first.fields).sort(), ['claimsAdministratorGuideline', 'decisionRationale', 'maximusGuideline']);
  assert.ok(first.citations.some((c: { kind: string; title: string; year: number }) => c.kind === 'mtus' && c.title === 'Knee Complaints' && c.year === 2004));
});

test('folders: only letters are read; a named file is always read', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-cli-'));
  try {
    writeFileSync(path.join(dir, 'shopping.txt'), 'milk\neggs\n');
    copyFileSync(path.join(SAMPLES, 'clean-older-layout.txt'), path.join(dir, 'letter.txt'));
    const folder = imr('check', '--format', 'json', dir);
    assert.equal(folder.code, 0);
    assert.deepEqual(
      JSON.parse(folder.stdout).files.map((f: { path: string }) => path.basename(f.path)),
      ['letter.txt'],
    );
    const named = imr('check', path.join(dir, 'shopping.txt'));
    assert.match(named.stdout, /no-items|missing-section/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage and I/O problems exit 2 with a message on stderr', () => {
  for (const args of [[], ['frobnicate'], ['check'], ['check', '--format', 'xml', 'samples'], ['check', '--bogus', 'samples'], ['extract', '--format', 'text', 'samples']]) {
    const r = imr(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^imr: /, args.join(' '));
  }
  const missing = imr('check', 'does-not-exist.txt');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read does-not-exist\.txt: no such file or folder/);
});

test('--help prints usage and exits 0', () => {
  const r = imr('--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /imr check/);
});

test('--rule and --config set check levels; bad values are usage errors', () => {
  const raised = imr('check', '--rule', 'chapter-mismatch=error', 'samples/chapter-mismatch.txt');
  assert.equal(raised.code, 1);
  assert.match(raised.stdout, /: error chapter-mismatch /);
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-cfg-'));
  try {
    const flat = path.join(dir, 'flat.json');
    writeFileSync(flat, JSON.stringify({ 'imrDetermination.validate.chapterMismatch': 'ignore' }));
    const ignored = imr('check', '--config', flat, 'samples/chapter-mismatch.txt');
    assert.equal(ignored.code, 0);
    assert.equal(ignored.stdout, '');
    const nested = path.join(dir, 'nested.json');
    writeFileSync(nested, JSON.stringify({ validate: { enabled: false } }));
    assert.equal(imr('check', '--config', nested, 'samples/drafting-problems.txt').stdout, '');
    // Flags win over the file.
    const both = imr('check', '--config', flat, '--rule', 'chapter-mismatch=hint', 'samples/chapter-mismatch.txt');
    assert.match(both.stdout, /: hint chapter-mismatch /);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    const bad = imr('check', '--config', broken, 'samples');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /is not valid JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const rule of ['nonsense=error', 'chapter-mismatch=loud', 'chapter-mismatch']) {
    const r = imr('check', '--rule', rule, 'samples');
    assert.equal(r.code, 2, rule);
    assert.match(r.stderr, /^imr: /);
  }
});
