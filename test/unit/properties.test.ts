/**
 * Property tests (fast-check): for generated documents of every kind, the parser
 * and every feature of the core return, and every answer is well formed (see
 * support/wellFormed.ts). The quick run here is seeded and bounded (a few
 * thousand cases); `npm run fuzz` runs the same properties 100,000 times.
 * A failure prints fast-check's seed and path and the shrunk counterexample.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DOCUMENT_PROPERTIES, applyMutations, letterTexts, mutation } from './support/arbitraries';
import { assertAllRanges, checkText, Lines, probeOffsets } from './support/wellFormed';
import { sizeNotice, utf8Size, contentNotice, documentNotice, DEFAULT_MAX_DOCUMENT_SIZE } from '../../server/src/core/limits';
import { analyseText, quickFixes } from '../../server/src/core';
import { foldingRanges } from '../../server/src/core/folding';
import { documentLinks } from '../../server/src/core/documentLinks';
import { hoverAt } from '../../server/src/core/hover';

/** Fixed seed: the CI run is the same every time; the long run picks its own. */
const SEED = 7_2026;

for (const p of DOCUMENT_PROPERTIES) {
  test(`property: ${p.name}`, { timeout: 120_000 }, () => {
    fc.assert(p.property({ maxLongLine: 20_000 }), { numRuns: p.ciRuns, seed: SEED, includeErrorInReport: true });
  });
}

test('the checker itself catches what it is meant to catch', () => {
  const lines = new Lines('ab\r\ncd\n');
  assert.equal(lines.count, 3);
  assert.deepEqual([lines.lineLength(0), lines.lineLength(1), lines.lineLength(2)], [2, 2, 0]);
  // A column between \r and \n, a line past the end, a reversed range: each is refused.
  const bad = [
    { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } },
    { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
    { start: { line: 1, character: 2 }, end: { line: 1, character: 1 } },
  ];
  for (const r of bad) assert.throws(() => assertAllRanges(lines, { nested: [{ range: r }] }, 'value'), assert.AssertionError);
  assertAllRanges(lines, { nested: [{ range: { start: { line: 0, character: 2 }, end: { line: 2, character: 0 } } }] }, 'value');
  // A model span outside the text, an outline child outside its parent: refused too.
  assert.throws(() => checkText('x', { settings: { enabled: false, rules: {} }, maxDocumentSize: -5 }), assert.AssertionError);
});

test('mutations do what they say', () => {
  const text = 'one\ntwo\nthree';
  assert.equal(applyMutations(text, [{ kind: 'delete', at: 1, count: 1 }]), 'one\nthree');
  assert.equal(applyMutations(text, [{ kind: 'swap', at: 0, to: 2 }]), 'three\ntwo\none');
  assert.equal(applyMutations(text, [{ kind: 'truncate', at: 2, keep: 2 }]), 'one\ntwo\nth');
  assert.equal(applyMutations(text, [{ kind: 'join', at: 0 }]), 'onetwo\nthree');
  assert.equal(applyMutations(text, [{ kind: 'lineEnds', style: '\r\n' }, { kind: 'cutFile', at: 2 }]), 'one\r\ntwo\r', 'a \\r stays with its line');
  assert.equal(applyMutations(text, [{ kind: 'heading', at: 1, which: 1, form: 'plain' }]), 'one\nCLINICAL CASE SUMMARY\ntwo\nthree');
  assert.equal(applyMutations(text, [{ kind: 'longLine', at: 0, length: 5, unit: 'ab' }]).split('\n')[0], 'ababab');
  // The generator of mutations produces each kind.
  const kinds = new Set(fc.sample(mutation(2000), { numRuns: 500, seed: SEED }).map((m) => m.kind));
  assert.equal(kinds.size, 13, `kinds generated: ${[...kinds].join(', ')}`);
});

test('limits: sizes in UTF-8 bytes, the notice names the size and the setting', () => {
  for (const s of ['', 'abc', 'é', '\u20ac', '\ud83d\ude00', '\ud800', 'a\udfffb', '\ud800\ud800\udc00']) {
    assert.equal(utf8Size(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
  }
  fc.assert(
    fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }), (s) => {
      assert.equal(utf8Size(s), Buffer.byteLength(s, 'utf8'));
    }),
    { numRuns: 500, seed: SEED },
  );
  const text = 'é'.repeat(1000); // 2,000 bytes
  assert.equal(sizeNotice(text, 2000), undefined);
  const notice = sizeNotice(text, 1999);
  assert.ok(notice);
  assert.equal(notice.code, 'document-too-large');
  assert.equal(notice.severity, 'information');
  assert.match(notice.message, /2,000 bytes/);
  assert.match(notice.message, /imrDetermination\.maxDocumentSize/);
  assert.match(notice.message, /1,999 bytes/);
  // Nonsense limits mean the default.
  for (const limit of [0, -1, NaN, Infinity]) assert.equal(sizeNotice(text, limit), undefined);
  assert.ok(sizeNotice('x'.repeat(DEFAULT_MAX_DOCUMENT_SIZE + 1), 0));
  // NUL bytes: not a letter; size wins when both apply.
  const binary = 'CLINICAL CASE SUMMARY\n\u0000\u0001';
  assert.equal(contentNotice(binary)?.code, 'not-a-letter');
  assert.match(contentNotice(binary)!.message, /NUL/);
  assert.equal(documentNotice(binary, 5)?.code, 'document-too-large');
  assert.equal(documentNotice(binary, 100)?.code, 'not-a-letter');
  assert.equal(documentNotice(letterTexts()[0].text, DEFAULT_MAX_DOCUMENT_SIZE), undefined);
  // The parser records the same fact as a parse problem.
  assert.ok(analyseText('x', 1, binary).model.problems.some((p) => /NUL/.test(p.message)));
});

test('every corpus letter, in full, with deep quick-fix checks', { timeout: 60_000 }, () => {
  // The checks above pass vacuously if a feature answers nothing: on real letters each one answers something.
  const seen = { folds: 0, hovers: 0, links: 0, fixes: 0 };
  for (const letter of letterTexts()) {
    const { symbols, analysis, findings } = checkText(letter.text, { deepFixes: true });
    assert.ok(symbols.length > 0, `${letter.name}: no outline`);
    seen.folds += foldingRanges(analysis).length;
    seen.links += documentLinks(analysis).length;
    seen.hovers += probeOffsets(analysis).filter((o) => hoverAt(analysis, analysis.lines.positionAt(o))).length;
    seen.fixes += findings.reduce((n, f) => n + quickFixes(analysis, f).length, 0);
  }
  for (const [what, n] of Object.entries(seen)) assert.ok(n > 0, `no ${what} in the whole corpus`);
});
