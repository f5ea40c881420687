/**
 * PDF extraction on what is not a readable letter: each case gives one problem with a stable code
 * and a message, never an exception; files made here (hand-written PDFs, a corpus PDF cut or
 * damaged), so nothing is needed beyond the corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractPdfText, isPdfProblem, type PdfProblem, type PdfText } from '../../server/src/pdf/extract';
import { CORPUS } from './support/corpus';
import { passwordProtectedPdf, pdfWithPages, textContent } from './support/pdfFiles';

const letterPdf = () => new Uint8Array(readFileSync(path.join(CORPUS, 'pdf', 'CM17-0007142.pdf')));

function expectProblem(result: PdfText | PdfProblem, code: PdfProblem['problem'], message: RegExp): void {
  assert.ok(isPdfProblem(result), `expected the problem ${code}, got text`);
  assert.equal(result.problem, code);
  assert.match(result.message, message);
}

test('a hand-written PDF with text: its lines, one page break per page, page starts', async () => {
  const result = await extractPdfText(pdfWithPages([textContent(['Hello world', 'Second (line)']), textContent(['Page two'])]));
  assert.ok(!isPdfProblem(result));
  assert.equal(result.text, 'Hello world\nSecond (line)\n\nPage two\n\n');
  assert.deepEqual(result.pageStarts, [0, result.text.indexOf('Page two')]);
  assert.equal(result.pages, 2);
});

test('the bytes given are left as they were (PDF.js is handed a copy)', async () => {
  const bytes = letterPdf();
  const before = bytes.slice();
  await extractPdfText(bytes);
  assert.equal(bytes.byteLength, before.byteLength, 'not detached');
  assert.deepEqual(bytes, before);
});

test('not a PDF: a text file named .pdf, an empty file', async () => {
  const text = new TextEncoder().encode('Case Number:          CM16-0224814\nDate Assigned:        11/30/2016\n');
  expectProblem(await extractPdfText(text), 'not-pdf', /not a PDF/);
  expectProblem(await extractPdfText(new Uint8Array(0)), 'not-pdf', /not a PDF/);
});

test('"%PDF-" after some leading bytes is still a PDF, as readers accept it', async () => {
  const pdf = pdfWithPages([textContent(['After a preamble'])]);
  const bytes = new Uint8Array(100 + pdf.length);
  bytes.fill(0x20, 0, 100);
  bytes.set(pdf, 100);
  const result = await extractPdfText(bytes);
  assert.ok(!isPdfProblem(result), isPdfProblem(result) ? result.message : '');
  assert.equal(result.text, 'After a preamble\n\n');
});

test('truncated: a corpus PDF cut in half, and cut just before its end', async () => {
  const pdf = letterPdf();
  expectProblem(await extractPdfText(pdf.slice(0, pdf.length >> 1)), 'corrupt', /damaged or incomplete/);
  expectProblem(await extractPdfText(pdf.slice(0, pdf.length - 40)), 'corrupt', /damaged or incomplete/);
  const small = pdfWithPages([textContent(['one']), textContent(['two'])]);
  expectProblem(await extractPdfText(small.slice(0, Math.floor(small.length * 0.8))), 'corrupt', /damaged or incomplete/);
});

test('corrupt: garbage after the header', async () => {
  const bytes = new Uint8Array(20_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) & 0xff;
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'), 0);
  expectProblem(await extractPdfText(bytes), 'corrupt', /damaged or incomplete/);
});

test('corrupt: bytes flipped in the middle give a problem or the text that is left, never an exception', async () => {
  // Damage inside a page's stream is skipped (as viewers do): the rest of the letter is read.
  // Damage to the file's structure or its encryption dictionary makes it unreadable.
  const pdf = letterPdf();
  for (const [from, to] of [
    [0.2, 0.21],
    [0.45, 0.5],
    [0.9, 0.91],
  ]) {
    const damaged = pdf.slice();
    for (let i = Math.floor(pdf.length * from); i < Math.floor(pdf.length * to); i++) damaged[i] ^= 0x5a;
    const result = await extractPdfText(damaged);
    if (isPdfProblem(result)) assert.ok(['corrupt', 'encrypted', 'no-text'].includes(result.problem) && result.message.length > 0, result.message);
    else assert.ok(result.text.length > 0 && result.pages > 0);
  }
});

test('encrypted with a user password: a problem, no password asked (nothing waits)', async () => {
  expectProblem(await extractPdfText(passwordProtectedPdf()), 'encrypted', /password/);
});

test('encrypted without a user password (every corpus PDF restricts permissions so) reads as usual', async () => {
  const pdf = letterPdf();
  assert.match(new TextDecoder('latin1').decode(pdf), /\/Encrypt\b/);
  const result = await extractPdfText(pdf);
  assert.ok(!isPdfProblem(result));
  assert.match(result.text, /^Case Number: +CM17-0007142$/m);
});

test('no text layer: a page of drawing only, and pages with nothing at all', async () => {
  expectProblem(await extractPdfText(pdfWithPages(['0.5 g 72 72 468 648 re f'])), 'no-text', /no text layer .*OCR/);
  expectProblem(await extractPdfText(pdfWithPages(['', ''])), 'no-text', /OCR/);
});

test('too many pages: refused before any page is read, the limit settable', async () => {
  const pdf = pdfWithPages(Array.from({ length: 300 }, (_, i) => (i === 299 ? textContent(['last page']) : '')));
  expectProblem(await extractPdfText(pdf, { maxPages: 50 }), 'too-many-pages', /300 pages, more than the 50/);
  expectProblem(await extractPdfText(pdf), 'too-many-pages', /300 pages, more than the 200/);
  const result = await extractPdfText(pdf, { maxPages: 300 });
  assert.ok(!isPdfProblem(result));
  assert.equal(result.pages, 300);
  assert.equal(result.pageStarts.length, 300);
  assert.equal(result.text.indexOf('last page'), result.pageStarts[299]);
});

test('a time limit: an extraction that takes too long is abandoned with a problem', async () => {
  expectProblem(await extractPdfText(letterPdf(), { timeoutMs: 0 }), 'timeout', /longer than/);
  // And the next one is not disturbed by it.
  assert.ok(!isPdfProblem(await extractPdfText(letterPdf())));
});
