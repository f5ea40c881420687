/**
 * Differential edits at the core level: random edit sequences applied to corpus
 * letters through TextDocument.update give exactly the symbols and diagnostics
 * of the final text opened fresh (see support/differential.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/core';
import { checkEditCase, editCaseArb, reusedVersionCaseArb } from './support/differential';
import { letterTexts } from './support/arbitraries';

const SEED = 1_121;

test('random incremental edit sequences answer as the final text opened fresh', { timeout: 120_000 }, () => {
  let compared = 0;
  fc.assert(
    fc.property(editCaseArb, (c) => {
      compared += checkEditCase(c);
    }),
    { numRuns: 250, seed: SEED, includeErrorInReport: true },
  );
  assert.ok(compared >= 250, `only ${compared} versions compared`);
});

test('edit sequences that re-use version numbers (and re-open the uri as version 1) answer as the text opened fresh', { timeout: 120_000 }, () => {
  let compared = 0;
  fc.assert(
    fc.property(reusedVersionCaseArb, (c) => {
      compared += checkEditCase(c);
    }),
    { numRuns: 150, seed: SEED, includeErrorInReport: true },
  );
  assert.ok(compared >= 150, `only ${compared} versions compared`);
});

test('typing a letter line by line, every version asked about, then deleting it line by line', { timeout: 60_000 }, () => {
  const letter = letterTexts().find((l) => l.name.startsWith('seeds/'))!.text;
  const service = createLanguageService();
  const doc = TextDocument.create('diff://typed', 'imr-determination', 0, '');
  const original = createLanguageService().documentSymbols(TextDocument.create('diff://x', 'imr-determination', 1, letter));
  // Chunks of a line at a time keep this quick while every intermediate version is asked about.
  const lines = letter.split(/(?<=\n)/);
  for (const line of lines) {
    const end = doc.positionAt(doc.getText().length);
    TextDocument.update(doc, [{ range: { start: end, end }, text: line }], doc.version + 1);
    service.documentSymbols(doc);
    service.diagnostics(doc);
  }
  assert.equal(doc.getText(), letter);
  assert.deepEqual(service.documentSymbols(doc), original);
  while (doc.getText().length > 0) {
    const text = doc.getText();
    const cut = Math.max(0, text.lastIndexOf('\n', text.length - 2) + 1);
    TextDocument.update(doc, [{ range: { start: doc.positionAt(cut), end: doc.positionAt(text.length) }, text: '' }], doc.version + 1);
    assert.deepEqual(service.documentSymbols(doc), createLanguageService().documentSymbols(TextDocument.create('diff://x', 'imr-determination', 1, doc.getText())));
  }
  assert.deepEqual(service.documentSymbols(doc), []);
});

test('the comparison catches a stale answer (a source whose version does not change with its text)', () => {
  const letter = letterTexts()[0].text;
  const service = createLanguageService();
  let text = letter;
  const source = { uri: 'diff://stale', version: 1, getText: () => text };
  const before = service.documentSymbols(source);
  text = 'CLINICAL CASE SUMMARY\nnothing else';
  // Same version, new text: the old answer (what a cache keyed by version alone gives) differs from the
  // fresh one, so the comparison would see it; the service, keyed by the text too, answers afresh.
  const fresh = createLanguageService().documentSymbols({ uri: 'diff://fresh', version: 1, getText: () => text });
  assert.notDeepEqual(before, fresh);
  assert.deepEqual(service.documentSymbols(source), fresh);
});

test('edits that insert headings, outcomes and CRLF into every corpus letter', { timeout: 60_000 }, () => {
  const letters = letterTexts();
  letters.forEach((_, i) => {
    checkEditCase({
      letter: i,
      steps: [
        { changes: [{ kind: 'replace', from: 0, length: 0, text: 'IMR ISSUES, DECISIONS AND RATIONALES\r\n' }], ask: true },
        { changes: [{ kind: 'replace', from: 997 * (i + 1), length: 40, text: ': Overturned\r\n' }], ask: true },
        { changes: [{ kind: 'pastLineEnd', line: 3 * i, text: '\nDecision rationale:' }, { kind: 'replace', from: 13, length: 2, text: '\r' }], ask: false },
        { changes: [{ kind: 'replace', from: 500, length: 300, text: '' }], ask: true },
      ],
    });
  });
});
