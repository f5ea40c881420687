import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText } from '../../server/src/core/index';
import { fuzzyScore, normalizeQuery } from '../../server/src/core/fuzzy';
import { excludeMatcher, globMatcher, DEFAULT_FILES_EXCLUDE } from '../../server/src/core/glob';
import { fileNameOfUri, indexLetter, WorkspaceIndex, type IndexedLetter } from '../../server/src/core/workspaceIndex';
import { canonicalUri, joinUri, relativePath } from '../../server/src/lsp/workspaceFiles';
import { corpusLetters } from './support/corpus';

// ---------------------------------------------------------------- fuzzy

test('fuzzy: a subsequence matches, case-insensitively, white space in the query ignored', () => {
  assert.notEqual(fuzzyScore('mri', 'MRI of the knee'), undefined);
  assert.notEqual(fuzzyScore('mriknee', 'MRI of the knee'), undefined);
  assert.notEqual(fuzzyScore(normalizeQuery(' mri  knee '), 'MRI of the knee'), undefined);
  assert.equal(fuzzyScore('knee mri', 'MRI of the knee'), undefined, 'order matters');
  assert.equal(fuzzyScore('mrx', 'MRI of the knee'), undefined);
  assert.equal(fuzzyScore('kneeee', 'knee'), undefined);
  assert.equal(fuzzyScore('', 'anything'), 0);
});

test('fuzzy: word starts and runs rank above scattered letters', () => {
  const score = (q: string, t: string) => fuzzyScore(q, t) ?? -1;
  // "mri" as a word beats m..r..i inside other words.
  assert.ok(score('mri', 'MRI of the knee') > score('mri', 'Home aide for mobility and transfer in the home'));
  // Initials of words beat letters in the middle of one word.
  assert.ok(score('mcs', 'MRI of the Cervical Spine') > score('mcs', 'Pharmacist consult'));
  // A prefix beats the same letters later in the name.
  assert.ok(score('cerv', 'Cervical spine x-rays') > score('cerv', 'MRI of the cervical spine'));
  // An exact run beats the same letters split over two words.
  assert.ok(score('lumbar', 'MRI of the lumbar spine') > score('lumbar', 'Lidocaine, Ultram, Baclofen and rest'));
});

test('fuzzy: the best placement is found, not the first one', () => {
  // Greedy placement would take the "s" of "Massage" and miss the run "spine".
  const t = 'Massage of the spine';
  assert.ok((fuzzyScore('spine', t) ?? 0) >= (fuzzyScore('spine', 'spine') ?? 0) - 5);
});

/** Every placement of the query, scored as fuzzy.ts documents it: the slow reference. */
function bruteForceScore(query: string, target: string): number | undefined {
  const alnum = (c: string) => /[A-Za-z0-9]/.test(c) || c.charCodeAt(0) > 127;
  const wordStart = (j: number) =>
    j === 0 || !alnum(target[j - 1]) || (/[A-Z]/.test(target[j]) && /[a-z]/.test(target[j - 1])) || /\d/.test(target[j]) !== /\d/.test(target[j - 1]);
  let best: number | undefined;
  const place = (i: number, from: number, previousAt: number, score: number): void => {
    if (i === query.length) {
      best = best === undefined ? score : Math.max(best, score);
      return;
    }
    for (let j = from; j < target.length; j++) {
      if (target[j].toLowerCase() !== query[i].toLowerCase()) continue;
      let here = 1 + (wordStart(j) ? 8 : 0) + (j === 0 ? 4 : 0) + (target[j] === query[i] ? 1 : 0);
      if (i > 0 && previousAt === j - 1) here += 10;
      place(i + 1, j + 1, j, score + here);
    }
  };
  place(0, 0, -2, 0);
  return query.length === 0 ? 0 : best;
}

test('fuzzy: the scorer finds the best placement (against every placement, on random strings)', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const alphabet = 'abAB -1c';
  const word = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  for (let n = 0; n < 3000; n++) {
    const target = word(12);
    const query = normalizeQuery(word(5));
    const score = fuzzyScore(query, target);
    assert.equal(score, bruteForceScore(query, target), `query ${JSON.stringify(query)} in ${JSON.stringify(target)}`);
  }
});

// ---------------------------------------------------------------- globs

