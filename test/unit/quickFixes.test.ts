/** Each quick fix applied to the text and the letter checked again: the finding is gone, nothing new appears. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, quickFixes, LineIndex, type Finding, type TextEdit } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { corpusLetters, sample } from './support/corpus';

const DEFAULTS = { enabled: true, rules: {} };

function check(text: string): Finding[] {
  return computeDiagnostics(analyseText('fix://letter', 1, text), DEFAULTS);
}

function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Applies the preferred fix (or the first) of every finding with `code`, one at a time, re-checking after each. */
function fixAll(text: string, code: string): { text: string; fixed: number; titles: string[] } {
  let current = text;
  let fixed = 0;
  const titles: string[] = [];
  for (let guard = 0; guard < 50; guard++) {
    const analysis = analyseText('fix://letter', guard, current);
    const finding = computeDiagnostics(analysis, DEFAULTS).find((f) => f.code === code);
    if (!finding) break;
    const fixes = quickFixes(analysis, finding);
    assert.ok(fixes.length > 0, `a fix is offered for ${code}: ${finding.message}`);
    const fix = fixes.find((f) => f.preferred) ?? fixes[0];
    titles.push(fix.title);
    current = apply(current, fix.edits);
    fixed++;
  }
  return { text: current, fixed, titles };
}

function codes(text: string): string[] {
  return check(text).map((f) => f.code);
}

test('drafting-problems sample: each fix removes its finding and adds none', () => {
  const text = sample('drafting-problems.txt');
  const analysis = analyseText('fix://letter', 1, text);
  const before = computeDiagnostics(analysis, DEFAULTS);
  assert.equal(before.length, 3);
  for (const finding of before) {
    const fixes = quickFixes(analysis, finding);
    assert.ok(fixes.length > 0, `a fix is offered for ${finding.code}`);
    const fix = fixes.find((f) => f.preferred) ?? fixes[0];
    const after = check(apply(text, fix.edits));
    assert.ok(!after.some((f) => f.message === finding.message), `"${fix.title}" removes: ${finding.message}`);
    const others = before.filter((f) => f !== finding).map((f) => f.message);
    const added = after.filter((f) => !others.includes(f.message));
    // An inserted field label is empty until the reviewer writes the field: that, and only that, is reported.
    if (finding.code === 'missing-field') {
      assert.deepEqual(added.map((f) => f.message), ['The "MAXIMUS guideline:" field of "MRI of the right shoulder without contrast" is empty.']);
    } else {
      assert.deepEqual(added, [], `"${fix.title}" adds nothing`);
    }
  }
});

test('outcome-contradiction fix sets the outcome the rationale supports', () => {
  const text = sample('drafting-problems.txt');
  const { titles, text: after } = fixAll(text, 'outcome-contradiction');
  assert.deepEqual(titles, ['Change the outcome to Overturned']);
  assert.match(after, /for the cervical spine: Overturned/);
});

test('missing-outcome fix prefers the outcome the rationale concludes', () => {
  const text = sample('drafting-problems.txt');
  const analysis = analyseText('fix://letter', 1, text);
  const finding = computeDiagnostics(analysis, DEFAULTS).find((f) => f.code === 'missing-outcome')!;
  const fixes = quickFixes(analysis, finding);
  assert.deepEqual(
    fixes.map((f) => [f.title, f.preferred]),
    [
      // The rationale concludes "is not medically necessary".
      ['Add the outcome Upheld', true],
      ['Add the outcome Overturned', false],
    ],
  );
});

test('missing-section fix inserts the heading where it belongs', () => {
  const text = sample('missing-section.txt');
  const { text: after, fixed } = fixAll(text, 'missing-section');
  assert.equal(fixed, 1);
  assert.deepEqual(codes(after), []);
  const model = analyseText('x', 1, after).model;
  assert.deepEqual(
    model.sections.map((s) => s.kind),
    ['howMade', 'clinicalSummary', 'issues'],
  );
});

test('chapter-mismatch fix cites the chapter for the item region, in MTUS and ODG citations', () => {
  const text = sample('chapter-mismatch.txt');
  const analysis = analyseText('fix://letter', 1, text);
  const findings = computeDiagnostics(analysis, DEFAULTS).filter((f) => f.code === 'chapter-mismatch');
  const knee = quickFixes(analysis, findings[0]);
  assert.deepEqual(knee.map((f) => [f.title, f.preferred]), [['Cite MTUS Knee Complaints 2004 instead', true]]);
  const upper = quickFixes(analysis, findings[1]).map((f) => f.title);
  assert.ok(upper.includes('Cite ODG Neck and Upper Back instead'), upper.join(', '));
  const { text: after, fixed } = fixAll(text, 'chapter-mismatch');
  assert.equal(fixed, 2);
  assert.deepEqual(codes(after), []);
});

test('every chapter mismatch in the corpus gets a fix that removes it', () => {
  let total = 0;
  for (const letter of corpusLetters()) {
    const before = check(letter.text).filter((f) => f.code === 'chapter-mismatch').length;
    if (before === 0) continue;
    const { text, fixed } = fixAll(letter.text, 'chapter-mismatch');
    assert.equal(fixed, before, letter.name);
    assert.equal(check(text).filter((f) => f.code === 'chapter-mismatch').length, 0, letter.name);
    total += fixed;
  }
  assert.equal(total, 14);
});

test('fixes for a finding that no longer matches the text are empty, not wrong', () => {
  const analysis = analyseText('x', 1, sample('clean-2017-layout.txt'));
  assert.deepEqual(quickFixes(analysis, { code: 'chapter-mismatch', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } }), []);
  assert.deepEqual(quickFixes(analysis, { code: 'missing-outcome', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, data: null }), []);
  assert.deepEqual(quickFixes(analysis, { code: 'no-such-rule', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }), []);
});
