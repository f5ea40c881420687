/**
 * Worker threads: every output format is the same, byte for byte, whether the
 * letters are analysed on the main thread (IMR_WORKERS=1) or spread over
 * worker threads (IMR_WORKERS=2, 3), and which runs use workers on their own.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { PDF_WORKER_THRESHOLD, threadCount, WORKER_MIN_CORES, WORKER_THRESHOLD } from '../../server/src/cli/pool';
import { imr, SAMPLES } from './support';

const LETTERS = 90;
let dir = '';

/** Variations of the samples (another case number, another item title), in three folders, with a few notes between them. */
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imr-workers-'));
  const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
  for (let n = 0; n < LETTERS; n++) {
    const sample = samples[n % samples.length];
    const text = readFileSync(path.join(SAMPLES, sample), 'utf8')
      .replace(/CM99-\d{7}/g, `CM17-${String(5_000_000 + n)}`)
      .replace('without contrast', n % 2 ? 'with and without contrast' : 'without contrast');
    const sub = path.join(dir, `part-${n % 3}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `${String(n).padStart(3, '0')}-${sample}`), text);
    if (n % 20 === 0) writeFileSync(path.join(sub, `note-${n}.txt`), 'Not a letter.\n');
  }
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const RUNS: string[][] = [
  ['check'],
  ['check', '--format', 'json'],
  ['check', '--format', 'sarif'],
  ['check', '--rule', 'chapter-mismatch=error', '--rule', 'missing-field=ignore'],
  ['extract', '--format', 'json'],
  ['extract', '--format', 'csv'],
];

test('the same output on the main thread and on 2 or 3 worker threads, in every format', () => {
  for (const args of RUNS) {
    const single = imr([...args, dir], { IMR_WORKERS: '1' });
    assert.ok(single.code === 0 || single.code === 1, `${args.join(' ')}: ${single.stderr}`);
    assert.ok(single.stdout.length > 1000, `${args.join(' ')}: some output`);
    for (const threads of ['2', '3']) {
      const many = imr([...args, dir], { IMR_WORKERS: threads });
      const what = `${args.join(' ')} with IMR_WORKERS=${threads}`;
      assert.equal(many.code, single.code, what);
      assert.equal(many.stdout, single.stdout, what);
      assert.equal(many.stderr, single.stderr, what);
    }
  }
  const text = imr(['check', dir], { IMR_WORKERS: '2' });
  assert.match(text.stderr, new RegExp(`^${LETTERS} letters, `), 'notes are skipped on workers too');
  assert.equal(text.stderr.includes('\r'), false, 'no progress line when stderr is not a terminal');
});

test('--verbose tells which threads did the work', () => {
  const single = imr(['check', '--verbose', dir], { IMR_WORKERS: '1' });
  assert.match(single.stderr, new RegExp(`^imr: ${LETTERS + 5} files read, ${LETTERS} letters, main thread only, `, 'm'));
  const two = imr(['check', '--verbose', dir], { IMR_WORKERS: '2' });
  assert.match(two.stderr, /^imr: \d+ files read, \d+ letters, 2 worker threads, /m);
  const three = imr(['check', '--verbose', dir], { IMR_WORKERS: '3' });
  assert.match(three.stderr, /letters, 3 worker threads, /);
  const few = imr(['check', '--verbose', dir]);
  assert.match(few.stderr, /letters, main thread only, /, `${LETTERS + 5} files (below the threshold) stay on the main thread`);
});

test('without IMR_WORKERS, a run above the threshold takes one worker per core where there are enough cores', () => {
  // Notes are cheap to read and count as files for the choice.
  const many = mkdtempSync(path.join(tmpdir(), 'imr-many-'));
  try {
    for (let n = 0; n <= WORKER_THRESHOLD; n++) writeFileSync(path.join(many, `note-${n}.txt`), 'Not a letter.\n');
    writeFileSync(path.join(many, 'letter.txt'), readFileSync(path.join(SAMPLES, 'drafting-problems.txt')));
    const files = WORKER_THRESHOLD + 2;
    const cores = availableParallelism();
    const expected = cores >= WORKER_MIN_CORES ? `${Math.min(cores, files)} worker threads` : 'main thread only';
    const auto = imr(['check', '--verbose', many]);
    assert.equal(auto.code, 1);
    assert.match(auto.stderr, new RegExp(`^imr: ${files} files read, 1 letter, ${expected}, `, 'm'));
    const forced = imr(['check', '--verbose', many], { IMR_WORKERS: '2' });
    assert.equal(forced.stdout, auto.stdout);
    assert.match(forced.stderr, /1 letter, 2 worker threads, /);
  } finally {
    rmSync(many, { recursive: true, force: true });
  }
});

test('thread count: threshold, cores, the IMR_WORKERS request, never more than files', () => {
  assert.equal(threadCount(WORKER_THRESHOLD, undefined, 8), 1);
  assert.equal(threadCount(WORKER_THRESHOLD + 1, undefined, 8), 8);
  assert.equal(threadCount(WORKER_THRESHOLD + 1, undefined, WORKER_MIN_CORES), WORKER_MIN_CORES);
  assert.equal(threadCount(100_000, undefined, WORKER_MIN_CORES - 1), 1, 'too few cores to gain');
  assert.equal(threadCount(1000, undefined, 1), 1);
  assert.equal(threadCount(100_000, 2, 2), 2, 'asked for');
  assert.equal(threadCount(1000, 1, 8), 1);
  assert.equal(threadCount(10, 4, 1), 4);
  assert.equal(threadCount(3, 4, 8), 3);
  assert.equal(threadCount(0, undefined, 8), 1);
  // PDFs: workers above PDF_WORKER_THRESHOLD PDFs on 3 cores or more, not on 2.
  const pdfs = PDF_WORKER_THRESHOLD + 1;
  assert.equal(threadCount(pdfs, undefined, 3, pdfs), 3);
  assert.equal(threadCount(PDF_WORKER_THRESHOLD, undefined, 4, PDF_WORKER_THRESHOLD), 1, 'at the threshold, not yet');
  assert.equal(threadCount(pdfs + 100, undefined, 4, pdfs - 1), 1, 'text files do not count');
  assert.equal(threadCount(10_000, undefined, 2, 10_000), 1, 'two cores: measured no faster');
  assert.equal(threadCount(pdfs, 1, 8, pdfs), 1, 'IMR_WORKERS wins');
});

test('an I/O problem beside folders read on workers: the same report and exit status 2', () => {
  const args = ['check', '--format', 'json', path.join(dir, 'part-0'), 'missing-1.txt', path.join(dir, 'part-1')];
  const single = imr(args, { IMR_WORKERS: '1' });
  const many = imr(args, { IMR_WORKERS: '2' });
  assert.equal(single.code, 2);
  assert.equal(many.code, 2);
  assert.equal(many.stdout, single.stdout);
  assert.equal(many.stderr, single.stderr);
  assert.match(many.stderr, /cannot read missing-1\.txt: no such file or folder/);
});
