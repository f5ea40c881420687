/**
 * fast-check generators of documents for the property tests and `npm run fuzz`:
 * random text of any UTF-16 code units, text built from the vocabulary of
 * letters, random bytes decoded as UTF-8 or latin1, corrupted bytes of real
 * letters, and real letters mutated line by line (lines deleted, duplicated,
 * swapped, truncated, joined, split; headings, labels and outcomes inserted;
 * very long lines; other line ends). Every generator shrinks, so a failure is
 * reported as a small counterexample.
 */
import fc from 'fast-check';
import { corpusLetters, type CorpusLetter } from './corpus';
import { checkText, type CheckOptions } from './wellFormed';
import type { RuleLevel, ValidationSettings } from '../../../server/src/core';
import { RULES } from '../../../server/src/core/diagnostics';

export const HEADINGS = ['HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES'];
export const LABELS = [
  'Claims Administrator guideline:',
  'MAXIMUS guideline:',
  'Decision rationale:',
  'Case Number:',
  'Date Assigned:',
  'Decision Date:',
  'Date of Injury:',
  'UR Denial Date:',
  'Application Received:',
  'Priority:',
  'State(s) of Licensure:',
  'Certification(s)/Specialty:',
  'Section(s):',
  'Page(s):',
];
export const OUTCOMES = [': Upheld', ': Overturned', 'Upheld', 'Overturned', ':', 'is: Upheld', 'is: Overturned'];
const PHRASES = [
  'The Final Determination was based on decisions for the disputed items/services set forth below:',
  'Decision based on MTUS ',
  'Decision based on Non-MTUS Citation ',
  'ACOEM Chapter 12 Low Back Complaints Page(s): 303-304.',
  'ACOEM Chapter 13 Knee Complaints, pages 341-343',
  'Knee Complaints 2004, Section(s): Special Studies, and ',
  'Chronic Pain Medical Treatment Guidelines ',
  'Official Disability Guidelines (ODG) Low Back, ',
  'http://www.odg-twc.com/odgtwc/Low_Back.html',
  '8 CCR 9792.20',
  'was the original request. ',
  'The remaining IMR eligible portion of the original request, ',
  ' is not medically necessary.',
  ' is medically necessary.',
  ' is not a medical necessity.',
  'MRI of the left knee',
  'EMG of the bilateral upper extremities',
  'CM16-0249320',
  '12/05/2016',
  'January 4, 2017',
];
const SPACES = [' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n\n', '\u00a0', '\f', '\u000b', '\u2028', '\u2029', '\u0085', '\ufeff', '\u3000'];
/** Characters that have broken text code before: NUL, lone surrogates, a pair, combining marks, replacement character. */
const ODD = ['\u0000', '\ud800', '\udfff', '\ud83d\ude00', '\u0301', '\ufffd', '\u200b', '\u00ad', '-', '(', ')', ','];

/** One UTF-16 code unit, lone surrogates included. */
export const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Text of any code units: random units, and whole code points (astral ones too). */
export const anyText = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);

const token = fc.oneof(
  { arbitrary: fc.constantFrom(...HEADINGS, ...LABELS, ...OUTCOMES, ...PHRASES), weight: 5 },
  { arbitrary: fc.constantFrom(...SPACES), weight: 4 },
  { arbitrary: fc.constantFrom(...ODD), weight: 1 },
  { arbitrary: codeUnit, weight: 1 },
  { arbitrary: fc.stringMatching(/^[A-Za-z]{1,12}$/), weight: 2 },
);

/** Text made of the vocabulary of letters: headings, labels, outcomes, citations, white space of every kind. */
export const vocabularyText = fc.array(token, { maxLength: 150 }).map((parts) => parts.join(''));

/** Random bytes decoded as a client would: UTF-8 (invalid sequences become U+FFFD) or latin1. */
export const decodedBytes = fc
  .record({ bytes: fc.uint8Array({ maxLength: 3000 }), encoding: fc.constantFrom<BufferEncoding>('utf8', 'latin1') })
  .map(({ bytes, encoding }) => Buffer.from(bytes).toString(encoding));

