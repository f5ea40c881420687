/** Pushed diagnostics wait for more edits only as long as the document's size makes worthwhile. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pushDelayMs } from '../../server/src/lsp/diagnostics';

test('a letter is pushed without a fixed wait; the wait grows with the text up to 50 ms', () => {
  assert.equal(pushDelayMs(8 * 1024), 0, 'an 8 KB letter');
  assert.equal(pushDelayMs(15_000), 0, 'a long letter');
  assert.equal(pushDelayMs(200_000), 10);
  assert.equal(pushDelayMs(1_000_000), 50, 'a megabyte');
  assert.equal(pushDelayMs(10_000_000), 50, 'never more than 50 ms');
});
