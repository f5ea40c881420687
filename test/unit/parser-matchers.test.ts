/**
 * The parser's line patterns (headings, field labels, outcome words), folding,
 * and the citations shared between repeated guideline values, checked against
 * the per-field parsing they stand for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDetermination } from '../../server/src/core/parser';
import { looksLikeDetermination } from '../../server/src/core/detect';
import { parseCitations } from '../../server/src/core/citations';
import { asciiLowerCase, fold, foldedText, hasNul, sourceOffset, type FoldedText } from '../../server/src/core/text';

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** White space as folding sees it. */
const isFoldedSpace = (c: string) => /[\t-\r \xa0]/.test(c);

/** The checks of one fold: every folded character maps back to its source, nothing is left to fold, nothing is lost. */
function checkFold(s: string, start: number, end: number, f: FoldedText): void {
  const where = JSON.stringify({ s, start, end });
  assert.equal(foldedText(s, start, end), f.text, where);
  assert.doesNotMatch(f.text, /^[\t-\r \xa0]|[\t-\r \xa0]$|[\t-\r\xa0]| {2}/, where);
  for (let i = 0; i < f.text.length; i++) {
    const at = sourceOffset(f, i);
    assert.ok(at >= start && at < end, where);
    if (f.text[i] === ' ') assert.ok(isFoldedSpace(s[at]), where);
    else assert.equal(s[at], f.text[i], where);
  }
  const letters = (t: string) => [...t].filter((c) => !isFoldedSpace(c)).join('');
  assert.equal(letters(f.text), letters(s.slice(start, end)), where);
}

test('fold maps every folded character back to its source, on random white space, hyphens and letters', () => {
  const alphabet = ['a', 'B', '-', ' ', ' ', '\t', '\n', '\r', '\r\n', '\u00a0', '\v', '\f', '\u2003', 'x'];
  const next = random(7);
  for (let n = 0; n < 3000; n++) {
    let s = '';
    const len = Math.floor(next() * 24);
    for (let k = 0; k < len; k++) s += alphabet[Math.floor(next() * alphabet.length)];
    const start = Math.floor(next() * (s.length + 1));
    const end = start + Math.floor(next() * (s.length - start + 1));
    const f = fold(s, start, end);
    checkFold(s, start, end, f);
    // What follows the range does not change the fold.
    assert.deepEqual(fold(s + ' \n x', start, end), f);
  }
});

test('asciiLowerCase makes A-Z small and leaves every other character, and so every offset, as it was', () => {
  assert.equal(asciiLowerCase('MRI of the LEFT Knee, C5-6'), 'mri of the left knee, c5-6');
  const other = '\u0130\u00c9\u0391\u212a 1-2 \u00e9';
  assert.equal(asciiLowerCase(other), other);
  for (const text of ['Ab\u0130Cd', 'KNEE\u00c9', '']) assert.equal(asciiLowerCase(text).length, text.length);
});

test('fold joins a word broken at a hyphen and a line break, and only there', () => {
  assert.equal(fold('Non-\n  MTUS', 0, 12).text, 'Non-MTUS');
  assert.equal(fold('Non- MTUS', 0, 9).text, 'Non- MTUS');
  assert.equal(fold('2- \r\nMTUS', 0, 10).text, '2- MTUS');
  assert.equal(fold('a  b\u2003c', 0, 6).text, 'a b\u2003c');
});

test('hasNul finds a NUL in one-byte and two-byte texts, wherever the first wide character stands', () => {
  const long = 'a'.repeat((1 << 20) + 10);
  for (const [text, want] of [
    ['', false],
    ['\u0000', true],
    ['abc', false],
    ['abc\u0000', true],
    ['\u2019abc', false],
    ['\u0000\u2019abc', true],
    ['\u2019abc\u0000', true],
    [long + '\u0000', true],
    [long + '\u2019', false],
    ['\u0000' + long + '\u2019', true],
    [long + '\u2019\u0000', true],
  ] as const) {
    assert.equal(hasNul(text), want, JSON.stringify(text.slice(0, 8)) + ' length ' + text.length);
  }
});