let letters: CorpusLetter[] | undefined;
/** The corpus letters, read once. */
export function letterTexts(): CorpusLetter[] {
  letters ??= corpusLetters();
  return letters;
}

const letterIndex = fc.nat();
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];

/** A real letter with some of its UTF-8 bytes overwritten, decoded as UTF-8 or latin1. */
export const corruptedLetter = fc
  .record({
    letter: letterIndex,
    writes: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 40 }),
    encoding: fc.constantFrom<BufferEncoding>('utf8', 'latin1'),
  })
  .map(({ letter, writes, encoding }) => {
    const bytes = Buffer.from(pick(letterTexts(), letter).text, 'utf8');
    for (const w of writes) if (bytes.length > 0) bytes[w.at % bytes.length] = w.byte;
    return bytes.toString(encoding);
  });

export type Mutation =
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'duplicate'; at: number; to: number }
  | { kind: 'swap'; at: number; to: number }
  | { kind: 'truncate'; at: number; keep: number }
  | { kind: 'cutFile'; at: number }
  | { kind: 'join'; at: number }
  | { kind: 'split'; at: number; where: number }
  | { kind: 'heading'; at: number; which: number; form: 'plain' | 'centred' | 'lower' | 'spaced' | 'inline' }
  | { kind: 'label'; at: number; which: number; rest: string }
  | { kind: 'outcome'; at: number; which: number; append: boolean }
  | { kind: 'longLine'; at: number; length: number; unit: string }
  | { kind: 'junk'; at: number; text: string }
  | { kind: 'lineEnds'; style: '\n' | '\r\n' | '\r' | ' \n\n' };

const at = fc.nat();
/** Mutations; `maxLongLine` bounds the inserted long lines (CI keeps them shorter than the long run). */
export function mutation(maxLongLine: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at, count: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at, to: at }),
    fc.record({ kind: fc.constant('swap' as const), at, to: at }),
    fc.record({ kind: fc.constant('truncate' as const), at, keep: fc.nat() }),
    fc.record({ kind: fc.constant('cutFile' as const), at }),
    fc.record({ kind: fc.constant('join' as const), at }),
    fc.record({ kind: fc.constant('split' as const), at, where: fc.nat() }),
    fc.record({
      kind: fc.constant('heading' as const),
      at,
      which: fc.nat(),
      form: fc.constantFrom('plain' as const, 'centred' as const, 'lower' as const, 'spaced' as const, 'inline' as const),
    }),
    fc.record({ kind: fc.constant('label' as const), at, which: fc.nat(), rest: fc.oneof(fc.constant(''), vocabularyText, anyText) }),
    fc.record({ kind: fc.constant('outcome' as const), at, which: fc.nat(), append: fc.boolean() }),
    fc.record({
      kind: fc.constant('longLine' as const),
      at,
      length: fc.integer({ min: 1000, max: maxLongLine }),
      unit: fc.constantFrom('x', 'word ', ': Upheld ', 'MAXIMUS guideline: ', '\u00a0', ' ', 'é', '\ud83d\ude00', 'ACOEM Chapter 12, Page(s): 1-2, '),
    }),
    fc.record({ kind: fc.constant('junk' as const), at, text: fc.oneof(vocabularyText, anyText) }),
    fc.record({ kind: fc.constant('lineEnds' as const), style: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const, ' \n\n' as const) }),
  );
}

