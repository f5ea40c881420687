import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDetermination } from '../../server/src/core/parser';
import { corpusLetters, VARIANTS } from './support/corpus';

/** A small letter in the 2016-17 layout, assembled from parts so each test changes one thing. */
function letter(parts: { header?: string; howMade?: string; summary?: string; issues?: string } = {}): string {
  const header =
    parts.header ??
    [
      'Case Number:          CM99-0000001',
      'Date Assigned:        01/04/2017                      Date of Injury:      11/21/2016',
      'Decision Date:        01/27/2017                      UR Denial Date:      12/16/2016',
      'Priority:             Standard                        Application          12/28/2016',
      '                                                      Received:',
    ].join('\n');
  const howMade =
    parts.howMade ??
    [
      '                 HOW THE IMR FINAL DETERMINATION WAS MADE',
      'MAXIMUS Federal Services sent the complete case file to an expert reviewer.',
      '',
      'The Expert Reviewer has the following credentials:',
      'State(s) of Licensure: California',
      'Certification(s)/Specialty: Orthopedic Surgery',
    ].join('\n');
  const summary = parts.summary ?? ['                                CLINICAL CASE SUMMARY', 'The patient is a 40 year old who hurt a knee.'].join('\n');
  const issues =
    parts.issues ??
    [
      '                      IMR ISSUES, DECISIONS AND RATIONALES',
      'The Final Determination was based on decisions for the disputed items/services set forth below:',
      '',
      'MRI of the left knee: Upheld',
      '',
      'Claims Administrator guideline: Decision based on MTUS Knee Complaints 2004, Section(s):',
      'Special Studies.',
      '',
      'MAXIMUS guideline: Decision based on MTUS Knee Complaints 2004, Section(s): Special Studies.',
      '',
      'Decision rationale: There are no red flags. The request is not medically necessary.',
    ].join('\n');
  return [header, '', howMade, '', summary, '', issues, ''].join('\n');
}

test('header table: values paired with labels on the same line, dates in ISO 8601', () => {
  const m = parseDetermination(letter());
  assert.equal(m.header.caseNumber?.value, 'CM99-0000001');
  assert.equal(m.header.dateAssigned?.value, '2017-01-04');
  assert.equal(m.header.dateOfInjury?.value, '2016-11-21');
  assert.equal(m.header.decisionDate?.value, '2017-01-27');
  assert.equal(m.header.urDenialDate?.value, '2016-12-16');
  assert.equal(m.header.applicationReceived?.value, '2016-12-28');
  assert.equal(m.header.priority?.value, 'Standard');
  assert.equal(m.header.licensure?.value, 'California');
  assert.equal(m.header.specialty?.value, 'Orthopedic Surgery');
  assert.equal(m.layout, 'layout');
});

test('header table in reading order: labels first, then values', () => {
  const header = [
    'Case Number:',
    'Date Assigned:',
    'Decision Date:',
    'Priority:',
    '',
    'CM99-0000002',
    '02/01/2017',
    '03/01/2017',
    'Expedited',
    '',
    'Date of Injury:',
    'UR Denial Date:',
    'Application',
    'Received:',
    '',
    '5/6/15',
    '01/10/2017',
    '01/20/2017',
  ].join('\n');
  const m = parseDetermination(letter({ header }));
  assert.equal(m.header.caseNumber?.value, 'CM99-0000002');
  assert.equal(m.header.dateAssigned?.value, '2017-02-01');
  assert.equal(m.header.decisionDate?.value, '2017-03-01');
  assert.equal(m.header.priority?.value, 'Expedited');
  assert.equal(m.header.dateOfInjury?.value, '2015-05-06');
  assert.equal(m.header.urDenialDate?.value, '2017-01-10');
  assert.equal(m.header.applicationReceived?.value, '2017-01-20');
});

test('sections in order with heading spans on the heading text', () => {
  const text = letter();
  const m = parseDetermination(text);
  assert.deepEqual(
    m.sections.map((s) => s.kind),
    ['howMade', 'clinicalSummary', 'issues'],
  );
  for (const s of m.sections) {
    assert.equal(text.slice(s.headingSpan.start, s.headingSpan.end), s.name);
    assert.ok(s.span.start <= s.headingSpan.start && s.span.end >= s.headingSpan.end);
  }
});

