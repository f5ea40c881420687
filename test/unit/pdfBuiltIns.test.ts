/**
 * Loading PDF.js (its legacy build carries core-js polyfills) leaves the built-ins the rest of the
 * process uses as they were: the parser and the rules push onto arrays and the CLI writes JSON
 * after the first PDF as before it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPdfText, isPdfProblem } from '../../server/src/pdf/extract';
import { pdfWithPages, textContent } from './support/pdfFiles';

test('after a PDF is read, push, JSON and Function.prototype.toString are the engine\'s own', async () => {
  const before = [Array.prototype.push, JSON.parse, JSON.stringify, Function.prototype.toString];
  const result = await extractPdfText(pdfWithPages([textContent(['Hello'])]));
  assert.ok(!isPdfProblem(result));
  assert.deepEqual([Array.prototype.push, JSON.parse, JSON.stringify, Function.prototype.toString], before);
  assert.match(Function.prototype.toString.call(Array.prototype.push), /\[native code\]/);
  // The polyfills PDF.js adds (methods Node 20 lacks) stay: PDF.js calls them.
  assert.equal(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers, 'function');
});
