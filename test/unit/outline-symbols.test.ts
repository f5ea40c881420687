/**
 * The outline's shape: every symbol's selection lies inside its span and children inside their
 * parents, the top level is in document order, fields are leaves whose detail is their value's
 * start folded and clipped, and the reduced outline is the full one without its fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, outlineRanges, type OutlineSymbol } from '../../server/src/core';
import { documentSymbols } from '../../server/src/core/symbols';
import { foldingRanges } from '../../server/src/core/folding';
import { semanticTokens } from '../../server/src/core/semanticTokens';
import { collapseWhiteSpace } from '../../server/src/core/text';
import { corpusLetters, sample } from './support/corpus';
import { manyItemsLetter } from './support/limitTexts';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A symbol as a plain object, built from what its properties read. */
function plain(s: OutlineSymbol): object {
  const o: Record<string, unknown> = { name: s.name, kind: s.kind, span: s.span, selectionSpan: s.selectionSpan, children: s.children.map(plain) };
  if (s.detail) o.detail = s.detail;
  return o;
}

test('outline symbols nest: selections inside spans, children inside parents, fields are leaves, no empty detail', () => {
  const texts = [manyItemsLetter(30), ...corpusLetters().slice(0, 20).map((l) => l.text)];
  let fields = 0;
  for (const text of texts) {
    const outline = documentSymbols(analyseText('test://outline', 1, text));
    // Serialised, a symbol has its properties in one order and `detail` only when there is one.
    assert.equal(JSON.stringify(outline), JSON.stringify(outline.map(plain)));
    const inside = (outer: { start: number; end: number }, inner: { start: number; end: number }) =>
      inner.start >= outer.start && inner.end <= outer.end;
    const walk = (symbols: readonly OutlineSymbol[], parent?: OutlineSymbol) => {
      for (const s of symbols) {
        assert.ok(inside(s.span, s.selectionSpan), `selection of ${s.name}`);
        if (parent) assert.ok(inside(parent.span, s.span), `${s.name} inside ${parent.name}`);
        assert.ok(s.detail === undefined || s.detail.length > 0, 'an empty detail is no detail');
        if (s.kind === 'field') {
          fields++;
          assert.equal(s.children.length, 0);
        }
        walk(s.children, s);
      }
    };
    walk(outline);
  }
  assert.ok(fields >= 90, `only ${fields} fields seen`);
});

test('the reduced outline (above the size limit) is the full one without its field symbols; folds and tokens lose only fields and citations', () => {
  const withoutFields = (symbols: OutlineSymbol[]): object[] =>
    symbols.filter((s) => s.kind !== 'field').map((s) => ({ ...plain(s), children: withoutFields(s.children) }));
  const reducedPlain = (symbols: OutlineSymbol[]): object[] => symbols.map((s) => ({ ...plain(s), children: reducedPlain(s.children) }));
  for (const letter of [...corpusLetters().slice(0, 20).map((l) => l.text), manyItemsLetter(50)]) {
    const analysis = analyseText('test://reduced', 1, letter);
    const reduced = documentSymbols(analysis, { fields: false });
    assert.deepEqual(reducedPlain(reduced), withoutFields(documentSymbols(analysis)));
    const folds = foldingRanges(analysis, { fields: false });
    const all = foldingRanges(analysis);
    assert.ok(folds.length <= all.length && folds.every((f) => all.some((g) => g.startLine === f.startLine && g.endLine === f.endLine)));
    const tokens = semanticTokens(analysis, { citations: false });
    assert.ok(tokens.every((t) => t.role === 'itemTitle' || t.role === 'upheld' || t.role === 'overturned'));
    assert.deepEqual(tokens, semanticTokens(analysis).filter((t) => !t.role.endsWith('Citation')));
  }
});

test('an item shows its outcome first, and its icon tells Upheld, Overturned and no outcome apart', () => {
  const text = [
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'MRI of the left knee without contrast: Upheld',
    'Decision rationale: It is not medically necessary.',
    'Twelve sessions of physical therapy for the lumbar spine: Overturned',
    'Decision rationale: It is medically necessary.',
    'Norco 10/325mg #60:',
    'Decision rationale: It is not medically necessary.',
  ].join('\n');
  const [issues] = documentSymbols(analyseText('test://outcomes', 1, text));
  const items = issues.children.map((s) => [s.name, s.kind]);
  assert.deepEqual(items, [
    ['Upheld · MRI of the left knee without contrast', 'constant'],
    ['Overturned · Twelve sessions of physical therapy for the lumbar spine', 'event'],
    ['No outcome · Norco 10/325mg #60', 'class'],
  ]);
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
  // The outline folds only a value's first 81 characters: clipped to 80, that must show what folding
  // more would, at every place a run of white space can stand.
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
