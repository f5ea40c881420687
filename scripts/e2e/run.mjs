// End-to-end test of the packaged extension in a real VS Code (code-server 4.100.3 = VS Code
// 1.100.3) driven through Debian's Chromium with playwright-core. Checks what a user sees, from
// the DOM: language in the status bar, Outline rows, Problems rows, token colours, diagnostics
// following edits and undo, and the language server coming back after it is killed. Then runs
// the VS Code API suite (test/vscode) inside code-server's extension host.
//
//   npm run test:e2e                 package, install code-server if needed, run everything
//   E2E_SKIP_PACKAGE=1               reuse the existing .vsix (quicker while iterating)
//   E2E_KEEP=1                       keep the temp folder (profile, logs) for inspection
//   CHROMIUM=/path/to/chromium       browser binary (default /usr/bin/chromium)
//
// Screenshots, results.json and logs go to test-results/e2e/. Exit status 0 only when every check
// and every API test passed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  REPO, ensureCodeServer, freePort, installExtension, isolatedEnv, log, onShutdown, sleep,
  startCodeServer, stopGroup, tailOf, trackGroup, vsixPath, writeProfile,
} from './code-server.mjs';
import { buildSuite, packageRunner } from '../../test/vscode/build.mjs';
import { CORPUS, NOTE_NAME, PDF_NAME, SEED_NAME, writeWorkspace } from '../../test/vscode/fixtures.mjs';

const OUT = join(REPO, 'test-results', 'e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** Whole-run limit: a hung step must not hang CI. */
const RUN_LIMIT_MS = Number(process.env.E2E_TIME_LIMIT_MS || 300_000);
const LANGUAGE_NAME = 'IMR Determination';
const SECTIONS = ['HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES'];
const ITEMS = [
  'Upheld · MRI of The Cervical Spine',
  'Upheld · MRI of The Lumbar Spine',
  'Upheld · Electromyography (EMG) of The Bilateral Upper Extremities',
  'Upheld · Nerve Conduction Velocity (NCV) of The Bilateral Upper Extremities',
];
/** 1-based lines (and columns) of the seed letter's chapter-mismatch warnings. */
const MISMATCHES = [{ line: 157, col: 37 }, { line: 195, col: 37 }];
const RATIONALE_LINE = 95; // "Decision rationale: ..." of item 1
const OUTCOME_LINE = 77; // "MRI of The Cervical Spine: Upheld"
const OUTCOME_COL = 28;
/** The PDF letter of the workspace (fixtures.mjs): its items, and its text's chapter-mismatch warnings. */
const PDF_ITEMS = ['Upheld · MRI of the left shoulder', 'Upheld · MRI of the cervical spine', 'Upheld · CT scan of the head'];
const PDF_MISMATCHES = ['50:56', '67:56'];
const PDF_EDITOR_NAME = "IMR Letter (the PDF's text)";
const CITATION_LINE = 81; // "Claims Administrator guideline: Decision based on MTUS ACOEM Chapter 8 Neck and"

const T0 = Date.now();
const since = () => Date.now() - T0;
const results = { started: new Date().toISOString(), checks: [], timings_ms: {}, screenshots: [], api: null };
let failures = 0;

function check(name, ok, detail) {
  results.checks.push({ name, ok: Boolean(ok), detail });
  if (!ok) failures++;
  const d = detail === undefined ? '' : ` :: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${d.length > 600 ? d.slice(0, 600) + '…' : d}`);
}

// ------------------------------------------------------------------ setup

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const tmpRoot = mkdtempSync(join(tmpdir(), 'imr-e2e-'));
// Chromium's profile (made by playwright under os.tmpdir()) and everything else stays in tmpRoot.
process.env.TMPDIR = join(tmpRoot, 'tmp');
mkdirSync(process.env.TMPDIR, { recursive: true });
const env = isolatedEnv(tmpRoot, { HOME: join(tmpRoot, 'home'), TMPDIR: process.env.TMPDIR });
mkdirSync(env.HOME, { recursive: true });
const userDataDir = join(tmpRoot, 'user-data');
/** The workbench's settings for the run (the statistics step switches the theme and back). */
const PROFILE = { 'workbench.colorTheme': 'Default Dark Modern', 'editor.minimap.enabled': false, 'outline.collapseItems': 'alwaysExpand' };
const extensionsDir = join(tmpRoot, 'extensions');
const uiWorkspace = join(tmpRoot, 'letters');
const apiWorkspace = join(tmpRoot, 'api-suite');
const csLog = join(tmpRoot, 'code-server.log');
const apiResults = join(OUT, 'api-suite.json');
let browser;
let browserPgid = 0;

const finish = onShutdown(() => {
  saveArtifacts();
  if (process.env.E2E_KEEP) console.log(`kept ${tmpRoot}`);
  else rmSync(tmpRoot, { recursive: true, force: true });
}, 'code-server and Chromium');
const watchdog = setTimeout(() => {
  check(`whole run finished within ${RUN_LIMIT_MS / 1000} s`, false, 'time limit reached; ending code-server and Chromium');
  finish();
  process.exit(1);
}, RUN_LIMIT_MS);
watchdog.unref();

function saveArtifacts() {
  results.timings_ms.total = since();
  results.failures = failures;
  try {
    writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
    if (existsSync(csLog)) cpSync(csLog, join(OUT, 'code-server.log'));
    const logs = join(userDataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, join(OUT, 'vscode-logs'), { recursive: true });
  } catch (e) {
    console.error(`saving artifacts: ${e}`);
  }
}

// ------------------------------------------------------------------ page helpers

