/**
 * The outline's position cursor gives exactly what LineIndex.positionAt gives, in any order of
 * offsets (forward, backward, repeated, out of range) and for every line ending; and an outline
 * built in one pass keeps its top level in document order; field details fold white space as
 * collapseWhiteSpace does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, LineIndex, outlineRanges, type OutlineSymbol } from '../../server/src/core';
import { documentSymbols } from '../../server/src/core/symbols';
import { collapseWhiteSpace } from '../../server/src/core/text';
import { corpusLetters, sample } from './support/corpus';

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

test("a field's outline detail is its value's start with white space folded and clipped, for any white space", () => {
  // The outline folds only the first 81 characters, with one regular expression: it must agree with
  // collapseWhiteSpace and clipping to 80 characters at every place a run of white space can stand.
  const next = random(2024);
  const blanks = [' ', '  ', '\t', '\n', '\r\n', '\r', ' \n ', '\u00a0', '\u1680', '\u2009', '\u2028', '\u3000', ' \u3000', '\ufeff', '\v\f'];
  const words = ['MRI', 'of', 'the', 'lumbar', 'spine', 'is', 'not', 'medically', 'necessary.', 'Decision', 'based', 'on', 'MTUS', '(ACOEM)'];
  const value = (): string => {
    let v = '';
    const length = 60 + Math.floor(next() * 40);
    while (v.length < length) v += (next() < 0.3 ? blanks[Math.floor(next() * blanks.length)] : ' ') + words[Math.floor(next() * words.length)];
    return v.trimStart();
  };
  const letter = ['IMR ISSUES, DECISIONS AND RATIONALES', 'The Final Determination was based on decisions for the disputed items/services set forth below:'];
  for (let i = 0; i < 300; i++) {
    letter.push(`Item ${i}: Upheld`, `Claims Administrator guideline: ${value()}`, `MAXIMUS guideline: ${value()}`, `Decision rationale: ${value()}`);
  }
  const texts = [letter.join('\n'), ...corpusLetters().slice(0, 10).map((l) => l.text)];
  let fields = 0;
  for (const text of texts) {
    const analysis = analyseText('test://preview', 1, text);
    const details = new Map<number, string | undefined>();
    const walk = (symbols: OutlineSymbol[]) => {
      for (const s of symbols) {
        if (s.kind === 'field') details.set(s.span.start, s.detail);
        walk(s.children);
      }
    };
    walk(documentSymbols(analysis));
    for (const item of analysis.model.items) {
      for (const f of item.fieldList) {
        if (!details.has(f.span.start)) continue;
        const v = f.valueSpan;
        const folded = collapseWhiteSpace(text, v.start, Math.min(v.end, v.start + 81));
        const expected = folded.length <= 80 ? folded : folded.slice(0, 79).trimEnd() + '…';
        assert.equal(details.get(f.span.start), expected || undefined, `field at ${f.span.start}`);
        fields++;
      }
    }
  }
  assert.ok(fields > 900, `only ${fields} fields compared`);
});
