/** The language service keeps one analysis, outline and set of findings per document version. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/core';
import { foldingRanges } from '../../server/src/core/folding';
import { sample } from './support/corpus';

test('answers are reused within a version and recomputed for a new version or new settings', () => {
  const service = createLanguageService();
  const text = sample('drafting-problems.txt');
  const v1 = { uri: 'test://a', version: 1, getText: () => text };
  assert.equal(service.analyse(v1), service.analyse(v1));
  assert.equal(service.documentSymbols(v1), service.documentSymbols(v1));
  const settings = { enabled: true, rules: {} };
  const first = service.diagnostics(v1, settings);
  assert.equal(service.diagnostics(v1, settings), first);
  assert.equal(first.length, 3);
  // Other settings: computed again.
  const quiet = service.diagnostics(v1, { enabled: true, rules: { 'missing-field': 'ignore' as const } });
  assert.equal(quiet.length, 2);
  // A new version with other text: nothing stale.
  const fixed = text.replace('for the cervical spine: Upheld', 'for the cervical spine: Overturned');
  const v2 = { uri: 'test://a', version: 2, getText: () => fixed };
  assert.equal(service.diagnostics(v2, settings).length, 2);
  assert.notEqual(service.documentSymbols(v2), service.documentSymbols(v1));
  // A closed document is forgotten.
  service.forget('test://a');
  assert.notEqual(service.analyse(v2), undefined);
});

test('a version number that comes again with other text is analysed again (edited, or opened anew)', () => {
  const service = createLanguageService();
  const letter = sample('chapter-mismatch.txt');
  const short = 'CLINICAL CASE SUMMARY\nTwo lines.';
  const fresh = (text: string) => {
    const other = createLanguageService();
    const doc = TextDocument.create('test://fresh', 'imr-determination', 1, text);
    return { symbols: other.documentSymbols(doc), findings: other.diagnostics(doc), folds: foldingRanges(other.analyse(doc)) };
  };
  const answers = (doc: TextDocument) => ({ symbols: service.documentSymbols(doc), findings: service.diagnostics(doc), folds: foldingRanges(service.analyse(doc)) });

  const doc = TextDocument.create('test://a', 'imr-determination', 1, letter);
  assert.ok(answers(doc).findings.some((f) => f.code === 'chapter-mismatch'), 'the fixture changed: no chapter-mismatch');
  TextDocument.update(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }], 2);
  answers(doc);
  // The client goes back to version 1 with a two-line text (a client restarting its count, a bad client).
  TextDocument.update(doc, [{ text: short }], 1);
  assert.deepEqual(answers(doc), fresh(short));

  // The same uri opened anew as version 1, without a close in between.
  const reopened = TextDocument.create('test://a', 'imr-determination', 1, letter);
  assert.deepEqual(answers(reopened), fresh(letter));
  const again = TextDocument.create('test://a', 'imr-determination', 1, short);
  assert.deepEqual(answers(again), fresh(short));
});
