/**
 * PDFs `imr` cannot read: each gets one message on stderr (and in SARIF, one tool notification),
 * the run exits 2 as for an unreadable file, and every other file is still checked; named on the
 * command line or found in a folder, on the main thread or on workers.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CORPUS } from '../unit/support/corpus';
import { passwordProtectedPdf, pdfWithPages, textContent } from '../unit/support/pdfFiles';
import { imr } from './support';

const LETTER = 'CM16-0249320';
let dir = '';

/** Each bad PDF, and the one message it must get (after "imr: NAME: "). */
const BAD: Array<{ name: string; message: RegExp }> = [
  { name: 'encrypted.pdf', message: /^The PDF is protected by a password; save a copy without the password and read that\.$/ },
  { name: 'truncated.pdf', message: /^The PDF is damaged or incomplete and cannot be read \(.+\)\.$/ },
  { name: 'corrupt.pdf', message: /^The PDF is damaged or incomplete and cannot be read \(.+\)\.$/ },
  { name: 'scan.pdf', message: /^The PDF has no text layer \(a scanned image\?\): run OCR on it first\.$/ },
  { name: 'long.pdf', message: /^The PDF has 300 pages, more than the 200 a letter is read to; it was not read\.$/ },
  { name: 'not-a-pdf.pdf', message: /^The file is not a PDF \(it does not start with "%PDF-"\)\.$/ },
];

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imr-pdf-bad-'));
  const letter = readFileSync(path.join(CORPUS, 'pdf', `${LETTER}.pdf`));
  writeFileSync(path.join(dir, 'encrypted.pdf'), passwordProtectedPdf());
  writeFileSync(path.join(dir, 'truncated.pdf'), letter.subarray(0, letter.length >> 1));
  const garbage = Buffer.alloc(20_000);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) & 0xff;
  garbage.write('%PDF-1.7\n', 0, 'latin1');
  writeFileSync(path.join(dir, 'corrupt.pdf'), garbage);
  // A scan: a page painted, no text on it.
  writeFileSync(path.join(dir, 'scan.pdf'), pdfWithPages(['0.5 g 72 72 468 648 re f', '0.5 g 72 72 468 648 re f']));
  writeFileSync(path.join(dir, 'long.pdf'), pdfWithPages(Array.from({ length: 300 }, (_, i) => textContent([`Page ${i + 1}`]))));
  // A letter's text saved under a PDF's name.
  copyFileSync(path.join(CORPUS, 'letters', `${LETTER}.txt`), path.join(dir, 'not-a-pdf.pdf'));
  copyFileSync(path.join(CORPUS, 'pdf', `${LETTER}.pdf`), path.join(dir, 'good.pdf'));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The stderr lines of a run, without the "imr: " prefix. */
function complaints(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('imr: '))
    .map((l) => l.slice('imr: '.length));
}

test('each bad PDF named on the command line: one message, exit 2, SARIF notification, the good PDF still checked', () => {
  for (const { name, message } of BAD) {
    const r = imr(['check', '--format', 'json', name, 'good.pdf'], {}, dir, 60_000);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    const lines = complaints(r.stderr);
    assert.equal(lines.length, 1, `${name}: one message, got ${JSON.stringify(lines)}`);
    assert.ok(lines[0].startsWith(`${name}: `), lines[0]);
    assert.match(lines[0].slice(name.length + 2), message, name);
    const files = JSON.parse(r.stdout).files;
    assert.deepEqual(
      files.map((f: { path: string; diagnostics: Array<{ code: string }> }) => `${f.path}: ${f.diagnostics.map((d) => d.code).join(' ')}`),
      ['good.pdf: chapter-mismatch'],
      name,
    );
    const sarif = imr(['check', '--format', 'sarif', name, 'good.pdf'], {}, dir, 60_000);
    assert.equal(sarif.code, 2);
    const run = JSON.parse(sarif.stdout).runs[0];
    assert.equal(run.invocations[0].executionSuccessful, false);
    assert.deepEqual(
      run.invocations[0].toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => `${n.level} ${n.message.text}`),
      [`error ${lines[0]}`],
      name,
    );
    assert.equal(run.results.length, 1, `${name}: the good PDF's finding`);
  }
});

