/** Completion while drafting: citation forms ranked by body region, sections, outcomes, snippets, and silence in prose. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, LineIndex, looksLikeDetermination } from '../../server/src/core';
import { completions, LETTER_SKELETON_SNIPPET, NEW_ITEM_SNIPPET, type Completion } from '../../server/src/core/completion';
import { MTUS_SECTIONS, sectionsOfPart } from '../../server/src/core/guidelines/sections';
import { MTUS_PARTS, classifyCitation, mtusPartByName } from '../../server/src/core/guidelines';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { corpusLetters, sample, VARIANTS } from './support/corpus';

/** Completions with the cursor right after the n-th occurrence of `marker` (plus `delta` characters), best first. */
function at(text: string, marker: string, delta = 0, n = 0): Completion[] {
  let index = -1;
  for (let k = 0; k <= n; k++) {
    index = text.indexOf(marker, index + 1);
    assert.ok(index >= 0, `fixture changed? occurrence ${n + 1} of ${JSON.stringify(marker)} not found`);
  }
  const analysis = analyseText('test://letter', 1, text);
  const list = completions(analysis, analysis.lines.positionAt(index + marker.length + delta));
  return [...list].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
}

function apply(text: string, c: Completion): string {
  const lines = new LineIndex(text);
  const start = lines.offsetAt(c.edit.range.start);
  const end = lines.offsetAt(c.edit.range.end);
  return text.slice(0, start) + c.edit.newText + text.slice(end);
}

/** A snippet with each tab stop filled in: `values[n]`, else its default (a choice's first option). */
function expand(snippet: string, values: Record<number, string> = {}): string {
  return snippet
    .replace(/\$\{(\d+)\|([^,|]*)[^}]*\}/g, (_m, n: string, first: string) => values[Number(n)] ?? first)
    .replace(/\$\{(\d+):([^}]*)\}/g, (_m, n: string, def: string) => values[Number(n)] ?? def)
    .replace(/\$(\d+)/g, (_m, n: string) => values[Number(n)] ?? '')
    .replace(/\\([\\$}])/g, '$1');
}

const labels = (list: Completion[]) => list.map((c) => c.label);

// ---------------------------------------------------------------- citation forms

test('after "MAXIMUS guideline:" of a knee item: knee chapters first, then general parts, other body regions last', () => {
  const list = at(sample('chapter-mismatch.txt'), 'MAXIMUS guideline:');
  assert.ok(list.length > 40, `the forms for every part and chapter: ${list.length}`);
  assert.deepEqual(labels(list.slice(0, 3)), ['MTUS Knee Complaints 2004', 'ACOEM Chapter 13 Knee Complaints', 'ODG Knee & Leg (Acute & Chronic)']);
  const tier = (label: string) => Number(list.find((c) => c.label === label)!.sortText[0]);
  assert.equal(tier('MTUS Chronic Pain Medical Treatment 2016'), 1);
  assert.equal(tier('ODG Pain (Chronic)'), 1);
  assert.equal(tier('MTUS Low Back Complaints 2004'), 3);
  assert.equal(tier('ACOEM Chapter 12 Low Back Complaints'), 3);
  assert.equal(list[list.length - 1].sortText[0], '3', 'a misfitting body-part chapter comes last');
  const lowBack = list.findIndex((c) => c.label === 'MTUS Low Back Complaints 2004');
  const chronicPain = list.findIndex((c) => c.label === 'MTUS Chronic Pain Medical Treatment 2016');
  assert.ok(chronicPain < lowBack);
  assert.match(list.find((c) => c.label === 'MTUS Low Back Complaints 2004')!.detail!, /another body region \(low back\) than the item \(knee\)/);
  // The MAXIMUS field offers the expert reviewer's sentences, not the claims administrator's.
  assert.ok(labels(list).includes('The Expert Reviewer did not base their decision on the MTUS.'));
  assert.ok(!labels(list).some((l) => l.startsWith('The Claims Administrator')));
});

