/**
 * The glob matcher of both syntaxes (core/glob.ts): each construct by hand,
 * the caps on patterns, a differential property against the regular
 * expressions earlier versions built (support/globs.ts), and the patterns
 * that made those backtrack for minutes, run in a child process with a
 * generous deadline so that a matcher that backtracks fails clearly instead
 * of hanging the suite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';
import { compileGlob, excludeMatcher, globMatcher, MAX_GLOB_LENGTH, MAX_GLOB_PATTERNS } from '../../server/src/core/glob';
import { cliGlobMatcher } from '../../server/src/cli/glob';
import { parseArgs, UsageError, type Options } from '../../server/src/cli/args';
import { GLOB_PROPERTIES, oracle } from './support/globs';

const SEED = 7_2026;

test('files.exclude syntax: each construct', () => {
  const cases: Array<[string, string, boolean]> = [
    // * and ? stay within a segment.
    ['*.txt', 'a.txt', true],
    ['*.txt', 'x/a.txt', false],
    ['*', '', true],
    ['?', 'a', true],
    ['?', '/', false],
    ['?', '', false],
    // ** followed by / : no folder or any number of them.
    ['**/a', 'a', true],
    ['**/a', 'x/y/a', true],
    ['**/a', 'xa', false],
    ['x/**/a', 'x/a', true],
    ['x/**/a', 'x/p/q/a', true],
    // ** elsewhere crosses folders.
    ['archive/**', 'archive/2016/a.txt', true],
    ['archive/**', 'archive', false],
    ['a**b', 'a/x/b', true],
    ['**.txt', 'x/y.txt', true],
    ['***/a', 'p/a', true],
    // Classes: ranges, negation with ! or ^, ']' first, '-' last, '/' inside, no closing bracket.
    ['[a-c]', 'b', true],
    ['[a-c]', 'd', false],
    ['[!a-c]', 'd', true],
    ['[^a-c]', 'b', false],
    ['[]]', ']', true],
    ['[a-]', '-', true],
    ['[a-b-d]', '-', true],
    ['[a-b-d]', 'c', false],
    ['[/]', '/', true],
    ['[!]', 'x', true],
    ['[ab', '[ab', true],
    ['[]', '[]', true],
    ['[z-a]x', 'x', false],
    ['[z-a]x', 'mx', false],
    // Braces: alternatives, nested, empty, unclosed, with ** at an alternative's start.
    ['*.{log,tmp}', 'x.tmp', true],
    ['*.{log,tmp}', 'x.txt', false],
    ['{a,{b,c}d}', 'cd', true],
    ['{a,{b,c}d}', 'c', false],
    ['x{,y}', 'x', true],
    ['{}', '', true],
    ['{a,b', '{a,b', true],
    ['a{**/b,c}', 'ab', true],
    ['a{**/b,c}', 'ap/b', true],
    ['a{**/b,c}', 'apb', false],
    ['{[a,b]}', '[a', true],
    ['[{a,b}]', 'a', true],
    ['[{a,b}]', '{', true],
    // Cleaning: one leading ./, trailing slashes.
    ['./out/', 'out', true],
    ['./././x', '././x', true],
    ['out//', 'out', true],
    // Every other character is itself; case counts; code units, not code points.
    ['a+b (1).$', 'a+b (1).$', true],
    ['a.b', 'axb', false],
    ['A.txt', 'a.txt', false],
    ['?', '\ud83d\ude00', false],
    ['??', '\ud83d\ude00', true],
    ['**', 'a\nb/c', true],
  ];
  for (const [glob, name, expected] of cases) {
    assert.equal(globMatcher(glob)(name), expected, `${glob} ~ ${JSON.stringify(name)}`);
    // The same answer as before, where there was one ([z-a] did not compile).
    const old = oracle(glob, 'files.exclude');
    if (old) assert.equal(old.test(name), expected, `oracle: ${glob} ~ ${JSON.stringify(name)}`);
  }
});

test('CLI syntax: each construct; brackets and braces are themselves', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*.txt', 'a.txt', true],
    ['*.txt', 'x/a.txt', false],
    ['?.txt', 'a.txt', true],
    ['**/drafts/**', 'drafts/a.txt', true],
    ['**/drafts/**', '2017/drafts/old/a.txt', true],
    ['**/drafts/**', 'mydrafts/a.txt', false],
    ['a**b.txt', 'aXYb.txt', true],
    ['a**b.txt', 'a/b.txt', false],
    ['**.txt', 'x/a.txt', false],
    ['**', 'any/thing.txt', true],
    ['././/top.txt', 'top.txt', true],
    ['[ab].txt', '[ab].txt', true],
    ['[ab].txt', 'a.txt', false],
    ['{a,b}.txt', '{a,b}.txt', true],
    ['{a,b}.txt', 'a.txt', false],
    ['a\\*.txt', 'a\\x.txt', true],
  ];
  for (const [glob, name, expected] of cases) {
    assert.equal(cliGlobMatcher(glob)(name), expected, `${glob} ~ ${JSON.stringify(name)}`);
    assert.equal(oracle(glob, 'cli')!.test(name), expected, `oracle: ${glob} ~ ${JSON.stringify(name)}`);
  }
});

