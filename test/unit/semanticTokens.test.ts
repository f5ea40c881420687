/** Semantic tokens: titles, outcomes and cited chapters, one token per line, sorted, over every corpus letter and variant. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText } from '../../server/src/core';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens, type SemanticToken } from '../../server/src/core/semanticTokens';
import { corpusLetters, sample, VARIANTS } from './support/corpus';

function lineTexts(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const textOf = (lines: string[], t: SemanticToken) => lines[t.line].slice(t.character, t.character + t.length);
const typeOf = (t: SemanticToken) => SEMANTIC_TOKEN_TYPES[t.type];

test('the legend holds only standard LSP token types and modifiers', () => {
  const standardTypes = ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property', 'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'modifier', 'comment', 'string', 'number', 'regexp', 'operator', 'decorator'];
  const standardModifiers = ['declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async', 'modification', 'documentation', 'defaultLibrary'];
  for (const t of SEMANTIC_TOKEN_TYPES) assert.ok(standardTypes.includes(t), t);
  for (const m of SEMANTIC_TOKEN_MODIFIERS) assert.ok(standardModifiers.includes(m), m);
});

test('a wrapped title becomes one token per line; Upheld and Overturned get different types', () => {
  const text = sample('crlf-nonascii.txt');
  const lines = lineTexts(text);
  const tokens = semanticTokens(analyseText('t://crlf', 1, text));
  const titles = tokens.filter((t) => t.role === 'itemTitle');
  // Lines 41-42 (1-based) hold the first title, its outcome alone on line 43.
  assert.deepEqual(titles.slice(0, 2).map((t) => t.line), [40, 41]);
  assert.equal(textOf(lines, titles[0]), lines[40].trim());
  assert.equal(textOf(lines, titles[1]), lines[41].trim().replace(/:$/, ''));
  const outcomes = tokens.filter((t) => t.role === 'upheld' || t.role === 'overturned');
  assert.deepEqual(outcomes.map((t) => `${t.line + 1}:${textOf(lines, t)}:${typeOf(t)}`), ['43:Overturned:number', '66:Overturned:number', '79:Upheld:string']);
});

test('a citation whose chapter name breaks over lines is a token on each line', () => {
  const text = corpusLetters().find((l) => l.name === 'seeds/000_302bd7f50b142580.txt')!.text;
  const lines = lineTexts(text);
  const cited = semanticTokens(analyseText('t://seed', 1, text)).filter((t) => t.role === 'mtusCitation');
  assert.deepEqual(cited.slice(0, 2).map((t) => textOf(lines, t)), ['Chapter 8 Neck and', 'Upper Back Complaints']);
  assert.equal(cited[1].line, cited[0].line + 2, 'the seed puts an empty line after every line');
  assert.equal(typeOf(cited[0]), 'function');
  assert.equal(cited[0].modifiers, 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf('defaultLibrary'));
  const odg = semanticTokens(analyseText('t://ro', 1, sample('reading-order.txt'))).filter((t) => t.role === 'otherCitation');
  const roLines = lineTexts(sample('reading-order.txt'));
  assert.ok(odg.some((t) => textOf(roLines, t) === 'Forearm, Wrist, and Hand Chapter'), odg.map((t) => textOf(roLines, t)).join(' | '));
});

test('every corpus letter and variant: tokens sorted, on one line each, trimmed, not overlapping; titles and outcomes as the model reads them', () => {
  let letters = 0;
  for (const letter of corpusLetters()) {
    for (const [variant, make] of Object.entries({ original: (t: string) => t, ...VARIANTS })) {
      const text = make(letter.text);
      const analysis = analyseText(letter.name, 1, text);
      const lines = lineTexts(text);
      const tokens = semanticTokens(analysis);
      const where = `${letter.name} (${variant})`;
      for (let k = 0; k < tokens.length; k++) {
        const t = tokens[k];
        assert.ok(t.length > 0 && t.character + t.length <= lines[t.line].length, `${where}: token inside line ${t.line + 1}`);
        const s = textOf(lines, t);
        assert.equal(s, s.trim(), `${where}: token ${JSON.stringify(s)} is trimmed`);
        const prev = tokens[k - 1];
        if (prev) assert.ok(prev.line < t.line || prev.character + prev.length <= t.character, `${where}: sorted and disjoint at line ${t.line + 1}`);
      }
      // A title's tokens, read in order, are the title (white space aside); one outcome token per decided item.
      const squeeze = (s: string) => s.replace(/\s+/g, '');
      const titleTokens = tokens.filter((t) => t.role === 'itemTitle');
      const decided = analysis.model.items.filter((i) => i.outcome);
      assert.equal(tokens.filter((t) => t.role === 'upheld' || t.role === 'overturned').length, decided.length, `${where}: outcomes`);
      assert.equal(squeeze(titleTokens.map((t) => textOf(lines, t)).join('')), squeeze(analysis.model.items.map((i) => i.title).join('')), `${where}: titles`);
      for (const t of tokens.filter((x) => x.role === 'upheld' || x.role === 'overturned')) {
        assert.equal(textOf(lines, t), t.role === 'upheld' ? 'Upheld' : 'Overturned');
      }
      letters++;
    }
  }
  assert.ok(letters >= 67 * 6);
});

test('every MTUS part citation in the corpus is a token reading "<Part> <Year>"', () => {
  let checked = 0;
  for (const letter of corpusLetters()) {
    const analysis = analyseText(letter.name, 1, letter.text);
    const lines = lineTexts(letter.text);
    const tokens = semanticTokens(analysis).filter((t) => t.role === 'mtusCitation');
    for (const c of analysis.model.items.flatMap((i) => i.citations)) {
      if (c.kind !== 'mtus' || !c.title || c.year === undefined) continue;
      const start = analysis.lines.positionAt(c.span.start);
      const first = tokens.findIndex((t) => t.line === start.line && t.character === start.character);
      assert.ok(first >= 0, `${letter.name}: a token where "${c.text}" starts`);
      const end = analysis.lines.positionAt(c.span.end);
      const pieces = tokens.slice(first).filter((t) => t.line <= end.line).map((t) => textOf(lines, t));
      assert.equal(pieces.join(' ').replace(/\s+/g, ' ').replace(/ ,/g, ',').startsWith(`${c.title} ${c.year}`), true, `${letter.name}: ${pieces.join(' | ')}`);
      checked++;
    }
  }
  assert.ok(checked > 150, `MTUS citations checked: ${checked}`);
});

test('no tokens for text that is not a letter, and no failure on odd text', () => {
  assert.deepEqual(semanticTokens(analyseText('t://empty', 1, '')), []);
  assert.deepEqual(semanticTokens(analyseText('t://note', 1, 'Groceries: milk, bread\nCall the plumber: Upheld?\n')), []);
  for (const odd of ['\u0000\r\r\n', 'IMR ISSUES, DECISIONS AND RATIONALES\nA: Upheld\nMAXIMUS guideline: Decision based on MTUS', ': Overturned']) {
    for (const t of semanticTokens(analyseText('t://odd', 1, odd))) assert.ok(t.length > 0);
  }
});
