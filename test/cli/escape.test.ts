/**
 * Control characters from letters and file names never reach the terminal as
 * they are: a line feed in a file name cannot forge a finding line, an escape
 * sequence in an item title cannot clear the screen or retitle the window.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { imr, SAMPLES } from './support';

const POSIX = process.platform !== 'win32';
const TITLE = 'MRI of the left knee without contrast';
const HOSTILE = 'MRI of the left knee \x1b[2J\x1b]0;PWNED\x07 \u202eesrever\u202c \x9b31m without contrast';
/** Anything a terminal acts on: C0 controls but the line feed ending each line, DEL, C1, bidi overrides and isolates. */
const ACTIVE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

function hostileLetter(dir: string): string {
  const source = readFileSync(path.join(SAMPLES, 'chapter-mismatch.txt'), 'utf8');
  assert.ok(source.includes(TITLE));
  const file = path.join(dir, 'hostile.txt');
  writeFileSync(file, source.replace(TITLE, HOSTILE));
  return file;
}

test('an item title holding escape sequences is printed escaped in text and Markdown output', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-escape-'));
  try {
    hostileLetter(dir);
    const check = imr(['check', 'hostile.txt'], {}, dir);
    assert.equal(check.code, 0, check.stderr);
    assert.doesNotMatch(check.stdout, ACTIVE);
    assert.ok(check.stdout.includes('\\x1b[2J\\x1b]0;PWNED\\x07 \\u202eesrever\\u202c \\x9b31m'), check.stdout);
    for (const line of check.stdout.trimEnd().split('\n')) assert.match(line, /^hostile\.txt:\d+:\d+: warning /);
    const markdown = imr(['extract', '--format', 'markdown', 'hostile.txt'], {}, dir);
    assert.equal(markdown.code, 0, markdown.stderr);
    assert.doesNotMatch(markdown.stdout, ACTIVE);
    assert.match(markdown.stdout, /PWNED\\x07/);
    // JSON keeps the title as it is (JSON escapes what needs it), for programs that read it.
    const json = JSON.parse(imr(['extract', 'hostile.txt'], {}, dir).stdout);
    assert.ok(json.files[0].items.some((i: { title: string }) => i.title.includes('\x1b[2J')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file name with a line feed cannot start a forged finding line', { skip: !POSIX }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-escape-'));
  try {
    mkdirSync(path.join(dir, 'letters'));
    const evil = 'evil\nFORGED.txt:1:1: error missing-outcome forged\x1b[2J.txt';
    copyFileSync(path.join(SAMPLES, 'drafting-problems.txt'), path.join(dir, 'letters', evil));
    const r = imr(['check', 'letters'], {}, dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, 'one line per finding');
    for (const line of lines) assert.ok(line.startsWith('letters/evil\\x0aFORGED.txt:1:1: error missing-outcome forged\\x1b[2J.txt:'), line);
    assert.doesNotMatch(r.stdout, ACTIVE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('messages on stderr name files escaped', () => {
  const r = imr(['check', 'no such \x1b]0;PWNED\x07 file\u202e.txt', '--config', 'missing\nconfig.json']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'imr: cannot read config missing\\x0aconfig.json: ENOENT\n');
  const missing = imr(['check', 'no such \x1b]0;PWNED\x07 file\u202e.txt']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^imr: cannot read no such \\x1b\]0;PWNED\\x07 file\\u202e\.txt: no such file or folder$/m);
  assert.doesNotMatch(missing.stderr, ACTIVE);
  const usage = imr(['check', '--\x1b[2J']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /^imr: unknown option "--\\x1b\[2J"/);
});
