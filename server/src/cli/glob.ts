/**
 * Glob patterns for `--include` / `--exclude`, matched against a file's path
 * relative to the folder named on the command line, with `/` between folders.
 *
 *   *    any characters except `/` (within one folder or file name)
 *   ?    one character except `/`
 *   **   as a whole path segment: any number of folders, none included
 *        (`**` + `/drafts/` + `**` matches `drafts/a.txt` and `2017/drafts/b/c.txt`);
 *        elsewhere it acts like `*`
 *
 * Every other character stands for itself. Matching is case-sensitive.
 */

export function globToRegExp(glob: string): RegExp {
  // "./x" and "/x" both mean "x relative to the folder".
  let g = glob;
  while (g.startsWith('./')) g = g.slice(2);
  while (g.startsWith('/')) g = g.slice(1);
  let re = '^';
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
  return new RegExp(re + '$');
}

/** Which files of a folder to read: all of `include` (when given) and none of `exclude`. */
export class PathFilter {
  private readonly include: readonly RegExp[];
  private readonly exclude: readonly RegExp[];

  constructor(include: readonly string[], exclude: readonly string[]) {
    this.include = include.map(globToRegExp);
    this.exclude = exclude.map(globToRegExp);
  }

  /** `relative` uses `/` between folders, whatever the platform. */
  accepts(relative: string): boolean {
    if (this.include.length > 0 && !this.include.some((r) => r.test(relative))) return false;
    return !this.exclude.some((r) => r.test(relative));
  }
}
