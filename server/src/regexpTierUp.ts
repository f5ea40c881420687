/**
 * Regular expressions compiled to machine code at their first use, in the Node server. (The CLI
 * is left as it is: a run of `imr check` measured the same either way.)
 *
 * By default V8 runs a regular expression in its bytecode interpreter first, and compiles it to
 * machine code only when it runs again. The analysis reads a letter with some large alternations
 * (the ODG chapter spellings, the MTUS parts, the verdict phrases, the line kinds): interpreting
 * each once and then compiling it anyway cost a fresh server about 4 ms on its first letter, which
 * failed the budget "8 KB letter: open -> diagnostics no slower than the markdown server"
 * (`npm run bench:lsp`). Later letters are not slower this way: every expression the analysis uses
 * runs again.
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 option, also passed on the command line by the VS Code client (client/src/extension.ts). */
export const NO_REGEXP_TIER_UP = '--no-regexp-tier-up';

export function compileRegExpsAtFirstUse(): void {
  // Node lets a program change V8's options while it runs (it keeps them unfrozen for
  // v8.setFlagsFromString). Electron, which runs the server inside VS Code, may freeze them and then
  // stops the process on a change: there the option comes on the command line instead.
  if (process.versions.electron !== undefined || process.execArgv.includes(NO_REGEXP_TIER_UP)) return;
  setFlagsFromString(NO_REGEXP_TIER_UP);
}