test('globs: files.exclude patterns on folder-relative paths', () => {
  const git = globMatcher('**/.git');
  assert.ok(git('.git') && git('a/.git') && git('a/b/.git'));
  assert.ok(!git('a/.github') && !git('x.git'));
  const top = globMatcher('build');
  assert.ok(top('build') && !top('src/build'));
  const logs = globMatcher('**/*.{log,tmp}');
  assert.ok(logs('x.log') && logs('a/b/x.tmp') && !logs('a/x.txt'));
  const under = globMatcher('archive/**');
  assert.ok(under('archive/2016/a.txt') && !under('other/archive/a.txt'));
  const one = globMatcher('letters/CM1?-*.txt');
  assert.ok(one('letters/CM16-0001.txt') && !one('letters/sub/CM16-0001.txt'));
  const range = globMatcher('**/draft[0-9].txt');
  assert.ok(range('a/draft1.txt') && !range('a/drafta.txt'));
  const negated = globMatcher('[!d]*.txt');
  assert.ok(negated('letter.txt') && !negated('draft.txt'));
  assert.ok(globMatcher('./out/')('out'));
  // Characters that mean something in a regular expression mean themselves in a glob.
  assert.ok(globMatcher('a+b (1).txt')('a+b (1).txt') && !globMatcher('a+b (1).txt')('aab (1).txt'));
});

test('globs: only entries set to true exclude; anything else excludes nothing', () => {
  const m = excludeMatcher({ '**/old': true, '**/keep': false, '**/maybe': { when: '$(basename).ts' }, '': true });
  assert.ok(m('x/old'));
  assert.ok(!m('x/keep') && !m('x/maybe') && !m('x/new'));
  for (const odd of [null, undefined, 'x', 3, ['**/old']]) assert.ok(!excludeMatcher(odd)('old'));
  assert.ok(excludeMatcher(DEFAULT_FILES_EXCLUDE)('sub/.git'));
});

// ---------------------------------------------------------------- URIs

test('URIs: one spelling for the same file, relative paths decoded', () => {
  assert.equal(canonicalUri('file:///data/letter%20(1).txt'), 'file:///data/letter%20%281%29.txt');
  assert.equal(canonicalUri('file:///data/letter%20%281%29.txt'), 'file:///data/letter%20%281%29.txt');
  assert.equal(canonicalUri('file:///C:/Letters/a.txt'), 'file:///c%3A/Letters/a.txt');
  assert.equal(canonicalUri('file:///c%3A/Letters/a.txt'), 'file:///c%3A/Letters/a.txt');
  assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  assert.equal(joinUri('file:///data', 'sub dir/ä (1).txt'), 'file:///data/sub%20dir/%C3%A4%20%281%29.txt');
  assert.equal(relativePath('file:///data/sub%20dir/a.txt', 'file:///data'), 'sub dir/a.txt');
  assert.equal(relativePath('file:///database/a.txt', 'file:///data'), undefined);
  assert.equal(fileNameOfUri('file:///data/sub%20dir/CM16-1.txt'), 'CM16-1.txt');
});

// ---------------------------------------------------------------- the index

const letters = corpusLetters();
const seed = letters.find((l) => l.name.startsWith('seeds/000_'))!;

function indexed(name: string, text: string, uri = `file:///ws/${name}`): IndexedLetter {
  return indexLetter(analyseText(uri, 1, text));
}

test('a letter summary: case number, items with outcome, regions, kind and the title range', () => {
  const letter = indexed('CM16-0249320.txt', letters.find((l) => l.name === 'letters/CM16-0249320.txt')!.text);
  assert.equal(letter.caseNumber, 'CM16-0249320');
  assert.ok(letter.items.length > 0);
  const knee = letter.items.find((i) => i.title === 'Left knee MRI without contrast');
  assert.ok(knee, JSON.stringify(letter.items.map((i) => i.title)));
  assert.equal(knee.name, 'Left knee MRI without contrast: Upheld');
  assert.equal(knee.outcome, 'Upheld');
  assert.deepEqual(knee.regions, ['knee']);
  assert.equal(knee.kind, 'imaging');
  const text = letters.find((l) => l.name === 'letters/CM16-0249320.txt')!.text;
  const line = text.split(/\r?\n/)[knee.range.start.line];
  assert.ok(line.slice(knee.range.start.character).startsWith('Left knee MRI'), line);
});

test('the seed letter: four items, named as in the outline, no case number in its older layout', () => {
  const letter = indexed('seed.txt', seed.text);
  assert.deepEqual(
    letter.items.map((i) => [i.name, i.kind]),
    [
      ['MRI of The Cervical Spine: Upheld', 'imaging'],
      ['MRI of The Lumbar Spine: Upheld', 'imaging'],
      ['Electromyography (EMG) of The Bilateral Upper Extremities: Upheld', 'other'],
      ['Nerve Conduction Velocity (NCV) of The Bilateral Upper Extremities: Upheld', 'other'],
    ],
  );
});

function corpusIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const l of letters) index.set(indexed(l.name.replace('/', '_'), l.text));
  return index;
}

