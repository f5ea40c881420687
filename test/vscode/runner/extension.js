// Test-only extension: runs the VS Code API suite (bundled into dist/suite.js by
// test/vscode/build.mjs) when the workspace root holds imr-vscode-tests.json, then
// writes the results to the file named there. It does nothing in any other workspace.
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const MARKER = 'imr-vscode-tests.json';

function activate() {
  const folder = (vscode.workspace.workspaceFolders || []).find((f) => fs.existsSync(path.join(f.uri.fsPath, MARKER)));
  if (!folder) return;
  const { resultsFile } = JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, MARKER), 'utf8'));
  const logFile = resultsFile.replace(/\.json$/, '') + '.log';
  const log = (line) => fs.appendFileSync(logFile, `${line}\n`);
  const write = (result) => {
    fs.writeFileSync(`${resultsFile}.tmp`, JSON.stringify(result, null, 2));
    fs.renameSync(`${resultsFile}.tmp`, resultsFile);
  };
  // Let activation finish first; the suite takes a while.
  setTimeout(async () => {
    try {
      const suite = require('./dist/suite.js');
      write(await suite.runSuite(log));
    } catch (error) {
      log(`runner error: ${error && error.stack ? error.stack : error}`);
      write({ passed: 0, failed: 1, skipped: 0, ms: 0, host: {}, tests: [{ name: 'runner', status: 'failed', ms: 0, error: String(error && error.stack ? error.stack : error) }] });
    }
  }, 0);
}

module.exports = { activate, deactivate() {} };
