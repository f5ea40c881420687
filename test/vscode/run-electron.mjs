// `npm run test:vscode`: the VS Code API suite (test/vscode/*.ts) in a desktop VS Code started by
// @vscode/test-electron. That downloads VS Code from update.code.visualstudio.com, so it runs only
// where that is reachable (or with VSCODE_EXECUTABLE=/path/to/code). Where it is not, the same suite
// runs inside code-server as part of `npm run test:e2e`.
//
//   VSCODE_VERSION=1.100.3 npm run test:vscode     a given version (default: the minimum, 1.100.3)
//   VSCODE_VERSION=stable npm run test:vscode      the newest release
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite } from './build.mjs';
import { writeWorkspace } from './fixtures.mjs';
import { REPO } from '../../scripts/e2e/code-server.mjs';

const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const suite = await buildSuite();

const root = mkdtempSync(join(tmpdir(), 'imr-vscode-'));
const workspace = writeWorkspace(join(root, 'workspace'));
const userData = join(root, 'user-data');
mkdirSync(userData, { recursive: true });
let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION || '1.100.3',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    cachePath: join(REPO, '.cache', 'vscode-test'),
    extensionDevelopmentPath: REPO,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userData}`],
  });
} catch (error) {
  console.error(`VS Code API tests could not run: ${error instanceof Error ? error.message : error}`);
  console.error('(@vscode/test-electron downloads VS Code; offline, run `npm run test:e2e`, which runs this suite inside code-server.)');
  code = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(code);
