/** Code lenses: the outcome count at the top, each item's regions and cited chapters above its title. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, type Analysis } from '../../server/src/core';
import { codeLensAnchors, codeLenses, codeLensTitle } from '../../server/src/core/codeLens';
import { regionsOfItem } from '../../server/src/core/itemRegions';
import { regionLabel } from '../../server/src/core/guidelines';
import { corpusLetters, sample } from './support/corpus';

function analyse(text: string): Analysis {
  return analyseText('lens://letter', 1, text);
}

function lensLines(a: Analysis): string[] {
  return codeLenses(a).map((l) => `${l.range.start.line + 1}: ${l.title}`);
}

test('clean 2017 sample: the count, then one lens per item on its title line', () => {
  assert.deepEqual(lensLines(analyse(sample('clean-2017-layout.txt'))), [
    '1: 3 items: 2 Upheld, 1 Overturned',
    '40: Region: knee · Cites: MTUS Knee Complaints 2004, ODG Knee & Leg',
    '58: Region: knee · Cites: MTUS Chronic Pain Medical Treatment 2016, ODG Knee & Leg, MTUS Knee Complaints 2004',
    '75: Region: knee · Cites: MTUS Chronic Pain Medical Treatment 2016',
  ]);
});

test('a chapter of another region is marked; the knee scooter trap names no region', () => {
  assert.deepEqual(lensLines(analyse(sample('chapter-mismatch.txt'))), [
    '1: 3 items: 2 Upheld, 1 Overturned',
    '41: Region: knee · Cites: MTUS Knee Complaints 2004, ODG Knee & Leg, MTUS Low Back Complaints 2004 (another region)',
    '57: Region: upper extremities · Cites: ODG Low Back (another region), MTUS Neck and Upper Back Complaints 2004, ODG Neck and Upper Back',
    '75: Region: none named · Cites: ODG Ankle & Foot',
  ]);
});

test('items without an outcome are counted; a single item is "1 item"', () => {
  const lenses = lensLines(analyse(sample('drafting-problems.txt')));
  assert.equal(lenses[0], '1: 4 items: 3 Upheld, 1 without an outcome');
  const one = sample('clean-older-layout.txt');
  const cut = one.slice(0, one.indexOf('Lumbar flexion and extension X-Ray'));
  assert.equal(lensLines(analyse(cut))[0], '1: 1 item: 1 Upheld');
});

test('a region read from the letter\'s text says so; unknown sources are counted', () => {
  const seed = analyse(corpusLetters().find((l) => l.name === 'seeds/000_302bd7f50b142580.txt')!.text);
  const lenses = lensLines(seed);
  assert.match(lenses[2]!, /^109: Region: low back · Cites: ACOEM Chapter 12 Low Back Complaints, ODG Low Back, 1 other source$/);
  const letter = analyse(corpusLetters().find((l) => l.name === 'letters/CM16-0228949.txt')!.text);
  const item = letter.model.items.find((i) => i.shortTitle === 'Continue physical therapy 3 times a week for 2 weeks');
  assert.ok(item, 'fixture: the physical therapy item of CM16-0228949');
  const lens = codeLenses(letter)[item.index + 1]!;
  assert.match(lens.title, /^Region: forearm, wrist and hand \(from the letter's text\) · Cites: /);
});

test('corpus: counts add up, one lens per item on its title line naming its regions', () => {
  let upheld = 0;
  let overturned = 0;
  for (const l of corpusLetters()) {
    const a = analyse(l.text);
    const lenses = codeLenses(a);
    if (a.model.items.length === 0) {
      assert.equal(lenses.length, 0);
      continue;
    }
    assert.equal(lenses.length, a.model.items.length + 1, l.name);
    const m = /^(\d+) items?: (?:(\d+) Upheld)?(?:, )?(?:(\d+) Overturned)?/.exec(lenses[0]!.title);
    assert.ok(m, `${l.name}: ${lenses[0]!.title}`);
    assert.equal(Number(m[1]), a.model.items.length);
    upheld += Number(m[2] ?? 0);
    overturned += Number(m[3] ?? 0);
    a.model.items.forEach((item, i) => {
      const lens = lenses[i + 1]!;
      assert.equal(lens.range.start.line, a.lines.positionAt(item.titleSpan.start).line, `${l.name}: ${item.shortTitle}`);
      for (const r of regionsOfItem(a.model, item).regions) assert.ok(lens.title.includes(regionLabel(r)), `${l.name}: ${lens.title}`);
    });
  }
  const items = corpusLetters().reduce((n, l) => n + analyse(l.text).model.items.length, 0);
  assert.ok(upheld > overturned && overturned > 0 && upheld + overturned <= items, `${upheld} Upheld, ${overturned} Overturned of ${items}`);
});

test('no items, no lenses', () => {
  assert.deepEqual(codeLenses(analyse('')), []);
  assert.deepEqual(codeLenses(analyse('CLINICAL CASE SUMMARY\nA worker hurt a knee.\n')), []);
});

test('anchors and titles apart (for codeLens/resolve): the same lenses; an item the letter no longer has gets no title', () => {
  const a = analyse(sample('chapter-mismatch.txt'));
  const anchors = codeLensAnchors(a);
  assert.deepEqual(
    anchors.map((x) => x.target),
    [{ kind: 'outcomes' }, { kind: 'item', index: 0 }, { kind: 'item', index: 1 }, { kind: 'item', index: 2 }],
  );
  assert.deepEqual(
    anchors.map((x) => ({ range: x.range, title: codeLensTitle(a, x.target) })),
    codeLenses(a),
  );
  assert.equal(codeLensTitle(a, { kind: 'item', index: 3 }), undefined);
  assert.equal(codeLensTitle(analyse(''), { kind: 'outcomes' }), undefined);
});
