/**
 * What `imr` agrees to read: regular files only, no larger than the size limit,
 * and the text as an editor shows it (without a byte order mark).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { imr, SAMPLES } from './support';

const POSIX = process.platform !== 'win32';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'imr-files-'));
}

function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  assert.equal(r.status, 0, `mkfifo failed: ${r.stderr}`);
}

/** The sample letter padded with a note to at least `bytes` bytes (still a letter: the padding comes last). */
function letterOfSize(bytes: number): string {
  const letter = readFileSync(path.join(SAMPLES, 'clean-2017-layout.txt'), 'utf8');
  const line = 'Page intentionally left blank for this test.\n';
  return letter + line.repeat(Math.ceil(Math.max(0, bytes - letter.length) / line.length));
}

test('files named on the command line that are not regular files are refused, the others still read', { skip: !POSIX }, () => {
  const dir = tempDir();
  try {
    symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
    symlinkSync('/dev/null', path.join(dir, 'null.txt'));
    mkfifo(path.join(dir, 'fifo.txt'));
    copyFileSync(path.join(SAMPLES, 'chapter-mismatch.txt'), path.join(dir, 'letter.txt'));
    // A link to a regular file is followed: what counts is what is read.
    symlinkSync(path.join(dir, 'letter.txt'), path.join(dir, 'link.txt'));
    const r = imr(['check', '--format', 'json', 'zero.txt', 'null.txt', 'fifo.txt', 'letter.txt', 'link.txt'], {}, dir, 30_000);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^imr: zero\.txt is not a regular file \(a character device\)$/m);
    assert.match(r.stderr, /^imr: null\.txt is not a regular file \(a character device\)$/m);
    assert.match(r.stderr, /^imr: fifo\.txt is not a regular file \(a FIFO\)$/m);
    assert.deepEqual(
      JSON.parse(r.stdout).files.map((f: { path: string }) => f.path),
      ['letter.txt', 'link.txt'],
    );
    const sarif = JSON.parse(imr(['check', '--format', 'sarif', 'fifo.txt', 'letter.txt'], {}, dir, 30_000).stdout);
    const [invocation] = sarif.runs[0].invocations;
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(
      invocation.toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text),
      ['fifo.txt is not a regular file (a FIFO)'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('in a folder, FIFOs, devices and links are passed over unread', { skip: !POSIX }, () => {
  const dir = tempDir();
  const outside = tempDir();
  try {
    mkdirSync(path.join(dir, 'letters'));
    copyFileSync(path.join(SAMPLES, 'clean-2017-layout.txt'), path.join(dir, 'letters', 'a.txt'));
    copyFileSync(path.join(SAMPLES, 'chapter-mismatch.txt'), path.join(outside, 'b.txt'));
    symlinkSync('/dev/zero', path.join(dir, 'letters', 'zero.txt'));
    symlinkSync(path.join(outside, 'b.txt'), path.join(dir, 'letters', 'out.txt'));
    symlinkSync(outside, path.join(dir, 'letters', 'outside'));
    mkfifo(path.join(dir, 'letters', 'fifo.txt'));
    const r = imr(['check', '--format', 'json', 'letters'], {}, dir, 30_000);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(
      JSON.parse(r.stdout).files.map((f: { path: string }) => f.path),
      [path.join('letters', 'a.txt')],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('a file above the size limit is not read: a message and exit 2, the other files still checked', () => {
  const dir = tempDir();
  try {
    writeFileSync(path.join(dir, 'big.txt'), letterOfSize(5_000_001));
    copyFileSync(path.join(SAMPLES, 'chapter-mismatch.txt'), path.join(dir, 'letter.txt'));
    const r = imr(['check', 'big.txt', 'letter.txt'], {}, dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^imr: big\.txt is larger than the limit of 5,000,000 bytes \(--max-size\): not read$/m);
    assert.match(r.stdout, /^letter\.txt:\d+:\d+: warning chapter-mismatch /m);
    assert.doesNotMatch(r.stdout, /big\.txt/);
    // Raised on the command line or in the config file, the same file is checked.
    assert.equal(imr(['check', '--max-size', '6000000', 'big.txt'], {}, dir).code, 0);
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ 'imrDetermination.maxDocumentSize': 6_000_000 }));
    assert.equal(imr(['check', '--config', 'settings.json', 'big.txt'], {}, dir).code, 0);
    // Flags win over the file.
    assert.equal(imr(['check', '--config', 'settings.json', '--max-size=5000000', 'big.txt'], {}, dir).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a letter above the size limit in a folder is reported; other large files there are passed over', () => {
  const dir = tempDir();
  try {
    const letter = letterOfSize(0);
    writeFileSync(path.join(dir, 'small.txt'), letter);
    writeFileSync(path.join(dir, 'long.txt'), letterOfSize(letter.length + 100));
    writeFileSync(path.join(dir, 'notes.txt'), 'Notes, not a letter.\n'.repeat(1000));
    const limit = String(letter.length + 50);
    const r = imr(['check', '--format', 'json', '--max-size', limit, '.'], {}, dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `imr: long.txt is larger than the limit of ${Number(limit).toLocaleString('en-US')} bytes (--max-size): not read\n`);
    assert.deepEqual(
      JSON.parse(r.stdout).files.map((f: { path: string }) => f.path),
      ['small.txt'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--max-size takes a positive whole number of bytes', () => {
  for (const v of ['0', '-1', '1.5', '5MB', '']) {
    const r = imr(['check', `--max-size=${v}`, 'samples']);
    assert.equal(r.code, 2, v);
    assert.match(r.stderr, /^imr: --max-size takes a positive whole number of bytes/, v);
  }
});

test('a byte order mark is dropped, as editors drop it: positions on line 1 agree with the editor', () => {
  const dir = tempDir();
  try {
    // Line 1 holds findings at its first character and the case number after its label.
    const text =
      'IMR ISSUES, DECISIONS AND RATIONALES 1. MRI of the left knee: Upheld\n' +
      'Claims Administrator guideline: Decision based on MTUS Low Back Complaints 2004.\n' +
      'MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004.\n' +
      'Decision rationale: It is not medically necessary.\n';
    writeFileSync(path.join(dir, 'plain.txt'), text);
    writeFileSync(path.join(dir, 'bom.txt'), '\uFEFF' + text);
    const header = readFileSync(path.join(SAMPLES, 'missing-section.txt'), 'utf8');
    writeFileSync(path.join(dir, 'header.txt'), header);
    writeFileSync(path.join(dir, 'header-bom.txt'), '\uFEFF' + header);
    const ranges = (format: string, file: string): unknown => JSON.parse(imr(['check', '--format', format, file], {}, dir).stdout);
    const plain = ranges('json', 'plain.txt') as { files: Array<{ diagnostics: Array<{ range: { start: { line: number } } }> }> };
    assert.ok(plain.files[0].diagnostics.some((d) => d.range.start.line === 0), 'the test needs a finding on line 1');
    assert.deepEqual(
      (ranges('json', 'bom.txt') as { files: Array<{ diagnostics: unknown }> }).files[0].diagnostics,
      plain.files[0].diagnostics,
    );
    const regions = (file: string): unknown =>
      (ranges('sarif', file) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region: unknown } }> }> }> }).runs[0].results.map(
        (x) => x.locations[0].physicalLocation.region,
      );
    assert.deepEqual(regions('bom.txt'), regions('plain.txt'));
    const extracted = (file: string) => JSON.parse(imr(['extract', file], {}, dir).stdout).files[0];
    const withBom = extracted('header-bom.txt');
    assert.deepEqual(withBom.headerDetails.caseNumber, extracted('header.txt').headerDetails.caseNumber);
    assert.equal(withBom.header.caseNumber, 'CM99-0000106');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
