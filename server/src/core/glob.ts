/**
 * Glob patterns matched against '/'-separated relative paths, in two syntaxes:
 *
 * - `files.exclude`, as VS Code's setting writes them: `**` (any number of path
 *   segments), `*` and `?` (inside one segment), `{a,b}` alternatives and
 *   `[...]` character ranges (`[!...]` negated). A pattern that matches a
 *   folder excludes everything inside it; callers stop descending there.
 * - `cli`, the command line's `--include` / `--exclude`: `*`, `?` and `**`
 *   only; every other character stands for itself.
 *
 * A pattern is read into tokens, the tokens become a small automaton, and a
 * path is matched by following every state the automaton can be in at once,
 * one character after another. That costs at most (path length × pattern
 * length) steps whatever the pattern: a regular expression built from a glob
 * backtracks, and `*a*a*a*a*a*a*b` against a long name of `a`s took minutes.
 * Characters are UTF-16 code units and matching is case-sensitive.
 */

/** Longer patterns are refused (the CLI) or ignored (the server): the cost of a match grows with the pattern. */
export const MAX_GLOB_LENGTH = 1000;
/** At most this many patterns are applied (switched-on `files.exclude` entries; `--include` and `--exclude` together). */
export const MAX_GLOB_PATTERNS = 200;

export type GlobSyntax = 'files.exclude' | 'cli';

type Token =
  /** One character (a UTF-16 code unit) standing for itself. */
  | { kind: 'literal'; char: string }
  /** `?`: one character other than '/'. */
  | { kind: 'one' }
  /** `[...]`: one character in (or, negated, not in) the ranges; '/' included, as the regular expressions of earlier versions did. */
  | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> }
  /** `*`: any characters other than '/'. */
  | { kind: 'star' }
  /** `**` where it is not a whole segment followed by '/': any characters, '/' included. */
  | { kind: 'anything' }
  /** `**` followed by '/': nothing, or any characters ending in '/' (whole folders). */
  | { kind: 'folders' }
  | { kind: 'braces'; alternatives: Token[][] };

function tokenize(glob: string, syntax: GlobSyntax): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      let j = i + 1;
      while (glob[j] === '*') j++;
      const segmentStart = i === 0 || glob[i - 1] === '/';
      if (j - i === 1) {
        tokens.push({ kind: 'star' });
      } else if (segmentStart && glob[j] === '/') {
        tokens.push({ kind: 'folders' });
        j++; // the '/' belongs to the token: `**/a` matches `a`
      } else if (segmentStart && j === glob.length) {
        tokens.push({ kind: 'anything' });
      } else {
        // `a**b`: VS Code's syntax lets it cross folders, the CLI's keeps it within a name.
        tokens.push({ kind: syntax === 'cli' ? 'star' : 'anything' });
      }
      i = j;
    } else if (c === '?') {
      tokens.push({ kind: 'one' });
      i++;
    } else if (syntax === 'files.exclude' && c === '[' && glob.indexOf(']', i + 2) >= 0) {
      // The first ']' after the one following '[' closes, so `[]]` is the class of ']'.
      const close = glob.indexOf(']', i + 2);
      let body = glob.slice(i + 1, close);
      const negated = body[0] === '!' || body[0] === '^';
      if (negated) body = body.slice(1);
      tokens.push({ kind: 'class', negated, ranges: classRanges(body) });
      i = close + 1;
    } else if (syntax === 'files.exclude' && c === '{' && matchingBrace(glob, i) >= 0) {
      const close = matchingBrace(glob, i);
      // Each alternative is read on its own: a `**/` opening one counts as a segment start.
      const alternatives = splitTopLevel(glob.slice(i + 1, close)).map((a) => tokenize(a, syntax));
      tokens.push({ kind: 'braces', alternatives });
      i = close + 1;
    } else {
      tokens.push({ kind: 'literal', char: c });
      i++;
    }
  }
  return tokens;
}

/**
 * The ranges of a class body, read as JavaScript reads `[...]`: `x-y` is a
 * range unless the '-' comes last, and anything else stands for itself. A
 * range written backwards (`z-a`) holds nothing, where a regular expression
 * would not have compiled.
 */
