/**
 * `imr check`, `imr extract` and `imr text` on PDF letters: the same answers as for the letters'
 * `pdftotext -layout` texts in the corpus, under the PDF's path, with ranges into the text that
 * `imr text` prints and the page each finding and item starts on.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CSV_COLUMNS } from '../../server/src/cli/csv';
import { extractPdfText, isPdfProblem, pageAt } from '../../server/src/pdf/extract';
import { CORPUS } from '../unit/support/corpus';
import { pdfWithPages, textContent } from '../unit/support/pdfFiles';
import { imr } from './support';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  code: string;
  severity: string;
  message: string;
  range: Range;
  page?: number;
}

/** Letters with findings on page 1 and on page 2, and one of nine items over four pages. */
const NAMES = ['CM16-0249320', 'CM17-0002106', 'CM17-0007142'];
let dir = '';

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imr-pdf-'));
  for (const name of NAMES) {
    copyFileSync(path.join(CORPUS, 'pdf', `${name}.pdf`), path.join(dir, `${name}.pdf`));
    copyFileSync(path.join(CORPUS, 'letters', `${name}.txt`), path.join(dir, `${name}.txt`));
  }
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

function offsetOf(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

function textAt(text: string, range: Range): string {
  return text.slice(offsetOf(text, range.start), offsetOf(text, range.end));
}

function json(args: string[], cwd = dir): any {
  const r = imr(args, {}, cwd, 60_000);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout);
}

test('check: a PDF gives the findings of its text, under its own path, each with its page', async () => {
  const pdfs = NAMES.map((n) => `${n}.pdf`);
  const fromPdf = json(['check', '--format', 'json', ...pdfs]).files;
  const fromText = json(['check', '--format', 'json', ...NAMES.map((n) => `${n}.txt`)]).files;
  assert.deepEqual(
    fromPdf.map((f: { path: string }) => f.path),
    pdfs,
  );
  for (let k = 0; k < NAMES.length; k++) {
    const pdfText = imr(['text', pdfs[k]], {}, dir).stdout;
    const letterText = readFileSync(path.join(dir, `${NAMES[k]}.txt`), 'utf8');
    const extracted = await extractPdfText(new Uint8Array(readFileSync(path.join(dir, pdfs[k]))));
    assert.ok(!isPdfProblem(extracted));
    assert.equal(pdfText, extracted.text, 'imr text prints the extracted text');
    const a: Diagnostic[] = fromPdf[k].diagnostics;
    const b: Diagnostic[] = fromText[k].diagnostics;
    assert.deepEqual(
      a.map((d) => [d.code, d.severity, d.message]),
      b.map((d) => [d.code, d.severity, d.message]),
      NAMES[k],
    );
    for (let i = 0; i < a.length; i++) {
      // The range points into the text imr text prints at what it points at in the letter's text.
      assert.equal(fold(textAt(pdfText, a[i].range)), fold(textAt(letterText, b[i].range)), `${NAMES[k]}: finding ${i}`);
      assert.equal(a[i].page, pageAt(extracted.pageStarts, offsetOf(pdfText, a[i].range.start)));
      assert.equal('page' in b[i], false, 'a text file\'s findings have no page');
    }
  }
  assert.deepEqual(
    fromPdf.map((f: { diagnostics: Diagnostic[] }) => f.diagnostics.map((d) => `${d.code}@${d.page}`)),
    [['chapter-mismatch@1'], ['chapter-mismatch@2', 'chapter-mismatch@2'], []],
  );
});

test('check: text lines end in the page, SARIF results carry it as a property', () => {
  const r = imr(['check', 'CM17-0002106.pdf', 'CM17-0002106.txt'], {}, dir);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 4);
  for (const line of lines.slice(0, 2)) assert.match(line, /^CM17-0002106\.pdf:\d+:\d+: warning chapter-mismatch .+ \(p\. 2\)$/);
  for (const line of lines.slice(2)) assert.match(line, /^CM17-0002106\.txt:\d+:\d+: warning chapter-mismatch .+\)\.$/);
  // Everything before the page is what the text file's line says.
  assert.equal(lines[0].replace(' (p. 2)', '').replace('.pdf:', '.txt:'), lines[2]);
  assert.match(r.stderr, /^2 letters, 6 items, 4 findings \(0 errors\)/);
  const sarif = JSON.parse(imr(['check', '--format', 'sarif', 'CM17-0002106.pdf', 'CM16-0249320.txt'], {}, dir).stdout);
  const results = sarif.runs[0].results;
  assert.deepEqual(
    results.map((x: { properties?: { page: number } }) => x.properties?.page),
    [2, 2, undefined],
  );
  assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'CM17-0002106.pdf');
});

test('extract --format json: the items of the text, each with the page it starts on', () => {
  const [pdf, txt] = json(['extract', '--format', 'json', 'CM17-0007142.pdf', 'CM17-0007142.txt']).files;
  assert.equal(pdf.path, 'CM17-0007142.pdf');
  assert.deepEqual(pdf.header, txt.header);
  const shape = (items: any[]) =>
    items.map((i) => ({ title: fold(i.title), outcome: i.outcome, regions: i.regions, fields: Object.keys(i.fields), citations: i.citations.map((c: { kind: string; guideline?: string }) => `${c.kind} ${c.guideline}`) }));
  assert.deepEqual(shape(pdf.items), shape(txt.items));
  // Checked against pdftotext -f N -l N: where each item's title line stands.
  assert.deepEqual(
    pdf.items.map((i: { page: number }) => i.page),
    [2, 3, 3, 3, 4, 4, 5, 5, 5],
  );
  for (const i of txt.items) assert.equal('page' in i, false);
});

