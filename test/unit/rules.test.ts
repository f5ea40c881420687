import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { analyseText, type Finding, type ValidationSettings } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { rationaleConclusion } from '../../server/src/core/conclusion';
import { parseDetermination } from '../../server/src/core/parser';
import { corpusLetters, sample, SAMPLES, VARIANTS } from './support/corpus';

const DEFAULTS: ValidationSettings = { enabled: true, rules: {} };

function check(text: string, settings: ValidationSettings = DEFAULTS): Finding[] {
  return computeDiagnostics(analyseText('test://letter', 1, text), settings);
}

function codes(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1} ${f.code}`);
}

const HEAD = [
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  'MAXIMUS Federal Services sent the complete case file to an expert reviewer.',
  'CLINICAL CASE SUMMARY',
  'The patient is 50 years old.',
  'IMR ISSUES, DECISIONS AND RATIONALES',
  'The Final Determination was based on decisions for the disputed items/services set forth below:',
];

function item(title: string, outcome: string, ca: string, maximus: string, rationale: string): string[] {
  return [
    `${title}: ${outcome}`,
    `Claims Administrator guideline: ${ca}`,
    `MAXIMUS guideline: ${maximus}`,
    `Decision rationale: ${rationale}`,
  ];
}

const CHRONIC = 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.';

test('samples produce exactly the diagnostics samples/README.md lists', () => {
  const expected: Record<string, string[]> = {
    'clean-2017-layout.txt': [],
    'clean-older-layout.txt': [],
    'reading-order.txt': [],
    'crlf-nonascii.txt': [],
    'chapter-mismatch.txt': ['47 chapter-mismatch', '61 chapter-mismatch'],
    'drafting-problems.txt': ['39 missing-field', '52 missing-outcome', '67 outcome-contradiction'],
    'missing-section.txt': ['37 missing-section'],
  };
  for (const [file, want] of Object.entries(expected)) {
    assert.deepEqual(codes(check(sample(file))), want, file);
  }
});

test('missing-section names each missing heading, several at once', () => {
  const text = ['MAXIMUS Federal Services sent the file.', 'IMR ISSUES, DECISIONS AND RATIONALES', ...item('Brace', 'Upheld', CHRONIC, CHRONIC, 'It is not medically necessary.')].join('\n');
  const found = check(text).filter((f) => f.code === 'missing-section');
  assert.equal(found.length, 2);
  assert.match(found[0].message, /HOW THE IMR FINAL DETERMINATION WAS MADE/);
  assert.match(found[1].message, /CLINICAL CASE SUMMARY/);
  assert.match(found[1].message, /before "IMR ISSUES, DECISIONS AND RATIONALES"/);
});

test('missing-field names the field and the item; an empty field is reported too', () => {
  const lines = [...HEAD, 'Brace: Upheld', `Claims Administrator guideline: ${CHRONIC}`, 'Decision rationale:', 'Cane: Upheld', 'Decision rationale: It is not medically necessary.'];
  const found = check(lines.join('\n')).filter((f) => f.code === 'missing-field');
  assert.deepEqual(
    found.map((f) => f.message.replace(/:.*$/, '')),
    ['"Brace" has no "MAXIMUS guideline', 'The "Decision rationale', '"Cane" has no "Claims Administrator guideline', '"Cane" has no "MAXIMUS guideline'],
  );
});

test('missing-outcome on a title without outcome, at the title', () => {
  const text = [...HEAD, ...item('Brace', 'Upheld', CHRONIC, CHRONIC, 'It is not medically necessary.'), 'Lumbar brace', `Claims Administrator guideline: ${CHRONIC}`, `MAXIMUS guideline: ${CHRONIC}`, 'Decision rationale: It is not medically necessary.'].join('\n');
  const found = check(text).filter((f) => f.code === 'missing-outcome');
  assert.equal(found.length, 1);
  assert.equal(found[0].range.start.line, 10);
  assert.equal(found[0].severity, 'error');
  assert.match(found[0].message, /"Lumbar brace" has no outcome/);
});

test('no-items when the issues section decides nothing', () => {
  const found = check(HEAD.join('\n'));
  assert.deepEqual(codes(found), ['5 no-items']);
});

test('chapter-mismatch in either guideline field, with the item title as related information', () => {
  const text = [
    ...HEAD,
    ...item('MRI of the cervical spine', 'Upheld', 'Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 303.', 'Decision based on MTUS Neck and Upper Back Complaints 2004, Section(s): Special Studies.', 'It is not medically necessary.'),
    ...item('EMG of the bilateral lower extremities', 'Upheld', CHRONIC, 'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Shoulder Chapter, EMG.', 'It is not medically necessary.'),
  ].join('\n');
  const found = check(text).filter((f) => f.code === 'chapter-mismatch');
  assert.deepEqual(codes(found), ['8 chapter-mismatch', '13 chapter-mismatch']);
  assert.match(found[0].message, /ACOEM Chapter 12 Low Back Complaints covers the low back, but "MRI of the cervical spine" concerns the neck/);
  assert.match(found[0].message, /Claims Administrator guideline/);
  assert.equal(found[0].related?.[0].range.start.line, 6);
  assert.match(found[1].message, /MAXIMUS guideline/);
});

test('chapter-mismatch traps: thoracic spine, limb studies, devices, general parts', () => {
  const ok = (title: string, citation: string) => {
    const text = [...HEAD, ...item(title, 'Upheld', citation, CHRONIC, 'It is not medically necessary.')].join('\n');
    assert.deepEqual(codes(check(text)), [], `${title} with ${citation}`);
  };
  ok('MRI of the thoracic spine', 'Decision based on MTUS Neck and Upper Back Complaints 2004.');
  ok('MRI of the thoracic spine', 'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Low Back - Lumbar & Thoracic (Acute & Chronic).');
  ok('EMG of the bilateral upper extremities', 'Decision based on MTUS Neck and Upper Back Complaints 2004.');
  ok('EMG of the bilateral upper extremities', 'Decision based on MTUS Shoulder Complaints 2004.');
  ok('NCV of the bilateral lower extremities', 'Decision based on MTUS Low Back Complaints 2004.');
  ok('EMG/NCS of the bilateral hand', 'Decision based on MTUS Elbow Complaints 2007, Section(s): Diagnostic Criteria.');
  ok('Knee scooter', 'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Ankle & Foot, Knee scooter.');
  ok('Standard wheelchair', 'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Knee & Leg, Wheelchair.');
  ok('MRI of the left knee', 'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids, criteria for use.');
  ok('MRI of the left knee', 'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Pain (Chronic).');
  ok('Naproxen 500mg #60', 'Decision based on MTUS Low Back Complaints 2004.');
});

test('outcome-contradiction: the rationale concludes the other way', () => {
  const text = [
    ...HEAD,
    ...item('Brace', 'Upheld', CHRONIC, CHRONIC, 'The brace helps. Therefore the request for a brace is medically necessary.'),
    ...item('Cane', 'Overturned', CHRONIC, CHRONIC, 'There is no documentation. The request cannot be considered medically necessary.'),
    ...item('Walker', 'Overturned', CHRONIC, CHRONIC, 'The walker was medically necessary.'),
  ].join('\n');
  const found = check(text).filter((f) => f.code === 'outcome-contradiction');
  assert.deepEqual(codes(found), ['7 outcome-contradiction', '11 outcome-contradiction']);
  assert.match(found[0].message, /is Upheld, but its rationale concludes the item is medically necessary: the outcome should be Overturned/);
  assert.match(found[1].message, /should be Upheld/);
  assert.equal(found[0].related?.[0].range.start.line, 9);
});

test('rationale conclusions read with their negations', () => {
  const verdict = (sentence: string) => {
    const text = [...HEAD, ...item('Brace', 'Upheld', CHRONIC, CHRONIC, sentence)].join('\n');
    const rationale = parseDetermination(text).items[0].fields.decisionRationale!;
    return rationaleConclusion(text, rationale)?.verdict;
  };
  assert.equal(verdict('The request is not medically necessary.'), 'not-necessary');
  assert.equal(verdict('As such, it cannot be considered medically necessary at this time.'), 'not-necessary');
  assert.equal(verdict('The request is not medically appropriate.'), 'not-necessary');
  assert.equal(verdict('This request would not be supported by the guidelines.'), 'not-necessary');
  assert.equal(verdict('Therefore the brace is not recommended.'), 'not-necessary');
  assert.equal(verdict('Medical necessity for the brace has not been established.'), 'not-necessary');
  assert.equal(verdict('The EMG of the bilateral lower extremities is not medically necessary and appropriate.'), 'not-necessary');
  assert.equal(verdict('Given the lack of information, the request is not medically necessary at this time.'), 'not-necessary');
  assert.equal(verdict('The request is medically necessary.'), 'necessary');
  assert.equal(verdict('The request for cervical extension and flexion X-Ray was medically necessary.'), 'necessary');
  assert.equal(verdict('Yes, the request for electrodiagnostic testing is medically necessary.'), 'necessary');
  assert.equal(verdict('Additional physical therapy, as written above, is not a medical necessity to the patient at this time.'), 'not-necessary');
  assert.equal(
    verdict(
      'As such, the request is not medically necessary. This decision addresses the medical necessity of opioids as they have been prescribed. ' +
        'This medical necessity decision should not be interpreted as a recommendation to stop long-term opioids abruptly. ' +
        'The treating physician and the patient are advised to consult the MTUS Opioids Treatment Guidelines ("Tapering opioids"), regarding the most appropriate method for weaning.',
    ),
    'not-necessary',
  );
  assert.equal(verdict('The patient reports pain.'), undefined);
});

test('a negation far from the verdict phrase still concludes not necessary; a negation in another clause gives no reading', () => {
  const verdict = (sentence: string) => {
    const text = [...HEAD, ...item('Brace', 'Upheld', CHRONIC, CHRONIC, sentence)].join('\n');
    const rationale = parseDetermination(text).items[0].fields.decisionRationale!;
    return rationaleConclusion(text, rationale)?.verdict;
  };
  assert.equal(verdict('Therefore, the requested lumbar brace is not supported by the records provided as being medically necessary.'), 'not-necessary');
  assert.equal(verdict('The request for twelve sessions of aquatic therapy for the lumbar spine cannot be considered medically necessary at this time.'), 'not-necessary');
  assert.equal(verdict('The request has not been established by the submitted documentation as medically necessary.'), 'not-necessary');
  assert.equal(verdict('Consequently the request for Norco 10/325mg #60 has not been established as medically necessary.'), 'not-necessary');
  // A negation that belongs to another clause: the sentence is not read, and earlier sentences are not asked.
  assert.equal(verdict('The brace is medically necessary. Although therapy did not help, the injection is medically necessary.'), undefined);
  assert.equal(verdict('The patient has not returned to work and the request for an MRI is medically necessary.'), undefined);
  // No negation before the phrase: necessary, as before.
  assert.equal(verdict('Given the documented improvement with the prior course, the request is medically necessary.'), 'necessary');
});

test('outcome-contradiction: an Upheld item whose conclusion negates from afar is not reported', () => {
  const text = [
    ...HEAD,
    ...item('Lumbar brace', 'Upheld', CHRONIC, CHRONIC, 'The brace is not supported by the records provided as being medically necessary.'),
    ...item('Aquatic therapy', 'Upheld', CHRONIC, CHRONIC, 'The patient improved. The request has not been established as medically necessary.'),
    ...item('Cane', 'Upheld', CHRONIC, CHRONIC, 'Although the cane was not used, the walker is medically necessary.'),
  ].join('\n');
  assert.deepEqual(codes(check(text).filter((f) => f.code === 'outcome-contradiction')), []);
});

test('chapter-mismatch: the spine without a level fits each spinal chapter; a level or a part named says which', () => {
  const odg = (chapter: string) => `Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) ${chapter} Chapter.`;
  const text = [
    ...HEAD,
    ...item('CT of the spine and sacrum', 'Upheld', odg('Neck and Upper Back'), odg('Low Back'), 'It is not medically necessary.'),
    ...item('Spine surgery consult', 'Upheld', odg('Neck and Upper Back'), odg('Low Back'), 'It is not medically necessary.'),
    ...item('Spine surgery at L4-5', 'Upheld', odg('Neck and Upper Back'), odg('Low Back'), 'It is not medically necessary.'),
  ].join('\n');
  assert.deepEqual(codes(check(text).filter((f) => f.code === 'chapter-mismatch')), ['16 chapter-mismatch']);
});

test('chapter-mismatch: topics ODG files in a body-part chapter for any body part fit any item', () => {
  const knee = (topic: string) => `Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Knee & Leg Chapter, ${topic}.`;
  const text = [
    ...HEAD,
    ...item('Transportation to medical appointments', 'Upheld', knee('Transportation (to & from appointments)'), CHRONIC, 'It is not medically necessary for the low back.'),
    ...item('Power scooter for the lumbar spine', 'Upheld', knee('Power mobility devices (PMDs)'), CHRONIC, 'It is not medically necessary.'),
    ...item('Home health care for the neck', 'Upheld', knee('Home health services'), CHRONIC, 'It is not medically necessary.'),
    // A knee topic that is about the knee still does not fit a low back item.
    ...item('Lumbar MRI', 'Upheld', knee('MRI (magnetic resonance imaging)'), CHRONIC, 'It is not medically necessary.'),
  ].join('\n');
  assert.deepEqual(codes(check(text).filter((f) => f.code === 'chapter-mismatch')), ['20 chapter-mismatch']);
});

test('chapter-mismatch: a chapter must fit one of the regions a title names, for an electrodiagnostic study too', () => {
  const knee = 'Decision based on MTUS ACOEM Knee Complaints 2004, Section(s): Special Studies.';
  const text = [
    ...HEAD,
    ...item('EMG/NCS of the hip and low back', 'Upheld', knee, CHRONIC, 'It is not medically necessary.'),
    ...item('Nerve conduction studies of the left hip', 'Upheld', knee, CHRONIC, 'It is not medically necessary.'),
  ].join('\n');
  // The second names a limb part alone: the study looks at the whole leg, which the knee chapter fits.
  assert.deepEqual(codes(check(text).filter((f) => f.code === 'chapter-mismatch')), ['8 chapter-mismatch']);
});

test('chapter-mismatch: the ODG chapter cited after the edition name is the one read', () => {
  const integrated = 'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Integrated Treatment/ Disability Duration Guidelines, Neck and Upper Back (Acute & Chronic).';
  const text = [
    ...HEAD,
    ...item('Lumbar MRI', 'Upheld', integrated, CHRONIC, 'It is not medically necessary.'),
    ...item('Cervical X-Ray', 'Upheld', integrated, CHRONIC, 'It is not medically necessary.'),
  ].join('\n');
  const found = check(text).filter((f) => f.code === 'chapter-mismatch');
  assert.deepEqual(codes(found), ['8 chapter-mismatch']);
  assert.match(found[0].message, /^ODG Neck and Upper Back covers/);
});

test('a finding is drawn up to the first empty line it would cross, ending at the last character of text', () => {
  // Older letters put an empty line after every line of text: a citation over two lines crosses one.
  const text = [
    ...HEAD,
    'MRI of the cervical spine: Upheld',
    'Claims Administrator guideline: Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Low Back,   ',
    '',
    'MRI.',
    `MAXIMUS guideline: ${CHRONIC}`,
    'Decision rationale: It is not medically necessary.',
  ].join('\n');
  const [found] = check(text).filter((f) => f.code === 'chapter-mismatch');
  const line = text.split('\n')[7];
  assert.equal(found.range.start.line, 7);
  assert.equal(found.range.end.line, 7);
  assert.equal(found.range.end.character, line.trimEnd().length);
});

test('settings: ignore switches a rule off, a level changes its severity, enabled:false silences all', () => {
  const text = sample('drafting-problems.txt');
  assert.deepEqual(
    codes(check(text, { enabled: true, rules: { 'missing-field': 'ignore' } })),
    ['52 missing-outcome', '67 outcome-contradiction'],
  );
  const hinted = check(text, { enabled: true, rules: { 'outcome-contradiction': 'hint' } });
  assert.equal(hinted.find((f) => f.code === 'outcome-contradiction')?.severity, 'hint');
  assert.deepEqual(check(text, { enabled: false, rules: {} }), []);
});

test('findings are sorted by position and their ranges lie inside the document', () => {
  for (const file of ['drafting-problems.txt', 'chapter-mismatch.txt', 'missing-section.txt']) {
    const text = sample(file);
    const lineCount = text.split(/\r\n|\r|\n/).length;
    const found = check(text);
    for (let k = 1; k < found.length; k++) {
      const a = found[k - 1].range.start;
      const b = found[k].range.start;
      assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), `${file} sorted`);
    }
    for (const f of found) assert.ok(f.range.end.line < lineCount);
  }
});

test('duplicate-item: the second of two items with the same title, pointing at the first', () => {
  const text = [
    ...HEAD,
    ...item('MRI of the left knee', 'Upheld', CHRONIC, CHRONIC, 'It is not medically necessary.'),
    ...item('MRI of the  LEFT knee', 'Upheld', CHRONIC, CHRONIC, 'It is not medically necessary.'),
  ].join('\n');
  const found = check(text).filter((f) => f.code === 'duplicate-item');
  assert.deepEqual(codes(found), ['11 duplicate-item']);
  assert.equal(found[0].related?.[0].range.start.line, 6);
});

test('duplicate-item: titles are compared within one letter, not across letters joined in one text', () => {
  const letter = [...HEAD, ...item('MRI of the left knee', 'Upheld', CHRONIC, CHRONIC, 'It is not medically necessary.')];
  const twoLetters = [...letter, '', ...letter].join('\n');
  assert.deepEqual(codes(check(twoLetters).filter((f) => f.code === 'duplicate-item')), []);
  // The second letter repeats its item: that one is a duplicate, pointing at the second letter's first.
  const repeated = [...letter, '', ...letter, ...item('MRI of the left knee', 'Upheld', CHRONIC, CHRONIC, 'It is not medically necessary.')].join('\n');
  const found = check(repeated).filter((f) => f.code === 'duplicate-item');
  assert.deepEqual(codes(found), ['22 duplicate-item']);
  assert.equal(found[0].related?.[0].range.start.line, 17);
  // A repeated issues heading inside one letter does not start another letter.
  const splitIssues = [...letter, HEAD[4], ...item('MRI of the left knee', 'Upheld', CHRONIC, CHRONIC, 'It is not medically necessary.')].join('\n');
  assert.deepEqual(codes(check(splitIssues).filter((f) => f.code === 'duplicate-item')), ['12 duplicate-item']);
});

test('chapter-title-mismatch: an ACOEM chapter number with another chapter title', () => {
  const text = [...HEAD, ...item('MRI of the lumbar spine', 'Upheld', 'Decision based on MTUS ACOEM Chapter 8 Low Back Complaints Page(s): 303.', CHRONIC, 'It is not medically necessary.')].join('\n');
  const found = check(text).filter((f) => f.code === 'chapter-title-mismatch');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /ACOEM Chapter 8 is "Neck and Upper Back Complaints", but the citation names "Low Back Complaints" \(Chapter 12\)/);
  const fine = [...HEAD, ...item('MRI of the lumbar spine', 'Upheld', 'Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 303.', CHRONIC, 'It is not medically necessary.')].join('\n');
  assert.deepEqual(codes(check(fine)), []);
});

test('page-out-of-range: only where the chapter span is sourced, and the message says so', () => {
  const cite = (chapter: string, pages: string) =>
    [...HEAD, ...item('MRI of the spine', 'Upheld', `Decision based on MTUS ACOEM Chapter ${chapter} Page(s): ${pages}.`, CHRONIC, 'It is not medically necessary.')].join('\n');
  const found = check(cite('12 Low Back Complaints', '177-178')).filter((f) => f.code === 'page-out-of-range');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Page\(s\) 177-178 lie outside ACOEM Chapter 12 Low Back Complaints, which spans pages 286-326/);
  assert.deepEqual(codes(check(cite('12 Low Back Complaints', '303-304'))), []);
  // Chapter 8's span is an estimate: never checked.
  assert.deepEqual(
    check(cite('8 Neck and Upper Back Complaints', '303')).filter((f) => f.code === 'page-out-of-range'),
    [],
  );
});

test('mtus-basis-contradiction: "not based on the MTUS" against an MTUS citation or an MTUS-reliant rationale', () => {
  const notMtus = 'The Expert Reviewer did not base their decision on the MTUS.';
  const sameField = [...HEAD, ...item('Brace', 'Upheld', CHRONIC, `${notMtus} Decision based on MTUS Knee Complaints 2004.`, 'It is not medically necessary.')].join('\n');
  const a = check(sameField).filter((f) => f.code === 'mtus-basis-contradiction');
  assert.equal(a.length, 1);
  assert.match(a[0].message, /yet it cites the MTUS \(Knee Complaints 2004\)/);
  const rationale = [...HEAD, ...item('Brace', 'Upheld', CHRONIC, `${notMtus} Decision based on Non-MTUS Citation ODG Knee.`, 'The Chronic Pain Medical Treatment Guidelines indicate that braces help. It is not medically necessary.')].join('\n');
  const b = check(rationale).filter((f) => f.code === 'mtus-basis-contradiction');
  assert.equal(b.length, 1);
  assert.equal(b[0].related?.[0].range.start.line, 9);
  const silent = [...HEAD, ...item('Brace', 'Upheld', CHRONIC, `${notMtus} Decision based on Non-MTUS Citation ODG Knee.`, 'The MTUS does not address braces. ODG states they help. It is not medically necessary.')].join('\n');
  assert.deepEqual(codes(check(silent)), []);
});

test('chapter-mismatch from the letter text when the title names no body part, only when unambiguous', () => {
  const letterWith = (summary: string, citation: string) =>
    [
      'HOW THE IMR FINAL DETERMINATION WAS MADE',
      'MAXIMUS Federal Services sent the complete case file to an expert reviewer.',
      'CLINICAL CASE SUMMARY',
      summary,
      'IMR ISSUES, DECISIONS AND RATIONALES',
      ...item('Baclofen 20mg #60', 'Upheld', citation, CHRONIC, 'Muscle relaxants are second-line options for low back pain. It is not medically necessary.'),
    ].join('\n');
  const shoulder = 'Decision based on MTUS Shoulder Complaints 2004.';
  const one = check(letterWith('The worker is treated for lumbar strain with pain in the low back.', shoulder)).filter((f) => f.code === 'chapter-mismatch');
  assert.equal(one.length, 1);
  assert.match(one[0].message, /concerns the low back \(the title names no body part; the letter speaks only of that one\)/);
  // Two regions in the letter: ambiguous, no finding.
  assert.deepEqual(codes(check(letterWith('The worker hurt the low back and the right shoulder.', shoulder))), []);
  // A topic kept in a body-part chapter for any body part (skilled nursing criteria in ODG Knee & Leg).
  const snf = 'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Knee & Leg Chapter: Skilled nursing facility (SNF) care.';
  assert.deepEqual(codes(check(letterWith('The worker is treated for lumbar strain.', snf))), []);
});

test('duplicate-item: titles differing only in case, spacing, line breaks or closing punctuation are the same item', () => {
  const rationale = 'It is not medically necessary.';
  const text = [
    ...HEAD,
    ...item('Électromyography of the knee', 'Upheld', CHRONIC, CHRONIC, rationale),
    ...item('ÉLECTROMYOGRAPHY  of\tthe knee.', 'Upheld', CHRONIC, CHRONIC, rationale),
    ...item('Électromyography of the knee (left)', 'Upheld', CHRONIC, CHRONIC, rationale),
  ].join('\n');
  assert.deepEqual(codes(check(text).filter((f) => f.code === 'duplicate-item')), ['11 duplicate-item']);
});

test('mtus-basis-contradiction: a reliance read across a line break of the rationale', () => {
  const notMtus = 'The Expert Reviewer did not base their decision on the MTUS. Decision based on Non-MTUS Citation ODG Knee.';
  const text = [...HEAD, ...item('Brace', 'Upheld', CHRONIC, notMtus, 'The MTUS\nguidelines recommend braces. It is not medically necessary.')].join('\n');
  const found = check(text).filter((f) => f.code === 'mtus-basis-contradiction');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /relies on it \("MTUS guidelines recommend"\)/);
  assert.deepEqual([found[0].related?.[0].range.start.line, found[0].related?.[0].range.end.line], [9, 10]);
});

test('rationale conclusions: the last of the last three sentences that states a verdict, its span in the letter', () => {
  const conclusion = (rationale: string) => {
    const text = [...HEAD, ...item('Brace', 'Upheld', CHRONIC, CHRONIC, rationale)].join('\n');
    const field = parseDetermination(text).items[0].fields.decisionRationale!;
    const found = rationaleConclusion(text, field);
    return found && { verdict: found.verdict, sentence: found.sentence, source: text.slice(found.span.start, found.span.end) };
  };
  // Abbreviations and decimals do not end a sentence; a line break inside one is folded.
  assert.deepEqual(conclusion('A brace, e.g. a hinged one, is not\nmedically necessary. The dose of 5.5 mg was noted.'), {
    verdict: 'not-necessary',
    sentence: 'A brace, e.g. a hinged one, is not medically necessary.',
    source: 'A brace, e.g. a hinged one, is not\nmedically necessary.',
  });
  // A verdict four sentences from the end is not the conclusion.
  assert.equal(conclusion('The brace is medically necessary. One. Two. Three.'), undefined);
  assert.equal(conclusion('The brace is medically necessary. One. Two.')?.verdict, 'necessary');
  // A sentence opening with a quote or a parenthesis after the mark.
  assert.equal(conclusion('It is not medically necessary. "Other notes."')?.verdict, 'not-necessary');
  // A long rationale: the conclusion is read from its end.
  assert.equal(conclusion(`${'The patient reports pain. '.repeat(100)}Therefore the brace is medically necessary.`)?.verdict, 'necessary');
});

test('no rule reads the header facts, so checking a letter does not parse them', () => {
  // The header is parsed when first read (parse/index.ts): a newly opened letter's diagnostics and
  // `imr check` do not wait for it. A rule that comes to read the header makes this test fail.
  const letters = [
    ...corpusLetters(),
    ...readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).map((f) => ({ name: `samples/${f}`, text: sample(f) })),
  ];
  for (const { name, text } of letters) {
    for (const [variant, make] of [['as written', (t: string) => t] as const, ...Object.entries(VARIANTS)]) {
      const analysis = analyseText('test://letter', 1, make(text));
      let read = false;
      const header = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(analysis.model), 'header')?.get;
      assert.ok(header, 'the header is a getter');
      Object.defineProperty(analysis.model, 'header', { get: () => ((read = true), header.call(analysis.model)) });
      const findings = computeDiagnostics(analysis, DEFAULTS);
      assert.equal(read, false, `${name} (${variant}): a rule read the header`);
      // Read afterwards, the header is what a fresh parse gives, and the findings stay what they were.
      assert.deepEqual(analysis.model.header, analyseText('test://again', 1, make(text)).model.header, `${name} (${variant})`);
      assert.deepEqual(computeDiagnostics(analysis, DEFAULTS), findings);
    }
  }
});
