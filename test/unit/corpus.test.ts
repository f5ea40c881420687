/**
 * Every letter of ../shared/corpus against reviewed expectations
 * (test/unit/expectations/corpus.json): layout, sections, header facts, each
 * item's title and outcome, and the diagnostics as "line code". The
 * expectations were written from the parser's output and then checked by
 * reading each letter; the diagnostics are the corpus's real problems (the
 * seeds' mismatched chapters, five 2016-17 letters' ones, and the two MAXIMUS
 * fields of seed 000 that disown the MTUS their rationales rely on), nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText, looksLikeDetermination } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { corpusLetters } from './support/corpus';

interface Expected {
  layout: string;
  sections: string[];
  header: Record<string, string>;
  items: Array<{ title: string; shortTitle?: string; outcome: string | null }>;
  diagnostics: string[];
}

const expectations: Record<string, Expected> = JSON.parse(readFileSync(path.join(__dirname, 'expectations/corpus.json'), 'utf8'));
const letters = corpusLetters();

test('the expectations cover exactly the corpus letters', () => {
  assert.deepEqual(letters.map((l) => l.name).sort(), Object.keys(expectations).sort());
});

for (const letter of letters) {
  test(letter.name, () => {
    const want = expectations[letter.name];
    assert.ok(want, `no expectations for ${letter.name}`);
    const analysis = analyseText(letter.name, 1, letter.text);
    const { model } = analysis;
    assert.equal(model.layout, want.layout, 'layout');
    assert.equal(looksLikeDetermination(letter.text), true, 'detected as a letter');
    assert.deepEqual(model.sections.map((s) => s.kind), want.sections, 'sections');
    const header: Record<string, string> = {};
    for (const [k, v] of Object.entries(model.header)) if (k !== 'span' && v && 'value' in v) header[k] = v.value;
    assert.deepEqual(header, want.header, 'header facts');
    assert.deepEqual(
      model.items.map((i) => ({ title: i.title, ...(i.partial ? { shortTitle: i.shortTitle } : {}), outcome: i.outcome ?? null })),
      want.items,
      'items',
    );
    const diagnostics = computeDiagnostics(analysis, { enabled: true, rules: {} }).map((d) => `${d.range.start.line + 1} ${d.code}`);
    assert.deepEqual(diagnostics, want.diagnostics, 'diagnostics');
  });
}

test('corpus totals: 70 texts, 164 items, both outcomes, every seed with a mismatch', () => {
  const all = Object.values(expectations);
  assert.equal(all.length, 70);
  const items = all.flatMap((e) => e.items);
  assert.equal(items.length, 164);
  assert.ok(items.some((i) => i.outcome === 'Overturned') && items.some((i) => i.outcome === 'Upheld'));
  assert.ok(items.every((i) => i.outcome !== null));
  for (const [name, e] of Object.entries(expectations)) {
    if (name.startsWith('seeds/')) assert.ok(e.diagnostics.some((d) => d.endsWith('chapter-mismatch')), name);
  }
});
