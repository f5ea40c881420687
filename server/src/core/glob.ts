/**
 * Glob patterns as VS Code's `files.exclude` setting writes them, matched
 * against '/'-separated paths relative to a workspace folder: `**` (any number
 * of path segments), `*` and `?` (inside one segment), `{a,b}` alternatives and
 * `[...]` character ranges (`[!...]` negated). A pattern that matches a folder
 * excludes everything inside it; callers stop descending there.
 */

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** The regular-expression source of one glob (without anchors). */
function globSource(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**` spans segments: `**/` may match nothing, a trailing `/**` everything below.
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
      const alternatives = splitTopLevel(glob.slice(i + 1, close));
      out += `(?:${alternatives.map(globSource).join('|')})`;
      i = close + 1;
    } else {
      out += escapeRegExp(c);
      i++;
    }
  }
  return out;
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

/** One glob as a test on relative paths. Leading `./` and trailing `/` are ignored. */
export function globMatcher(glob: string): (relativePath: string) => boolean {
  const cleaned = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  const re = new RegExp(`^${globSource(cleaned)}$`);
  return (path) => re.test(path);
}

/**
 * The patterns of a `files.exclude` value that are switched on (`true`), as
 * one test. Entries with a `when` condition (exclude only beside a sibling
 * file) are not applied: the index would rather read a file too many.
 */
export function excludeMatcher(setting: unknown): (relativePath: string) => boolean {
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) return () => false;
  const tests: Array<(path: string) => boolean> = [];
  for (const [pattern, value] of Object.entries(setting as Record<string, unknown>)) {
    if (value === true && pattern.trim() !== '') tests.push(globMatcher(pattern.trim()));
  }
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
