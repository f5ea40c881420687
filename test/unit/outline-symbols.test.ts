/**
 * Item and field symbols keep their spans as offsets and make span objects when asked: what a
 * reader or JSON.stringify sees must be what plain symbols would show (same properties, same
 * order, `detail` only when there is one), and asking twice gives equal spans.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, type OutlineSymbol } from '../../server/src/core';
import { documentSymbols } from '../../server/src/core/symbols';
import { foldingRanges } from '../../server/src/core/folding';
import { semanticTokens } from '../../server/src/core/semanticTokens';
import { corpusLetters } from './support/corpus';
import { manyItemsLetter } from './support/limitTexts';

/** A symbol as a plain object, built from what its properties read. */
function plain(s: OutlineSymbol): object {
  const o: Record<string, unknown> = { name: s.name, kind: s.kind, span: s.span, selectionSpan: s.selectionSpan, children: s.children.map(plain) };
  if (s.detail) o.detail = s.detail;
  return o;
}

test('outline symbols read and serialise as plain symbols', () => {
  const texts = [manyItemsLetter(30), ...corpusLetters().slice(0, 20).map((l) => l.text)];
  let fields = 0;
  for (const text of texts) {
    const outline = documentSymbols(analyseText('test://outline', 1, text));
    assert.equal(JSON.stringify(outline), JSON.stringify(outline.map(plain)));
    const walk = (symbols: readonly OutlineSymbol[]) => {
      for (const s of symbols) {
        assert.deepEqual(s.span, s.span);
        assert.deepEqual(s.selectionSpan, s.selectionSpan);
        if (s.kind === 'field') {
          fields++;
          assert.equal(s.children.length, 0);
          assert.ok(s.detail === undefined || s.detail.length > 0, 'an empty detail is no detail');
        }
        walk(s.children);
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