function classRanges(body: string): Array<[string, string]> {
  const ranges: Array<[string, string]> = [];
  let k = 0;
  while (k < body.length) {
    const low = body[k];
    if (body[k + 1] === '-' && k + 2 < body.length) {
      ranges.push([low, body[k + 2]]);
      k += 3;
    } else {
      ranges.push([low, low]);
      k++;
    }
  }
  return ranges;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** "a,{b,c},d" -> ["a", "{b,c}", "d"] */
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

/** What a reading state accepts: one character (UTF-16 code unit; one-unit strings compare by their units). */
type Accepts =
  | { kind: 'unit'; char: string }
  | { kind: 'notSlash' }
  | { kind: 'any' }
  | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> };

/** A state reads one character it accepts and goes on to `next`, or goes on to each of `forks` without reading. */
type State = { accepts: Accepts; next: number } | { accepts: undefined; forks: number[] };

const NOT_SLASH: Accepts = { kind: 'notSlash' };
const ANY: Accepts = { kind: 'any' };
const ONE_SLASH: Accepts = { kind: 'unit', char: '/' };

function accepts(a: Accepts, char: string): boolean {
  switch (a.kind) {
    case 'unit':
      return char === a.char;
    case 'notSlash':
      return char !== '/';
    case 'any':
      return true;
    case 'class':
      return a.ranges.some(([low, high]) => char >= low && char <= high) !== a.negated;
  }
}

/**
 * Built from the end backwards: each token gets the state that follows it.
 * State 0 is the end; the path matches when it is reached with the last character.
 */
class Automaton {
  private readonly states: State[] = [{ accepts: undefined, forks: [] }];
  private readonly start: number;
  // Work space for `matches`, kept between calls (a match never runs inside another): the worst
  // case the index allows (200 patterns of 1,000 characters against a 255-character name) takes
  // about four times as long when each step makes new sets instead (issue 13's bound on globs).
  /** The step at which each state was last entered: no state is entered twice in one step. */
  private readonly enteredAt: number[];
  private step = 0;
  private readonly pending: number[] = [];
  private current: number[] = [];
  private following: number[] = [];

  constructor(tokens: Token[]) {
    this.start = this.sequence(tokens, 0);
    this.enteredAt = this.states.map(() => 0);
  }

  private add(state: State): number {
    this.states.push(state);
    return this.states.length - 1;
  }

  private reads(what: Accepts, next: number): number {
    return this.add({ accepts: what, next });
  }

  private fork(forks: number[]): number {
    return this.add({ accepts: undefined, forks });
  }

  private sequence(tokens: Token[], next: number): number {
    for (let k = tokens.length - 1; k >= 0; k--) next = this.token(tokens[k], next);
    return next;
  }

  /** Any number of characters that `what` accepts, then `next`. */
  private repeat(what: Accepts, next: number): number {
    const forks = [next];
    const loop = this.fork(forks);
    forks.push(this.reads(what, loop));
    return loop;
  }

  private token(t: Token, next: number): number {
    switch (t.kind) {
      case 'literal':
        return this.reads({ kind: 'unit', char: t.char }, next);
      case 'one':
        return this.reads(NOT_SLASH, next);
      case 'class':
        return this.reads({ kind: 'class', negated: t.negated, ranges: t.ranges }, next);
      case 'star':
        return this.repeat(NOT_SLASH, next);
      case 'anything':
        return this.repeat(ANY, next);
      case 'folders':
        return this.fork([next, this.repeat(ANY, this.reads(ONE_SLASH, next))]);
      case 'braces':
        // All alternatives lead to the same state: nested braces add states, they never multiply them.
        return this.fork(t.alternatives.map((a) => this.sequence(a, next)));
    }
  }

  /** Enters `from` and every state it forks to; appends the reading states among them to `into`. */
  private enter(from: number, into: number[]): void {
    const { enteredAt, pending, step } = this;
    if (enteredAt[from] === step) return;
    enteredAt[from] = step;
    pending.push(from);
    while (pending.length > 0) {
      const index = pending.pop()!;
      const state = this.states[index];
      if (state.accepts) {
        into.push(index);
        continue;
      }
      for (const f of state.forks) {
        if (enteredAt[f] === step) continue;
        enteredAt[f] = step;
        pending.push(f);
      }
    }
  }

