// Shared helpers for running the packaged extension in a real VS Code: code-server
// (VS Code 1.100.3 served to a browser), installed on demand into .cache/code-server.
// Used by the e2e harness (scripts/e2e/run.mjs) and by `npm start` (scripts/start.mjs).
//
// Rules kept here:
//   - code-server is never a dependency of the project; it is installed once into the cache.
//   - every code-server runs in its own process group and is ended as a group (its file
//     watcher and extension hosts outlive the top process otherwise).
//   - nothing is written to the home folder: callers give a temp folder for the profile,
//     and XDG_* point inside it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Newest code-server whose install accepts Node 20 (4.100.3 = VS Code 1.100.3, the extension's minimum). */
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.100.3';
export const CACHE_DIR = process.env.CODE_SERVER_CACHE || join(REPO, '.cache', 'code-server');

/** @vscode/ripgrep version pinned by code-server 4.100.3, and the asset its postinstall would download. */
const RIPGREP_PKG = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
/**
 * VS Code's modules (in code-server's lib/vscode) whose install scripts must run: native builds,
 * and ripgrep's, which unpacks the binary from the seeded cache.
 */
const VSCODE_NATIVE_MODULES = ['@parcel/watcher', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty'];

export const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

export function codeServerBin(version = CODE_SERVER_VERSION) {
  return join(CACHE_DIR, version, 'node_modules', '.bin', 'code-server');
}

/** What the install needs from the machine; returns human-readable problems (empty when all is there). */
export function missingPrerequisites() {
  const problems = [];
  const major = Number(process.versions.node.split('.')[0]);
  if (CODE_SERVER_VERSION.startsWith('4.100.') && major !== 20) problems.push(`code-server ${CODE_SERVER_VERSION} needs Node 20 (this is ${process.version})`);
  if (!which('rg')) problems.push('ripgrep (Debian package "ripgrep": its rg replaces a download from GitHub)');
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) problems.push('Kerberos headers (Debian package "libkrb5-dev": the kerberos module builds from source)');
  if (!which('make') || !(which('g++') || which('c++'))) problems.push('a C++ tool chain (Debian packages "make", "g++")');
  if (!which('python3')) problems.push('python3 (used by node-gyp)');
  return problems;
}

export function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** Node headers for node-gyp, so native modules build without downloading them. */
function nodeHeadersDir() {
  const candidates = [process.env.npm_config_nodedir, join(dirname(process.execPath), '..'), '/usr'].filter(Boolean);
  return candidates.find((d) => existsSync(join(d, 'include', 'node', 'node_api.h'))) || '';
}

/**
 * Installs code-server into CACHE_DIR/<version> unless it is there already; returns the binary.
 * The install goes to a staging folder first, so an interrupted install never looks finished.
 */
