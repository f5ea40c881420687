/** Folding ranges: what folds (header, sections, items, multi-line fields) and that every answer is valid for an editor. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, type Analysis } from '../../server/src/core';
import { foldingRanges, type FoldingRegion } from '../../server/src/core/folding';
import { corpusLetters, sample, VARIANTS } from './support/corpus';

const SAMPLES = ['clean-2017-layout.txt', 'clean-older-layout.txt', 'reading-order.txt', 'chapter-mismatch.txt', 'drafting-problems.txt', 'missing-section.txt', 'crlf-nonascii.txt'];

function analyse(text: string): Analysis {
  return analyseText('fold://letter', 1, text);
}

/** start < end, inside the document, sorted by start with one range per start line, and nested (no two ranges cross). */
function assertValid(regions: readonly FoldingRegion[], lineCount: number, what: string): void {
  const open: FoldingRegion[] = [];
  let previousStart = -1;
  for (const r of regions) {
    assert.ok(r.startLine < r.endLine, `${what}: ${r.startLine}-${r.endLine} does not span two lines`);
    assert.ok(r.startLine >= 0 && r.endLine < lineCount, `${what}: ${r.startLine}-${r.endLine} outside ${lineCount} lines`);
    assert.ok(r.startLine > previousStart, `${what}: ${r.startLine} after ${previousStart}: unsorted or two ranges on one start line`);
    assert.equal(r.kind, 'region');
    previousStart = r.startLine;
    while (open.length > 0 && open[open.length - 1]!.endLine < r.startLine) open.pop();
    const parent = open[open.length - 1];
    if (parent) assert.ok(r.endLine <= parent.endLine, `${what}: ${r.startLine}-${r.endLine} crosses ${parent.startLine}-${parent.endLine}`);
    assert.equal(r.depth, open.length, `${what}: depth of ${r.startLine}-${r.endLine}`);
    open.push(r);
  }
}

function lineOf(a: Analysis, offset: number): number {
  return a.lines.positionAt(offset).line;
}

test('samples: header, each section, each item and each multi-line field fold; one-line fields do not', () => {
  for (const name of SAMPLES) {
    const a = analyse(sample(name));
    const regions = foldingRanges(a);
    assertValid(regions, a.lines.lineCount, name);
    const byStart = new Map(regions.map((r) => [r.startLine, r]));
    if (a.model.header.span) assert.ok(byStart.has(lineOf(a, a.model.header.span.start)), `${name}: header folds`);
    for (const s of a.model.sections) {
      const r = byStart.get(lineOf(a, s.span.start));
      assert.ok(r, `${name}: section ${s.name} folds`);
      assert.equal(r.endLine, lineOf(a, s.span.end - 1), `${name}: section ${s.name} folds to its last line`);
      assert.equal(r.depth, 0);
    }
    for (const item of a.model.items) {
      const r = byStart.get(lineOf(a, item.span.start));
      assert.ok(r, `${name}: item ${item.shortTitle} folds`);
      for (const f of item.fieldList) {
        const first = lineOf(a, f.span.start);
        const last = lineOf(a, f.span.end - 1);
        const folded = byStart.get(first);
        if (last > first) assert.ok(folded && folded.endLine === last && folded.depth === r.depth + 1, `${name}: ${f.label} of ${item.shortTitle} folds ${first}-${last}`);
        else assert.equal(folded, undefined, `${name}: one-line ${f.label} of ${item.shortTitle} does not fold`);
      }
    }
  }
});

test('clean-2017 sample: the exact ranges (1-based lines)', () => {
  const regions = foldingRanges(analyse(sample('clean-2017-layout.txt')));
  assert.deepEqual(
    regions.map((r) => `${r.startLine + 1}-${r.endLine + 1}`),
    ['1-5', '7-18', '20-35', '37-91', '40-56', '42-44', '48-56', '58-73', '60-62', '64-65', '67-73', '75-91', '78-79', '81-82', '84-91'],
  );
});

test('corpus and its re-extractions: every answer is valid and folds every section and item', () => {
  let letters = 0;
  for (const l of corpusLetters()) {
    for (const [variant, make] of [['as published', (t: string) => t] as const, ...Object.entries(VARIANTS)]) {
      const a = analyse(make(l.text));
      const regions = foldingRanges(a);
      const what = `${l.name} (${variant})`;
      assertValid(regions, a.lines.lineCount, what);
      const starts = new Set(regions.map((r) => r.startLine));
      for (const s of a.model.sections) {
        if (lineOf(a, s.span.end - 1) > lineOf(a, s.span.start)) assert.ok(starts.has(lineOf(a, s.span.start)), `${what}: ${s.name}`);
      }
      for (const item of a.model.items) {
        if (lineOf(a, item.span.end - 1) > lineOf(a, item.span.start) + 1) assert.ok(starts.has(lineOf(a, item.span.start)), `${what}: ${item.shortTitle}`);
      }
    }
    letters++;
  }
  assert.ok(letters >= 67);
});

test('an item starting on the line where the previous rationale ends: the earlier item gives up that line', () => {
  const text = [
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    'MRI of the left knee: Upheld',
    'Claims Administrator guideline: Decision based on MTUS Knee Complaints 2004, Section(s): Special Studies.',
    'MAXIMUS guideline: Decision based on MTUS Knee Complaints 2004, Section(s): Special Studies.',
    'Decision rationale: No red flags are documented. The request',
    'is not medically necessary.',
    'Norco 10/325mg #60: Upheld',
    'Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.',
    'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment',
    '2016.',
    'Decision rationale: There is no documented functional improvement. The request is not medically necessary.',
    '',
  ].join('\n');
  const parsed = analyse(text);
  assert.equal(parsed.model.items.length, 2, 'fixture: two items');
  // Reading-order text can put the next title right after the sentence that ends a rationale; the
  // parser here starts titles on their own line, so the model is given such spans directly.
  const [first, second] = parsed.model.items;
  const sharedAt = text.indexOf('necessary.') + 'necessary. '.length - 1;
  const model = { ...parsed.model, header: parsed.model.header, items: [first!, { ...second!, span: { start: sharedAt, end: second!.span.end } }] };
  const a: Analysis = { ...parsed, model };
  assert.equal(lineOf(a, first!.span.end - 1), lineOf(a, sharedAt), 'fixture: the items share a line');
  const regions = foldingRanges(a);
  assertValid(regions, a.lines.lineCount, 'shared line');
  assert.deepEqual(
    regions.map((r) => [r.startLine, r.endLine, r.depth]),
    [
      [0, 11, 0], // the section
      [2, 5, 1], // the first item, without the shared line; its rationale (lines 5-6) no longer spans two lines
      [6, 11, 1], // the second item, from the shared line
      [9, 10, 2], // its two-line MAXIMUS field
    ],
  );
});

test('many letters in one file, and documents that are no letter, give valid answers', () => {
  const letters = corpusLetters().slice(0, 20).map((l) => l.text);
  const joined = analyse(letters.join('\n\n'));
  const regions = foldingRanges(joined);
  assertValid(regions, joined.lines.lineCount, 'joined');
  assert.ok(regions.filter((r) => r.depth === 0).length >= 60, 'sections of every letter fold');
  for (const text of ['', '\n\n\n', 'just one line', 'Decision rationale:\n\n\nx\r\ny', '\r\r\r\u2028\u2029']) {
    const a = analyse(text);
    assertValid(foldingRanges(a), a.lines.lineCount, JSON.stringify(text));
  }
});
