/**
 * Random documents built from letter fragments, odd white space and junk, and
 * random mutations of real letters: the analysis returns, and everything it
 * returns is well formed. Seeded, so a failure names a reproducible case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, outlineRanges, type Range } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { documentSymbols } from '../../server/src/core/symbols';
import { corpusLetters } from './support/corpus';

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const FRAGMENTS = [
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  'CLINICAL CASE SUMMARY',
  'IMR ISSUES, DECISIONS AND RATIONALES',
  'The Final Determination was based on decisions for the disputed items/services set forth below:',
  'Claims Administrator guideline:',
  'MAXIMUS guideline:',
  'Decision rationale:',
  ': Upheld',
  ': Overturned',
  'Upheld',
  'Overturned',
  'Case Number:',
  'Date Assigned:',
  'Application',
  'Received:',
  'CM16-0249320',
  '12/05/2016',
  'Decision based on MTUS ',
  'Decision based on Non-MTUS Citation ',
  'ACOEM Chapter 12 Low Back Complaints Page(s): 303-304.',
  'Knee Complaints 2004, Section(s): Special Studies, and ',
  'Official Disability Guidelines (ODG) Low Back, ',
  'http://www.odg-twc.com/odgtwc/Low_Back.html',
  'was the original request. ',
  'The remaining IMR eligible portion of the original request, ',
  ' is not medically necessary.',
  ' is medically necessary.',
  'MRI of the left knee',
  'EMG of the bilateral upper extremities',
];
const SPACES = [' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n\n', '\u00a0', '\f', '\u000b', '\u2028', '\ufeff', '\u3000'];

function randomDocument(random: () => number): string {
  const parts: string[] = [];
  const n = Math.floor(random() * 80);
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.45) parts.push(FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]);
    else if (r < 0.75) parts.push(SPACES[Math.floor(random() * SPACES.length)]);
    else if (r < 0.9) parts.push(String.fromCharCode(Math.floor(random() * 0x10000)));
    else parts.push('word'.repeat(Math.floor(random() * 4)));
  }
  return parts.join('');
}

function mutate(text: string, random: () => number): string {
  const lines = text.split('\n');
  const edits = 1 + Math.floor(random() * 6);
  for (let e = 0; e < edits && lines.length > 0; e++) {
    const i = Math.floor(random() * lines.length);
    const r = random();
    if (r < 0.25) lines.splice(i, 1);
    else if (r < 0.45) lines.splice(i, 0, lines[Math.floor(random() * lines.length)]);
    else if (r < 0.6) lines.splice(i, 0, FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]);
    else if (r < 0.75) lines[i] = lines[i].slice(0, Math.floor(random() * lines[i].length));
    else if (r < 0.85) lines.length = i;
    else {
      const j = Math.floor(random() * lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
  }
  return lines.join('\n');
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function inside(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

interface Ranged {
  name: string;
  range: Range;
  selectionRange: Range;
  children: Ranged[];
}

function checkWellFormed(text: string, label: string): void {
  const analysis = analyseText('fuzz://doc', 1, text);
  const lineCount = analysis.lines.lineCount;
  const valid = (r: Range) => before(r.start, r.end) && r.end.line < lineCount && r.start.line >= 0 && r.start.character >= 0;
  for (const item of analysis.model.items) {
    assert.ok(item.span.start >= 0 && item.span.start <= item.span.end && item.span.end <= text.length, `${label}: item span`);
    for (const c of item.citations) assert.ok(c.span.start <= c.span.end && c.span.end <= text.length, `${label}: citation span`);
  }
  // The outline as the protocol gets it: spans converted to ranges.
  const walk = (symbols: Ranged[], parent?: Range) => {
    for (const s of symbols) {
      assert.ok(valid(s.range) && valid(s.selectionRange), `${label}: symbol ranges valid`);
      assert.ok(inside(s.range, s.selectionRange), `${label}: selection inside range of ${s.name}`);
      if (parent) assert.ok(inside(parent, s.range), `${label}: child ${s.name} inside parent`);
      assert.ok(s.name.length > 0, `${label}: symbol names are not empty`);
      walk(s.children, s.range);
    }
  };
  walk(outlineRanges(documentSymbols(analysis), analysis.lines, (s, range, selectionRange, children: Ranged[]) => ({ name: s.name, range, selectionRange, children })));
  const findings = computeDiagnostics(analysis, { enabled: true, rules: {} });
  for (let k = 0; k < findings.length; k++) {
    assert.ok(valid(findings[k].range), `${label}: finding range valid`);
    if (k > 0) assert.ok(before(findings[k - 1].range.start, findings[k].range.start), `${label}: findings sorted`);
  }
}

test('random documents from letter fragments, white space and junk', { timeout: 60_000 }, () => {
  const random = prng(20261121);
  for (let n = 0; n < 1500; n++) checkWellFormed(randomDocument(random), `random case ${n}`);
});

test('random mutations of the corpus letters', { timeout: 60_000 }, () => {
  const letters = corpusLetters();
  const random = prng(4610);
  for (let n = 0; n < 1000; n++) {
    const letter = letters[n % letters.length];
    checkWellFormed(mutate(letter.text, random), `mutation ${n} of ${letter.name}`);
  }
});

test('a very long single line and a letter with thousands of items', { timeout: 60_000 }, () => {
  checkWellFormed('x'.repeat(2_000_000) + ': Upheld', 'long line');
  const item = 'MRI of the left knee: Upheld\nClaims Administrator guideline: Decision based on MTUS Knee Complaints 2004.\nMAXIMUS guideline: None.\nDecision rationale: It is not medically necessary.\n';
  const text = 'IMR ISSUES, DECISIONS AND RATIONALES\n' + item.repeat(5000);
  const analysis = analyseText('fuzz://many', 1, text);
  assert.equal(analysis.model.items.length, 5000);
  checkWellFormed(text, 'many items');
});