test('header values stop at a gap of any two white space characters', () => {
  for (const gap of ['  ', '\t\t', ' \u00a0', '\u3000\u2003', '\u00a0\u00a0']) {
    const text = `Case Number: CM99-0000001${gap}Date Assigned: 01/02/2015\nIMR ISSUES, DECISIONS AND RATIONALES\n`;
    const header = parseDetermination(text).header;
    assert.equal(header.caseNumber?.raw, 'CM99-0000001', JSON.stringify(gap));
    assert.equal(header.dateAssigned?.value, '2015-01-02', JSON.stringify(gap));
  }
});

const HEAD = ['Case Number: CM99-0000001', 'IMR ISSUES, DECISIONS AND RATIONALES', 'The Final Determination was based on decisions for the disputed items/services set forth below:'];

test('field labels in any case and spacing are found, each as the letter spells it', () => {
  const text = [
    ...HEAD,
    'Brace: Upheld',
    'claims   ADMINISTRATOR\tguideline : Decision based on MTUS Knee Complaints 2004.',
    'MAXIMUS guideline:Decision based on MTUS Knee Complaints 2004.',
    '  Decision  rationale: It is not medically necessary.',
    'Cane: Overturned',
    'Claims Administrator guidelines: not a label',
    'MAXIMUS guideline: Decision based on MTUS Knee Complaints 2004.',
  ].join('\n');
  const m = parseDetermination(text);
  assert.equal(m.items.length, 2);
  assert.deepEqual(
    m.items[0].fieldList.map((f) => [f.kind, f.label]),
    [
      ['claimsAdministratorGuideline', 'claims   ADMINISTRATOR\tguideline :'],
      ['maximusGuideline', 'MAXIMUS guideline:'],
      ['decisionRationale', 'Decision  rationale:'],
    ],
  );
  assert.deepEqual(
    m.items[1].fieldList.map((f) => f.kind),
    ['maximusGuideline'],
  );
  for (const item of m.items) for (const f of item.fieldList) assert.equal(text.slice(f.labelSpan.start, f.labelSpan.end), f.label);
});

test('headings match with any case, white space, optional comma and colon, and no more than that', () => {
  const variants: Array<[string, boolean]> = [
    ['IMR ISSUES, DECISIONS AND RATIONALES', true],
    ['imr   issues decisions\tand rationales :', true],
    ['   IMR ISSUES,DECISIONS AND RATIONALES', false],
    ['IMR ISSUES, DECISIONS AND RATIONALES below', false],
    ['Clinical Case Summary:', true],
    ['CLINICAL CASE SUMMARY.', false],
    ['How the IMR final determination was made', true],
  ];
  for (const [line, heading] of variants) {
    const m = parseDetermination(['Case Number: CM99-0000001', line, 'Some text.'].join('\n'));
    assert.equal(m.sections.length, heading ? 1 : 0, line);
  }
});

test('outcomes after a colon or alone after a line ending in a colon, any case', () => {
  const text = [
    ...HEAD,
    'Brace:\u00a0 UPHELD  ',
    'Claims Administrator guideline: Decision based on MTUS Knee Complaints 2004.',
    'Cane for the knee:',
    '  overturned',
    'MAXIMUS guideline: Decision based on MTUS Knee Complaints 2004.',
    'Walker was reupheld',
    'Decision rationale: It is medically necessary.',
  ].join('\n');
  const m = parseDetermination(text);
  assert.deepEqual(
    m.items.map((i) => [i.title, i.outcome, text.slice(i.outcomeSpan!.start, i.outcomeSpan!.end)]),
    [
      ['Brace', 'Upheld', 'UPHELD'],
      ['Cane for the knee', 'Overturned', 'overturned'],
    ],
  );
});