let page;
let shotNo = 0;
async function shot(name) {
  const file = join(OUT, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file }).catch((e) => console.error(`screenshot ${name}: ${e}`));
  results.screenshots.push(file);
  return file;
}

/** page.waitForFunction with a time limit and a readable failure. */
async function waitUntil(what, fn, arg, timeout = 20_000) {
  try {
    return await page.waitForFunction(fn, arg, { timeout, polling: 100 });
  } catch (e) {
    throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
  }
}

async function waitSelector(what, selector, timeout = 20_000) {
  try {
    return await page.waitForSelector(selector, { timeout });
  } catch {
    throw new Error(`timed out after ${timeout / 1000} s waiting for ${what} (${selector})`);
  }
}

async function quickInput(keys, text, rowMatch) {
  await page.keyboard.press(keys);
  await waitSelector('the quick input box', '.quick-input-widget input', 10_000);
  await page.keyboard.type(text);
  // Enter opens the focused row: wait until the filtering has put the wanted one there.
  if (rowMatch) await waitSelector(`the quick-input row for "${rowMatch}"`, `.quick-input-list .monaco-list-row.focused[aria-label*="${rowMatch}"]`, 10_000);
  else await sleep(150);
  await page.keyboard.press('Enter');
}

async function openFile(name) {
  await quickInput('Control+P', name, name);
  await waitSelector(`the editor tab of ${name}`, `.tab.active[aria-label*="${name}"]`);
}

/** Go to line[:column] in the active editor (Quick Open's ":" mode). */
async function goToLine(line, col) {
  await quickInput('Control+P', `:${line}${col ? `:${col}` : ''}`);
  await waitUntil(`the cursor on line ${line}`, (l) => /Ln (\d+)/.exec(document.querySelector('[id="status.editor.selection"]')?.innerText || '')?.[1] === String(l), line, 5_000);
}

async function runCommand(label) {
  await quickInput('F1', label, label);
}

const statusText = (id) => page.$eval(`[id="${id}"]`, (e) => e.innerText.trim()).catch(() => null);

async function waitLanguage(expected, timeout = 20_000) {
  try {
    await waitUntil(`the status bar language "${expected}"`, (exp) => document.querySelector('[id="status.editor.mode"]')?.innerText.trim() === exp, expected, timeout);
  } catch { /* reported by the caller from what is shown */ }
  return statusText('status.editor.mode');
}

/** Every row of the Problems panel: text, aria-label, level. */
function problemRows() {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => ({
    text: r.innerText.replace(/\s+/g, ' ').trim(),
    aria: r.getAttribute('aria-label') || '',
  })));
}

/**
 * Marker rows of the Problems panel as { code, line, col, severity, text }. Rows of related
 * information ("file[Ln 143, Col 1]: …", under a marker) are left out.
 */
async function markers() {
  const rows = await problemRows();
  lastProblemRows = rows;
  return rows.map((r) => {
    // A marker row's label starts with its severity; related-information rows' labels do not.
    const severity = /^(Error|Warning|Info)\b/.exec(r.aria)?.[1];
    const pos = /\[Ln (\d+), Col (\d+)\]/.exec(r.text);
    if (!severity || !pos) return null;
    // "<message> imr <code> [Ln l, Col c]": the parentheses around the code are drawn by CSS.
    const code = /\bimr\s*\(?\s*([\w-]+)\s*\)?\s*\[Ln/.exec(r.text);
    return { code: code ? code[1] : '', line: Number(pos[1]), col: Number(pos[2]), severity, text: r.text };
  }).filter(Boolean);
}
let lastProblemRows = [];

async function waitMarkers(what, predicate, timeout = 20_000) {
  const until = Date.now() + timeout;
  let last = [];
  while (Date.now() < until) {
    last = await markers();
    if (predicate(last)) return last;
    await sleep(150);
  }
  throw new Error(`timed out after ${timeout / 1000} s waiting for Problems: ${what}; shown: ${JSON.stringify(last.map((m) => `${m.code}@${m.line}:${m.col}`))}; rows: ${JSON.stringify(lastProblemRows.slice(0, 4))}`);
}

const mismatchesShown = (ms) => {
  const got = ms.filter((m) => m.code === 'chapter-mismatch').map((m) => `${m.line}:${m.col}`).sort();
  return JSON.stringify(got) === JSON.stringify(MISMATCHES.map((m) => `${m.line}:${m.col}`).sort());
};

/**
 * Waits (up to `timeout`) until a visible editor line starts with `start` (read from the DOM,
 * which follows the model a frame later); returns its text, or null.
 */
async function lineText(start, timeout = 5_000) {
  const handle = await page.waitForFunction((s) => [...document.querySelectorAll('.editor-instance .view-line')]
    .map((l) => l.textContent.replace(/\u00a0/g, ' ')).find((t) => t.startsWith(s)) ?? false, start, { timeout, polling: 50 }).catch(() => null);
  return handle ? handle.jsonValue() : null;
}

/** Colours of the tokens of visible editor lines: [{ text, color, classes }]. */
const tokenColours = () => page.evaluate(() => {
  const out = [];
  for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
    for (const span of line.querySelectorAll(':scope > span > span')) {
      const text = span.textContent.replace(/\u00a0/g, ' ');
      if (text.trim()) out.push({ text, color: getComputedStyle(span).color, cls: span.className });
    }
  }
  const plain = document.querySelector('.editor-instance .view-lines .mtk1');
  return { tokens: out, foreground: plain ? getComputedStyle(plain).color : null };
});