test('the Claims Administrator field offers "did not cite any medical evidence"; the older layout puts ACOEM chapters before MTUS parts', () => {
  const list = at(sample('chapter-mismatch.txt'), 'Claims Administrator guideline:');
  assert.ok(labels(list).includes('The Claims Administrator did not cite any medical evidence for its decision.'));
  assert.ok(!labels(list).some((l) => l.startsWith('The Expert Reviewer')));

  const older = at(sample('clean-older-layout.txt'), 'MAXIMUS guideline:');
  assert.deepEqual(labels(older.slice(0, 2)), ['ACOEM Chapter 12 Low Back Complaints', 'MTUS Low Back Complaints 2004']);
});

test('choosing a form fixes the knee item decided on Low Back Complaints: one chapter-mismatch fewer', () => {
  const original = sample('chapter-mismatch.txt');
  const text = original.replace('MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s):\nSpecial Studies.', 'MAXIMUS guideline:');
  assert.notEqual(text, original, 'fixture changed?');
  const form = at(text, 'MAXIMUS guideline:')[0];
  assert.equal(form.label, 'MTUS Knee Complaints 2004');
  assert.equal(form.edit.newText, ' Decision based on MTUS Knee Complaints 2004, Section(s): ');
  const withForm = apply(text, form);
  const section = at(withForm, 'MAXIMUS guideline: Decision based on MTUS Knee Complaints 2004, Section(s): ').find((c) => c.label === 'Special Studies');
  assert.ok(section, 'Special Studies is offered for Knee Complaints');
  const done = apply(withForm, section) + '';
  const analysis = analyseText('test://done', 1, done);
  const cited = analysis.model.items[0].citations.filter((c) => c.field === 'maximusGuideline');
  assert.deepEqual(cited.map((c) => classifyCitation(c)?.name), ['MTUS Knee Complaints 2004']);
  assert.deepEqual(cited[0].sections, ['Special Studies']);
  const mismatches = (t: string) => computeDiagnostics(analyseText('test://x', 1, t), { enabled: true, rules: {} }).filter((f) => f.code === 'chapter-mismatch').length;
  assert.equal(mismatches(done), mismatches(original) - 1);
});

test('a statement begun by hand narrows the forms; the edit replaces what was typed, on its line', () => {
  const text = sample('chapter-mismatch.txt').replace('Section(s):\nSpecial Studies.\n\nDecision rationale', 'Section(s):\nSpecial Studies. Decision based on MTUS Kn\n\nDecision rationale');
  const list = at(text, 'Special Studies. Decision based on MTUS Kn');
  assert.deepEqual(labels(list), ['MTUS Knee Complaints 2004']);
  const replaced = apply(text, list[0]);
  assert.ok(replaced.includes('Special Studies. Decision based on MTUS Knee Complaints 2004, Section(s): \n'), 'the typed prefix is replaced, not repeated');

  const odg = at(text.replace('Studies. Decision based on MTUS Kn', 'Studies. Decision based on Non'), 'Studies. Decision based on Non');
  assert.ok(odg.length > 10 && odg.every((c) => c.label.startsWith('ODG ')), labels(odg).join(', '));
  assert.equal(odg[0].label, 'ODG Knee & Leg (Acute & Chronic)');
});

test('after a finished sentence and a space the forms are offered again; right after its period they are not', () => {
  const text = sample('chapter-mismatch.txt');
  assert.deepEqual(at(text, 'Section(s):\nSpecial Studies.', 0, 1), []);
  const next = at(text.replace('Section(s):\nSpecial Studies.\n\nDecision rationale', 'Section(s):\nSpecial Studies. \n\nDecision rationale'), 'Section(s):\nSpecial Studies. ', 0, 1);
  assert.ok(next.length > 40);
  assert.equal(next[0].edit.newText.startsWith(' '), false, 'a space is already there');
});

// ---------------------------------------------------------------- sections

