/** Selection ranges: word, line, field, item, section, document; each strictly inside the next, on samples and the corpus. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, type Analysis, type Span } from '../../server/src/core';
import { selectionChain, selectionRanges } from '../../server/src/core/selectionRanges';
import { corpusLetters, sample, VARIANTS } from './support/corpus';

function analyse(text: string): Analysis {
  return analyseText('select://letter', 1, text);
}

function chainAt(a: Analysis, needle: string, k = 0): string[] {
  const at = a.model.text.indexOf(needle);
  assert.ok(at >= 0, `fixture changed? ${JSON.stringify(needle)}`);
  return selectionChain(a, a.lines.positionAt(at + k)).map((s) => a.model.text.slice(s.start, s.end));
}

function assertStrictChain(chain: readonly Span[], offset: number, length: number, what: string): void {
  assert.ok(chain.length >= 1, `${what}: empty chain`);
  assert.ok(chain[0]!.start <= offset && offset <= chain[0]!.end, `${what}: the innermost range holds the position`);
  for (let i = 1; i < chain.length; i++) {
    const inner = chain[i - 1]!;
    const outer = chain[i]!;
    assert.ok(outer.start <= inner.start && inner.end <= outer.end, `${what}: level ${i} does not contain level ${i - 1}`);
    assert.ok(outer.start < inner.start || inner.end < outer.end, `${what}: level ${i} equals level ${i - 1}`);
  }
  const last = chain[chain.length - 1]!;
  assert.deepEqual([last.start, last.end], [0, length], `${what}: the outermost range is the document`);
}

test('in a rationale: word, line, field, item, section, document', () => {
  const a = analyse(sample('clean-2017-layout.txt'));
  const chain = chainAt(a, 'Special Studies', 3);
  // The first "Special Studies" is in the Claims Administrator guideline of item 1.
  assert.equal(chain[0], 'Special');
  assert.equal(chain[1], 'Special Studies. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG),');
  assert.match(chain[2]!, /^Claims Administrator guideline:/);
  assert.match(chain[3]!, /^MRI of the right knee without contrast: Upheld/);
  assert.match(chain[4]!, /^IMR ISSUES, DECISIONS AND RATIONALES/);
  assert.equal(chain[5], a.model.text);
  assert.equal(chain.length, 6);
});

test('on a title: word, the title with its outcome, item, section, document (a one-line title is its own line)', () => {
  const a = analyse(sample('clean-2017-layout.txt'));
  const chain = chainAt(a, 'MRI of the right knee without contrast: Upheld', 12);
  assert.deepEqual(chain.slice(0, 2), ['right', 'MRI of the right knee without contrast: Upheld']);
  assert.match(chain[2]!, /^MRI of the right knee without contrast: Upheld\n+Claims Administrator guideline:/);
  assert.equal(chain.length, 5);
});

test('a wrapped title: word, line, the whole title with its outcome', () => {
  const a = analyse(sample('clean-2017-layout.txt'));
  const chain = chainAt(a, 'Ketoprofen', 2);
  assert.equal(chain[0], 'Ketoprofen');
  assert.match(chain[1]!, /^Topical compound: Ketoprofen .*\S$/);
  assert.match(chain[2]!, /^Topical compound: .*\n.*three times daily: Upheld$/);
});

test('in the header: word, line, header, document', () => {
  const a = analyse(sample('clean-2017-layout.txt'));
  const chain = chainAt(a, 'CM99-0000101', 0);
  assert.equal(chain[0], 'CM99');
  assert.match(chain[1]!, /^Case Number:\s+CM99-0000101$/);
  assert.match(chain[2]!, /^Case Number:[\s\S]*Received:$/);
  assert.equal(chain[3], a.model.text);
  assert.equal(chain.length, 4);
});

test('a cursor just after a word selects that word; on white space the line comes first', () => {
  const a = analyse(sample('clean-2017-layout.txt'));
  assert.equal(chainAt(a, 'Special Studies', 'Special'.length)[0], 'Special');
  const blank = a.model.text.indexOf('\n\n') + 1;
  const chain = selectionChain(a, a.lines.positionAt(blank));
  assert.ok(chain[0]!.start < blank && chain[0]!.end > blank, 'an empty line has no word or line level: the chain starts at the structure around it');
});

test('one answer per position, in order, as LSP ranges', () => {
  const a = analyse(sample('crlf-nonascii.txt'));
  const positions = [{ line: 0, character: 3 }, { line: 45, character: 10 }, { line: 9_999, character: 0 }];
  const answer = selectionRanges(a, positions);
  assert.equal(answer.length, 3);
  for (const chain of answer) {
    const last = chain[chain.length - 1]!;
    assert.deepEqual(last.start, { line: 0, character: 0 });
    assert.deepEqual(last.end, a.lines.positionAt(a.model.text.length));
  }
  // CRLF: no range ends between \r and \n.
  for (const chain of answer) for (const r of chain) assert.notEqual(a.model.text[a.lines.offsetAt(r.end) - 1], '\r');
});

test('corpus and its re-extractions: every chain strictly nested, from the position out to the document', () => {
  let chains = 0;
  for (const l of corpusLetters()) {
    for (const [variant, make] of [['as published', (t: string) => t] as const, ...Object.entries(VARIANTS)]) {
      const a = analyse(make(l.text));
      const text = a.model.text;
      for (let o = 0; o <= text.length; o += 53) {
        assertStrictChain(selectionChain(a, a.lines.positionAt(o)), o, text.length, `${l.name} (${variant}) at ${o}`);
        chains++;
      }
      // Every outcome and every field label: the chain passes through the item.
      for (const item of a.model.items) {
        for (const at of [item.outcomeSpan?.start, ...item.fieldList.map((f) => f.labelSpan.start)]) {
          if (at === undefined) continue;
          const chain = selectionChain(a, a.lines.positionAt(at));
          assert.ok(chain.some((s) => s.start === item.span.start && s.end === item.span.end), `${l.name} (${variant}): item ${item.shortTitle}`);
        }
      }
    }
  }
  assert.ok(chains > 10_000, `${chains} chains`);
});

test('odd documents: empty, no letter, lone carriage returns', () => {
  for (const text of ['', 'x', '\r\r\r', '   \n  \n', 'EMG\u2028NCV', '\ufeffCase Number: CM16-0000001']) {
    const a = analyse(text);
    for (let o = 0; o <= text.length; o++) assertStrictChain(selectionChain(a, a.lines.positionAt(o)), o, text.length, JSON.stringify(text));
  }
});
