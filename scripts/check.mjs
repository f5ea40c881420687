// The main job from a checkout: build, then `imr check` on the given paths (the sample letters
// when none are given). Findings are the expected output here, so exit 1 ("errors found") is
// reported but not treated as a failure of the command; usage and I/O problems still fail.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

const args = process.argv.slice(2);
const paths = args.filter((a) => !a.startsWith('-'));
const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', ...args, ...(paths.length ? [] : ['samples'])], {
  stdio: 'inherit',
  cwd: paths.length ? process.cwd() : root,
});
// `imr check` exits 1 when a letter holds an error-level finding: the check ran, and its summary above says so.
process.exit(run.status === 1 ? 0 : (run.status ?? 2));