test('bad PDFs in a folder are reported too, the letters beside them checked; the same on workers', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'imr-pdf-bad-folder-'));
  try {
    mkdirSync(path.join(folder, 'letters'));
    for (const { name } of BAD) copyFileSync(path.join(dir, name), path.join(folder, 'letters', name));
    copyFileSync(path.join(dir, 'good.pdf'), path.join(folder, 'letters', 'good.pdf'));
    copyFileSync(path.join(CORPUS, 'letters', `${LETTER}.txt`), path.join(folder, 'letters', 'good.txt'));
    const one = imr(['check', 'letters'], { IMR_WORKERS: '1' }, folder, 60_000);
    assert.equal(one.code, 2, one.stderr);
    const lines = complaints(one.stderr);
    // In file order: the names sort as corrupt, encrypted, long, not-a-pdf, scan, truncated.
    const sorted = [...BAD].sort((a, b) => a.name.localeCompare(b.name));
    assert.equal(lines.length, sorted.length, JSON.stringify(lines));
    sorted.forEach(({ name, message }, i) => {
      const prefix = `${path.join('letters', name)}: `;
      assert.ok(lines[i].startsWith(prefix), lines[i]);
      assert.match(lines[i].slice(prefix.length), message);
    });
    assert.match(one.stdout, /^letters\/good\.pdf:43:43: warning chapter-mismatch .+ \(p\. 1\)$/m);
    assert.match(one.stdout, /^letters\/good\.txt:43:43: warning chapter-mismatch /m);
    assert.match(one.stderr, /^2 letters, 2 items, 2 findings \(0 errors\)/m);
    const two = imr(['check', 'letters'], { IMR_WORKERS: '2' }, folder, 60_000);
    assert.equal(two.code, one.code);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.stderr, one.stderr);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('limits: --max-pages reads a longer PDF, --max-pdf-size refuses a larger one', () => {
  const long = imr(['text', '--max-pages', '300', 'long.pdf'], {}, dir, 60_000);
  assert.equal(long.code, 0, long.stderr);
  assert.match(long.stdout, /^Page 1\n\nPage 2\n/);
  assert.match(long.stdout, /\nPage 300\n\n$/);
  const size = readFileSync(path.join(dir, 'good.pdf')).length;
  const small = imr(['check', '--max-pdf-size', String(size - 1), 'good.pdf', `${dir}/scan.pdf`], {}, dir);
  assert.equal(small.code, 2);
  assert.deepEqual(complaints(small.stderr), [
    `good.pdf is larger than the limit of ${(size - 1).toLocaleString('en-US')} bytes for PDFs (--max-pdf-size): not read`,
    `${dir}/scan.pdf: The PDF has no text layer (a scanned image?): run OCR on it first.`,
  ]);
  // The text limit (--max-size) applies to a PDF's text, not to the PDF file.
  const text = imr(['check', '--max-size', '1000', 'good.pdf'], {}, dir);
  assert.equal(text.code, 2);
  assert.match(complaints(text.stderr)[0], /^the text of good\.pdf is larger than the limit of 1,000 bytes \(--max-size\): not read$/);
  assert.equal(imr(['check', '--max-size', String(size - 1), 'good.pdf'], {}, dir).code, 0, 'a PDF larger than --max-size is read');
});

test('imr text and extract report bad PDFs the same way', () => {
  const text = imr(['text', 'scan.pdf', 'good.pdf'], {}, dir, 60_000);
  assert.equal(text.code, 2);
  assert.deepEqual(complaints(text.stderr), ['scan.pdf: The PDF has no text layer (a scanned image?): run OCR on it first.']);
  assert.match(text.stdout, /^==> good\.pdf <==\nCase Number: +CM16-0249320\n/);
  const extract = imr(['extract', '--format', 'csv', 'encrypted.pdf', 'good.pdf'], {}, dir, 60_000);
  assert.equal(extract.code, 2);
  assert.deepEqual(complaints(extract.stderr), ['encrypted.pdf: The PDF is protected by a password; save a copy without the password and read that.']);
  assert.equal(extract.stdout.trimEnd().split('\r\n').length, 2, 'header and the good letter\'s row');
});

test('a file name with control characters is escaped in a PDF\'s message', { skip: process.platform === 'win32' }, () => {
  const odd = mkdtempSync(path.join(tmpdir(), 'imr-pdf-name-'));
  try {
    copyFileSync(path.join(dir, 'scan.pdf'), path.join(odd, 'a\u001b[2Jb.pdf'));
    const r = imr(['check', '.'], {}, odd);
    assert.equal(r.code, 2);
    assert.equal(complaints(r.stderr)[0], 'a\\x1b[2Jb.pdf: The PDF has no text layer (a scanned image?): run OCR on it first.');
  } finally {
    rmSync(odd, { recursive: true, force: true });
  }
});
