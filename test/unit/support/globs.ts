/**
 * Glob patterns for the property tests and `npm run fuzz`: random patterns of
 * both syntaxes compared with the regular expressions earlier versions built
 * (kept here only as an oracle, and asked only about patterns they answer
 * quickly), patterns of any characters that must never make the matcher
 * throw, and the shapes that made those regular expressions backtrack for
 * minutes (`*a*a*a…*b` against long runs of `a`), checked against an answer
 * worked out by hand.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob, type GlobSyntax } from '../../../server/src/core/glob';

// ---- the oracle: the regular-expression compilers of earlier versions ----

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function filesExcludeSource(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        let j = i + 2;
        while (glob[j] === '*') j++;
        if (atSegmentStart && glob[j] === '/') {
          out += '(?:[^/]*/)*';
          i = j + 1;
        } else {
          out += '.*';
          i = j;
        }
        continue;
      }
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        i++;
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/]/g, '\\]')}]`;
      i = close + 1;
    } else if (c === '{') {
      const close = matchingBrace(glob, i);
      if (close < 0) {
        out += '\\{';
        i++;
        continue;
      }
      out += `(?:${splitTopLevel(glob.slice(i + 1, close)).map(filesExcludeSource).join('|')})`;
      i = close + 1;
    } else {
      out += escapeRegExp(c);
      i++;
    }
  }
  return out;
}

function cliSource(glob: string): string {
  let g = glob;
  while (g.startsWith('./')) g = g.slice(2);
  while (g.startsWith('/')) g = g.slice(1);
  let re = '';
  let i = 0;
  while (i < g.length) {
    const c = g[i];
    if (c === '*') {
      let j = i + 1;
      while (g[j] === '*') j++;
      const doubled = j - i >= 2;
      const wholeSegment = (i === 0 || g[i - 1] === '/') && (j === g.length || g[j] === '/');
      if (doubled && wholeSegment) {
        if (j === g.length) {
          re += '.*';
          i = j;
        } else {
          re += '(?:[^/]*/)*';
          i = j + 1;
        }
      } else {
        re += '[^/]*';
        i = j;
      }
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else {
      re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  return re;
}

/**
 * The regular expression an earlier version built for `glob`, or undefined
 * where it threw (a class range written backwards, `[z-a]`). One deliberate
 * difference: the `s` flag, because their `.*` stopped at line breaks, which
 * file names may hold; the matcher lets `**` cross them.
 */
export function oracle(glob: string, syntax: GlobSyntax): RegExp | undefined {
  try {
    if (syntax === 'cli') return new RegExp(`^${cliSource(glob)}$`, 's');
    let cleaned = glob.replace(/^\.\//, '');
    while (cleaned.endsWith('/')) cleaned = cleaned.slice(0, -1);
    return new RegExp(`^${filesExcludeSource(cleaned)}$`, 's');
  } catch {
    return undefined;
  }
}

// ---- generators ----

/** The characters that mean something in one syntax or the other, and a few that do not. */
const PATTERN_PARTS = ['*', '**', '?', '/', '**/', '[', ']', '!', '^', '-', '{', '}', ',', '.', './', 'a', 'b', 'ab', '\\', 'é', '\n', 'a-z', '[!a]', '{a,b}'];
const NAME_PARTS = ['a', 'b', 'ab', '/', '.', '-', '!', '^', '[', ']', '{', '}', ',', '\\', 'é', '\n', 'c', 'txt'];

const syntaxArb = fc.constantFrom<GlobSyntax>('files.exclude', 'cli');

/**
 * Short patterns with at most three stars: the oracle backtracks at most
 * (name length)^(stars + 1) steps on names of at most 30 characters.
 */
const safePattern = fc
  .array(fc.constantFrom(...PATTERN_PARTS), { maxLength: 10 })
  .map((parts) => parts.join(''))
  .filter((p) => (p.match(/\*+/g) ?? []).length <= 3);

const randomName = fc.array(fc.constantFrom(...NAME_PARTS), { maxLength: 12 }).map((parts) => parts.join('').slice(0, 30));

/** A name made from the pattern itself, wild cards filled in, so that many cases match. */
function nameFrom(pattern: string): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom('', 'a', 'b/', 'x', '/', 'ab'), { minLength: pattern.length, maxLength: pattern.length }).map((fills) => {
    let name = '';
    for (let k = 0; k < pattern.length; k++) {
      const c = pattern[k];
      if (c === '*' || c === '?') name += fills[k];
      else if (!'[]{},!^'.includes(c) || fills[k] !== '') name += c;
    }
    return name.slice(0, 30);
  });
}

export interface GlobCase {
  syntax: GlobSyntax;
  pattern: string;
  name: string;
}

export const globCaseArb: fc.Arbitrary<GlobCase> = fc
  .record({ syntax: syntaxArb, pattern: safePattern })
  .chain(({ syntax, pattern }) => fc.record({ syntax: fc.constant(syntax), pattern: fc.constant(pattern), name: fc.oneof(randomName, nameFrom(pattern)) }));

/**
 * The matcher answers as the oracle did, where the oracle answers; one
 * matcher asked about several names in turn (it keeps work space between calls).
 */
export function checkAgainstOracle({ syntax, pattern, name }: GlobCase): void {
  const expected = oracle(pattern, syntax);
  const matcher = compileGlob(pattern, syntax);
  for (const n of [name, `${name}a`, '', name.slice(1), name]) {
    const actual = matcher(n);
    if (expected) assert.equal(actual, expected.test(n), `${syntax} ${JSON.stringify(pattern)} ~ ${JSON.stringify(n)}`);
    else assert.equal(typeof actual, 'boolean');
  }
}

/** Patterns of any code units, up to the length cap (long ones made of the special characters), against names of any code units. */
export const anyGlobCaseArb: fc.Arbitrary<GlobCase> = fc.record({
  syntax: syntaxArb,
  pattern: fc.oneof(
    fc.string({ unit: fc.constantFrom(...'*?/[]{},!^-\\a.'.split('')), maxLength: 1000, size: 'large' }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  ),
  name: fc.oneof(fc.string({ unit: fc.constantFrom('a', '/', '.', 'b', '{', '['), maxLength: 300, size: 'large' }), fc.string({ maxLength: 100 })),
});

export function checkNeverThrows({ syntax, pattern, name }: GlobCase): void {
  assert.equal(typeof compileGlob(pattern, syntax)(name), 'boolean');
}

/**
 * `*a*a…*a*b` (the star-letter pair k times, then the end), maybe after `**` + `/`
 * or before `.txt`, against runs of `a` that may end in `b`: the shapes whose
 * regular expressions backtracked for minutes.
 */
export interface BacktrackCase {
  syntax: GlobSyntax;
  stars: number;
  folders: boolean;
  suffix: string;
  name: string;
}

export const backtrackCaseArb: fc.Arbitrary<BacktrackCase> = fc
  .record({
    syntax: syntaxArb,
    stars: fc.integer({ min: 1, max: 20 }),
    folders: fc.boolean(),
    suffix: fc.constantFrom('', '.txt'),
    as: fc.integer({ min: 0, max: 400 }),
    end: fc.constantFrom('', 'b', 'ba', 'b.txt', '.txt', 'a.txt'),
    folder: fc.constantFrom('', 'x/', 'a/a/', 'aaaa/b/'),
  })
  .map(({ syntax, stars, folders, suffix, as, end, folder }) => ({ syntax, stars, folders, suffix, name: folder + 'a'.repeat(as) + end }));

export function backtrackPattern({ stars, folders, suffix }: Pick<BacktrackCase, 'stars' | 'folders' | 'suffix'>): string {
  return `${folders ? '**/' : ''}${'*a'.repeat(stars)}*b${suffix}`;
}

/**
 * Whether `*a` k times, `*b`, then `suffix` matches `segment` (no '/' in it):
 * the segment ends in `b` + suffix and holds k `a`s before that `b`.
 */
function starShapeMatches(stars: number, suffix: string, segment: string): boolean {
  if (segment.includes('/') || !segment.endsWith('b' + suffix)) return false;
  const before = segment.slice(0, segment.length - suffix.length - 1);
  return before.split('a').length - 1 >= stars;
}

export function checkBacktrackCase(c: BacktrackCase): void {
  const { syntax, stars, folders, suffix, name } = c;
  const lastSlash = name.lastIndexOf('/');
  const expected = folders ? starShapeMatches(stars, suffix, name.slice(lastSlash + 1)) : starShapeMatches(stars, suffix, name);
  assert.equal(compileGlob(backtrackPattern(c), syntax)(name), expected, `${syntax} ${backtrackPattern(c)} ~ ${name}`);
}

/** The glob properties, shaped as the document properties are (see arbitraries.ts). */
export const GLOB_PROPERTIES: Array<{ name: string; ciRuns: number; weight: number; property: () => fc.IProperty<[unknown]> }> = [
  {
    name: 'globs: random patterns of both syntaxes answer as the regular expressions of earlier versions',
    ciRuns: 2000,
    weight: 6,
    property: () => fc.property(globCaseArb as fc.Arbitrary<unknown>, (c) => checkAgainstOracle(c as GlobCase)),
  },
  {
    name: 'globs: patterns of any characters never throw',
    ciRuns: 300,
    weight: 2,
    property: () => fc.property(anyGlobCaseArb as fc.Arbitrary<unknown>, (c) => checkNeverThrows(c as GlobCase)),
  },
  {
    name: 'globs: the backtracking shapes (*a*a…*b) against long runs of a',
    ciRuns: 300,
    weight: 2,
    property: () => fc.property(backtrackCaseArb as fc.Arbitrary<unknown>, (c) => checkBacktrackCase(c as BacktrackCase)),
  },
];
