/**
 * Run by test/unit/glob.test.ts in a child process, which it stops after a
 * generous delay: the patterns that made the regular expressions of earlier
 * versions backtrack for minutes, each against names that they could not
 * match quickly. Prints one line, the answers as JSON. Uses only functions
 * that earlier versions had too, so the guard fails on them by timing out.
 */
import { globMatcher } from '../../../server/src/core/glob';
import { PathFilter } from '../../../server/src/cli/glob';

const as = (n: number): string => 'a'.repeat(n);
const answers: Record<string, boolean> = {
  'files.exclude *a×9*b, 60 a': globMatcher('**/*a*a*a*a*a*a*a*a*a*b')(`${as(60)}.txt`),
  'files.exclude *a×9*b, 60 a then b': globMatcher('**/*a*a*a*a*a*a*a*a*a*b')(`x/${as(60)}b`),
  'cli *a×7*b.txt, 60 a': new PathFilter([`*a*a*a*a*a*a*a*b.txt`], []).accepts(`${as(60)}.txt`),
  'cli *a×7*b.txt, 60 a then b': new PathFilter([`*a*a*a*a*a*a*a*b.txt`], []).accepts(`${as(60)}b.txt`),
  'cli exclude *a×7*b.txt, 60 a': new PathFilter([], [`**/*a*a*a*a*a*a*a*b.txt`]).accepts(`x/${as(60)}.txt`),
  'files.exclude **/ ×300, 500 folders': globMatcher(`${'**/'.repeat(300)}x`)(`${'a/'.repeat(500)}y`),
  'files.exclude {*a,a*}×20 b, 60 a': globMatcher(`${'{*a,a*}'.repeat(20)}b`)(as(60)),
  'files.exclude *a×499 b (998 characters), 4000 a': globMatcher(`${'*a'.repeat(499)}b`)(as(4000)),
  'files.exclude nested braces 300 deep': globMatcher(`${'{a,'.repeat(300)}b${'}'.repeat(300)}`)('b'),
  'cli a*×400 (800 characters), 4000 a then c': new PathFilter([`${'a*'.repeat(400)}b`], []).accepts(`${as(4000)}c`),
};
process.stdout.write(JSON.stringify(answers) + '\n');
