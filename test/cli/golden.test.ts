/**
 * The golden snapshot: `imr extract` and `imr check` answer exactly as stored in
 * test/golden/ for every corpus letter, its variants and the samples. A change
 * to what the core answers must be made on purpose: `npm run golden -- --update`,
 * then review the diff and say why in the commit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, changedPaths, currentAnswers, storedAnswers } from '../golden/golden';

test('extract and check answer as the golden snapshot on the corpus, its variants and the samples', () => {
  const current = currentAnswers();
  for (const kind of KINDS) {
    const stored = storedAnswers(kind);
    assert.ok(stored !== undefined, `test/golden/${kind}.jsonl is missing: run npm run golden -- --update`);
    const changed = changedPaths(stored, current[kind]);
    assert.deepEqual(changed, [], `imr ${kind} answers differently for ${changed.length} files (npm run golden shows them)`);
    // The whole text too: a difference in order or form that changedPaths would not name.
    assert.equal(current[kind], stored);
  }
});
