/** Runs the bundled `imr` command as a user would, for the tests in this folder. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');
export const SAMPLES = path.join(ROOT, 'samples');

export interface ImrRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `imr ARGS...` in `cwd` (the repository root unless told); `env` is added to (or, with undefined values,
 * removed from) the environment. A run longer than `timeoutMs` is killed and throws, so a command that
 * would hang (reading a FIFO) fails its test instead of stalling the suite.
 */
export function imr(args: readonly string[], env: Record<string, string | undefined> = {}, cwd = ROOT, timeoutMs = 120_000): ImrRun {
  const full: NodeJS.ProcessEnv = { ...process.env };
  delete full.IMR_WORKERS;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete full[k];
    else full[k] = v;
  }
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: full, maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') throw new Error(`imr ${args.join(' ')} did not finish within ${timeoutMs / 1000} s`);
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
