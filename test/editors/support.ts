/** What the editor tests share: a letter in a fresh folder, `imr-language-server` on PATH, a clean home. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CORPUS, SEED_000 } from '../protocol/support/fixtures';
import { SERVER_PATH } from '../protocol/support/lspClient';

/** Fails (never skips) with the package to install when an editor is missing. */
export function requireProgram(program: string, args: string[], debianPackage: string): string {
  const r = spawnSync(program, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    assert.fail(`${program} is not installed (${r.error?.message ?? r.stderr.trim()}); on Debian: apt-get install ${debianPackage} (.ci/run installs what the tests need)`);
  }
  return r.stdout.split('\n')[0];
}

export interface Sandbox {
  dir: string;
  /** The seed letter, copied under the given name. */
  file: string;
  /** Environment: PATH starting with a folder whose `imr-language-server` is the bundled server (as `npm install -g` links it), XDG folders and HOME inside the sandbox. */
  env: NodeJS.ProcessEnv;
}

export function sandbox(fileName: string): Sandbox {
  assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: npm run build first`);
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-editor-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  // The package's bin entry is dist/server.js itself (executable, with a node shebang).
  symlinkSync(SERVER_PATH, path.join(bin, 'imr-language-server'));
  const file = path.join(dir, fileName);
  copyFileSync(path.join(CORPUS, SEED_000), file);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [bin, path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter),
    HOME: path.join(dir, 'home'),
    XDG_STATE_HOME: path.join(dir, 'state'),
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
  };
  mkdirSync(env.HOME as string);
  return { dir, file, env };
}
