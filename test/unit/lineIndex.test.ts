/**
 * LineIndex turns offsets into LSP positions and back: any of \r\n, \n and \r ends a line, offsets
 * outside the text are clamped, and a parser's line starts give the same index as the text's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, LineIndex } from '../../server/src/core';
import { sample } from './support/corpus';

/** Positions the slow way: walk the text one character at a time. */
function naivePositions(text: string): Array<{ line: number; character: number }> {
  const out = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i <= text.length; i++) {
    out.push({ line, character });
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      character = 0;
    } else character++;
  }
  return out;
}

test('positionAt and offsetAt agree with a walk over the text, for every line ending', () => {
  const letter = sample('drafting-problems.txt');
  const texts = ['', 'one line', 'a\nb\r\nc\rd\n\n\r\n\re', 'x\r\n'.repeat(50) + 'tail', '\r', '\n\r', letter, letter.replace(/\n/g, '\r\n')];
  for (const text of texts) {
    const index = new LineIndex(text);
    const expected = naivePositions(text);
    for (let o = 0; o <= text.length; o++) {
      assert.deepEqual(index.positionAt(o), expected[o], `offset ${o} of ${JSON.stringify(text.slice(0, 20))}`);
      // The second offset of \r\n is inside the line ending: its position names the end of the line.
      if (!(text[o - 1] === '\r' && text[o] === '\n')) assert.equal(index.offsetAt(expected[o]), o);
    }
    assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(text.length + 5), expected[text.length]);
    assert.equal(index.lineCount, expected[text.length].line + 1);
  }
});

test("the parser's line starts make the same index as the text's", () => {
  const letter = sample('drafting-problems.txt');
  for (const text of [letter, letter.replace(/\n/g, '\r\n'), letter.replace(/\n/g, '\r')]) {
    const parsed = analyseText('test://lines', 1, text).lines;
    const own = new LineIndex(text);
    assert.equal(parsed.lineCount, own.lineCount);
    for (let o = 0; o <= text.length; o += 7) assert.deepEqual(parsed.positionAt(o), own.positionAt(o));
  }
});
