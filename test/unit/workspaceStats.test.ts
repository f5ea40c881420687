import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText } from '../../server/src/core/index';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { statsLetterOf } from '../../server/src/core/stats';
import { DEFAULT_VALIDATION } from '../../server/src/core/types';
import { indexLetter } from '../../server/src/core/workspaceIndex';
import { itemInGroups, statsLetterOfSource } from '../../server/src/core/workspaceStats';
import { corpusLetters } from './support/corpus';

test('the index keeps what imr stats counts: every corpus letter reads back as statsLetterOf at the default settings', () => {
  for (const { name, text } of corpusLetters()) {
    const uri = `file:///corpus/${name}`;
    const analysis = analyseText(uri, 0, text);
    const expected = statsLetterOf(uri, analysis, computeDiagnostics(analysis, DEFAULT_VALIDATION));
    assert.deepEqual(statsLetterOfSource(indexLetter(analysis)), expected, name);
  }
});

test('the kept lists are shared between letters and frozen', () => {
  const letters = corpusLetters().map(({ name, text }) => indexLetter(analyseText(`file:///corpus/${name}`, 0, text)));
  const lists = new Map<string, unknown>();
  for (const l of letters) {
    for (const g of l.stats!.guidelines) {
      assert.ok(Object.isFrozen(g));
      const key = g.join('|');
      if (lists.has(key)) assert.equal(lists.get(key), g, key);
      else lists.set(key, g);
    }
  }
});

test('itemInGroups: a key per dimension, any of several keys; parts must match in number', () => {
  const letter = { file: 'x', specialty: 'Orthopedic Surgery, Pain Management', items: [] };
  const item = { title: 'MRI of the knee', outcome: 'Upheld' as const, regions: ['knee' as const], kind: 'imaging' as const, guidelines: [], findings: [], line: 0 };
  assert.ok(itemInGroups(['kind'], ['imaging'], letter, item));
  assert.ok(itemInGroups(['kind'], ['therapy', 'imaging'], letter, item));
  assert.ok(!itemInGroups(['kind'], ['therapy'], letter, item));
  assert.ok(itemInGroups(['kind', 'specialty'], [['imaging', 'Pain Management']], letter, item));
  assert.ok(!itemInGroups(['kind', 'specialty'], ['imaging'], letter, item));
  assert.ok(itemInGroups(['guideline'], ['none'], letter, item));
});
