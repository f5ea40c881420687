/** Folder runs: --include / --exclude globs, the summary line, and the progress line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cliGlobMatcher, PathFilter } from '../../server/src/cli/glob';
import { Progress } from '../../server/src/cli/progress';
import { imr, SAMPLES } from './support';

test('globs: * and ? stay within a name, ** spans folders', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*.txt', 'a.txt', true],
    ['*.txt', 'sub/a.txt', false],
    ['?.txt', 'a.txt', true],
    ['?.txt', 'ab.txt', false],
    ['**/*.txt', 'a.txt', true],
    ['**/*.txt', 'x/y/a.txt', true],
    ['**/drafts/**', 'drafts/a.txt', true],
    ['**/drafts/**', '2017/drafts/old/a.txt', true],
    ['**/drafts/**', 'drafts.txt', false],
    ['**/drafts/**', 'mydrafts/a.txt', false],
    ['drafts/**', '2017/drafts/a.txt', false],
    ['2017/*/a.txt', '2017/x/a.txt', true],
    ['2017/*/a.txt', '2017/x/y/a.txt', false],
    ['a**b.txt', 'aXYb.txt', true],
    ['a**b.txt', 'a/b.txt', false],
    ['**', 'any/thing.txt', true],
    ['./top.txt', 'top.txt', true],
    ['/top.txt', 'top.txt', true],
    ['a+b (1).txt', 'a+b (1).txt', true],
    ['a+b (1).txt', 'aab (1).txt', false],
    ['[ab].txt', 'a.txt', false],
    ['[ab].txt', '[ab].txt', true],
    ['*.TXT', 'a.txt', false],
  ];
  for (const [glob, file, expected] of cases) assert.equal(cliGlobMatcher(glob)(file), expected, `${glob} ~ ${file}`);
  const filter = new PathFilter(['**/*.imr.txt', 'keep/**'], ['**/drafts/**']);
  assert.equal(filter.accepts('x/a.imr.txt'), true);
  assert.equal(filter.accepts('keep/b.txt'), true);
  assert.equal(filter.accepts('x/b.txt'), false, 'not included');
  assert.equal(filter.accepts('keep/drafts/b.txt'), false, 'excluded wins');
  assert.equal(new PathFilter([], []).accepts('any.txt'), true);
});

/** A folder of letters (copies of samples) and one note, in subfolders. */
function tree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-folders-'));
  const letter = (rel: string, sample = 'clean-2017-layout.txt'): void => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    copyFileSync(path.join(SAMPLES, sample), path.join(dir, rel));
  };
  letter('a.txt');
  letter('drafts/b.txt', 'drafting-problems.txt');
  letter('2017/drafts/c.txt', 'drafting-problems.txt');
  letter('2017/d.imr.txt');
  letter('2017/e.md');
  writeFileSync(path.join(dir, 'notes.txt'), 'Call the claims administrator on Monday.\n');
  return dir;
}

function filesRead(dir: string, ...args: string[]): string[] {
  const r = imr(['check', '--format', 'json', ...args, dir]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout).files.map((f: { path: string }) => path.relative(dir, f.path).split(path.sep).join('/'));
}

