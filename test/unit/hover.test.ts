/** Hover: citations, outcomes, dates and abbreviations, on the samples, hand-made text and every corpus letter. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, type Analysis, type Range } from '../../server/src/core';
import { dateInWords, distanceInWords, escapeMarkdown, hoverAt } from '../../server/src/core/hover';
import { GLOSSARY, lookupAbbreviation } from '../../server/src/core/glossary';
import { corpusLetters, sample } from './support/corpus';

function analyse(text: string): Analysis {
  return analyseText('hover://letter', 1, text);
}

/** The hover at the `k`-th character of the n-th occurrence of `needle`. */
function hoverOn(a: Analysis, needle: string, k = 0, n = 0) {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = a.model.text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `fixture changed? occurrence ${n + 1} of ${JSON.stringify(needle)}`);
  }
  return { hover: hoverAt(a, a.lines.positionAt(at + k)), at: at + k };
}

function textOf(a: Analysis, r: Range): string {
  return a.model.text.slice(a.lines.offsetAt(r.start), a.lines.offsetAt(r.end));
}

test('outcome: Upheld means not authorized, Overturned authorized; the range is the outcome word', () => {
  const a = analyse(sample('clean-2017-layout.txt'));
  const upheld = hoverOn(a, 'Upheld', 2).hover;
  assert.ok(upheld);
  assert.equal(textOf(a, upheld.range), 'Upheld');
  assert.match(upheld.contents, /denial stands/);
  assert.match(upheld.contents, /\*\*not authorized\*\*/);
  assert.match(upheld.contents, /MRI of the right knee without contrast/);
  const overturned = hoverOn(a, 'Overturned', 0).hover;
  assert.ok(overturned);
  assert.equal(textOf(a, overturned.range), 'Overturned');
  assert.match(overturned.contents, /reversed/);
  assert.doesNotMatch(overturned.contents, /not authorized/);
});

test('outcome words in the prose of a rationale are not outcomes', () => {
  const text = sample('clean-2017-layout.txt').replace('Decision rationale: ', 'Decision rationale: The denial was Upheld before. ');
  const a = analyse(text);
  assert.equal(hoverOn(a, 'Upheld before', 1).hover, undefined);
});

