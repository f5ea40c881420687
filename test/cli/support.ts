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
 * `imr ARGS...` in `cwd` (the repository root unless told); `env` is added to (or, with undefined values, removed from) the environment.
 * With `timeoutMs`, a run still going then is stopped and the call throws.
 */
export function imr(args: readonly string[], env: Record<string, string | undefined> = {}, cwd = ROOT, timeoutMs?: number): ImrRun {
  const full: NodeJS.ProcessEnv = { ...process.env };
  delete full.IMR_WORKERS;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete full[k];
    else full[k] = v;
  }
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: full, maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs });
  if (timeoutMs !== undefined && r.signal !== null) throw new Error(`imr ${args.join(' ')} did not finish within ${timeoutMs / 1000} s (stopped by ${r.signal})`);
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