test('an item: title, outcome, three fields and citations with exact spans', () => {
  const text = letter();
  const [item] = parseDetermination(text).items;
  assert.equal(item.title, 'MRI of the left knee');
  assert.equal(item.outcome, 'Upheld');
  assert.equal(text.slice(item.outcomeSpan!.start, item.outcomeSpan!.end), 'Upheld');
  assert.equal(text.slice(item.titleSpan.start, item.titleSpan.end), 'MRI of the left knee');
  assert.deepEqual(
    item.fieldList.map((f) => f.kind),
    ['claimsAdministratorGuideline', 'maximusGuideline', 'decisionRationale'],
  );
  const ca = item.fields.claimsAdministratorGuideline!;
  assert.equal(ca.text, 'Decision based on MTUS Knee Complaints 2004, Section(s): Special Studies.');
  assert.equal(text.slice(ca.labelSpan.start, ca.labelSpan.end), 'Claims Administrator guideline:');
  assert.equal(item.citations.length, 2);
  const c = item.citations[0];
  assert.equal(c.kind, 'mtus');
  assert.equal(c.title, 'Knee Complaints');
  assert.equal(c.year, 2004);
  assert.deepEqual(c.sections, ['Special Studies']);
  assert.equal(text.slice(c.span.start, c.span.end).replace(/\s+/g, ' '), 'Knee Complaints 2004, Section(s): Special Studies');
});

test('wrapped title, colon inside the title, outcome alone on the next line', () => {
  const issues = [
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    'Retrospective: Oxycodone HCL ER 20mg #60 day supply: 30 for the',
    'low back:',
    'Overturned',
    'Claims Administrator guideline: The Claims Administrator did not cite any medical evidence for its decision.',
    'MAXIMUS guideline: Decision based on MTUS Opioid Treatment 2016, Section(s): 2. Opioids for Subacute Pain.',
    'Decision rationale: The request is medically necessary.',
    'Naproxen 500mg #60:  Upheld',
    'Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.',
    'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): NSAIDs, GI symptoms & cardiovascular risk, Proton Pump Inhibitors (PPIs).',
    'Decision rationale: It is not medically necessary.',
  ].join('\n');
  const m = parseDetermination(letter({ issues }));
  assert.equal(m.items.length, 2);
  assert.equal(m.items[0].title, 'Retrospective: Oxycodone HCL ER 20mg #60 day supply: 30 for the low back');
  assert.equal(m.items[0].outcome, 'Overturned');
  assert.equal(m.items[1].title, 'Naproxen 500mg #60');
  assert.equal(m.items[1].outcome, 'Upheld');
  assert.deepEqual(m.items[1].citations[1].sections, ['NSAIDs, GI symptoms & cardiovascular risk', 'Proton Pump Inhibitors (PPIs)']);
  // The first item's rationale stops where the next title starts.
  assert.equal(m.items[0].fields.decisionRationale?.text, 'The request is medically necessary.');
});

