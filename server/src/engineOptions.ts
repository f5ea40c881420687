/**
 * V8 options of the Node server, each kept by the budget "8 KB letter: open -> diagnostics no
 * slower than the markdown server" (`npm run bench:lsp`): a fresh server checks its first letter
 * with code V8 has not compiled yet, and these make that first letter cheaper without making later
 * ones slower. (The CLI is left as it is: a run of `imr check` measured the same either way.)
 *
 * - `--no-regexp-tier-up`: by default V8 runs a regular expression in its bytecode interpreter
 *   first and compiles it to machine code only when it runs again. The analysis runs every one of
 *   its expressions again (on each line, each field), so interpreting it once first was only extra
 *   work: about 4 ms on the first letter.
 * - `--no-sparkplug`: V8's baseline compiler compiles each function that has run a little, on the
 *   server's only thread. On the first letter that is about 0.3 ms of compiling that does not pay
 *   back; the 1 MB and 10 MB checks of the same benchmark and `npm run bench:workspace` measured
 *   the same without it (hot code still gets V8's optimizing compiler).
 */
import { setFlagsFromString } from 'node:v8';

/** The options, also passed on the command line by the VS Code client (client/src/extension.ts). */
export const ENGINE_OPTIONS: readonly string[] = ['--no-regexp-tier-up', '--no-sparkplug'];

export function setEngineOptions(): void {
  // Node lets a program change V8's options while it runs (it keeps them unfrozen for
  // v8.setFlagsFromString). Electron, which runs the server inside VS Code, may freeze them and then
  // stops the process on a change: there the options come on the command line instead.
  if (process.versions.electron !== undefined) return;
  for (const option of ENGINE_OPTIONS) if (!process.execArgv.includes(option)) setFlagsFromString(option);
}