test('after "Section(s):" the sections of the part just cited, and only of that part', () => {
  const text = sample('clean-2017-layout.txt');
  const chronic = at(text, 'Chronic Pain Medical Treatment 2016, Section(s):');
  assert.ok(labels(chronic).includes('Physical medicine treatment'));
  assert.ok(labels(chronic).includes('TENS, chronic pain (transcutaneous electrical nerve stimulation)'));
  assert.ok(!labels(chronic).includes('Special Studies'));
  assert.equal(chronic[0].edit.newText, ' Physical medicine treatment', 'a space after the colon');
  const knee = at(text, 'Knee Complaints 2004, Section(s):');
  assert.ok(labels(knee).includes('Special Studies'));
  assert.ok(!labels(knee).includes('Topical analgesics'));
});

test('a section name begun by hand, and names with commas in them', () => {
  const base = sample('clean-2017-layout.txt');
  const marker = 'Chronic Pain Medical Treatment 2016, Section(s):';
  const typed = (rest: string) => {
    const i = base.indexOf(marker) + marker.length;
    const lineEnd = base.indexOf('\n', i);
    return base.slice(0, i) + rest + base.slice(lineEnd);
  };
  const phys = at(typed(' Phys'), marker + ' Phys');
  assert.deepEqual(labels(phys), ['Physical medicine treatment']);
  assert.equal(apply(typed(' Phys'), phys[0]).includes(marker + ' Physical medicine treatment\n'), true);

  const nsaids = at(typed(' Topical analgesics, NSAIDs, '), marker + ' Topical analgesics, NSAIDs, ');
  const names = labels(nsaids);
  assert.ok(names.includes('NSAIDs, GI symptoms & cardiovascular risk'), 'the name "NSAIDs, ..." goes on');
  assert.ok(names.includes('Physical medicine treatment'), 'or a new name starts');
  const continued = nsaids.find((c) => c.label === 'NSAIDs, GI symptoms & cardiovascular risk')!;
  assert.ok(apply(typed(' Topical analgesics, NSAIDs, '), continued).includes(marker + ' Topical analgesics, NSAIDs, GI symptoms & cardiovascular risk\n'));
});

test('Postsurgical Treatment sections: the item\'s body part first', () => {
  const text = sample('crlf-nonascii.txt').replace('Postsurgical Treatment 2009, Section(s): Shoulder.', 'Postsurgical Treatment 2009, Section(s):');
  const list = at(text, 'Postsurgical Treatment 2009, Section(s):');
  assert.equal(list[0].label, 'Shoulder');
  assert.equal(list[list.length - 1].sortText[0], '3', 'other body parts last');
});

test('the section list holds every section the corpus cites, each with a source', () => {
  const missing: string[] = [];
  let checked = 0;
  for (const letter of corpusLetters()) {
    for (const item of analyseText(letter.name, 1, letter.text).model.items) {
      for (const c of item.citations) {
        const part = c.kind === 'mtus' && c.title ? mtusPartByName(c.title) : undefined;
        if (!part || !c.sections) continue;
        for (const name of c.sections) {
          if (/^\d+$/.test(name)) continue; // a page number written where sections go
          checked++;
          if (!sectionsOfPart(part.id).some((s) => s.name === name)) missing.push(`${letter.name}: ${part.name} / ${name}`);
        }
      }
    }
  }
  assert.ok(checked > 150, `sections cited in the corpus: ${checked}`);
  assert.deepEqual(missing, []);
  const partIds = new Set(MTUS_PARTS.map((p) => p.id));
  const seen = new Set<string>();
  for (const s of MTUS_SECTIONS) {
    assert.ok(partIds.has(s.part), `${s.part} is an MTUS part`);
    assert.ok(s.source.length > 10, `${s.name} has a source`);
    assert.ok(!seen.has(`${s.part}/${s.name}`), `${s.part}/${s.name} listed once`);
    seen.add(`${s.part}/${s.name}`);
  }
});

// ---------------------------------------------------------------- outcomes

