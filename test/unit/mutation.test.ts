/**
 * Mutation test of the rules: every corpus letter is broken on purpose in one
 * way (a heading removed, a field label removed, a body-part chapter swapped
 * for another region's, an outcome flipped) and re-checked. A mutation is
 * caught when the rule meant for it reports a finding the unbroken letter did
 * not have. The share caught per rule is printed, and must be complete.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, type Finding } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { regionsIn } from '../../server/src/core/guidelines';
import { corpusLetters } from './support/corpus';

interface Mutant {
  rule: string;
  text: string;
}

const check = (text: string): Finding[] => computeDiagnostics(analyseText('mutant', 1, text), { enabled: true, rules: {} });
const key = (f: Finding) => `${f.code}|${f.message}`;

/** Body-part MTUS parts by region, to swap an item's own part for another region's. */
const OTHER_PART: Record<string, string> = {
  knee: 'Low Back Complaints',
  lowBack: 'Knee Complaints',
  neck: 'Low Back Complaints',
  shoulder: 'Knee Complaints',
  forearmWristHand: 'Low Back Complaints',
};
const OWN_PART = /\b(Low Back Complaints|Knee Complaints|Neck and Upper Back Complaints|Shoulder Complaints|Forearm, Wrist, and Hand Complaints)\b/;

function mutants(text: string): Mutant[] {
  const out: Mutant[] = [];
  const analysis = analyseText('letter', 1, text);
  const { model } = analysis;
  for (const s of model.sections) {
    out.push({ rule: 'missing-section', text: text.slice(0, s.headingSpan.start) + text.slice(s.headingSpan.end) });
  }
  for (const item of model.items) {
    for (const f of item.fieldList) {
      out.push({ rule: 'missing-field', text: text.slice(0, f.labelSpan.start) + text.slice(f.labelSpan.end) });
    }
    if (item.outcome && item.outcomeSpan) {
      const flipped = item.outcome === 'Upheld' ? 'Overturned' : 'Upheld';
      out.push({ rule: 'outcome-contradiction', text: text.slice(0, item.outcomeSpan.start) + flipped + text.slice(item.outcomeSpan.end) });
      out.push({ rule: 'missing-outcome', text: text.slice(0, item.outcomeSpan.start) + text.slice(item.outcomeSpan.end) });
    }
    // Swap the MAXIMUS field's own body-part part for another region's, where the title names one region.
    const regions = regionsIn(item.title);
    const maximus = item.fields.maximusGuideline;
    if (regions.length === 1 && OTHER_PART[regions[0]] && maximus) {
      const value = text.slice(maximus.valueSpan.start, maximus.valueSpan.end);
      const m = OWN_PART.exec(value);
      if (m && m[1] !== OTHER_PART[regions[0]]) {
        const at = maximus.valueSpan.start + m.index;
        out.push({ rule: 'chapter-mismatch', text: text.slice(0, at) + OTHER_PART[regions[0]] + text.slice(at + m[1].length) });
      }
    }
  }
  return out;
}

test('mutation test: every rule catches every mutation made for it', () => {
  const tally = new Map<string, { made: number; caught: number; missed: string[] }>();
  for (const letter of corpusLetters()) {
    const before = new Set(check(letter.text).map(key));
    for (const mutant of mutants(letter.text)) {
      const t = tally.get(mutant.rule) ?? { made: 0, caught: 0, missed: [] };
      t.made++;
      const fresh = check(mutant.text).filter((f) => !before.has(key(f)));
      if (fresh.some((f) => f.code === mutant.rule)) t.caught++;
      else t.missed.push(letter.name);
      tally.set(mutant.rule, t);
    }
  }
  const rows = [...tally.entries()].map(([rule, t]) => `${rule.padEnd(24)} ${String(t.caught).padStart(5)} / ${String(t.made).padEnd(5)} ${((100 * t.caught) / t.made).toFixed(1)}%`);
  console.log(['mutation test (corpus letters)', 'rule                      caught / made', ...rows].join('\n'));
  for (const [rule, t] of tally) {
    assert.ok(t.made > 0, `no mutations made for ${rule}`);
    assert.deepEqual(t.missed, [], `${rule} missed mutations in these letters`);
  }
});