test('ACOEM citation: chapter, 8 CCR section, region, sourced page span, cited pages, and the Claims Administrator field', () => {
  const a = analyse(sample('clean-older-layout.txt'));
  const { hover } = hoverOn(a, 'ACOEM Chapter 12', 8);
  assert.ok(hover);
  assert.match(textOf(a, hover.range), /^ACOEM Chapter 12 Low Back\s+Complaints Page\(s\): 303-304$/);
  const c = hover.contents;
  assert.match(c, /ACOEM Occupational Medicine Practice Guidelines, 2nd edition \(2004\)/);
  assert.match(c, /chapter 12, \*Low Back Complaints\*/);
  assert.match(c, /§ 9792\.23\.5/);
  assert.match(c, /Body region\*\*: low back/);
  assert.match(c, /pages 286-326 \(sourced: /);
  assert.match(c, /Pages cited\*\*: 303-304, inside the chapter's sourced span/);
  assert.match(c, /Claims Administrator's basis/);
});

test('the same chapter cited in the MAXIMUS field is the expert reviewer\'s basis', () => {
  const a = analyse(sample('clean-older-layout.txt'));
  const maximus = a.model.items[0]!.citations.find((c) => c.field === 'maximusGuideline' && c.kind === 'acoem');
  assert.ok(maximus);
  const hover = hoverAt(a, a.lines.positionAt(maximus.span.start + 3));
  assert.ok(hover);
  assert.match(hover.contents, /expert reviewer's basis/);
  assert.doesNotMatch(hover.contents, /Claims Administrator's basis/);
});

test('MTUS body-part part: estimated page span, ACOEM chapter number, sections; a general part has no region', () => {
  const a = analyse(sample('clean-2017-layout.txt'));
  const knee = hoverOn(a, 'Knee Complaints 2004', 2).hover;
  assert.ok(knee);
  assert.match(knee.contents, /^\*\*MTUS Knee Complaints 2004\*\*/);
  assert.match(knee.contents, /Medical Treatment Utilization Schedule/);
  assert.match(knee.contents, /ACOEM chapter 13, \*Knee Complaints\*, as adopted by the MTUS/);
  assert.match(knee.contents, /§ 9792\.23\.6/);
  assert.match(knee.contents, /about pages 327-357 \(estimated/);
  assert.doesNotMatch(knee.contents, /sourced:/);
  assert.match(knee.contents, /Section\(s\)\*\*: Special Studies/);
  const chronic = hoverOn(a, 'Chronic Pain Medical Treatment 2016', 2).hover;
  assert.ok(chronic);
  assert.match(chronic.contents, /§ 9792\.24\.2/);
  assert.match(chronic.contents, /Body region\*\*: none: general guidance/);
});

test('ODG citation: the full chapter name, no 8 CCR section, cited outside the MTUS', () => {
  const a = analyse(sample('clean-2017-layout.txt'));
  const { hover } = hoverOn(a, 'Knee and Leg Chapter', 2);
  assert.ok(hover);
  assert.match(hover.contents, /Official Disability Guidelines \(ODG\)/);
  assert.match(hover.contents, /Knee & Leg \(Acute & Chronic\)/);
  assert.match(hover.contents, /not part of the MTUS/);
  assert.match(hover.contents, /cited outside the MTUS/);
});

test('a chapter number cited with a page outside the sourced span says so', () => {
  const text = sample('clean-older-layout.txt').replace('Page(s): 303-304', 'Page(s): 177-178');
  const a = analyse(text);
  const { hover } = hoverOn(a, 'ACOEM Chapter 12', 3);
  assert.ok(hover);
  assert.match(hover.contents, /177-178, outside the chapter's sourced span/);
});

test('dates: in words, and their distance from the date of injury and the UR denial date', () => {
  const a = analyse(sample('clean-2017-layout.txt')); // injury 2016-08-14, UR denial 2017-01-19
  const denial = hoverOn(a, '01/19/2017', 4);
  assert.ok(denial.hover);
  assert.equal(textOf(a, denial.hover.range), '01/19/2017');
  assert.match(denial.hover.contents, /^\*\*Thursday, January 19, 2017\*\*/);
  assert.match(denial.hover.contents, /158 days \(5 months, 5 days\) after the date of injury \(Sunday, August 14, 2016\)/);
  assert.match(denial.hover.contents, /this is the UR denial date/);
  const injury = hoverOn(a, '08/14/2016', 0);
  assert.ok(injury.hover);
  assert.match(injury.hover.contents, /this is the date of injury/);
  assert.match(injury.hover.contents, /158 days \(5 months, 5 days\) before the UR denial date/);
});

test('dates written out in words and with dashes are read too', () => {
  const a = analyse(sample('clean-2017-layout.txt') + '\nSeen on September 5, 2016 and on 8-21-16.\n');
  const words = hoverOn(a, 'September 5, 2016', 10).hover;
  assert.ok(words);
  assert.equal(textOf(a, words.range), 'September 5, 2016');
  assert.match(words.contents, /22 days after the date of injury/);
  const dashes = hoverOn(a, '8-21-16', 2).hover;
  assert.ok(dashes);
  assert.match(dashes.contents, /Sunday, August 21, 2016/);
  assert.match(dashes.contents, /7 days after the date of injury/);
});

test('a letter without header dates still names the date in words', () => {
  const a = analyse('Seen on 02/29/2016 for a follow-up.\n');
  const { hover } = hoverOn(a, '02/29/2016', 1);
  assert.ok(hover);
  assert.match(hover.contents, /Monday, February 29, 2016/);
  assert.match(hover.contents, /names no date of injury or UR denial date/);
  assert.equal(hoverOn(a, 'follow-up', 1).hover, undefined, 'an ordinary word has no hover');
});

test('distanceInWords counts calendar months, clamps month ends, and says before or after', () => {
  assert.equal(distanceInWords('2016-10-30', '2016-10-20'), '10 days after');
  assert.equal(distanceInWords('2016-10-10', '2016-10-20'), '10 days before');
  assert.equal(distanceInWords('2016-10-20', '2016-10-20'), 'the same day as');
  assert.equal(distanceInWords('2017-01-31', '2016-11-30'), '62 days (2 months, 1 day) after');
  assert.equal(distanceInWords('2016-03-01', '2016-01-31'), '30 days (1 month, 1 day) after'); // Jan 31 + 1 month = Feb 29
  assert.equal(distanceInWords('2016-02-29', '2016-01-31'), '29 days (1 month) after');
  assert.equal(distanceInWords('2017-02-15', '2013-01-28'), '1,479 days (4 years, 18 days) after');
  assert.equal(distanceInWords('2013-01-28', '2017-02-15'), '1,479 days (4 years, 18 days) before');
  assert.equal(dateInWords('2000-01-01'), 'Saturday, January 1, 2000');
});

test('abbreviations from the glossary: exact case, plurals, hyphenated terms, spinal levels', () => {
  const a = analyse(
    'EMG/NCV of both arms. NSAIDs and DTRs noted; PR-2 dated. Non-MTUS Citation. L4-L5 disc. Seen by PM&R. ' +
      'The emg was normal. C9 and L6 are not levels.\n',
  );
  const cases: Array<[string, number, string, RegExp]> = [
    ['EMG/NCV', 1, 'EMG', /Electromyography/],
    ['EMG/NCV', 5, 'NCV', /Nerve conduction velocity/],
    ['NSAIDs', 5, 'NSAIDs', /Nonsteroidal anti-inflammatory drug/],
    ['DTRs', 0, 'DTRs', /Deep tendon reflex/],
    ['PR-2', 3, 'PR-2', /Progress Report/],
    ['Non-MTUS', 6, 'MTUS', /Medical Treatment Utilization Schedule/],
    ['L4-L5', 0, 'L4', /fourth lumbar vertebra/],
    ['L4-L5', 4, 'L5', /fifth lumbar vertebra/],
    ['PM&R', 2, 'PM&R', /Physical medicine and rehabilitation/],
  ];
  for (const [needle, k, word, meaning] of cases) {
    const { hover } = hoverOn(a, needle, k);
    assert.ok(hover, `a hover on ${word} in ${needle}`);
    assert.equal(textOf(a, hover.range), word, `range of ${word}`);
    assert.match(hover.contents, meaning, word);
  }
  assert.equal(hoverOn(a, 'emg', 1).hover, undefined, 'lower case is an ordinary word');
  assert.equal(hoverOn(a, 'C9', 0).hover, undefined);
  assert.equal(hoverOn(a, 'L6', 0).hover, undefined);
  assert.equal(hoverOn(a, 'Non-MTUS', 1).hover, undefined, '"Non" is not an abbreviation');
});

test('the glossary: one entry per term, each with an expansion and a definition; the terms the brief names are there', () => {
  const seen = new Set<string>();
  for (const e of GLOSSARY) {
    for (const t of [e.term, ...(e.aliases ?? [])]) {
      assert.ok(!seen.has(t), `${t} defined twice`);
      seen.add(t);
      assert.equal(lookupAbbreviation(t), e);
    }
    assert.ok(e.expansion.length > 2 && e.definition.length > 10, e.term);
  }
  for (const t of ['EMG', 'NCV', 'NCS', 'SLR', 'DTR', 'DTRs', 'DDD', 'TENS', 'UR', 'PT', 'OT', 'ORIF', 'ESI', 'MRI', 'CT', 'FCE', 'DME', 'CPMTG', 'ODG', 'ACOEM', 'MTUS', 'PM&R']) {
    assert.ok(lookupAbbreviation(t), `${t} is in the glossary`);
  }
});

test('corpus: the frequent abbreviations of the real letters all have a hover', () => {
  const letters = corpusLetters();
  const found = new Map<string, number>();
  for (const l of letters) {
    const a = analyse(l.text);
    for (const m of l.text.matchAll(/(?<![A-Za-z0-9&-])(MTUS|MRI|IMR|ODG|UR|ACOEM|NSAIDs|CT|EMG|PT|TENS|NCS|NCV|GI|EEG|ER|VAS|ADL|CRPS|SLAP|DME|SLR|OT|DDD|DTRs|ORIF|RFA|EKG|SSEP)(?![A-Za-z0-9&])/g)) {
      const offset = m.index;
      const hover = hoverAt(a, a.lines.positionAt(offset));
      if (!hover) continue;
      if (textOf(a, hover.range) === m[1]) found.set(m[1]!, (found.get(m[1]!) ?? 0) + 1);
    }
  }
  // Inside a citation the citation's hover wins, so count the term anywhere it is not part of one.
  for (const t of ['MTUS', 'MRI', 'IMR', 'ODG', 'UR', 'ACOEM', 'NSAIDs', 'CT', 'EMG', 'PT', 'TENS', 'NCS', 'NCV', 'SLR', 'OT', 'DDD', 'DTRs', 'ORIF']) {
    assert.ok((found.get(t) ?? 0) > 0, `${t} hovered somewhere in the corpus (${JSON.stringify([...found])})`);
  }
});

test('corpus: every outcome and every citation has its hover, and a hover range holds its position', () => {
  let outcomes = 0;
  let citations = 0;
  for (const l of corpusLetters()) {
    const a = analyse(l.text);
    for (const item of a.model.items) {
      if (item.outcome && item.outcomeSpan) {
        const h = hoverAt(a, a.lines.positionAt(item.outcomeSpan.start));
        assert.ok(h && h.contents.startsWith(`**${item.outcome}**`), `${l.name}: outcome of ${item.shortTitle}`);
        outcomes++;
      }
      for (const c of item.citations) {
        const h = hoverAt(a, a.lines.positionAt(c.span.start));
        assert.ok(h, `${l.name}: citation ${c.text}`);
        assert.match(h.contents, /\*\*Used for\*\*: the (Claims Administrator|expert reviewer)'s basis/, `${l.name}: ${c.text}`);
        citations++;
      }
    }
    // Every 97th character: the hover, when there is one, covers it.
    for (let o = 0; o < l.text.length; o += 97) {
      const h = hoverAt(a, a.lines.positionAt(o));
      if (!h) continue;
      const start = a.lines.offsetAt(h.range.start);
      const end = a.lines.offsetAt(h.range.end);
      assert.ok(start <= o && o < end, `${l.name}: hover at ${o} has range ${start}-${end}`);
      assert.ok(h.contents.trim().length > 0);
    }
  }
  assert.ok(outcomes >= 160 && citations > 300, `${outcomes} outcomes, ${citations} citations`);
});

test('letter text in a hover cannot inject Markdown', () => {
  assert.equal(escapeMarkdown('a*b_c [x](y) <img> `z`\n|'), 'a\\*b\\_c \\[x\\](y) \\<img\\> \\`z\\` \\|');
  const a = analyse(sample('clean-2017-layout.txt').replace('MRI of the right knee without contrast', 'MRI of the *right* knee [x](http://e)'));
  const { hover } = hoverOn(a, 'Upheld', 0);
  assert.ok(hover);
  assert.match(hover.contents, /MRI of the \\\*right\\\* knee \\\[x\\\]\(http:\/\/e\)/);
});

test('positions outside the text, an empty document and odd characters give no hover and no error', () => {
  const empty = analyse('');
  assert.equal(hoverAt(empty, { line: 0, character: 0 }), undefined);
  const a = analyse(sample('crlf-nonascii.txt'));
  assert.equal(hoverAt(a, { line: 10_000, character: 3 }), undefined);
  for (let o = 0; o < a.model.text.length; o += 13) hoverAt(a, a.lines.positionAt(o));
  const odd = analyse('\u0000\ufeff\r\r\n\u2028EMG\u00a0MRI\r');
  const h = hoverAt(odd, odd.lines.positionAt(odd.model.text.indexOf('MRI')));
  assert.ok(h);
  assert.match(h.contents, /Magnetic resonance imaging/);
});
