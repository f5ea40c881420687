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
 * Every other character stands for itself. Matching is case-sensitive. The
 * matching itself is the core's (core/glob.ts), in its `cli` syntax; the
 * caps on patterns are checked when the arguments are read (args.ts).
 */
import { compileGlob } from '../core/glob';

/** One `--include` / `--exclude` pattern as a test on relative paths. */
export function cliGlobMatcher(glob: string): (relative: string) => boolean {
  return compileGlob(glob, 'cli');
}

/** Which files of a folder to read: all of `include` (when given) and none of `exclude`. */
export class PathFilter {
  private readonly include: ReadonlyArray<(relative: string) => boolean>;
  private readonly exclude: ReadonlyArray<(relative: string) => boolean>;

  constructor(include: readonly string[], exclude: readonly string[]) {
    this.include = include.map(cliGlobMatcher);
    this.exclude = exclude.map(cliGlobMatcher);
  }

  /** `relative` uses `/` between folders, whatever the platform. */
  accepts(relative: string): boolean {
    if (this.include.length > 0 && !this.include.some((m) => m(relative))) return false;
    return !this.exclude.some((m) => m(relative));
  }
}