test('the oracle is the old compilation: it agrees with the hand cases it can answer', () => {
  assert.equal(oracle('[z-a]', 'files.exclude'), undefined, 'a backwards range did not compile');
  assert.ok(oracle('**/*.{log,tmp}', 'files.exclude')!.test('a/b.log'));
  assert.ok(!oracle('a**b', 'cli')!.test('a/b'));
});

for (const p of GLOB_PROPERTIES) {
  test(`property: ${p.name}`, { timeout: 120_000 }, () => {
    fc.assert(p.property(), { numRuns: p.ciRuns, seed: SEED, includeErrorInReport: true });
  });
}

test('files.exclude caps: longer patterns and patterns past the count are not applied, and said so without naming them', () => {
  const long = `secret-${'x'.repeat(MAX_GLOB_LENGTH)}`;
  const atCap = `${'y'.repeat(MAX_GLOB_LENGTH - 1)}*`;
  const problems: string[] = [];
  const m = excludeMatcher({ [long]: true, [atCap]: true }, (p) => problems.push(p));
  assert.ok(!m(long), 'a pattern over the cap is not applied');
  assert.ok(m(`${'y'.repeat(MAX_GLOB_LENGTH - 1)}z`), 'a pattern of exactly the cap is');
  assert.deepEqual(problems, [`files.exclude: 1 pattern longer than ${MAX_GLOB_LENGTH} characters not applied.`]);

  const setting: Record<string, boolean> = { 'off/**': false };
  for (let k = 0; k < MAX_GLOB_PATTERNS + 5; k++) setting[`folder${k}`] = true;
  problems.length = 0;
  const many = excludeMatcher(setting, (p) => problems.push(p));
  assert.ok(many('folder0') && many(`folder${MAX_GLOB_PATTERNS - 1}`), 'the first patterns switched on are applied');
  assert.ok(!many(`folder${MAX_GLOB_PATTERNS}`) && !many(`folder${MAX_GLOB_PATTERNS + 4}`), 'the rest are not');
  assert.deepEqual(problems, [`files.exclude: more than ${MAX_GLOB_PATTERNS} patterns; the 5 after the first ${MAX_GLOB_PATTERNS} not applied.`]);
  assert.ok(problems.every((p) => !p.includes('folder') && !p.includes('secret')));

  // Without a listener the caps still hold; a setting within them reports nothing.
  assert.ok(!excludeMatcher({ [long]: true })(long));
  problems.length = 0;
  excludeMatcher({ '**/a': true, '**/b': true }, (p) => problems.push(p));
  assert.deepEqual(problems, []);
});

test('CLI caps: a longer pattern, or more patterns in all, is a usage error', () => {
  const pattern = (n: number) => `${'*'.repeat(n - 1)}a`;
  const options = (argv: string[]) => parseArgs(argv) as Options;
  assert.deepEqual(options(['check', '--include', pattern(MAX_GLOB_LENGTH), 'x']).include, [pattern(MAX_GLOB_LENGTH)]);
  assert.throws(() => parseArgs(['check', '--exclude', pattern(MAX_GLOB_LENGTH + 1), 'x']), (e: Error) => e instanceof UsageError && /at most 1000 characters/.test(e.message));
  const within = Array.from({ length: MAX_GLOB_PATTERNS }, (_, k) => (k % 2 === 0 ? `--include=a${k}` : `--exclude=a${k}`));
  assert.equal(options(['check', ...within, 'x']).exclude.length, MAX_GLOB_PATTERNS / 2);
  assert.throws(() => parseArgs(['check', ...within, '--include', 'one-more', 'x']), (e: Error) => e instanceof UsageError && /at most 200 --include and --exclude patterns/.test(e.message));
});

test('the backtracking patterns answer (child process, stopped after 30 s)', { timeout: 60_000 }, () => {
  const script = path.join(__dirname, 'support/globWorstCases.ts');
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
  assert.ok(!run.error && run.signal === null, `the matcher did not answer within 30 s (${run.error?.message ?? run.signal}): it backtracks`);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    'files.exclude *a×9*b, 60 a': false,
    'files.exclude *a×9*b, 60 a then b': true,
    'cli *a×7*b.txt, 60 a': false,
    'cli *a×7*b.txt, 60 a then b': true,
    'cli exclude *a×7*b.txt, 60 a': true,
    'files.exclude **/ ×300, 500 folders': false,
    'files.exclude {*a,a*}×20 b, 60 a': false,
    'files.exclude *a×499 b (998 characters), 4000 a': false,
    'files.exclude nested braces 300 deep': true,
    'cli a*×400 (800 characters), 4000 a then c': false,
  });
});

test('compileGlob takes both syntaxes by name', () => {
  assert.equal(compileGlob('{a,b}', 'files.exclude')('a'), true);
  assert.equal(compileGlob('{a,b}', 'cli')('a'), false);
});
