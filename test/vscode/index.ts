/**
 * Entry of the VS Code API suite.
 *   - @vscode/test-electron loads the bundle of this file as `extensionTestsPath` and calls run().
 *   - The runner extension (test/vscode/runner) calls runSuite() inside code-server and writes the
 *     result to a file that the e2e harness reads.
 */
import * as vscode from 'vscode';
import { runRegistered, type SuiteResult } from './harness';
import './letters.test';
import './workspace.test';
import './statistics.test';
import './pdf.test';

export type { SuiteResult };

export async function runSuite(log: (line: string) => void = (line) => console.log(line)): Promise<SuiteResult> {
  const host = {
    app: vscode.env.appName,
    vscode: vscode.version,
    uiKind: vscode.UIKind[vscode.env.uiKind],
    remoteName: vscode.env.remoteName ?? null,
    node: process.version,
  };
  log(`IMR Determinations API suite in ${vscode.env.appName} ${vscode.version} (${host.uiKind}${host.remoteName ? `, ${host.remoteName}` : ''})`);
  const result = await runRegistered(log, host);
  log(`${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped in ${result.ms} ms`);
  return result;
}

/** Called by @vscode/test-electron; a rejection makes the test run fail. */
export async function run(): Promise<void> {
  const result = await runSuite();
  if (result.failed > 0) throw new Error(`${result.failed} VS Code API test(s) failed`);
  if (result.passed === 0) throw new Error('no VS Code API test passed');
}
