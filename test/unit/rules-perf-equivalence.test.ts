/**
 * The fast paths of the rules against plain readings of the same definitions:
 * the rationale's conclusion (read backwards from the source, folding only the
 * sentences read) against folding the whole tail and splitting it with the
 * sentence regex; remembered citation classes against
 * chaptersOfCitation.
 * Texts: the corpus and its variants, and generated ones with line breaks,
 * hyphen breaks, odd white space, quotes and disclaimers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyseText } from '../../server/src/core';
import type { Field, Span } from '../../server/src/core/model';
import { fold, spanOf, type FoldedText } from '../../server/src/core/text';
import { rationaleConclusion, rationaleVerdict, verdictOfSentence } from '../../server/src/core/conclusion';
import { chaptersOfCitation, classifyCitation } from '../../server/src/core/guidelines';
import { letterTexts } from './support/arbitraries';
import { VARIANTS } from './support/corpus';

const SEED = 7_2026;

// ---------------------------------------------------------------- the plain conclusion reader

const DISCLAIMER_RE =
  /should\s+not\s+be\s+interpreted|advised\s+to\s+(?:consult|speak)|This\s+decision\s+addresses|method\s+for\s+weaning|stop\s+long-term\s+opioids/i;

function plainSentences(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[.!?](?=\s+["'“(]?[A-Z0-9]|\s*$)/g;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    out.push([from, m.index + 1]);
    from = m.index + 1;
    while (from < s.length && s[from] === ' ') from++;
  }
  if (from < s.length) out.push([from, s.length]);
  return out;
}

function plainConclusionOf(f: FoldedText): { verdict: string; span: Span; sentence: string } | undefined {
  const list = plainSentences(f.text);
  let read = 0;
  for (let k = list.length - 1; k >= 0 && read < 3; k--) {
    const [from, to] = list[k];
    const sentence = f.text.slice(from, to);
    if (DISCLAIMER_RE.test(sentence)) continue;
    read++;
    // What one sentence says is conclusion.ts's own reading; the fast path under test is how the sentences are found.
    const verdict = verdictOfSentence(sentence);
    if (verdict === 'unclear') return undefined;
    if (verdict) return { verdict, span: spanOf(f, from, to), sentence };
  }
  return undefined;
}

function plainConclusion(source: string, rationale: Field): { verdict: string; span: Span; sentence: string } | undefined {
  const { start, end } = rationale.valueSpan;
  if (end <= start) return undefined;
  for (const tail of [400, 1500]) {
    if (end - start <= tail) return plainConclusionOf(fold(source, start, end));
    const found = plainConclusionOf(fold(source, end - tail, end));
    if (found) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------- checks

function checkLetter(text: string, where: string): void {
  const { model } = analyseText('x', 1, text);
  for (const item of model.items) {
    const r = item.fields.decisionRationale;
    if (r) {
      const plain = plainConclusion(text, r);
      assert.deepEqual(rationaleConclusion(text, r), plain, `${where}: conclusion of "${item.title}"`);
      assert.equal(rationaleVerdict(text, r), plain?.verdict, `${where}: verdict of "${item.title}"`);
    }
    for (const c of item.citations) {
      const expected = chaptersOfCitation(c)[0];
      assert.deepEqual(classifyCitation(c), expected, `${where}: class of "${c.text}"`);
      assert.deepEqual(classifyCitation({ ...c }), expected, `${where}: class of "${c.text}", asked again`);
    }
  }
}

test('rules-perf: the corpus and its variants read the same through the fast paths', { timeout: 120_000 }, () => {
  for (const { name, text } of letterTexts()) {
    checkLetter(text, name);
    for (const [variant, make] of Object.entries(VARIANTS)) checkLetter(make(text), `${name} (${variant})`);
  }
});

const WORDS = [
  'The', 'request', 'is', 'not', 'medically', 'necessary', 'medical', 'necessity', 'has', 'been', 'established', 'supported', 'recommended',
  'cannot', "isn't", 'non-certified', 'un', 'warranted', 'Therefore', 'knee', 'KNEE', 'Knee', 'lumbar', 'spine', 'low', 'back', 'upper', 'and',
  'lower', 'extremities', 'EMG', 'NCS', 'TLSO', 'UEs', 'LE', 'C5-6', 'L4/5', 'T3', 'free', 'thyroid', 'scooter', 'hand', 'held', 'SI', 'joint',
  'should', 'be', 'interpreted', 'This', 'decision', 'addresses', 'MTUS', 'ACOEM', 'ſ', 'ı', 'É', '2', '10', 'Visit',
];
WORDS.push('unnecessary', 'Unnecessary', 'certified', 'non', 'Non-', 'NOT', 'California', 'Chronic', 'Pain', 'Medical', 'Treatment', 'Guidelines', 'states', 'recommends', 'ACOEM.', 'MTUS-', 'does', 'address');
const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\r\n', '-\n', '- ', '\t', '\u00a0', '\u2003', '\u2028', '. ', '.\n', '.  ', '." ', '. "', '. (', '! ', '? ', ', ', '; ', ': ', ''];

const prose = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 160 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

test('rules-perf: generated rationales and titles read the same through the fast paths', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(prose, prose, fc.integer({ min: 0, max: 1600 }), (title, rationale, pad) => {
      const body = 'x '.repeat(pad >> 1) + rationale;
      const one = title.replace(/[\r\n\u2028]+/g, ' ').replace(/:/g, ' ');
      const letter =
        'IMR ISSUES, DECISIONS AND RATIONALES\n' +
        `${one}: Upheld\nClaims Administrator guideline: Decision based on MTUS.\nMAXIMUS guideline: Decision based on MTUS.\nDecision rationale: ${body}\n` +
        `${one.toUpperCase()}: Overturned\nClaims Administrator guideline: Decision based on MTUS.\nMAXIMUS guideline: Decision based on MTUS.\nDecision rationale: ${rationale}\n`;
      checkLetter(letter, 'generated');
    }),
    { numRuns: 400, seed: SEED, includeErrorInReport: true },
  );
});
