/**
 * `--config FILE` and `--rule`: what is refused (with exit 2 and a message that
 * says why, never quoting the file's text) and what is accepted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { KNOWN_SETTINGS } from '../../server/src/cli/config';
import { imr, ROOT, SAMPLES } from './support';

const LETTER = path.join(SAMPLES, 'chapter-mismatch.txt');

/** `imr check --config FILE LETTER` with FILE holding `content`. */
function withConfig(content: string, ...extra: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-config-'));
  try {
    writeFileSync(path.join(dir, 'settings.json'), content);
    return imr(['check', '--config', 'settings.json', ...extra, LETTER], {}, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a level that is not one is refused, not ignored', () => {
  const r = withConfig('{ "imrDetermination.validate.chapterMismatch": "eror" }');
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    'imr: config settings.json: imrDetermination.validate.chapterMismatch takes ignore, hint, information, warning or error, not "eror"\n',
  );
  assert.equal(r.stdout, '');
  const nested = withConfig('{ "imrDetermination": { "validate": { "noItems": 3 } } }');
  assert.equal(nested.code, 2);
  assert.match(nested.stderr, /^imr: config settings\.json: imrDetermination\.validate\.noItems takes ignore, .* not 3$/m);
});

test('a config file must hold a JSON object', () => {
  for (const [content, what] of [
    ['[1,2]', 'an array'],
    ['null', 'null'],
    ['"error"', 'a string'],
    ['42', 'a number'],
  ]) {
    const r = withConfig(content);
    assert.equal(r.code, 2, content);
    assert.equal(r.stderr, `imr: config settings.json must hold a JSON object of settings, not ${what}\n`, content);
  }
});

test('unknown settings of this extension are refused, with the known ones listed; other extensions\' are ignored', () => {
  for (const content of [
    '{ "imrDetermination.validate.chapterMismatchh": "error" }',
    '{ "imrDetermination": { "validat": { "chapterMismatch": "error" } } }',
    '{ "validate": { "constructor": "error" } }',
    '{ "imrDetermination.validate": "error" }',
  ]) {
    const r = withConfig(content);
    assert.equal(r.code, 2, content);
    assert.match(r.stderr, /^imr: config settings\.json: unknown setting imrDetermination\.[\w.]+ \(known: /, content);
    for (const key of KNOWN_SETTINGS) assert.ok(r.stderr.includes(`imrDetermination.${key}`), `${content}: lists ${key}`);
  }
  // A VS Code settings file: other extensions' keys pass, editor-only keys of this one too.
  const vscode = withConfig(
    JSON.stringify({
      'editor.fontSize': 14,
      '[markdown]': { 'editor.wordWrap': 'on' },
      'imrDetermination.trace.server': 'off',
      'imrDetermination.detectContent.enabled': true,
      'imrDetermination.validate.enabled': true,
      'imrDetermination.validate.chapterMismatch': 'error',
    }),
  );
  assert.equal(vscode.code, 1, vscode.stderr);
  assert.match(vscode.stdout, /: error chapter-mismatch /);
  for (const content of ['{ "imrDetermination": { "validate": { "chapterMismatch": "error" } } }', '{ "validate": { "chapterMismatch": "error" } }']) {
    assert.equal(withConfig(content).code, 1, content);
  }
});

test('values of the wrong type are refused', () => {
  for (const [content, message] of [
    ['{ "imrDetermination.validate.enabled": "yes" }', 'imrDetermination.validate.enabled takes true or false, not "yes"'],
    ['{ "imrDetermination.maxDocumentSize": -5 }', 'imrDetermination.maxDocumentSize takes a positive number of bytes, not -5'],
    ['{ "imrDetermination": { "maxDocumentSize": "big" } }', 'imrDetermination.maxDocumentSize takes a positive number of bytes, not "big"'],
    ['{ "imrDetermination.trace.server": [] }', 'imrDetermination.trace.server takes off, messages or verbose, not an array'],
  ]) {
    const r = withConfig(content);
    assert.equal(r.code, 2, content);
    assert.equal(r.stderr, `imr: config settings.json: ${message}\n`, content);
  }
  // A long string is described, not printed.
  const long = withConfig(JSON.stringify({ 'imrDetermination.validate.noItems': 'x'.repeat(500) }));
  assert.equal(long.code, 2);
  assert.match(long.stderr, /not a string of 500 characters\n$/);
});

test('--rule takes only the checks themselves, not names inherited by every object', () => {
  for (const code of ['constructor', 'tostring', 'valueof']) {
    const r = imr(['check', '--rule', `${code}=error`, 'samples']);
    assert.equal(r.code, 2, code);
    assert.match(r.stderr, new RegExp(`^imr: unknown check "${code}" \\(checks: missing-section, `), code);
  }
  assert.equal(imr(['check', '--rule', 'chapter-mismatch=error', LETTER]).code, 1);
});

test('a config file that is not JSON: where it goes wrong, never its text', () => {
  const letter = imr(['check', '--config', LETTER, LETTER]);
  assert.equal(letter.code, 2);
  assert.equal(letter.stderr, `imr: config ${LETTER} is not valid JSON: an unexpected character at line 1, column 1\n`);
  const firstLine = readFileSync(LETTER, 'utf8').split('\n')[0];
  for (const word of firstLine.split(/\W+/).filter((w) => w.length > 2)) assert.ok(!letter.stderr.includes(word), `quotes "${word}"`);
  for (const [content, where] of [
    ['{ "imrDetermination.validate.noItems": "error", }', 'an unexpected character at line 1, column 49'],
    ['{\n  "a": tru }', 'an unexpected character at line 2, column 8'],
    ['{\r\n  "a": [1, 2', 'it ends too early at line 2, column 13'],
    ['{ "a": "secret\n" }', 'a line break or other control character inside a string at line 1, column 15'],
    ['{ "a": "secret', 'an unterminated string at line 1, column 8'],
    ['{} {"secret": 1}', 'more text after the end of the JSON at line 1, column 4'],
    ['', 'it ends too early at line 1, column 1'],
  ]) {
    const r = withConfig(content);
    assert.equal(r.code, 2, content);
    assert.equal(r.stderr, `imr: config settings.json is not valid JSON: ${where}\n`, content);
    assert.ok(!r.stderr.includes('secret'), content);
  }
  // A byte order mark (Windows editors write one) is not an error.
  assert.equal(withConfig('\uFEFF{ "validate": { "chapterMismatch": "error" } }').code, 1);
});

test('a config file that is not a regular file is refused without reading it', { skip: process.platform === 'win32' }, () => {
  const r = imr(['check', '--config', '/dev/zero', LETTER], {}, ROOT, 30_000);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'imr: config /dev/zero is not a regular file (a character device)\n');
});

test('the settings the CLI knows are those the extension contributes', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  // The settings come in categories (general, checks): every key of every category.
  const categories = manifest.contributes.configuration as Array<{ properties: Record<string, unknown> }>;
  const contributed = categories.flatMap((c) => Object.keys(c.properties)).map((k) => k.replace(/^imrDetermination\./, ''));
  assert.deepEqual([...KNOWN_SETTINGS].sort(), contributed.sort());
});
