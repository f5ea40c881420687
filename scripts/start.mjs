// `npm start`: try the extension in a real VS Code in your browser.
//   1. builds and packages the extension (npm run package)
//   2. installs code-server (VS Code 1.100.3 for the browser) into .cache/code-server, once
//   3. starts it on 127.0.0.1 with a throw-away profile holding only this extension, and a
//      copy of the samples/ letters as the workspace; prints the address to open
//   4. Ctrl+C stops code-server (its whole process group) and removes the temp folder
//
//   npm start                      the samples (copied, so edits never touch samples/)
//   npm start -- path/to/letters   a folder of your own, opened in place
//   PORT=9000 npm start            a fixed port (default: 8080, or a free one when 8080 is taken)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  REPO, ensureCodeServer, freePort, installExtension, isolatedEnv, log, onShutdown, startCodeServer, vsixPath, writeProfile,
} from './e2e/code-server.mjs';

const requested = process.argv[2] ? resolve(process.argv[2]) : null;
if (requested && (!existsSync(requested) || !statSync(requested).isDirectory())) {
  console.error(`not a folder: ${requested}`);
  process.exit(2);
}

log('building and packaging the extension');
const pack = spawnSync('npm', ['run', 'package', '--silent'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
if (pack.status !== 0) {
  console.error('npm run package failed (see above)');
  process.exit(1);
}

let bin;
try {
  bin = ensureCodeServer();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const root = mkdtempSync(join(tmpdir(), 'imr-start-'));
onShutdown(() => {
  rmSync(root, { recursive: true, force: true });
  log('stopped code-server and removed its temp folder');
});
const env = isolatedEnv(root, { HOME: join(root, 'home') });
mkdirSync(env.HOME, { recursive: true });
const userDataDir = join(root, 'user-data');
const extensionsDir = join(root, 'extensions');
let folder = requested;
if (!folder) {
  folder = join(root, 'samples');
  cpSync(join(REPO, 'samples'), folder, { recursive: true });
}
writeProfile(userDataDir, { 'workbench.colorTheme': 'Default Dark Modern' });
installExtension(bin, vsixPath(), { userDataDir, extensionsDir, env });

async function choosePort() {
  if (process.env.PORT) return Number(process.env.PORT);
  const { createServer } = await import('node:net');
  const free = await new Promise((ok) => {
    const srv = createServer().once('error', () => ok(false)).listen(8080, '127.0.0.1', () => srv.close(() => ok(true)));
  });
  return free ? 8080 : freePort();
}

const port = await choosePort();
let cs;
try {
  cs = await startCodeServer(bin, { port, userDataDir, extensionsDir, env, logFile: join(root, 'code-server.log') });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const url = `${cs.url}/?folder=${encodeURIComponent(folder)}`;
console.log('');
console.log('  IMR Determinations is running in VS Code (code-server) at');
console.log('');
console.log(`      ${url}`);
console.log('');
console.log(`  Workspace: ${folder}${requested ? '' : ' (a copy of samples/; edits are thrown away)'}`);
console.log('  Open a letter (.txt): the status bar shows "IMR Determination", the Outline lists its items,');
console.log('  the Problems panel its findings. Press Ctrl+C here to stop.');
console.log('');
cs.child.on('exit', (code, signal) => {
  log(`code-server exited by itself (${signal ?? code}); see its log above if that was unexpected`);
  process.exit(code ?? 1);
});