/** Collects every Outline row (the list is virtual: walk it with the keyboard, one row at a time). */
async function outlineRows() {
  const rows = new Map();
  const collect = async () => {
    for (const r of await page.$$eval('.outline-pane .monaco-list-row', (els) => els.map((e) => ({
      index: Number(e.getAttribute('data-index')), label: e.getAttribute('aria-label') || '', level: Number(e.getAttribute('aria-level')),
    })))) rows.set(r.index, r);
  };
  const focused = () => page.$eval('.outline-pane .monaco-list-row.focused', (e) => Number(e.getAttribute('data-index'))).catch(() => -1);
  await page.click('.outline-pane .monaco-list-row[data-index="0"]');
  await page.keyboard.press('Home');
  let last = -1;
  for (let i = 0; i < 200; i++) {
    await collect();
    const now = await focused();
    if (now === last) break;
    last = now;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Home');
  return [...rows.values()].sort((a, b) => a.index - b.index);
}

function serverProcesses(pgid) {
  const out = spawnSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' }).stdout || '';
  return out.split('\n').map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)).filter(Boolean)
    .filter((m) => Number(m[2]) === pgid && m[3].includes(extensionsDir) && /dist\/server\.js/.test(m[3]))
    .map((m) => ({ pid: Number(m[1]), args: m[3] }));
}

/**
 * Runs one step; a failure is recorded with a screenshot and the run goes on. Steps that edit
 * the letter revert it on failure, so one broken check does not spoil the next.
 */