test('after an item title\'s colon: Upheld and Overturned, the rationale\'s conclusion preselected', () => {
  const text = sample('drafting-problems.txt');
  const list = at(text, 'Cervical epidural steroid injection at C5-C6 under fluoroscopic guidance:');
  assert.deepEqual(labels(list), ['Upheld', 'Overturned']);
  assert.deepEqual(list.map((c) => c.preselect === true), [true, false], 'the rationale concludes "not medically necessary"');
  assert.equal(list[0].kind, 'enumMember');
  assert.match(list[0].documentation!, /not medically necessary/);
  const fixed = apply(text, list[0]);
  assert.ok(fixed.includes('Cervical epidural steroid injection at C5-C6 under fluoroscopic guidance: Upheld\n'));
  assert.ok(!computeDiagnostics(analyseText('t://x', 1, fixed), { enabled: true, rules: {} }).some((f) => f.code === 'missing-outcome'));

  // Item 3 concludes "is medically necessary": without its outcome, Overturned is the one preselected.
  const title = 'Physical therapy 2 times a week for 6 weeks for the cervical spine:';
  const open = text.replace(`${title} Upheld`, title);
  assert.notEqual(open, text, 'fixture changed?');
  assert.deepEqual(at(open, title).map((c) => `${c.label}${c.preselect ? '*' : ''}`), ['Upheld', 'Overturned*']);
});

test('a new title typed after the last rationale gets both outcomes, none preselected', () => {
  const text = sample('clean-2017-layout.txt').trimEnd() + '\n\nKnee brace:';
  const list = at(text, 'Knee brace:');
  assert.deepEqual(labels(list), ['Upheld', 'Overturned']);
  assert.ok(list.every((c) => !c.preselect));
  assert.equal(at(text + '  ', 'Knee brace:  ').length, 2, 'spaces after the colon are replaced');
});

test('no outcomes for lines ending in a colon that are not titles', () => {
  // A rationale sentence that runs on after its colon.
  const homebound = corpusLetters().find((l) => l.name === 'letters/CM16-0249735.txt')!.text;
  assert.deepEqual(at(homebound, 'who require one or all of the following:'), []);
  // A title whose outcome stands alone on the next line.
  const lone = corpusLetters().find((l) => l.name === 'letters/CM17-0002857.txt')!.text;
  assert.deepEqual(at(lone, 'to the lumbar and cervical spine:'), []);
  const text = sample('clean-2017-layout.txt');
  assert.deepEqual(at(text, 'set forth below:'), [], 'the issues lead-in');
  assert.deepEqual(at(text, 'Decision rationale:'), [], 'a field label');
  assert.deepEqual(at(text, 'The Expert Reviewer has the following credentials:'), [], 'outside the issues section');
});

// ---------------------------------------------------------------- snippets

test('an empty line in the issues section offers a new item; elsewhere in prose nothing', () => {
  const text = sample('clean-2017-layout.txt');
  const list = at(text, 'set forth below:\n');
  assert.deepEqual(labels(list), ['New disputed item']);
  assert.equal(list[0].kind, 'snippet');
  assert.equal(list[0].snippet, true);
  assert.deepEqual(at(text, 'including all medical records:\n'), [], 'an empty line in the clinical summary');

  const withItem = apply(text, list[0]);
  const filled = withItem.replace(list[0].edit.newText, expand(NEW_ITEM_SNIPPET, { 1: 'Knee brace', 3: 'Decision based on MTUS Knee Complaints 2004, Section(s): Initial Care.', 4: 'Decision based on MTUS Knee Complaints 2004, Section(s): Initial Care.', 5: 'A brace is not medically necessary.' }) + '\n');
  const model = analyseText('t://x', 1, filled).model;
  assert.equal(model.items.length, 4);
  assert.deepEqual([model.items[0].title, model.items[0].outcome, Object.keys(model.items[0].fields).length], ['Knee brace', 'Upheld', 3]);
});