export function ensureCodeServer({ quiet = false } = {}) {
  const bin = codeServerBin();
  if (existsSync(bin)) return bin;
  const problems = missingPrerequisites();
  if (problems.length) {
    throw new Error(`cannot install code-server ${CODE_SERVER_VERSION}; missing:\n  - ${problems.join('\n  - ')}\n` +
      'On Debian/Ubuntu: apt-get install -y ripgrep libkrb5-dev build-essential python3');
  }
  const started = Date.now();
  const finalDir = join(CACHE_DIR, CODE_SERVER_VERSION);
  mkdirSync(CACHE_DIR, { recursive: true });
  const staging = mkdtempSync(join(CACHE_DIR, `.install-${CODE_SERVER_VERSION}-`));
  const tmp = join(staging, 'tmp');
  try {
    if (!quiet) log(`installing code-server@${CODE_SERVER_VERSION} into ${finalDir} (about a minute, once)`);
    // @vscode/ripgrep's postinstall looks in $TMPDIR/vscode-ripgrep-cache-<version>/ before going to GitHub.
    const rgCache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PKG}`);
    mkdirSync(rgCache, { recursive: true });
    const rg = which('rg');
    execFileSync('tar', ['czf', join(rgCache, RIPGREP_ASSET), '-C', dirname(rg), 'rg']);
    // npm 11 runs no dependency install scripts unless package.json#allowScripts names them. Step 1
    // installs code-server with argon2's build allowed, but not code-server's own postinstall: that one
    // runs `npm install` in lib/vscode, whose package.json must first allow VS Code's native modules.
    const work = join(staging, 'pkg');
    mkdirSync(work);
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true, allowScripts: { argon2: true } }, null, 2));
    const env = {
      ...process.env,
      TMPDIR: tmp,
      npm_config_cache: join(staging, 'npm-cache'),
      npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root without it
      npm_config_yes: 'true', // node-pty's install runs `npx node-gyp`
      npm_config_foreground_scripts: 'true',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
      HOME: join(staging, 'home'), // node-gyp and npx keep caches under HOME
      XDG_CACHE_HOME: join(staging, 'home', '.cache'),
    };
    const headers = nodeHeadersDir();
    if (headers) env.npm_config_nodedir = headers;
    mkdirSync(env.HOME, { recursive: true });
    const logFile = join(CACHE_DIR, `install-${CODE_SERVER_VERSION}.log`);
    writeFileSync(logFile, '');
    const step = (what, cmd, args, cwd, extraEnv = {}) => {
      appendFileSync(logFile, `\n$ ${cmd} ${args.join(' ')}  (in ${cwd})\n`);
      const fd = openSync(logFile, 'a');
      try {
        const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', fd, fd] });
        if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}); log: ${logFile}\n${tailOf(logFile, 40)}`);
      } finally {
        closeSync(fd);
      }
    };
    step(`npm install code-server@${CODE_SERVER_VERSION}`, 'npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-save'], work);
    const csDir = join(work, 'node_modules', 'code-server');
    for (const sub of ['lib/vscode', 'lib/vscode/extensions']) {
      const file = join(csDir, sub, 'package.json');
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      pkg.allowScripts = Object.fromEntries(VSCODE_NATIVE_MODULES.map((name) => [name, true]));
      writeFileSync(file, JSON.stringify(pkg, null, 2));
    }
    // Step 2: code-server's postinstall, as npm would run it (it reads the Node version from the user agent).
    // An npm without install-script approval has run it in step 1 already.
    const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8', env }).stdout.trim();
    const ptyBuilt = () => existsSync(join(csDir, 'lib', 'vscode', 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'));
    if (!ptyBuilt()) step('code-server postinstall (npm install in lib/vscode)', 'sh', ['./postinstall.sh'], csDir, {
      npm_config_user_agent: `npm/${npmVersion} node/${process.version} ${process.platform} ${process.arch}`,
    });
    const installed = join(work, 'node_modules', '.bin', 'code-server');
    for (const must of [installed, join(csDir, 'lib', 'vscode', 'node_modules', 'node-pty', 'build', 'Release'), join(csDir, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg')]) {
      if (!existsSync(must)) throw new Error(`code-server install incomplete: ${must} is missing; log: ${logFile}`);
    }
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(work, finalDir);
    if (!quiet) log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return bin;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export function vsixPath() {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  return join(REPO, `${pkg.name}-${pkg.version}.vsix`);
}

/** Environment for code-server and its children: XDG folders and HOME inside `root`. */
export function isolatedEnv(root, extra = {}) {
  const xdg = (name) => { const d = join(root, 'xdg', name); mkdirSync(d, { recursive: true }); return d; };
  const env = { ...process.env, XDG_CONFIG_HOME: xdg('config'), XDG_DATA_HOME: xdg('data'), XDG_CACHE_HOME: xdg('cache'), XDG_STATE_HOME: xdg('state'), ...extra };
  // Variables of an enclosing VS Code terminal would make code-server's CLI talk to that VS Code.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') && !(k in extra)) delete env[k];
  return env;
}

/** A fresh VS Code profile: quiet settings, no telemetry, no update checks, no welcome page. */
export function writeProfile(userDataDir, settings = {}) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const base = {
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'git.enabled': false,
    'workbench.editor.enablePreview': false,
    'chat.disableAIFeatures': true,
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...base, ...settings }, null, 2));
}

/** `code-server --install-extension`; throws with its output when it does not report success. */
export function installExtension(bin, vsix, { userDataDir, extensionsDir, env }) {
  const r = spawnSync(bin, ['--install-extension', vsix, '--force', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir], {
    env, encoding: 'utf8', timeout: 120_000,
  });
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${out}`);
  return out.trim();
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/**
 * Starts code-server on 127.0.0.1:<port> in a new process group (detached = setsid) and waits
 * until /healthz answers. Returns { child, pgid, url }; end it with stopGroup(pgid).
 */
export async function startCodeServer(bin, { port, userDataDir, extensionsDir, folder, env, logFile, timeoutMs = 60_000 }) {
  const { openSync } = await import('node:fs');
  const out = openSync(logFile, 'a');
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
  ];
  if (folder) args.push(folder);
  const child = spawn(bin, args, { env, detached: true, stdio: ['ignore', out, out] });
  const pgid = child.pid;
  trackGroup(pgid);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child.once('exit', (code, signal) => { exited = { code, signal }; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited during start (${JSON.stringify(exited)}); log: ${logFile}\n${tailOf(logFile)}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { child, pgid, url };
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  stopGroup(pgid);
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s; log: ${logFile}\n${tailOf(logFile)}`);
}

export function tailOf(file, lines = 30) {
  try { return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n'); } catch { return '(no log)'; }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Live process ids in a process group (from ps). Zombies are left out: a child of ours that has
 * ended stays one until Node's event loop reaps it, which cannot happen inside stopGroup.
 */
export function groupMembers(pgid) {
  const r = spawnSync('ps', ['-eo', 'pid=,pgid=,stat='], { encoding: 'utf8' });
  return (r.stdout || '').split('\n').map((l) => l.trim().split(/\s+/))
    .filter(([, g, stat]) => Number(g) === pgid && stat && !stat.startsWith('Z')).map(([p]) => Number(p));
}

/**
 * Ends a whole process group: SIGTERM, up to `graceMs` for it to go, then SIGKILL.
 * Synchronous on purpose, so it also works from exit and signal handlers.
 */
export function stopGroup(pgid, graceMs = 3000) {
  if (!pgid) return;
  const send = (sig) => { try { process.kill(-pgid, sig); return true; } catch { return false; } };
  if (send('SIGTERM')) {
    const until = Date.now() + graceMs;
    while (Date.now() < until && groupMembers(pgid).length) spawnSync('sleep', ['0.1']);
    send('SIGKILL');
    const until2 = Date.now() + 2000;
    while (Date.now() < until2 && groupMembers(pgid).length) spawnSync('sleep', ['0.05']);
  }
  groups.delete(pgid);
}

/** Groups started by this process, ended by stopAll() (also from signal and exit handlers). */
const groups = new Set();
export function trackGroup(pgid) { if (pgid) groups.add(pgid); }
export function stopAll() { for (const g of [...groups]) stopGroup(g); }

/**
 * Ends every tracked group and runs `cleanup` on exit, Ctrl+C, SIGTERM or SIGHUP; `what` names
 * what is stopped in the message a signal prints.
 * Returns a function that runs the cleanup now (idempotent).
 */
export function onShutdown(cleanup, what = 'code-server') {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    stopAll();
    try { cleanup?.(); } catch (e) { console.error(String(e)); }
  };
  process.on('exit', run);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      console.error(`${sig}: stopping ${what}`);
      run();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
  return run;
}