test('search: every item and case number of the corpus can be found by its own name', () => {
  const index = corpusIndex();
  let checked = 0;
  for (const uri of index.uris()) {
    const letter = index.get(uri)!;
    for (const item of letter.items) {
      const found = index.search(item.name, 200);
      assert.ok(found.some((m) => m.uri === uri && m.kind === 'item' && m.name === item.name), `${item.name} not found among ${found.length}`);
      checked++;
    }
    if (letter.caseNumber) {
      // The same letter extracted twice (letters/ and reading-order/) has its case number twice.
      const found = index.search(letter.caseNumber, 5);
      assert.equal(found[0]?.name, letter.caseNumber);
      const own = found.find((m) => m.uri === uri);
      assert.equal(own?.kind, 'caseNumber');
      assert.equal(own?.name, letter.caseNumber);
      assert.equal(own?.container, fileNameOfUri(uri));
    }
  }
  assert.ok(checked >= 161, `checked ${checked}`);
});

test('search: ranked best first, limited, containers are case numbers or file names', () => {
  const index = corpusIndex();
  const all = index.search('mri');
  assert.ok(all.length > 20);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].score >= all[i].score, 'sorted by score');
  assert.ok(all.slice(0, 10).every((m) => /^MRI/i.test(m.name)), JSON.stringify(all.slice(0, 10).map((m) => m.name)));
  assert.equal(index.search('mri', 7).length, 7);
  const seedItems = index.search('cervical spine').filter((m) => m.uri.endsWith('seeds_000_302bd7f50b142580.txt'));
  assert.ok(seedItems.length > 0);
  assert.ok(seedItems.every((m) => m.container === 'seeds_000_302bd7f50b142580.txt'), 'no case number: the file name');
  const withCase = index.search('Left knee MRI').find((m) => m.name.startsWith('Left knee MRI'));
  assert.equal(withCase?.container, 'CM16-0249320');
  // Through the container: case number digits and a title word.
  const both = index.search('0249320 knee');
  assert.ok(both.some((m) => m.container === 'CM16-0249320' && m.name.startsWith('Left knee MRI')), JSON.stringify(both.slice(0, 5)));
  assert.deepEqual(index.search('zzzzqqq'), []);
  assert.equal(index.search('').length, index.itemCount + [...index.uris()].filter((u) => index.get(u)!.caseNumber).length);
});

test('groups: counts add up to the items, in display order; items of a group by letter', () => {
  const index = corpusIndex();
  const byOutcome = index.groups('outcome');
  assert.deepEqual(byOutcome.map((g) => g.id), ['Upheld', 'Overturned']);
  assert.equal(byOutcome.reduce((n, g) => n + g.count, 0), index.itemCount);
  assert.ok(byOutcome[0].count > byOutcome[1].count, 'most items are upheld');

  const byKind = index.groups('kind');
  assert.equal(byKind.reduce((n, g) => n + g.count, 0), index.itemCount);
  assert.deepEqual(byKind.map((g) => g.label), ['Imaging', 'Medication', 'Therapy', 'Surgery', 'Injection', 'Equipment', 'Other']);

  // An item naming two regions counts in both; one naming none under "No body region".
  const byRegion = index.groups('region');
  assert.ok(byRegion.reduce((n, g) => n + g.count, 0) >= index.itemCount);
  assert.equal(byRegion.at(-1)?.label, 'No body region');
  assert.ok(byRegion.some((g) => g.label === 'Low back'));

  for (const g of byKind) {
    const items = index.itemsOf('kind', g.id);
    assert.equal(items.length, g.count, g.label);
    assert.ok(items.every((x) => x.item.kind === g.id));
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].letter <= items[i].letter, 'ordered by letter');
  }
  const knees = index.itemsOf('region', 'knee');
  assert.ok(knees.length > 0 && knees.every((x) => x.item.regions.includes('knee')));
  assert.deepEqual(index.itemsOf('outcome', 'no such group'), []);
});

test('set replaces a letter, delete removes it; an empty index has no groups', () => {
  const index = new WorkspaceIndex();
  const uri = 'file:///ws/a.txt';
  index.set(indexed('a.txt', seed.text, uri));
  assert.equal(index.size, 1);
  assert.equal(index.itemCount, 4);
  const edited = seed.text.replace('MRI of The Cervical Spine: Upheld', 'MRI of The Cervical Spine: Overturned');
  index.set(indexed('a.txt', edited, uri));
  assert.equal(index.size, 1);
  assert.deepEqual(index.groups('outcome').map((g) => [g.id, g.count]), [['Upheld', 3], ['Overturned', 1]]);
  assert.ok(index.search('cervical').some((m) => m.name === 'MRI of The Cervical Spine: Overturned'));
  assert.ok(index.delete(uri));
  assert.equal(index.size, 0);
  assert.deepEqual(index.groups('kind'), []);
  assert.deepEqual(index.search(''), []);
});