test('shared citations of repeated guideline values equal each field parsed on its own', () => {
  const value = 'Decision based on MTUS ACOEM Chapter 13 Knee Complaints, Page(s): 343-5; Decision based on Non-MTUS Citation ODG Knee Chapter, www.odg-twc.com/odgtwc/knee.htm';
  const items: string[] = [];
  for (let k = 0; k < 4; k++) {
    items.push(`Item ${k}: Upheld`, `Claims Administrator guideline: ${value}`, `MAXIMUS guideline:   ${value}`, 'Decision rationale: It is not medically necessary.', '');
  }
  const m = parseDetermination([...HEAD, ...items].join('\n'));
  assert.equal(m.items.length, 4);
  for (const item of m.items) {
    const alone = item.fieldList.filter((f) => f.kind !== 'decisionRationale').flatMap((f) => parseCitations(f));
    assert.deepEqual(item.citations, alone);
    for (const f of item.fieldList) assert.equal(f.text, fold(m.text, f.valueSpan.start, f.valueSpan.end).text);
  }
  assert.notEqual(m.items[0].citations[0].span.start, m.items[1].citations[0].span.start);
});

test('a NUL makes a text no letter when detection reads it, and is always a problem', () => {
  const letterText = ['Case Number: CM99-0000001', 'HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'Some text.'].join('\n');
  const short = letterText + '\u0000';
  assert.equal(looksLikeDetermination(short), false);
  assert.equal(parseDetermination(short).problems.length, 1);
  // Beyond the 64 KB detection reads, a NUL leaves the text a letter, but it is still noted.
  const long = letterText + '\n' + 'x'.repeat(70000) + '\u0000';
  assert.equal(looksLikeDetermination(long), true);
  assert.equal(parseDetermination(long).problems.length, 1);
  assert.equal(looksLikeDetermination(letterText), true);
  assert.equal(parseDetermination(letterText).problems.length, 0);
});

test('a field of many statements (remembered after the first few) cites each one as if it stood alone', () => {
  const statements = [
    'Decision based on MTUS ACOEM Chapter 12 Low Back Complaints, Page(s): 303-304.',
    'Decision based on MTUS Chronic Pain Medical Treatment Guidelines 2009, Section(s): Opioids, Weaning.',
    // The same statement broken over lines: another source text, read on its own (and remembered too).
    'Decision based on MTUS ACOEM Chapter 12\n   Low Back Complaints, Page(s): 303-304.',
    'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Knee & Leg, Continuous-flow cryotherapy.',
    'Decision based on Non-MTUS Citation http://www.odg-twc.com/odgtwc/low_back.htm',
    'Decision based on MTUS Knee Complaints 2004, and Chronic Pain Medical Treatment Guidelines 2009, Section(s): Physical Medicine.',
  ];
  const order: string[] = [];
  for (let k = 0; k < 60; k++) order.push(statements[(k * 7) % statements.length]);
  const head = 'MAXIMUS guideline: ';
  const letter = (body: string) =>
    `IMR ISSUES, DECISIONS AND RATIONALES\nMRI of the lumbar spine: Upheld\nClaims Administrator guideline: Decision based on MTUS.\n${head}${body}\nDecision rationale: Not necessary.\n`;
  const text = letter(order.join(' '));
  const many = parseDetermination(text).items[0].citations.filter((c) => c.field === 'maximusGuideline');
  // Each statement alone, at the offset it has in the long field.
  const expected = [];
  let offset = text.indexOf(head) + head.length;
  for (const s of order) {
    const alone = letter(s);
    const shift = offset - (alone.indexOf(head) + head.length);
    for (const c of parseDetermination(alone).items[0].citations.filter((x) => x.field === 'maximusGuideline')) {
      expected.push({ ...c, span: { start: c.span.start + shift, end: c.span.end + shift } });
    }
    offset += s.length + 1;
  }
  assert.ok(many.length >= 60, `${many.length} citations`);
  assert.deepEqual(JSON.parse(JSON.stringify(many)), JSON.parse(JSON.stringify(expected)));
  for (const c of many) assert.equal(fold(text, c.span.start, c.span.end).text, c.text);
});
