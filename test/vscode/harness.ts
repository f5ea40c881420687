/**
 * A very small test runner for the VS Code API suite. The same suite runs in two hosts:
 * a desktop VS Code started by @vscode/test-electron (`npm run test:vscode`) and
 * code-server's extension host, where a runner extension starts it (`npm run test:e2e`).
 * Neither host offers a test framework, so this one keeps to what the suite needs:
 * ordered tests, a time limit per test, skipping, and a result list.
 */

export interface TestResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  ms: number;
  error?: string;
  note?: string;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
  tests: TestResult[];
  /** Host facts, for the report: VS Code version, UI kind, remote name. */
  host: Record<string, unknown>;
}

interface TestCase {
  name: string;
  timeoutMs: number;
  run: () => Promise<void> | void;
}

/** Thrown by skip(): the test does not apply here (for example the server does not offer hover). */
class Skip extends Error {}

const tests: TestCase[] = [];

export function test(name: string, run: () => Promise<void> | void, timeoutMs = 30_000): void {
  tests.push({ name, run, timeoutMs });
}

export function skip(reason: string): never {
  throw new Skip(reason);
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Runs every registered test in order; `log` receives one line per test. */
export async function runRegistered(log: (line: string) => void, host: Record<string, unknown> = {}): Promise<SuiteResult> {
  const started = Date.now();
  const results: TestResult[] = [];
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.run), t.timeoutMs, t.name);
      results.push({ name: t.name, status: 'passed', ms: Date.now() - t0 });
      log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
    } catch (error) {
      if (error instanceof Skip) {
        results.push({ name: t.name, status: 'skipped', ms: Date.now() - t0, note: error.message });
        log(`  - ${t.name} (skipped: ${error.message})`);
      } else {
        results.push({ name: t.name, status: 'failed', ms: Date.now() - t0, error: describe(error) });
        log(`  ✗ ${t.name}\n      ${describe(error).split('\n').join('\n      ')}`);
      }
    }
  }
  const count = (s: TestResult['status']) => results.filter((r) => r.status === s).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), ms: Date.now() - started, tests: results, host };
}
