/** escapeControls: what it escapes, how, and what it leaves alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeControls } from '../../server/src/core/escape';
import { letterSummaryMarkdown } from '../../server/src/core/summary';
import { parseDetermination } from '../../server/src/core';

test('every C0 and C1 control, DEL and each bidi override or isolate becomes a visible escape', () => {
  const unsafe: number[] = [];
  for (let c = 0; c <= 0x1f; c++) unsafe.push(c);
  for (let c = 0x7f; c <= 0x9f; c++) unsafe.push(c);
  for (let c = 0x202a; c <= 0x202e; c++) unsafe.push(c);
  for (let c = 0x2066; c <= 0x2069; c++) unsafe.push(c);
  for (const c of unsafe) {
    const escaped = escapeControls(`a${String.fromCharCode(c)}b`);
    assert.match(escaped, /^a\\(x[0-9a-f]{2}|u[0-9a-f]{4})b$/, `U+${c.toString(16)}`);
    assert.equal(Number.parseInt(escaped.slice(3, -1), 16), c);
  }
  assert.equal(escapeControls('line\nnext\ttab\x1b[2J'), 'line\\x0anext\\x09tab\\x1b[2J');
  assert.equal(escapeControls('\u202eevil\u2069'), '\\u202eevil\\u2069');
});

test('printable text, backslashes and other Unicode are left as they are', () => {
  for (const s of ['', 'C:\\letters\\a.txt', 'é ü ñ — “quoted” 😀', '\u00a0\u200e\u200f\u2028\ufeff', 'a\\x1b']) assert.equal(escapeControls(s), s);
});

test('the Markdown summary escapes control characters in titles', () => {
  const text = [
    'IMR ISSUES, DECISIONS AND RATIONALES',
    'Knee MRI \x1b]0;PWNED\x07 \u202eright: Upheld',
    'Claims Administrator guideline: Decision based on MTUS Knee Complaints 2004.',
    'MAXIMUS guideline: Decision based on MTUS Knee Complaints 2004.',
    'Decision rationale: It is not medically necessary.',
    '',
  ].join('\n');
  const md = letterSummaryMarkdown(parseDetermination(text), { source: 'a\x1b[2J.txt' });
  assert.doesNotMatch(md, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  assert.ok(md.includes('Knee MRI \\x1b\\]0;PWNED\\x07 \\u202eright'), md);
  assert.ok(md.includes('a\\x1b\\[2J.txt'), md);
});