  matches(path: string): boolean {
    this.step++;
    this.current.length = 0;
    this.enter(this.start, this.current);
    for (let i = 0; i < path.length; i++) {
      if (this.current.length === 0) return false;
      this.step++;
      this.following.length = 0;
      for (const index of this.current) {
        const state = this.states[index] as { accepts: Accepts; next: number };
        if (accepts(state.accepts, path[i])) this.enter(state.next, this.following);
      }
      [this.current, this.following] = [this.following, this.current];
    }
    return this.enteredAt[0] === this.step;
  }
}

/** The characters of the literal tokens at the start or the end of `tokens`. */
function fixedText(tokens: readonly Token[], where: 'start' | 'end'): string {
  const chars: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[where === 'start' ? k : tokens.length - 1 - k];
    if (t.kind !== 'literal') break;
    chars.push(t.char);
  }
  if (where === 'end') chars.reverse();
  return chars.join('');
}

function withoutTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end--;
  return s.slice(0, end);
}

/**
 * One glob as a test on relative paths. `files.exclude` patterns lose one
 * leading `./` and any trailing `/`; CLI patterns lose leading `./` and `/`
 * ("./x" and "/x" mean x relative to the folder). Callers keep patterns within
 * MAX_GLOB_LENGTH: the matcher takes time proportional to the pattern's length.
 */
export function compileGlob(glob: string, syntax: GlobSyntax): (relativePath: string) => boolean {
  let g = glob;
  if (syntax === 'files.exclude') {
    if (g.startsWith('./')) g = g.slice(2);
    g = withoutTrailingSlashes(g);
  } else {
    while (g.startsWith('./')) g = g.slice(2);
    while (g.startsWith('/')) g = g.slice(1);
  }
  const tokens = tokenize(g, syntax);
  const automaton = new Automaton(tokens);
  // Most patterns start or end with fixed text (`**/.git`, `archive/**`): a path without it
  // is turned away before the automaton, which costs some states for every character.
  const head = fixedText(tokens, 'start');
  const tail = fixedText(tokens, 'end');
  return (path) => path.startsWith(head) && path.endsWith(tail) && automaton.matches(path);
}

/** One `files.exclude` glob as a test on relative paths. */
export function globMatcher(glob: string): (relativePath: string) => boolean {
  return compileGlob(glob, 'files.exclude');
}

/**
 * The patterns of a `files.exclude` value that are switched on (`true`), as
 * one test. Entries with a `when` condition (exclude only beside a sibling
 * file) are not applied: the index would rather read a file too many.
 * Patterns longer than MAX_GLOB_LENGTH, and those after the first
 * MAX_GLOB_PATTERNS, are not applied either; `report` hears of it in words
 * that name no pattern (they may hold file or client names).
 */
export function excludeMatcher(setting: unknown, report?: (problem: string) => void): (relativePath: string) => boolean {
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) return () => false;
  const tests: Array<(path: string) => boolean> = [];
  let tooLong = 0;
  let tooMany = 0;
  for (const [pattern, value] of Object.entries(setting as Record<string, unknown>)) {
    const glob = pattern.trim();
    if (value !== true || glob === '') continue;
    if (glob.length > MAX_GLOB_LENGTH) tooLong++;
    else if (tests.length >= MAX_GLOB_PATTERNS) tooMany++;
    else tests.push(globMatcher(glob));
  }
  if (tooLong > 0) report?.(`files.exclude: ${tooLong} pattern${tooLong === 1 ? '' : 's'} longer than ${MAX_GLOB_LENGTH} characters not applied.`);
  if (tooMany > 0) report?.(`files.exclude: more than ${MAX_GLOB_PATTERNS} patterns; the ${tooMany} after the first ${MAX_GLOB_PATTERNS} not applied.`);
  return (path) => tests.some((t) => t(path));
}

/** VS Code's default `files.exclude`, for clients that do not say. */
export const DEFAULT_FILES_EXCLUDE: Readonly<Record<string, boolean>> = {
  '**/.git': true,
  '**/.svn': true,
  '**/.hg': true,
  '**/CVS': true,
  '**/.DS_Store': true,
  '**/Thumbs.db': true,
};
