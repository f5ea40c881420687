/**
 * The line building of PDF extraction (server/src/pdf/layout.ts) on hand-made text runs: what
 * the three writers of the corpus letters do (a header table painted cell by cell, values a
 * tenth of a point below their labels, tabs as wide gaps), and what other letters may do (two
 * columns, runs in any order).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutText, pageAt, type TextRun } from '../../server/src/pdf/layout';

/** A run of 12-point text whose width is 6 points per character (a 6-point grid column). */
function run(str: string, x: number, y: number, extra: Partial<TextRun> = {}): TextRun {
  return { str, x, y, width: str.length * 6, size: 12, page: 1, ...extra };
}

const lines = (text: string) => text.split('\n');

test('one line: runs ordered left to right, a word gap as one space, touching runs joined', () => {
  const { text } = layoutText([run('world', 72 + 6 * 6, 700), run('Hello', 72, 700), run('!', 72 + 11 * 6, 700)]);
  // "Hello" ends at 102, "world" starts at 108 (a word space), "!" starts where "world" ends.
  assert.equal(text, 'Hello world!\n\n');
});

test('lines top to bottom by baseline, whatever order the runs come in', () => {
  const { text } = layoutText([run('third', 72, 672.4), run('first', 72, 700), run('second', 72, 686.2)]);
  assert.deepEqual(lines(text), ['first', 'second', 'third', '', '']);
});

test('a header table row: values a tenth of a point lower than their labels, tab gaps kept as columns', () => {
  // A 5-point grid (the cells' glyph width): the value cells at 180 and 430 points stand in grid
  // columns 22 and 72, "Date of Injury:" at 330 in column 52.
  // As Word paints it: each label, a blank run across the tab, the value 0.12 pt lower; the second
  // row's "Application" cell wraps its label onto the next line ("Received:") and its value comes last.
  const size = 11.04;
  const cell = (str: string, x: number, y: number) => run(str, x, y, { size, width: str.length * 5 });
  const { text } = layoutText([
    cell('Date Assigned:', 72, 675.58),
    cell(' ', 142, 675.58),
    cell('11/30/2016', 180, 675.46),
    cell('Date of Injury:', 330, 675.58),
    cell('10/11/2016', 430, 675.46),
    cell('Priority:', 72, 662.38),
    cell('Standard', 180, 662.26),
    cell('Application', 330, 662.38),
    cell('', 330, 649.66),
    cell('Received:', 330, 649.66),
    cell('11/21/2016', 430, 662.26),
  ]);
  assert.deepEqual(lines(text), [
    'Date Assigned:        11/30/2016                    Date of Injury:     10/11/2016',
    'Priority:             Standard                      Application         11/21/2016',
    '                                                    Received:',
    '',
    '',
  ]);
  // What the parser needs of a table row: label and value apart by two spaces or more.
  assert.match(lines(text)[0], /Date Assigned: {2,}11\/30\/2016 {2,}Date of Injury: {2,}10\/11\/2016/);
});

test('two columns on the same baselines: one line each, the right column at its grid column', () => {
  const { text } = layoutText([
    run('Left column one', 72, 700),
    run('Left two', 72, 686),
    run('Right column one', 318, 700),
    run('Right two', 318, 686),
  ]);
  // 246 points right of the margin: grid column 41 (6-point columns).
  assert.deepEqual(lines(text), [`${'Left column one'.padEnd(41)}Right column one`, `${'Left two'.padEnd(41)}Right two`, '', '']);
});

test('a column gap leaves two spaces at least, even where the grid column is already reached', () => {
  // Wide glyphs in "Claims" make the grid (the page's average glyph width) 8 points: "Claims"
  // ends at 132, "Admin" follows a word space later, "X" stands 10 points (more than 0.8 em)
  // after it, in grid column 13, which the twelve characters before it nearly reach.
  const { text } = layoutText([run('Claims', 72, 700, { width: 60 }), run('Admin', 138, 700), run('X', 178, 700)]);
  assert.equal(lines(text)[0], 'Claims Admin  X');
});