/** Applies mutations to a text seen as lines (split on \n; a \r before it stays with its line). */
export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const n = lines.length;
    const i = n === 0 ? 0 : ('at' in m ? m.at : 0) % n;
    switch (m.kind) {
      case 'delete':
        lines.splice(i, m.count);
        break;
      case 'duplicate':
        if (n > 0) lines.splice(m.to % (n + 1), 0, lines[i]);
        break;
      case 'swap':
        if (n > 0) [lines[i], lines[m.to % n]] = [lines[m.to % n], lines[i]];
        break;
      case 'truncate':
        if (n > 0) lines[i] = lines[i].slice(0, m.keep % (lines[i].length + 1));
        break;
      case 'cutFile':
        lines.length = i;
        break;
      case 'join':
        if (i + 1 < n) lines.splice(i, 2, lines[i] + lines[i + 1]);
        break;
      case 'split':
        if (n > 0) {
          const k = m.where % (lines[i].length + 1);
          lines.splice(i, 1, lines[i].slice(0, k), lines[i].slice(k));
        }
        break;
      case 'heading': {
        const h = pick(HEADINGS, m.which);
        const line =
          m.form === 'centred' ? ' '.repeat(30) + h : m.form === 'lower' ? h.toLowerCase() : m.form === 'spaced' ? h.split(' ').join('  ') : h;
        if (m.form === 'inline' && n > 0) lines[i] = lines[i] + ' ' + h;
        else lines.splice(i, 0, line);
        break;
      }
      case 'label':
        lines.splice(i, 0, `${pick(LABELS, m.which)} ${m.rest}`);
        break;
      case 'outcome':
        if (m.append && n > 0) lines[i] = lines[i] + pick(OUTCOMES, m.which);
        else lines.splice(i, 0, pick(OUTCOMES, m.which));
        break;
      case 'longLine':
        lines.splice(i, 0, m.unit.repeat(Math.ceil(m.length / m.unit.length)));
        break;
      case 'junk':
        lines.splice(i, 0, m.text);
        break;
      case 'lineEnds':
        lines = lines.join('\n').split(/\r\n|\r|\n/);
        return applyMutations(lines.join(m.style), mutations.slice(mutations.indexOf(m) + 1));
    }
  }
  return lines.join('\n');
}

export function mutatedLetter(maxLongLine = 20_000): fc.Arbitrary<string> {
  return fc
    .record({ letter: letterIndex, mutations: fc.array(mutation(maxLongLine), { minLength: 1, maxLength: 8 }) })
    .map(({ letter, mutations }) => applyMutations(pick(letterTexts(), letter).text, mutations));
}

const LEVEL_ARB = fc.constantFrom<RuleLevel>('ignore', 'hint', 'information', 'warning', 'error');
/** Settings as users write them: validation on or off, any level per rule, rules left unset. */
export const settingsArb: fc.Arbitrary<ValidationSettings> = fc.record({
  enabled: fc.boolean(),
  rules: fc.record(Object.fromEntries(RULES.map((r) => [r.code, LEVEL_ARB])) as Record<string, fc.Arbitrary<RuleLevel>>, { requiredKeys: [] }),
}) as fc.Arbitrary<ValidationSettings>;

/** A named property over documents: every feature's answer for the generated text is well formed. */
export interface DocumentProperty {
  name: string;
  /** Runs in the quick CI suite. */
  ciRuns: number;
  /** Share of the long run (`npm run fuzz`), relative to the others. */
  weight: number;
  property(opts: { maxLongLine: number }): fc.IProperty<[unknown]>;
}

function over(arb: fc.Arbitrary<string>, options: CheckOptions = {}): fc.IProperty<[unknown]> {
  return fc.property(arb as fc.Arbitrary<unknown>, (text) => {
    checkText(text as string, options);
  });
}

export const DOCUMENT_PROPERTIES: DocumentProperty[] = [
  { name: 'random text of any code units', ciRuns: 600, weight: 15, property: () => over(anyText) },
  { name: 'text from the vocabulary of letters', ciRuns: 800, weight: 20, property: () => over(vocabularyText) },
  { name: 'random bytes decoded as UTF-8 or latin1', ciRuns: 400, weight: 10, property: () => over(decodedBytes) },
  { name: 'letters with corrupted bytes', ciRuns: 200, weight: 10, property: () => over(corruptedLetter) },
  {
    name: 'mutated letters (lines deleted, duplicated, swapped, truncated; headings, labels, long lines inserted)',
    ciRuns: 700,
    weight: 35,
    property: ({ maxLongLine }) => over(mutatedLetter(maxLongLine), { deepFixes: true }),
  },
  {
    name: 'mutated letters under random settings',
    ciRuns: 300,
    weight: 10,
    property: ({ maxLongLine }) =>
      fc.property(fc.tuple(mutatedLetter(maxLongLine), settingsArb) as fc.Arbitrary<unknown>, (value) => {
        const [text, settings] = value as [string, ValidationSettings];
        checkText(text, { settings });
      }),
  },
];
