/**
 * The caches kept across documents (citation classes, ACOEM chapters by cited title) must not
 * keep a closed document's text alive: V8 makes a slice of 13 or more characters a view into its
 * parent, so a remembered citation text cut from a large letter would hold the whole letter.
 * Measured as the heap after analysing a large letter, dropping it and collecting garbage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { analyseText } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { detached } from '../../server/src/core/boundedMap';
import { corpusLetters } from './support/corpus';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

const LETTERS = corpusLetters().map((l) => l.text.replace(/\s+$/, ''));

/** Analyses the corpus letters joined until `chars` (a text made here, so nothing else holds it). */
function analyseAndDrop(chars: number): number {
  const parts: string[] = [];
  let length = 0;
  for (let k = 0; length < chars; k = (k + 1) % LETTERS.length) {
    parts.push(LETTERS[k]!);
    length += LETTERS[k]!.length + 2;
  }
  const text = parts.join('\n\n') + '\n';
  computeDiagnostics(analyseText('file:///retention.txt', 1, text), { enabled: true, rules: {} });
  return text.length;
}

/** The next turn of the event loop: whatever the stack still held of the work just done is gone. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('cache retention: an analysed text is not kept alive by the caches kept across documents', { timeout: 60_000 }, async () => {
  analyseAndDrop(200_000); // loads the guideline tables and fills the caches with the corpus's citations
  await nextTurn();
  const before = heapAfterGc();
  // 20 million characters: well above what the heap may grow by for other reasons (regular
  // expressions compiled to native code after a long text, some megabytes), so a retained text
  // shows and noise does not.
  const length = analyseAndDrop(20_000_000);
  // The caches may now hold strings read from this text; a small letter follows it, as when the
  // editor moves on, so nothing but the caches could still refer to the large one.
  computeDiagnostics(analyseText('file:///small.txt', 1, LETTERS[0]!), { enabled: true, rules: {} });
  await nextTurn();
  const after = heapAfterGc();
  // The text takes at least one byte per character (two when it holds a character outside
  // Latin-1, as the corpus does); the caches' own copies of new citations take far less.
  assert.ok(after - before < length, `heap grew by ${after - before} bytes after a text of ${length} characters`);
});

test('cache retention: detached copies are equal strings', () => {
  for (const s of ['', 'short', 'exactly 13 ch', 'a longer citation text, MTUS Chronic Pain'])
    assert.equal(detached(s), s);
  const parent = 'x'.repeat(100) + 'ACOEM Chapter 12 Low Back Complaints' + 'y'.repeat(100);
  assert.equal(detached(parent.slice(100, 136)), 'ACOEM Chapter 12 Low Back Complaints');
});