test('partial authorisation: the remaining portion names the item, the sentence is the full title', () => {
  const issues = [
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    '',
    'Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the',
    'Claims Administrator. The remaining IMR eligible portion of the original request, Norco',
    '',
    '',
    '10/325mg #35 is: Upheld',
    '',
    'Claims Administrator guideline: Decision based on MTUS Opioid Treatment 2016.',
    'MAXIMUS guideline: Decision based on MTUS Opioid Treatment 2016.',
    'Decision rationale: The request is not medically necessary.',
  ].join('\n');
  const [item] = parseDetermination(letter({ issues })).items;
  assert.equal(item.partial, true);
  assert.equal(item.shortTitle, 'Norco 10/325mg #35');
  assert.match(item.title, /^Norco 10\/325mg #60 was the original request\. .* Norco 10\/325mg #35 is$/);
});

test('a partial-authorisation title whose first sentence ends a line', () => {
  const issues = [
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    'Purchase of a shower chair was the original request.',
    'A rental for 1 month was authorized by the Claims Administrator.',
    'The remaining IMR eligible portion of the original request, purchase of a shower chair is:',
    'Upheld',
    'Claims Administrator guideline: Decision based on MTUS Knee Complaints 2004.',
    'MAXIMUS guideline: Decision based on MTUS Knee Complaints 2004.',
    'Decision rationale: It is not medically necessary.',
  ].join('\n');
  const [item] = parseDetermination(letter({ issues })).items;
  assert.equal(item.shortTitle, 'Purchase of a shower chair');
  assert.match(item.title, /^Purchase of a shower chair was the original request\./);
});

test('older double-spaced layout with ACOEM chapter citations and pages', () => {
  const lines = [
    ' HOW THE IMR FINAL DETERMINATION WAS MADE ',
    'The expert reviewer is Board Certified in Orthopaedic Surgery and is licensed to practice in ',
    'California. He/she has been in practice. ',
    ' ',
    'CLINICAL CASE SUMMARY ',
    'The patient is a 50-year-old male who sustained a work-related injury on 03/11/2013. ',
    ' ',
    'IMR ISSUES, DECISIONS AND RATIONALES ',
    'The Final Determination was based on decisions for the disputed items/services set forth below: ',
    ' ',
    'MRI Lumbar:  Upheld ',
    ' ',
    'Claims Administrator guideline: Decision based on MTUS ACOEM Chapter 12 Low Back ',
    'Complaints Page(s): 303-304.  Decision based on Non-MTUS Citation Official Disability ',
    'Guidelines online treatment guidelines, http://www.odg-twc.com/odgtwc/Low_Back.html ',
    ' ',
    'MAXIMUS guideline: The Expert Reviewer did not base their decision on the MTUS.  ',
    'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Low Back, ',
    'Magnetic Resonance Imaging ',
    ' ',
    'Decision rationale: Based on the lack of supporting documentation ',
    'this request is not medically necessary. ',
  ];
  const text = lines.join('\n\n') + '\n';
  const m = parseDetermination(text);
  assert.equal(m.layout, 'double-spaced');
  assert.equal(m.header.specialty?.value, 'Orthopaedic Surgery');
  assert.equal(m.header.licensure?.value, 'California');
  assert.equal(m.header.dateOfInjury?.value, '2013-03-11');
  const [item] = m.items;
  assert.equal(item.title, 'MRI Lumbar');
  assert.equal(item.outcome, 'Upheld');
  const acoem = item.citations.find((c) => c.kind === 'acoem')!;
  assert.equal(acoem.chapter, 12);
  assert.equal(acoem.title, 'Low Back Complaints');
  assert.deepEqual(acoem.pages, [{ from: 303, to: 304 }]);
  const url = item.citations.find((c) => c.url)!;
  assert.equal(url.url, 'http://www.odg-twc.com/odgtwc/Low_Back.html');
  assert.equal(url.kind, 'odg');
  const odg = item.citations.filter((c) => c.field === 'maximusGuideline');
  assert.equal(odg.length, 1);
  assert.equal(odg[0].title, 'Low Back');
});

test('several MTUS parts joined by ", and"; part names with commas stay whole', () => {
  const issues = [
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'Splint: Upheld',
    'Claims Administrator guideline: Decision based on MTUS Forearm, Wrist, and Hand Complaints 2004, Section(s):',
    'Work-Relatedness, and Postsurgical Treatment 2009, Section(s): Forearm, Wrist, & Hand, and Chronic',
    'Pain Medical Treatment 2016, Section(s): Physical medicine treatment.',
    'MAXIMUS guideline: Decision based on MTUS Elbow Complaints 2007, Section(s): Diagnostic Criteria, and',
    'Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.',
    'Decision rationale: It is not medically necessary.',
  ].join('\n');
  const [item] = parseDetermination(letter({ issues })).items;
  assert.deepEqual(
    item.citations.map((c) => [c.title, c.year, c.sections]),
    [
      ['Forearm, Wrist, and Hand Complaints', 2004, ['Work-Relatedness']],
      ['Postsurgical Treatment', 2009, ['Forearm, Wrist, & Hand']],
      ['Chronic Pain Medical Treatment', 2016, ['Physical medicine treatment']],
      ['Elbow Complaints', 2007, ['Diagnostic Criteria']],
      ['Chronic Pain Medical Treatment', 2016, ['Physical medicine treatment']],
    ],
  );
});

test('a hyphen at a line end joins the word ("Non-" / "MTUS Citation")', () => {
  const issues = [
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'Brace: Upheld',
    'Claims Administrator guideline: Decision based on Non-',
    'MTUS Citation Official Disability Guidelines (ODG), Knee & Leg Chapter.',
    'MAXIMUS guideline: The Expert Reviewer did not cite any medical evidence for its decision.',
    'Decision rationale: It is not medically necessary.',
  ].join('\n');
  const [item] = parseDetermination(letter({ issues })).items;
  assert.match(item.fields.claimsAdministratorGuideline!.text, /^Decision based on Non-MTUS Citation/);
  assert.equal(item.citations.length, 1);
  assert.equal(item.citations[0].kind, 'odg');
  assert.equal(item.citations[0].title, 'Knee & Leg Chapter');
});

test('an item whose title has no outcome is still an item, with its fields', () => {
  const issues = [
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'The Final Determination was based on decisions for the disputed items/services set forth below:',
    'First item: Upheld',
    'Claims Administrator guideline: None.',
    'MAXIMUS guideline: None.',
    'Decision rationale: It is not medically necessary.',
    'Second item without outcome',
    'Claims Administrator guideline: None.',
    'MAXIMUS guideline: None.',
    'Decision rationale: It is not medically necessary.',
  ].join('\n');
  const m = parseDetermination(letter({ issues }));
  assert.equal(m.items.length, 2);
  assert.equal(m.items[1].title, 'Second item without outcome');
  assert.equal(m.items[1].outcome, undefined);
  assert.equal(m.items[1].fieldList.length, 3);
  assert.equal(m.items[0].fields.decisionRationale?.text, 'It is not medically necessary.');
});

test('a missing field leaves the others in place', () => {
  const issues = [
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'First item: Upheld',
    'Claims Administrator guideline: None.',
    'Decision rationale: It is not medically necessary.',
    'Second item: Overturned',
    'MAXIMUS guideline: None.',
    'Decision rationale: It is medically necessary.',
  ].join('\n');
  const m = parseDetermination(letter({ issues }));
  assert.deepEqual(
    m.items.map((i) => i.fieldList.map((f) => f.kind)),
    [
      ['claimsAdministratorGuideline', 'decisionRationale'],
      ['maximusGuideline', 'decisionRationale'],
    ],
  );
});

test('parsing never throws and keeps spans inside the text, whatever the input', () => {
  const inputs = [
    '',
    '\u0000\u0001\u0002',
    ': Upheld',
    'Upheld',
    'Decision rationale:',
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'IMR ISSUES, DECISIONS AND RATIONALES\n:\nUpheld\n:\nOverturned',
    '\r\r\n\n\r',
    'x'.repeat(100000),
    '\uD800\uDC00\uDFFF: Overturned',
    'Case Number:\nApplication\nReceived:\nReceived:\n',
    // White space other than space and tab in the header region once made the header scan spin.
    'Case Number:\u00a0\u00a0\u00a0CM99-0000001\nIMR ISSUES, DECISIONS AND RATIONALES\n',
    '\f x\u000b\u000b\u2028\u2028\ufeff\ufeff y\n',
    'x\u00a0\u00a0y\nIMR ISSUES, DECISIONS AND RATIONALES\n',
  ];
  for (const input of inputs) {
    const m = parseDetermination(input);
    for (const item of m.items) {
      assert.ok(item.span.start >= 0 && item.span.end <= input.length && item.span.start <= item.span.end);
      assert.ok(item.titleSpan.start <= item.titleSpan.end);
    }
    for (const s of m.sections) assert.ok(s.span.start <= s.span.end && s.span.end <= input.length);
  }
});

// Every real letter read again through other extractions gives the same items.
const letters = corpusLetters();
for (const [variant, transform] of Object.entries(VARIANTS)) {
  test(`corpus letters read the same when ${variant}`, () => {
    for (const l of letters) {
      const base = parseDetermination(l.text);
      const other = parseDetermination(transform(l.text));
      assert.deepEqual(
        other.items.map((i) => [i.title, i.outcome, i.fieldList.map((f) => f.kind).join()]),
        base.items.map((i) => [i.title, i.outcome, i.fieldList.map((f) => f.kind).join()]),
        `${l.name} as ${variant}`,
      );
      assert.deepEqual(
        other.sections.map((s) => s.kind),
        base.sections.map((s) => s.kind),
        `${l.name} as ${variant}`,
      );
    }
  });
}

test('reading-order extractions agree with the layout extraction of the same letter', () => {
  const byName = new Map(letters.map((l) => [l.name, l.text]));
  for (const l of letters.filter((x) => x.name.startsWith('reading-order/'))) {
    const layout = byName.get(l.name.replace('reading-order/', 'letters/'));
    assert.ok(layout, `layout version of ${l.name}`);
    const a = parseDetermination(l.text);
    const b = parseDetermination(layout);
    assert.equal(a.layout, 'reading-order');
    assert.deepEqual(
      a.items.map((i) => [i.title, i.outcome]),
      b.items.map((i) => [i.title, i.outcome]),
    );
    for (const key of ['caseNumber', 'dateAssigned', 'decisionDate', 'dateOfInjury', 'urDenialDate', 'applicationReceived', 'priority', 'licensure', 'specialty'] as const) {
      assert.equal(a.header[key]?.value, b.header[key]?.value, `${l.name} ${key}`);
    }
  }
});