test('a hyphenated line end stays as it is: "Non-" ends its line, the next line goes on', () => {
  const { text } = layoutText([
    run('Decision based on Non-', 72, 500),
    run('MTUS Citation Official Disability Guidelines', 72, 486.2),
  ]);
  assert.deepEqual(lines(text), ['Decision based on Non-', 'MTUS Citation Official Disability Guidelines', '', '']);
});

test('paragraph spacing: two line heights or more leave one empty line; more space, no more than two', () => {
  const { text } = layoutText([
    run('Review determinations.', 72, 491.64),
    run('The Expert Reviewer has the following credentials:', 72, 464.04), // 27.6 pt: two lines
    run('Certification(s)/Specialty: Family Practice', 72, 450.24), // 13.8 pt: the next line
    run('CLINICAL CASE SUMMARY', 222, 415.44), // 34.8 pt, 2.5 lines: still one empty line
    run('Signature', 72, 100), // far below: two empty lines at most
  ]);
  assert.deepEqual(lines(text), [
    'Review determinations.',
    '',
    'The Expert Reviewer has the following credentials:',
    'Certification(s)/Specialty: Family Practice',
    '',
    '                         CLINICAL CASE SUMMARY', // 150 points in: 25 columns of 6
    '',
    '',
    'Signature',
    '',
    '',
  ]);
});

test('a page break: each page ends with one extra newline, page starts point at each page', () => {
  const result = layoutText([
    run('page two, first line', 72, 720, { page: 2 }),
    run('page one, last line', 72, 100, { page: 1 }),
    run('page one, first line', 72, 720, { page: 1 }),
  ]);
  // 620 points between page one's lines: the two empty lines at most.
  assert.equal(result.text, 'page one, first line\n\n\npage one, last line\n\npage two, first line\n\n');
  assert.equal(result.pages, 2);
  assert.deepEqual(result.pageStarts, [0, result.text.indexOf('page two')]);
  assert.equal(pageAt(result.pageStarts, 0), 1);
  assert.equal(pageAt(result.pageStarts, result.text.indexOf('last line')), 1);
  assert.equal(pageAt(result.pageStarts, result.pageStarts[1] - 1), 1); // the page break is page 1's
  assert.equal(pageAt(result.pageStarts, result.pageStarts[1]), 2);
  assert.equal(pageAt(result.pageStarts, result.text.length + 10), 2);
});

test('an empty page keeps its page break and its place in the page starts', () => {
  const result = layoutText([run('one', 72, 700, { page: 1 }), run('three', 72, 700, { page: 3 })], 4);
  assert.equal(result.text, 'one\n\n\nthree\n\n\n');
  assert.deepEqual(result.pageStarts, [0, 5, 6, 13]);
  assert.equal(result.pages, 4);
  assert.equal(pageAt(result.pageStarts, result.text.indexOf('three')), 3);
});

test('a superscript and a slightly lower baseline stay on their line', () => {
  const { text } = layoutText([
    run('On the 4', 72, 700),
    run('th', 120, 704, { size: 7, width: 7 }),
    run(' of May', 127, 700),
    run('value', 200, 699.9),
  ]);
  assert.match(lines(text)[0], /^On the 4th of May {2,}value$/);
  assert.equal(lines(text)[1], '');
});

test('blank and empty runs only carry a position; a string painted twice in place is shown once', () => {
  const { text } = layoutText([run('', 72, 700), run('   ', 72, 700), run('Bold', 100, 700), run('Bold', 100.3, 700), run(' ', 130, 700)]);
  assert.equal(text, 'Bold\n\n');
});

test('no runs: one page break per page, or the empty text', () => {
  assert.deepEqual(layoutText([], 2), { text: '\n\n', pageStarts: [0, 1], pages: 2 });
  assert.deepEqual(layoutText([]), { text: '', pageStarts: [], pages: 0 });
  assert.equal(pageAt([], 5), 1);
});
