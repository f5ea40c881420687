/** The Markdown summary of a letter: one row per item with outcome, body region and the chapters each side cited. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText } from '../../server/src/core';
import { itemSummaries, letterSummaryMarkdown } from '../../server/src/core/summary';
import { corpusLetters, sample } from './support/corpus';

/** Table rows as cell lists (escaped pipes stay inside their cell). */
function rows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((l) => /^\| \d+ \|/.test(l))
    .map((l) => l.slice(2, -2).split(/ (?<!\\)\| /));
}

test('chapter-mismatch sample: the knee item decided on Low Back Complaints shows it at a glance', () => {
  const md = letterSummaryMarkdown(analyseText('t://s', 1, sample('chapter-mismatch.txt')).model);
  assert.match(md, /^## Case CM99-0000104\n\n/);
  assert.match(md, /\ndecided 2016-10-05 · 3 items: 2 Upheld, 1 Overturned\n/);
  assert.match(md, /\n\| # \| Item \| Outcome \| Body region \| Claims Administrator cited \| MAXIMUS cited \|\n\|--:\|/);
  assert.deepEqual(rows(md)[0], ['1', 'MRI of the left knee without contrast', 'Upheld', 'knee', 'MTUS Knee Complaints 2004; ODG Knee & Leg', 'MTUS Low Back Complaints 2004 (another region)']);
  assert.deepEqual(rows(md).map((r) => r[2]), ['Upheld', 'Upheld', 'Overturned']);
  assert.deepEqual(rows(md)[2].slice(3), ['—', 'ODG Ankle & Foot', 'ODG Ankle & Foot'], 'a knee scooter names no body region of its own');
});

test('a letter without a case number is headed by its file name and keeps its decision date', () => {
  const text = sample('chapter-mismatch.txt').replace(/Case Number:\s*CM99-0000104/, 'Case Number:');
  const md = letterSummaryMarkdown(analyseText('t://s', 1, text).model, { source: 'knee-letter.txt' });
  assert.match(md, /^## knee-letter\.txt\n\ndecided 2016-10-05 · 3 items: 2 Upheld, 1 Overturned\n/);
});

test('a partial authorisation is listed by its remaining portion; the path is shown with the case number', () => {
  const md = letterSummaryMarkdown(analyseText('t://s', 1, sample('reading-order.txt')).model, { source: 'samples/reading-order.txt' });
  assert.match(md, /^## Case CM99-0000103\n\nFile: samples\/reading-order\.txt · decided 2017-04-04 · 2 items/);
  assert.equal(rows(md)[0][1], 'Occupational therapy 6 sessions for the right wrist');
});

test('a field that cites nothing, a missing field, no outcome, and Markdown characters in a title', () => {
  const summaries = itemSummaries(analyseText('t://s', 1, sample('drafting-problems.txt')).model);
  assert.equal(summaries[0].maximus, 'field missing');
  assert.equal(summaries[1].outcome, 'no outcome');
  const text = sample('clean-2017-layout.txt').replace('MRI of the right knee without contrast: Upheld', 'MRI | knee *with* contrast: Upheld');
  const md = letterSummaryMarkdown(analyseText('t://s', 1, text).model);
  assert.equal(rows(md)[0][1], 'MRI \\| knee \\*with\\* contrast');
  const none = itemSummaries(analyseText('t://s', 1, sample('clean-2017-layout.txt')).model)[2];
  assert.equal(none.claimsAdministrator, 'no guideline cited', 'did not cite any medical evidence');
});

test('a letter without items says so instead of an empty table', () => {
  const md = letterSummaryMarkdown(analyseText('t://s', 1, 'HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\n').model);
  assert.match(md, /^## Determination letter\n\n0 items: 0 Upheld, 0 Overturned\n\nNo disputed items found\.\n$/);
});

test('every corpus letter: one row of six cells per item, outcomes as decided, no raw line breaks', () => {
  let items = 0;
  for (const letter of corpusLetters()) {
    const model = analyseText(letter.name, 1, letter.text).model;
    const md = letterSummaryMarkdown(model, { source: letter.name });
    const table = rows(md);
    assert.equal(table.length, model.items.length, letter.name);
    table.forEach((r, k) => {
      assert.equal(r.length, 6, `${letter.name} row ${k + 1}: ${JSON.stringify(r)}`);
      assert.equal(r[2], model.items[k].outcome ?? 'no outcome');
      assert.ok(r.every((cell) => cell.trim() !== ''), `${letter.name} row ${k + 1} has an empty cell`);
    });
    items += table.length;
  }
  assert.ok(items >= 161, `items summarised: ${items}`);
});
