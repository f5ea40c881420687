// Builds the VS Code API suite:
//   test/vscode/runner/dist/suite.js   the suite bundled for the extension host (`vscode` external);
//                                      @vscode/test-electron loads it as extensionTestsPath, and
//                                      the runner extension requires it inside code-server
//   <out>.vsix (with --vsix <out>)     the runner extension packaged for code-server
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
export const SUITE_BUNDLE = join(here, 'runner', 'dist', 'suite.js');

export async function buildSuite() {
  await esbuild.build({
    absWorkingDir: repo,
    entryPoints: [join(here, 'index.ts')],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return SUITE_BUNDLE;
}

/** Packages the runner extension (with the suite bundle) as a .vsix at `out`. */
export function packageRunner(out) {
  const vsce = join(repo, 'node_modules', '.bin', 'vsce');
  if (!existsSync(vsce)) throw new Error('@vscode/vsce is missing: run npm ci');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out], {
    cwd: join(here, 'runner'), encoding: 'utf8', input: '',
  });
  if (r.status !== 0) throw new Error(`packaging the test runner extension failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildSuite();
  const i = process.argv.indexOf('--vsix');
  if (i > 0) packageRunner(process.argv[i + 1]);
  console.log(`built ${SUITE_BUNDLE}`);
}
