/** The language service keeps one analysis, outline and set of findings per document version. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/core';
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