test('extract --format csv: the page is the last column, empty for text files', () => {
  const r = imr(['extract', '--format', 'csv', 'CM17-0007142.pdf', 'CM16-0249320.txt'], {}, dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(CSV_COLUMNS[CSV_COLUMNS.length - 1], 'page');
  const records = r.stdout.slice(1).trimEnd().split('\r\n');
  assert.equal(records[0], CSV_COLUMNS.join(','));
  // No field of these letters holds a quote or a line break: the last field follows the last comma.
  const last = records.slice(1).map((line) => `${line.slice(0, line.indexOf(','))} ${line.slice(line.lastIndexOf(',') + 1)}`);
  assert.deepEqual(last, [
    ...[2, 3, 3, 3, 4, 4, 5, 5, 5].map((p) => `CM17-0007142.pdf ${p}`),
    'CM16-0249320.txt ',
  ]);
});

test('folders: .txt and .pdf letters in file order; a PDF that is not a letter is skipped like a text file', () => {
  const mixed = mkdtempSync(path.join(tmpdir(), 'imr-pdf-mixed-'));
  try {
    mkdirSync(path.join(mixed, 'sub'));
    copyFileSync(path.join(dir, 'CM16-0249320.pdf'), path.join(mixed, 'a.pdf'));
    copyFileSync(path.join(dir, 'CM17-0002106.txt'), path.join(mixed, 'b.txt'));
    copyFileSync(path.join(dir, 'CM17-0002106.pdf'), path.join(mixed, 'sub', 'c.PDF'));
    writeFileSync(path.join(mixed, 'hello.pdf'), pdfWithPages([textContent(['hello'])]));
    writeFileSync(path.join(mixed, 'note.txt'), 'hello\n');
    const r = imr(['check', '--format', 'json', '.'], {}, mixed);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const files = JSON.parse(r.stdout).files;
    assert.deepEqual(
      files.map((f: { path: string; diagnostics: Diagnostic[] }) => `${f.path} ${f.diagnostics.map((d) => d.page ?? '-').join(' ')}`),
      ['a.pdf 1', 'b.txt - -', path.join('sub', 'c.PDF') + ' 2 2'],
    );
    // --exclude picks PDFs as it picks text files; a PDF named on the command line is always read.
    const text = imr(['check', '--exclude', '**/*.pdf', '--exclude', '**/*.PDF', '.', 'hello.pdf'], {}, mixed);
    assert.match(text.stderr, /^2 letters, 3 items, 6 findings \(0 errors\): missing-section 3, chapter-mismatch 2, no-items 1$/m);
    assert.match(text.stdout, /^hello\.pdf:1:1: warning missing-section /m);
    // The same on worker threads.
    for (const args of [['check', '--format', 'json', '.'], ['extract', '--format', 'csv', '.']]) {
      const one = imr(args, { IMR_WORKERS: '1' }, mixed);
      const two = imr(args, { IMR_WORKERS: '2' }, mixed);
      assert.equal(two.stdout, one.stdout);
      assert.equal(two.stderr, one.stderr);
      assert.equal(two.code, one.code);
    }
  } finally {
    rmSync(mixed, { recursive: true, force: true });
  }
});

test('text: one file alone; several each after a "==> file <==" line, as head prints them', async () => {
  const one = imr(['text', 'CM16-0249320.pdf'], {}, dir);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(one.stderr, '');
  assert.match(one.stdout, /^Case Number: +CM16-0249320\n/);
  const pdfText = one.stdout;
  const letterText = readFileSync(path.join(dir, 'CM17-0002106.txt'), 'utf8');
  const several = imr(['text', 'CM16-0249320.pdf', 'CM17-0002106.txt'], {}, dir);
  assert.equal(several.code, 0, several.stderr);
  assert.equal(several.stdout, `==> CM16-0249320.pdf <==\n${pdfText}\n==> CM17-0002106.txt <==\n${letterText}`);
  // An unreadable file among them: its message, the others' texts under their names, exit 2.
  const missing = imr(['text', 'CM16-0249320.pdf', 'missing.pdf'], {}, dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^imr: cannot read missing\.pdf: no such file or folder$/m);
  assert.equal(missing.stdout, `==> CM16-0249320.pdf <==\n${pdfText}`);
  const folder = imr(['text', '.'], {}, dir);
  assert.equal(folder.code, 2);
  assert.match(folder.stderr, /^imr: \. is a folder: imr text takes files$/m);
  assert.equal(folder.stdout, '');
});

test('text: control characters of a letter are shown escaped, line breaks and tabs kept', () => {
  const odd = mkdtempSync(path.join(tmpdir(), 'imr-pdf-text-'));
  try {
    writeFileSync(path.join(odd, 'a.txt'), 'one\ttab\r\ntwo \u001b[2J three\nfour\r\n');
    const r = imr(['text', 'a.txt'], {}, odd);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'one\ttab\r\ntwo \\x1b[2J three\nfour\r\n');
  } finally {
    rmSync(odd, { recursive: true, force: true });
  }
});

test('--max-pages and --max-pdf-size take positive whole numbers; usage names them', () => {
  for (const [flag, what] of [
    ['--max-pages', 'pages'],
    ['--max-pdf-size', 'bytes'],
  ]) {
    const r = imr(['check', flag, '0', 'x.pdf'], {}, dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^imr: ${flag} takes a positive whole number of ${what}, not "0"`));
  }
  const help = imr(['--help']);
  assert.match(help.stdout, /imr text \[--max-size BYTES\] \[--max-pdf-size BYTES\] \[--max-pages N\] FILE\.\.\./);
  assert.match(help.stdout, /--max-pages sets the number of pages above which a PDF is not read \(default 200\)/);
});
