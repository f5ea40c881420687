/**
 * The outline's position cursor gives exactly what LineIndex.positionAt gives, in any order of
 * offsets (forward, backward, repeated, out of range) and for every line ending; and an outline
 * built in one pass keeps its top level in document order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, LineIndex, outlineRanges } from '../../server/src/core';
import { documentSymbols } from '../../server/src/core/symbols';
import { sample } from './support/corpus';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('PositionCursor.positionAt equals LineIndex.positionAt for offsets in any order', () => {
  const texts = ['', 'one line', 'a\nb\r\nc\rd\n\n\r\n\re', 'x\r\n'.repeat(50) + 'tail', sample('drafting-problems.txt')];
  for (const text of texts) {
    const index = new LineIndex(text);
    const reference = new LineIndex(text);
    const cursor = index.cursor();
    const next = random(text.length + 7);
    let offset = 0;
    for (let k = 0; k < 2000; k++) {
      const r = next();
      // Mostly small steps forward, some jumps back, repeats and offsets outside the text.
      if (r < 0.6) offset += Math.floor(next() * 20);
      else if (r < 0.75) offset -= Math.floor(next() * 200);
      else if (r < 0.85) offset = Math.floor(next() * (text.length + 1));
      else if (r < 0.9) offset = r < 0.87 ? -5 : text.length + 5;
      const p = cursor.positionAt(offset);
      assert.deepEqual(p, reference.positionAt(offset), `offset ${offset} of a ${text.length}-character text`);
      const q = cursor.range(offset, offset + 3);
      assert.deepEqual(q, { start: reference.positionAt(offset), end: reference.positionAt(offset + 3) });
    }
  }
});

test('the top level of the outline is in document order: a letter, its CRLF form, two letters in one document', () => {
  const letter = sample('drafting-problems.txt');
  for (const text of [letter, letter.replace(/\n/g, '\r\n'), `${letter}\n\n${letter}`]) {
    const analysis = analyseText('test://order', 1, text);
    const top = outlineRanges(documentSymbols(analysis), analysis.lines, (_s, range) => range);
    for (let i = 1; i < top.length; i++) {
      const a = top[i - 1].start;
      const b = top[i].start;
      assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), `symbol ${i} after symbol ${i - 1}`);
    }
  }
});