test('an empty document offers the letter skeleton, which parses as a complete letter once filled in', () => {
  const list = at('', '');
  assert.deepEqual(labels(list), ['IMR letter skeleton']);
  assert.deepEqual(at('\n\n  \n', '\n'), list.map((c) => ({ ...c, edit: { ...c.edit, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } } } })));
  const letter = expand(LETTER_SKELETON_SNIPPET, {
    1: 'CM99-0000199',
    2: '02/06/2017',
    3: '08/14/2016',
    4: '03/01/2017',
    5: '01/19/2017',
    6: '01/30/2017',
    8: 'Oregon',
    9: 'Orthopaedic Surgery',
    10: 'The injured worker is a 40 year old man who hurt his right knee lifting a crate.',
    11: 'MRI of the right knee',
    13: 'Decision based on MTUS Knee Complaints 2004, Section(s): Special Studies.',
    14: 'Decision based on MTUS Knee Complaints 2004, Section(s): Special Studies.',
    15: 'Without a trial of conservative care the MRI is not medically necessary.',
  });
  const analysis = analyseText('t://skeleton', 1, letter);
  const { model } = analysis;
  assert.equal(looksLikeDetermination(letter), true);
  assert.deepEqual(model.sections.map((s) => s.kind), ['howMade', 'clinicalSummary', 'issues']);
  assert.equal(model.header.caseNumber?.value, 'CM99-0000199');
  assert.equal(model.header.applicationReceived?.value, '2017-01-30');
  assert.equal(model.header.priority?.value, 'Standard');
  assert.equal(model.header.licensure?.value, 'Oregon');
  assert.ok(model.issuesLeadIn, 'the issues lead-in sentence is recognised');
  assert.deepEqual(model.items.map((i) => [i.title, i.outcome]), [['MRI of the right knee', 'Upheld']]);
  assert.deepEqual(computeDiagnostics(analysis, { enabled: true, rules: {} }), []);
});

// ---------------------------------------------------------------- no spam, no failures

test('nothing is offered after a space typed anywhere in rationales or clinical summaries of the corpus', () => {
  let positions = 0;
  const offered: string[] = [];
  for (const letter of corpusLetters()) {
    const analysis = analyseText(letter.name, 1, letter.text);
    const { model, lines } = analysis;
    const spans = [
      ...model.sections.filter((s) => s.kind === 'clinicalSummary').map((s) => ({ start: s.headingSpan.end, end: s.span.end })),
      ...model.items.flatMap((i) => (i.fields.decisionRationale ? [i.fields.decisionRationale.valueSpan] : [])),
    ];
    for (const span of spans) {
      for (let i = span.start; i < span.end; i++) {
        if (model.text[i] !== ' ' || model.text[i - 1] === ' ') continue;
        positions++;
        const list = completions(analysis, lines.positionAt(i + 1));
        if (list.length > 0) offered.push(`${letter.name}:${lines.positionAt(i).line + 1}: ${list[0].label}`);
      }
    }
  }
  assert.ok(positions > 30_000, `positions tried: ${positions}`);
  assert.deepEqual(offered.slice(0, 10), []);
});

test('every edit stays on the cursor\'s line and ends at the cursor; nothing throws on any line of any variant', () => {
  for (const letter of corpusLetters().slice(0, 12)) {
    for (const [variant, make] of Object.entries({ original: (t: string) => t, ...VARIANTS })) {
      const text = make(letter.text);
      const analysis = analyseText(letter.name, 1, text);
      for (let line = 0; line < analysis.lines.lineCount; line += 3) {
        const lineText = text.slice(analysis.lines.lineStart(line)).split(/\r\n|\r|\n/, 1)[0];
        for (const character of [0, lineText.length, lineText.length + 5]) {
          for (const c of completions(analysis, { line, character })) {
            assert.equal(c.edit.range.start.line, line, `${letter.name} (${variant}) ${line}:${character} ${c.label}`);
            assert.deepEqual(c.edit.range.end, { line, character: Math.min(character, lineText.length) });
            assert.ok(c.edit.range.start.character <= c.edit.range.end.character);
          }
        }
      }
    }
  }
  const odd = ['\u0000', ':', 'MAXIMUS guideline:', 'IMR ISSUES, DECISIONS AND RATIONALES\n\nx:', 'Section(s):', '\r\r\n\n', '\uFEFF\u00A0'];
  for (const text of odd) {
    const analysis = analyseText('t://odd', 1, text);
    for (const position of [{ line: 0, character: 0 }, { line: 0, character: 99 }, { line: 9, character: 0 }]) completions(analysis, position);
  }
});
