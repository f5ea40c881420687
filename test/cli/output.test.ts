/** How `imr` behaves towards the program reading its output. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CLI, ROOT } from './support';

test('a reader that stops early (| head) ends the run quietly, without a stack trace', async () => {
  // The samples ten times over: about a megabyte of JSON, far more than a pipe holds.
  const child = spawn(process.execPath, [CLI, 'extract', ...Array(10).fill('samples')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    stderr += s;
  });
  let received = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    received += chunk.length;
    child.stdout.destroy();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.ok(received > 0);
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