test('--include and --exclude select a folder\'s files by their relative path', () => {
  const dir = tree();
  try {
    assert.deepEqual(filesRead(dir), ['2017/d.imr.txt', '2017/drafts/c.txt', 'a.txt', 'drafts/b.txt']);
    assert.deepEqual(filesRead(dir, '--exclude', '**/drafts/**'), ['2017/d.imr.txt', 'a.txt']);
    assert.deepEqual(filesRead(dir, '--exclude=drafts/**'), ['2017/d.imr.txt', '2017/drafts/c.txt', 'a.txt']);
    assert.deepEqual(filesRead(dir, '--include', '**/*.imr.txt'), ['2017/d.imr.txt']);
    assert.deepEqual(filesRead(dir, '--include', '*.txt'), ['a.txt']);
    assert.deepEqual(filesRead(dir, '--include', '2017/**', '--exclude', '**/drafts/**'), ['2017/d.imr.txt']);
    assert.deepEqual(filesRead(dir, '--include', '?.txt', '--include', 'drafts/*'), ['a.txt', 'drafts/b.txt']);
    // Only .txt files are considered, whatever the pattern.
    assert.deepEqual(filesRead(dir, '--include', '**/*.md'), []);
    // A file named on the command line is read whatever the filters say.
    const named = imr(['check', '--format', 'json', '--exclude', '**', path.join(dir, 'a.txt')]);
    assert.equal(JSON.parse(named.stdout).files.length, 1);
    const none = imr(['check', '--include', 'nothing/**', dir]);
    assert.equal(none.code, 0);
    assert.match(none.stderr, /no determination letters found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--include / --exclude without a pattern, and a bad IMR_WORKERS, are usage errors', () => {
  for (const args of [['check', 'samples', '--include'], ['check', '--exclude=', 'samples'], ['extract', '--include']]) {
    const r = imr(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^imr: --(include|exclude) takes a glob pattern/, args.join(' '));
  }
  for (const value of ['0', 'two', '-1', '1.5']) {
    const r = imr(['check', 'samples'], { IMR_WORKERS: value });
    assert.equal(r.code, 2, value);
    assert.match(r.stderr, /^imr: IMR_WORKERS takes a number of threads/, value);
  }
});

test('--include / --exclude patterns that backtracked as regular expressions answer at once', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-globs-'));
  try {
    const as = 'a'.repeat(60);
    copyFileSync(path.join(SAMPLES, 'clean-2017-layout.txt'), path.join(dir, `${as}.txt`));
    copyFileSync(path.join(SAMPLES, 'clean-2017-layout.txt'), path.join(dir, `${as}b.txt`));
    // Earlier versions took about 30 s over the 60-a name; the generous deadline only keeps a failure from hanging.
    const read = (...args: string[]) => {
      const r = imr(['check', '--format', 'json', ...args, dir], {}, undefined, 30_000);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout).files.map((f: { path: string }) => path.basename(f.path));
    };
    assert.deepEqual(read('--include', '*a*a*a*a*a*a*a*b.txt'), [`${as}b.txt`]);
    assert.deepEqual(read('--exclude', '**/*a*a*a*a*a*a*a*b.txt'), [`${as}.txt`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--include / --exclude: a pattern over 1,000 characters, or over 200 patterns in all, is a usage error', () => {
  const long = imr(['check', '--include', `${'*a'.repeat(500)}b`, 'samples']);
  assert.equal(long.code, 2);
  assert.match(long.stderr, /^imr: --include takes patterns of at most 1000 characters, not 1001\n/);
  const many = Array.from({ length: 201 }, (_, k) => `--exclude=drafts-${k}/**`);
  const r = imr(['check', ...many, 'samples']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^imr: at most 200 --include and --exclude patterns in all\n/);
  assert.equal(imr(['check', ...many.slice(1), 'samples']).code, 1, '200 patterns are accepted (and the samples hold errors)');
});

test('the summary line counts letters, items and findings by rule; JSON and SARIF print none', () => {
  const r = imr(['check', 'samples']);
  assert.equal(
    r.stderr,
    '7 letters, 19 items, 6 findings (2 errors): chapter-mismatch 2, missing-field 1, missing-outcome 1, missing-section 1, outcome-contradiction 1\n',
  );
  const clean = imr(['check', 'samples/clean-2017-layout.txt']);
  assert.equal(clean.stderr, '1 letter, 3 items, 0 findings (0 errors)\n');
  for (const format of ['json', 'sarif']) assert.equal(imr(['check', '--format', format, 'samples']).stderr, '', format);
});

/** A stream that records writes, and a clock the test moves. */
function fakeTerminal(isTTY: boolean) {
  const writes: string[] = [];
  let time = 1000;
  return {
    stream: { isTTY, write: (s: string) => writes.push(s) },
    writes,
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

test('progress: nothing before the delay, then \\r-updates at most every interval, erased at the end', () => {
  const t = fakeTerminal(true);
  const p = new Progress(t.stream, 200, 'checking', { delayMs: 300, intervalMs: 100, now: t.now });
  p.update(10);
  t.advance(299);
  p.update(20);
  assert.deepEqual(t.writes, [], 'a short run shows nothing');
  t.advance(1);
  p.update(50);
  assert.deepEqual(t.writes, ['\rimr: checking 50/200 files (25%)']);
  t.advance(50);
  p.update(60);
  assert.equal(t.writes.length, 1, 'throttled');
  t.advance(50);
  p.update(200);
  assert.equal(t.writes[1], '\rimr: checking 200/200 files (100%)');
  p.end();
  const width = 'imr: checking 200/200 files (100%)'.length;
  assert.equal(t.writes[2], `\r${' '.repeat(width)}\r`);
  p.end();
  assert.equal(t.writes.length, 3, 'erased once');
});

test('progress: a shorter line covers the longer one before it', () => {
  const t = fakeTerminal(true);
  const p = new Progress(t.stream, 1000, 'reading', { delayMs: 0, intervalMs: 0, now: t.now });
  p.update(999);
  p.update(1000);
  const first = '\rimr: reading 999/1000 files (99%)';
  assert.equal(t.writes[0], first);
  assert.equal(t.writes[1].length, Math.max(first.length, '\rimr: reading 1000/1000 files (100%)'.length));
});

test('progress: never on a stream that is not a terminal', () => {
  const t = fakeTerminal(false);
  const p = new Progress(t.stream, 10, 'checking', { delayMs: 0, intervalMs: 0, now: t.now });
  t.advance(10_000);
  p.update(5);
  p.end();
  assert.deepEqual(t.writes, []);
});