async function step(name, fn, { revertOnFailure = false } = {}) {
  const t = Date.now();
  try {
    await fn();
  } catch (e) {
    check(`${name} (step completed)`, false, String(e && e.message ? e.message : e));
    await shot(`failure-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    if (revertOnFailure) {
      await page.keyboard.press('Escape').catch(() => {});
      await runCommand('File: Revert File').catch((err) => console.error(`reverting after ${name}: ${err.message}`));
    }
  }
  results.timings_ms[name] = Date.now() - t;
}

// ------------------------------------------------------------------ run

let exitCode = 1;
try {
  // 0. the letters come from the shared corpus (IMR_CORPUS, default ../shared/corpus)
  if (!existsSync(join(CORPUS, 'seeds', SEED_NAME))) throw new Error(`the corpus is not at ${CORPUS} (no seeds/${SEED_NAME}); set IMR_CORPUS to the corpus folder`);
  // 1. the .vsix, the API suite + runner extension, code-server
  if (!process.env.E2E_SKIP_PACKAGE || !existsSync(vsixPath())) {
    log('packaging the extension (npm run package)');
    const r = spawnSync('npm', ['run', 'package', '--silent'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  }
  const vsix = vsixPath();
  check('npm run package produced the .vsix', existsSync(vsix), vsix);
  const entries = zipEntries(vsix).filter((e) => e.startsWith('extension/'));
  const allowed = /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|icon\.png|language-configuration\.json|syntaxes\/[^/]+\.tmLanguage\.json|dist\/(client|server|cli|browserClient|browserServer|statisticsView)\.js|dist\/pdfjs\/pdf(\.worker)?\.mjs|docs\/images\/[^/]+\.png)$/;
  check('the .vsix holds only the bundles, grammar, language configuration, README (and its pictures), CHANGELOG, LICENSE (and icon)',
    entries.every((e) => allowed.test(e)) && ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/pdfjs/pdf.mjs', 'extension/dist/pdfjs/pdf.worker.mjs', 'extension/package.json'].every((e) => entries.includes(e)),
    entries.filter((e) => !allowed.test(e)).length ? { unexpected: entries.filter((e) => !allowed.test(e)) } : entries);
  await buildSuite();
  const runnerVsix = packageRunner(join(tmpRoot, 'imr-vscode-test-runner.vsix'));
  const bin = ensureCodeServer();
  results.timings_ms.prepared = since();

  // 2. fresh profile, both extensions, workspaces
  writeProfile(userDataDir, PROFILE);
  for (const v of [vsix, runnerVsix]) installExtension(bin, v, { userDataDir, extensionsDir, env });
  writeWorkspace(uiWorkspace, { extraLetters: ['letters/CM16-0224814.txt', 'reading-order/' + readdirFirst('reading-order')] });
  writeWorkspace(apiWorkspace, { resultsFile: apiResults });

  // 3. code-server in its own process group
  const port = await freePort();
  const cs = await startCodeServer(bin, { port, userDataDir, extensionsDir, env, logFile: csLog });
  results.timings_ms.code_server_healthy = since();
  log(`code-server ${cs.url} (process group ${cs.pgid})`);

  // 4. Chromium (playwright starts it as the leader of its own process group)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    env,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  browserPgid = chromiumGroup();
  trackGroup(browserPgid);
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

  await step('workbench', async () => {
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(uiWorkspace)}`);
    await waitSelector('the workbench', '.monaco-workbench', 30_000);
    await waitSelector('the Explorer listing the workspace', '.explorer-folders-view .monaco-list-row', 30_000);
    results.timings_ms.workbench_ready = since();
  });

  await step('language', async () => {
    await openFile(SEED_NAME);
    const mode = await waitLanguage(LANGUAGE_NAME);
    check(`the seed letter ${SEED_NAME} shows "${LANGUAGE_NAME}" in the status bar`, mode === LANGUAGE_NAME, mode);
    await shot('letter-language');
    await openFile(NOTE_NAME);
    await sleep(1500); // a switch would land within ~100 ms
    const noteMode = await statusText('status.editor.mode');
    check(`the ordinary note ${NOTE_NAME} stays "Plain Text"`, noteMode === 'Plain Text', noteMode);
    await shot('note-plain-text');
    await openFile(SEED_NAME);
  });

  await step('outline', async () => {
    await runCommand('Explorer: Focus on Outline View');
    // Give the Outline the whole side bar: collapse the Explorer's folder section.
    const folders = await page.$('.explorer-folders-view');
    if (folders) {
      const header = await page.$('.pane:has(.explorer-folders-view) > .pane-header');
      if (header && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    await waitSelector('Outline rows of the letter', `.outline-pane .monaco-list-row[aria-label*="${SECTIONS[2]}"]`, 30_000);
    const rows = await outlineRows();
    results.outline = rows;
    const names = rows.map((r) => r.label.replace(/ \((namespace|class|field|module|property|key|event|constant)\)$/, ''));
    const top = rows.filter((r) => r.level === 1).map((r) => r.label);
    check('the Outline lists the three sections at the top level', SECTIONS.every((s) => top.some((t) => t.startsWith(s))), top);
    const issuesIdx = rows.findIndex((r) => r.label.startsWith(SECTIONS[2]));
    const itemRows = rows.filter((r, i) => i > issuesIdx && r.level === 2);
    const items = itemRows.map((r) => r.label.replace(/ \((constant|event|class)\)$/, ''));
    check('the Outline lists the four disputed items with their outcomes under the issues section', JSON.stringify(items) === JSON.stringify(ITEMS), items);
    check('an Upheld item has the constant icon (Overturned: event)', itemRows.every((r) => r.label.endsWith('(constant)')), itemRows.map((r) => r.label));
    // At the side bar's default width the names are cut at their end: the outcome, first, must be in view.
    const outcomeInView = await page.$$eval('.outline-pane .monaco-list-row', (els) => {
      const pane = document.querySelector('.outline-pane')?.getBoundingClientRect();
      return els.filter((e) => /^Upheld · /.test(e.getAttribute('aria-label') || '')).map((e) => {
        const label = e.querySelector('.label-name') || e;
        const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
        const node = walker.nextNode();
        if (!node || !pane) return { ok: false, why: 'no text node or pane' };
        const range = document.createRange();
        range.setStart(node, 0);
        range.setEnd(node, Math.min('Upheld'.length, node.textContent.length));
        const box = range.getBoundingClientRect();
        return { ok: node.textContent.startsWith('Upheld') && box.right <= pane.right && box.width > 0, text: node.textContent.slice(0, 12), right: box.right, paneRight: pane.right, paneWidth: pane.width };
      });
    });
    check('each item\'s outcome is in view at the default side bar width', outcomeInView.length === 4 && outcomeInView.every((o) => o.ok), outcomeInView);
    check('each item has its three fields in the Outline', names.filter((n) => n === 'Decision rationale').length === 4, names);
    await page.hover(`.outline-pane .monaco-list-row[aria-label*="${ITEMS[0]}"]`).catch(() => {});
    await shot('outline');
  });

  await step('problems', async () => {
    await page.keyboard.press('Control+Shift+M');
    await waitSelector('the Problems panel', '.markers-panel', 10_000);
    const ms = await waitMarkers('the two chapter-mismatch warnings', mismatchesShown, 30_000);
    results.timings_ms.diagnostics_visible = since();
    const mm = ms.filter((m) => m.code === 'chapter-mismatch');
    check('the Problems panel lists the chapter-mismatch warnings at Ln 157 Col 37 and Ln 195 Col 37', mismatchesShown(ms), mm.map((m) => `${m.line}:${m.col}`));
    check('both are warnings about ODG Low Back and the upper extremities', mm.every((m) => /warning/i.test(m.severity) && /ODG Low Back/.test(m.text) && /upper extremities/.test(m.text)), mm.map((m) => `${m.severity}: ${m.text}`));
    results.seed_problems = ms.map((m) => `${m.severity} ${m.code}@${m.line}:${m.col}`);
    log(`Problems for the seed letter: ${results.seed_problems.join(', ')}`);
    results.problems = lastProblemRows;
    await shot('problems');
  });

  const deleteRationaleLabel = async () => {
    await page.click('.editor-instance .view-lines');
    await goToLine(RATIONALE_LINE);
    for (let i = 0; i < 'Decision rationale:'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Delete');
    const text = await lineText(' The Chronic Pain');
    if (!text) throw new Error(`line ${RATIONALE_LINE} does not read " The Chronic Pain…" after deleting its label`);
    return waitMarkers('a missing-field warning after deleting "Decision rationale:"', (ms) => ms.some((m) => m.code === 'missing-field'));
  };
  const undoRationale = async () => {
    await page.keyboard.press('Control+Z');
    const text = await lineText('Decision rationale: The Chronic Pain');
    if (!text) throw new Error('undo did not bring the "Decision rationale:" label back');
    return waitMarkers('missing-field gone after undo', (ms) => !ms.some((m) => m.code === 'missing-field') && mismatchesShown(ms));
  };

  await step('edit-rationale', async () => {
    const ms = await deleteRationaleLabel();
    const mf = ms.find((m) => m.code === 'missing-field');
    check('deleting the "Decision rationale:" label of item 1 shows a missing-field warning', /Decision rationale/.test(mf.text) && /MRI of The Cervical Spine/.test(mf.text), mf.text);
    await shot('edit-missing-field');
    const after = await undoRationale();
    check('undo removes the missing-field warning (the chapter-mismatch warnings stay)', true, after.map((m) => `${m.code}@${m.line}`));
    await shot('undo-missing-field');
  }, { revertOnFailure: true });

  await step('colours', async () => {
    await page.click('.editor-instance .view-lines');
    await goToLine(OUTCOME_LINE);
    await sleep(300);
    const { tokens, foreground } = await tokenColours();
    const upheld = tokens.find((t) => t.text.trim() === 'Upheld');
    const citation = tokens.find((t) => /ACOEM|Chapter 8/.test(t.text));
    const heading = tokens.find((t) => t.text.includes(SECTIONS[2]));
    results.colours = { foreground, upheld, citation, heading };
    check('the outcome "Upheld" is coloured (not the editor foreground)', upheld && foreground && upheld.color !== foreground, { foreground, upheld });
    check('the MTUS ACOEM citation is coloured', citation && citation.color !== foreground, { foreground, citation });
    await shot('colours-upheld-citation');
  });

  await step('edit-outcome', async () => {
    await page.click('.editor-instance .view-lines');
    await goToLine(OUTCOME_LINE, OUTCOME_COL);
    for (let i = 0; i < 'Upheld'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type('Overturned');
    const text = await lineText('MRI of The Cervical Spine: Overturned');
    if (!text) throw new Error('the title line does not read "MRI of The Cervical Spine: Overturned" after typing');
    const ms = await waitMarkers('an outcome-contradiction error after changing the outcome', (m) => m.some((x) => x.code === 'outcome-contradiction'));
    const oc = ms.find((m) => m.code === 'outcome-contradiction');
    check('changing item 1 to Overturned shows an outcome-contradiction error on its title line', oc.line === OUTCOME_LINE && /error/i.test(oc.severity), oc);
    const { tokens, foreground } = await tokenColours();
    const overturned = tokens.find((t) => t.text.trim() === 'Overturned');
    const upheld = results.colours?.upheld;
    check('"Overturned" is coloured, differently from "Upheld"', overturned && overturned.color !== foreground && (!upheld || overturned.color !== upheld.color), { overturned, upheld: upheld?.color });
    await waitSelector('the Outline following the edit', `.outline-pane .monaco-list-row[aria-label*="Overturned · MRI of The Cervical Spine"]`, 10_000)
      .then(() => check('the Outline follows the edit (item 1: Overturned)', true), (e) => check('the Outline follows the edit (item 1: Overturned)', false, e.message));
    await shot('edit-outcome-overturned');
    await page.keyboard.press('Control+Z');
    let back = await lineText('MRI of The Cervical Spine: Upheld', 2_000);
    for (let i = 0; i < 3 && !back; i++) { await page.keyboard.press('Control+Z'); back = await lineText('MRI of The Cervical Spine: Upheld', 2_000); }
    if (!back) throw new Error('undo did not bring "Upheld" back');
    await waitMarkers('outcome-contradiction gone after undo', (m) => !m.some((x) => x.code === 'outcome-contradiction') && mismatchesShown(m));
    check('undo removes the outcome-contradiction error', true);
    await shot('undo-outcome');
  }, { revertOnFailure: true });

  await step('server-restart', async () => {
    const before = serverProcesses(cs.pgid);
    check('one language server process runs (node dist/server.js --node-ipc)', before.length === 1, before.map((p) => p.pid));
    if (before.length !== 1) return;
    const warningsBefore = Number(/Warnings: (\d+)/.exec(await page.$eval('[id="status.problems"]', (e) => e.getAttribute('aria-label') || ''))?.[1] ?? -1);
    if (warningsBefore < 2) throw new Error(`the status bar counts ${warningsBefore} warnings before the restart (expected at least the 2 chapter-mismatch ones)`);
    process.kill(before[0].pid, 'SIGKILL');
    const killedAt = Date.now();
    const cleared = waitUntil('the warnings to be dropped with the killed server', () => /Warnings: 0\b|No Problems/.test(document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') || ''), undefined, 10_000)
      .then(() => true, () => false);
    let after = [];
    while (Date.now() - killedAt < 30_000) {
      after = serverProcesses(cs.pgid).filter((p) => p.pid !== before[0].pid);
      if (after.length) break;
      await sleep(200);
    }
    check('the client restarts the killed language server', after.length === 1, { killed: before[0].pid, now: after.map((p) => p.pid), ms: Date.now() - killedAt });
    await shot('server-killed-restarted');
    // The old findings are dropped with the old server (the status bar count goes to 0) and must
    // come back from the new one: the status bar count, the Problems rows and the Outline.
    await waitUntil(`the status bar to count ${warningsBefore} warnings again`, (n) => new RegExp(`Warnings: ${n}\\b`).test(document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') || ''), warningsBefore, 30_000);
    const ms = await waitMarkers('the chapter-mismatch warnings after the restart', mismatchesShown, 30_000);
    check('diagnostics come back after the restart (status bar and Problems panel)', mismatchesShown(ms), ms.map((m) => `${m.code}@${m.line}`));
    await waitSelector('the Outline rows after the restart', `.outline-pane .monaco-list-row[aria-label*="${ITEMS[3]}"]`, 30_000)
      .then(() => check('the Outline comes back after the restart', true), (e) => check('the Outline comes back after the restart', false, e.message));
    await shot('server-back');
    // A new finding proves the new server answers (not a stale list).
    const edited = await deleteRationaleLabel();
    check('the restarted server reports a new missing-field warning after an edit', edited.some((m) => m.code === 'missing-field'));
    await undoRationale();
    check('and clears it after undo', true);
    results.timings_ms.restart_ms = Date.now() - killedAt;
    results.restart = { old_diagnostics_dropped: await cleared };
    await shot('after-restart-edit-undo');
  }, { revertOnFailure: true });

  await step('settings', async () => {
    await runCommand('Preferences: Open Settings (UI)');
    await waitSelector('the Settings editor', '.settings-editor .suggest-input-container', 15_000);
    await page.keyboard.type('@ext:imr-determinations.imr-determinations');
    await waitSelector('the extension\'s settings', '.settings-editor .setting-item-contents', 15_000);
    await sleep(800);
    const shown = await page.evaluate(() => ({
      toc: [...document.querySelectorAll('.settings-editor .settings-toc-container .monaco-list-row')].map((e) => e.textContent.trim()),
      first: (() => {
        const e = document.querySelector('.settings-editor .setting-item-contents');
        return e ? { category: e.querySelector('.setting-item-category')?.textContent ?? '', label: e.querySelector('.setting-item-label')?.textContent ?? '' } : null;
      })(),
    }));
    results.settings = shown;
    // The configuration's title as users write it, and the checks in a category of their own.
    check('the Settings page lists the extension as "IMR Determinations" with its "Checks"', shown.toc.some((t) => t.startsWith('IMR Determinations')) && shown.toc.some((t) => t.startsWith('Checks')), shown);
    await shot('settings');
    await page.keyboard.press('Escape');
  });

  // ---- IMR: Show Statistics: the webview over the workspace index (client/src/statisticsView.ts)
  await step('statistics', async () => {
    const webviewErrors = [];
    const onConsole = (m) => {
      const url = m.location()?.url || '';
      // Errors of the statistics page, and any policy refusal (which names no page).
      if (m.type() === 'error' && (/statisticsView|fake\.html|webview/i.test(url) || /Content Security Policy|Refused to/i.test(m.text()))) webviewErrors.push(`${m.text()} (${url})`);
    };
    page.on('console', onConsole);
    try {
      await runCommand('IMR: Show Statistics');
      await waitSelector('the statistics tab', '.tab.active[aria-label*="IMR Statistics"]', 15_000);
      // code-server draws a webview in an iframe holding another: the inner one holds the page.
      let frame;
      const until = Date.now() + 30_000;
      while (!frame && Date.now() < until) {
        for (const f of page.frames()) {
          if (await f.evaluate(() => Number(document.body?.dataset.charts || 0) > 0 && !!document.getElementById('charts')).catch(() => false)) frame = f;
        }
        if (!frame) await sleep(250);
      }
      if (!frame) throw new Error('no webview frame drew charts within 30 s');
      const page_ = await frame.evaluate(() => {
        const root = getComputedStyle(document.documentElement);
        const body = getComputedStyle(document.body);
        return {
          charts: Number(document.body.dataset.charts),
          headline: [...document.querySelectorAll('#headline li')].map((li) => li.textContent),
          foregroundVar: root.getPropertyValue('--vscode-foreground').trim(),
          color: body.color,
          background: body.backgroundColor,
          canvases: [...document.querySelectorAll('canvas')].map((c) => {
            const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
            return { id: c.id, painted, total: c.width * c.height };
          }),
        };
      });
      results.statistics = page_;
      check('the statistics webview draws its charts (timeline, rate and counts per grouping)', page_.charts >= 3 && page_.canvases.length === page_.charts, { charts: page_.charts, canvases: page_.canvases.map((c) => c.id) });
      check('every chart canvas has painted pixels', page_.canvases.every((c) => c.painted > c.total * 0.01), page_.canvases);
      check('the headline counts the letters of the workspace', /letters?$/.test(page_.headline[0] || '') && Number.parseInt(page_.headline[0], 10) >= 2, page_.headline);
      // Legible in the dark theme: text in the theme's foreground, contrast against the background of at least 4.5.
      const rgb = (c) => (/rgba?\(([\d.]+), ([\d.]+), ([\d.]+)/.exec(c) || []).slice(1).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
      const [l1, l2] = [lum(rgb(page_.color)), lum(rgb(page_.background))].sort((a, b) => b - a);
      const contrast = (l1 + 0.05) / (l2 + 0.05);
      check('the page reads in the dark theme: --vscode-foreground set, text contrast at least 4.5', page_.foregroundVar !== '' && contrast >= 4.5, { color: page_.color, background: page_.background, contrast: contrast.toFixed(1) });
      // Light and high contrast too: the page takes every colour from the theme's variables. The theme
      // is switched as a user switches it, with the theme picker.
      const contrastOf = (c) => {
        const [a1, a2] = [lum(rgb(c.color)), lum(rgb(c.background))].sort((x, y) => y - x);
        return (a1 + 0.05) / (a2 + 0.05);
      };
      // The picker lists themes by their labels ("Light Modern" is the theme "Default Light Modern").
      for (const [theme, bodyClass] of [['Light Modern', 'vscode-light'], ['Dark High Contrast', 'vscode-high-contrast'], ['Dark Modern', 'vscode-dark']]) {
        // Keys pressed in the webview stay there: give the workbench the focus first.
        await page.click('.tab.active[aria-label*="IMR Statistics"]');
        // Ctrl+K Ctrl+T opens the theme picker (the palette ranks "Browse Color Themes" first).
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+T');
        await waitSelector('the theme picker', '.quick-input-widget input', 10_000);
        await page.keyboard.type(theme);
        const row = `.quick-input-list .monaco-list-row[aria-label*="${theme}"]`;
        await waitSelector(`the theme "${theme}"`, row, 10_000);
        await page.click(row);
        const switched = await frame.waitForFunction((cls) => document.body.classList.contains(cls), bodyClass, { timeout: 15_000 }).then(() => true, () => false);
        await sleep(400);
        const colours = await frame.evaluate(() => ({ color: getComputedStyle(document.body).color, background: getComputedStyle(document.body).backgroundColor, charts: Number(document.body.dataset.charts) }));
        const ratio = contrastOf(colours);
        if (bodyClass !== 'vscode-dark') check(`the page reads in ${theme}: text contrast at least 4.5, charts drawn`, switched && ratio >= 4.5 && colours.charts >= 3, { switched, ...colours, contrast: ratio.toFixed(1) });
      }
      // The grouping picked in the view: one grouping gives the time line and its two charts.
      await frame.selectOption('#by', 'kind');
      await frame.waitForFunction(() => document.body.dataset.charts === '3' && !!document.getElementById('chart-kind-counts')?.dataset.firstBar, undefined, { timeout: 10_000 })
        .then(() => check('picking "Treatment kind" in the view shows the time line and the two charts by kind', true), (e) => check('picking "Treatment kind" in the view shows the time line and the two charts by kind', false, e.message));
      // Choosing a bar lists its items.
      const canvas = await frame.$('canvas[id$="-counts"][data-first-bar]');
      if (!canvas) throw new Error('no counts chart with a bar to click');
      const [x, y] = (await canvas.getAttribute('data-first-bar')).split(',').map(Number);
      await canvas.click({ position: { x, y } });
      await frame.waitForSelector('#items ul.items li button', { timeout: 10_000 });
      const listed = await frame.evaluate(() => ({ heading: document.querySelector('#items h2')?.textContent, items: [...document.querySelectorAll('#items ul.items li')].map((li) => li.textContent) }));
      results.statistics.listed = listed;
      check('choosing a bar lists that group\'s items', listed.items.length > 0 && /: /.test(listed.heading || ''), listed);
      // The picture for the README: the page alone, from its top.
      await page.keyboard.press('Escape');
      await runCommand('View: Hide Panel').catch(() => page.keyboard.press('Escape'));
      await runCommand('View: Close Primary Side Bar').catch(() => page.keyboard.press('Escape'));
      await frame.evaluate(() => window.scrollTo(0, 0));
      await sleep(500);
      const file = await shot('statistics-webview');
      // The README's copy is replaced only when asked: a test run leaves tracked files as they were.
      if (process.env.UPDATE_DOCS_IMAGES === '1') {
        mkdirSync(join(REPO, 'docs', 'images'), { recursive: true });
        cpSync(file, join(REPO, 'docs', 'images', 'statistics-webview.png'));
      }
      // Choosing an item opens its letter.
      await frame.click('#items ul.items li button');
      await waitUntil('a letter opened from the list', () => /\.txt/.test(document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('aria-label') || ''), undefined, 10_000)
        .then(() => check('choosing an item opens its letter', true), (e) => check('choosing an item opens its letter', false, e.message));
      await sleep(500);
      check('no console errors from the statistics webview (scripts, policy)', webviewErrors.length === 0, webviewErrors);
    } finally {
      page.off('console', onConsole);
    }
  });

  /** Shows the Explorer with its folder section expanded, and right-clicks the row of `name`. */
  const rightClickInExplorer = async (name) => {
    await runCommand('View: Show Explorer');
    // The folder's section (collapsed by the outline step) is found by its title: collapsed, it has no body.
    const header = page.locator('.pane-header', { has: page.locator('h3.title', { hasText: /^letters$/i }) }).first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const row = await waitSelector(`the Explorer row of ${name}`, `.explorer-folders-view .monaco-list-row[aria-label*="${name}"]`, 15_000);
    await row.click({ button: 'right' });
  };
  const chooseMenuItem = async (label) => {
    const item = page.getByRole('menuitem', { name: label, exact: true });
    await item.waitFor({ timeout: 10_000 });
    await item.click();
    // A click sometimes only focuses the item (the menu stays open): Enter runs the focused item.
    await sleep(700);
    if (await item.isVisible().catch(() => false)) await page.keyboard.press('Enter');
  };
  const pdfTabs = () => page.$$eval('.tabs-container .tab', (tabs, n) => tabs.filter((t) => (t.getAttribute('aria-label') || '').includes(n)).length, PDF_NAME);

  await step('pdf-outline', async () => {
    await runCommand('View: Close All Editors');
    await rightClickInExplorer(PDF_NAME);
    await shot('pdf-context-menu');
    await chooseMenuItem('Open as IMR Letter');
    await waitSelector(`the editor tab of ${PDF_NAME}`, `.tab.active[aria-label*="${PDF_NAME}"]`, 20_000);
    const mode = await waitLanguage(LANGUAGE_NAME);
    check(`the PDF letter opened from the Explorer's context menu shows "${LANGUAGE_NAME}"`, mode === LANGUAGE_NAME, mode);
    const first = await lineText('Case Number:', 10_000);
    check('the editor shows the PDF\'s text', /CM17-0002106/.test(first || ''), first);
    // Read-only: typing changes nothing.
    await page.click('.editor-instance .view-lines');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('x');
    check('the PDF\'s text is read-only (typing changes nothing)', (await lineText('xCase', 1_000)) === null && (await lineText('Case Number:', 1_000)) !== null);
    await runCommand('Explorer: Focus on Outline View');
    const folders = await page.$('.pane:has(.explorer-folders-view) > .pane-header');
    if (folders && (await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    await waitSelector('Outline rows of the PDF letter', `.outline-pane .monaco-list-row[aria-label*="${PDF_ITEMS[2]}"]`, 30_000);
    const rows = await outlineRows();
    results.pdf_outline = rows;
    const top = rows.filter((r) => r.level === 1).map((r) => r.label);
    check('the PDF letter\'s Outline lists the three sections', SECTIONS.every((s) => top.some((t) => t.startsWith(s))), top);
    const items = rows.filter((r) => r.level === 2 && /^(Upheld|Overturned) · /.test(r.label)).map((r) => r.label.replace(/ \((constant|event|class)\)$/, ''));
    check('the PDF letter\'s Outline lists its three items with their outcomes', JSON.stringify(items) === JSON.stringify(PDF_ITEMS), items);
    await shot('pdf-outline');
  });

  await step('pdf-problems', async () => {
    await page.keyboard.press('Control+Shift+M');
    await waitSelector('the Problems panel', '.markers-panel', 10_000);
    const shown = (ms) => JSON.stringify(ms.filter((m) => m.code === 'chapter-mismatch').map((m) => `${m.line}:${m.col}`).sort()) === JSON.stringify(PDF_MISMATCHES);
    const ms = await waitMarkers('the PDF letter\'s two chapter-mismatch warnings', shown, 30_000);
    const rows = lastProblemRows.map((r) => r.text);
    check(`the Problems panel lists the PDF letter's chapter-mismatch warnings at ${PDF_MISMATCHES.join(' and ')}`, shown(ms), ms.map((m) => `${m.code}@${m.line}:${m.col}`));
    check('the Problems panel names the PDF', rows.some((t) => t.includes(PDF_NAME)), rows.slice(0, 3));
    results.pdf_problems = rows;
    await shot('pdf-problems');
  });

  await step('pdf-open-with', async () => {
    await runCommand('View: Close All Editors');
    await rightClickInExplorer(PDF_NAME);
    await chooseMenuItem('Open With...');
    await waitSelector(`the "${PDF_EDITOR_NAME}" choice of Open With`, `.quick-input-list .monaco-list-row[aria-label*="${PDF_EDITOR_NAME}"]`, 10_000);
    check(`Open With offers "${PDF_EDITOR_NAME}" for a PDF`, true);
    await shot('pdf-open-with');
    await page.click(`.quick-input-list .monaco-list-row[aria-label*="${PDF_EDITOR_NAME}"]`);
    await waitSelector(`the editor tab of ${PDF_NAME}`, `.tab.active[aria-label*="${PDF_NAME}"]`, 20_000);
    const mode = await waitLanguage(LANGUAGE_NAME);
    check('choosing it opens the PDF\'s text in the letter language', mode === LANGUAGE_NAME, mode);
    await sleep(1000);
    check('only the text\'s tab is left (the hand-over editor closed itself)', (await pdfTabs()) === 1, await pdfTabs());
    await shot('pdf-opened-with');
    await runCommand('View: Close All Editors');
  });

  writeFileSync(join(OUT, 'browser-console-errors.log'), consoleErrors.join('\n'));

  // 5. the VS Code API suite inside code-server's extension host
  await step('api-suite', async () => {
    await page.close();
    page = await context.newPage();
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(apiWorkspace)}`);
    await waitSelector('the workbench (API suite)', '.monaco-workbench', 30_000);
    const until = Date.now() + 150_000;
    while (!existsSync(apiResults) && Date.now() < until) await sleep(250);
    const logText = existsSync(apiResults.replace(/\.json$/, '.log')) ? readFileSync(apiResults.replace(/\.json$/, '.log'), 'utf8') : '';
    if (logText) console.log(logText.trimEnd());
    if (!existsSync(apiResults)) throw new Error(`the API suite wrote no results within 150 s (runner log: ${logText ? 'above' : 'empty'}; is the runner extension active?)`);
    const api = JSON.parse(readFileSync(apiResults, 'utf8'));
    results.api = { passed: api.passed, failed: api.failed, skipped: api.skipped, ms: api.ms, host: api.host };
    for (const t of api.tests) if (t.status === 'failed') check(`API test: ${t.name}`, false, t.error);
    check(`the VS Code API suite passes in code-server (${api.passed} passed, ${api.skipped} skipped)`, api.failed === 0 && api.passed > 0, { failed: api.failed, host: api.host });
    await shot('api-suite-workbench');
  });

  exitCode = failures ? 1 : 0;
} catch (e) {
  check('e2e run completed', false, String(e && e.stack ? e.stack : e));
  if (page) await shot('failure');
  exitCode = 1;
} finally {
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  if (browserPgid) stopGroup(browserPgid);
  finish();
  clearTimeout(watchdog);
  const leftovers = spawnSync('sh', ['-c', `ps -eo pid=,args= | grep -F "${tmpRoot}" | grep -v grep || true`], { encoding: 'utf8' }).stdout.trim();
  if (leftovers) { console.log(`left-over processes:\n${leftovers}`); exitCode = 1; }
}
console.log(`timings (ms from start): ${JSON.stringify(results.timings_ms)}`);
console.log(`screenshots: ${OUT}`);
console.log(`${results.checks.filter((c) => c.ok).length} checks passed, ${failures} failed`);
if (exitCode && existsSync(csLog)) console.log(`code-server log tail:\n${tailOf(join(OUT, 'code-server.log'), 15)}`);
process.exit(exitCode);

// ------------------------------------------------------------------ small helpers

function readdirFirst(sub) {
  return readdirSync(join(CORPUS, sub)).filter((f) => f.endsWith('.txt')).sort()[0];
}

/** Names of the files in a zip archive (a .vsix), read from its central directory. */
function zipEntries(file) {
  const buf = readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
    const nameLen = buf.readUInt16LE(at + 28), extraLen = buf.readUInt16LE(at + 30), commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** The process group led by the Chromium that playwright started (our direct child). */
function chromiumGroup() {
  const out = spawnSync('ps', ['-eo', 'pid=,ppid=,pgid=,args='], { encoding: 'utf8' }).stdout || '';
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (m && Number(m[2]) === process.pid && /chrom/i.test(m[4])) return Number(m[3]);
  }
  return 0;
}
