/**
 * The workspace index's file access over node:fs, on links, pipes and sizes made here in a
 * private temporary folder: a workspace folder and an outside folder beside it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { nodeWorkspaceFiles as files } from '../../server/src/nodeFiles';

const LETTER = 'IMR ISSUES, DECISIONS AND RATIONALES\nNothing else.\n';

function makeLayout(t: { after(fn: () => void): void }) {
  const base = mkdtempSync(path.join(tmpdir(), 'imr-nodefiles-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const ws = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  mkdirSync(path.join(ws, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(ws, 'a.txt'), LETTER);
  writeFileSync(path.join(ws, 'sub', 'b.txt'), LETTER);
  writeFileSync(path.join(outside, 'secret.txt'), LETTER);
  symlinkSync(outside, path.join(ws, 'out'), 'dir');
  symlinkSync('.', path.join(ws, 'self'), 'dir');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'stolen.txt'), 'file');
  const uri = (rel: string) => pathToFileURL(path.join(ws, rel)).href;
  return { base, ws, outside, root: pathToFileURL(ws).href, uri };
}

/** Rejects, or resolves, within `ms`; 'blocked' otherwise (a read of a pipe waits for a writer). */
async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<{ value?: T; error?: unknown } | 'blocked'> {
  let timer: NodeJS.Timeout | undefined;
  const blocked = new Promise<'blocked'>((resolve) => (timer = setTimeout(() => resolve('blocked'), ms)));
  try {
    return await Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), blocked]);
  } finally {
    clearTimeout(timer);
  }
}

test('stat: a link is neither file nor folder; a path through a link, or outside the folder, is undefined', async (t) => {
  const l = makeLayout(t);
  const file = await files.stat(l.uri('sub/b.txt'), l.root);
  assert.equal(file?.file, true);
  assert.equal((await files.stat(l.uri('sub'), l.root))?.directory, true);
  for (const link of ['out', 'self', 'stolen.txt']) {
    const s = await files.stat(l.uri(link), l.root);
    assert.ok(s && !s.file && !s.directory, `${link}: ${JSON.stringify(s)}`);
  }
  const slashed = await files.stat(`${l.uri('out')}/`, l.root);
  assert.ok(slashed && !slashed.directory, 'a trailing slash does not make the link a folder');
  assert.equal(await files.stat(l.uri('out/secret.txt'), l.root), undefined, 'through a link to a folder outside');
  assert.equal(await files.stat(l.uri('self/a.txt'), l.root), undefined, 'through a link to the folder itself');
  assert.equal(await files.stat(`${l.root}/../outside/secret.txt`, l.root), undefined, 'climbing out with ..');
  assert.equal(await files.stat(pathToFileURL(path.join(l.outside, 'secret.txt')).href, l.root), undefined, 'outside');
  assert.equal(await files.stat(l.uri('missing.txt'), l.root), undefined);
});

test('findLetterFiles: regular files only, links not followed, and nothing from a start folder that is a link', async (t) => {
  const l = makeLayout(t);
  const all = await files.findLetterFiles(l.root, l.root, () => false, 100);
  assert.deepEqual(all.map((f) => f.uri).sort(), [l.uri('a.txt'), l.uri('sub/b.txt')]);
  assert.deepEqual((await files.findLetterFiles(l.uri('sub'), l.root, () => false, 100)).map((f) => f.uri), [l.uri('sub/b.txt')]);
  assert.deepEqual(await files.findLetterFiles(l.uri('out'), l.root, () => false, 100), [], 'a link to a folder outside');
  assert.deepEqual(await files.findLetterFiles(l.uri('self'), l.root, () => false, 100), [], 'a link to the folder itself');
  assert.deepEqual(await files.findLetterFiles(`${l.uri('out')}/`, l.root, () => false, 100), [], 'with a trailing slash');
});

test('readStart and readText: a link is not read, a file above the cap is not read', async (t) => {
  const l = makeLayout(t);
  assert.deepEqual(await files.readStart(l.uri('a.txt'), 10), { text: LETTER.slice(0, 10), complete: false });
  assert.deepEqual(await files.readStart(l.uri('a.txt'), 1000), { text: LETTER, complete: true });
  assert.equal(await files.readText(l.uri('a.txt'), LETTER.length), LETTER);
  assert.equal(await files.readText(l.uri('a.txt'), LETTER.length - 1), undefined, 'one byte over the cap');

  await assert.rejects(files.readStart(l.uri('stolen.txt'), 100), 'a link to a file outside');
  await assert.rejects(files.readText(l.uri('stolen.txt'), 1000));
});

test('readStart and readText: a named pipe is refused at once, not waited on', async (t) => {
  const l = makeLayout(t);
  const made = spawnSync('mkfifo', [path.join(l.ws, 'pipe.txt')]);
  assert.equal(made.status, 0, `mkfifo failed: ${made.stderr}`);
  const reads: Array<() => Promise<unknown>> = [() => files.readStart(l.uri('pipe.txt'), 100), () => files.readText(l.uri('pipe.txt'), 1000)];
  for (const read of reads) {
    const outcome = await settlesWithin(read(), 3_000);
    assert.notEqual(outcome, 'blocked', 'a read of the pipe waited for a writer');
    assert.ok(outcome !== 'blocked' && outcome.error !== undefined, 'a pipe is not a regular file');
  }
});

test('findLetterFiles lists .pdf files too; readBytes reads a regular file whole, refuses links, pipes and other schemes', async (t) => {
  const l = makeLayout(t);
  const pdf = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0xff, 0x00]);
  writeFileSync(path.join(l.ws, 'sub', 'c.PDF'), pdf);
  writeFileSync(path.join(l.ws, 'image.png'), pdf);
  symlinkSync(path.join(l.ws, 'sub', 'c.PDF'), path.join(l.ws, 'linked.pdf'), 'file');
  const all = await files.findLetterFiles(l.root, l.root, () => false, 100);
  assert.deepEqual(all.map((f) => f.uri).sort(), [l.uri('a.txt'), l.uri('sub/b.txt'), l.uri('sub/c.PDF')]);

  assert.deepEqual(await files.readBytes(l.uri('sub/c.PDF'), pdf.length), pdf);
  assert.equal(await files.readBytes(l.uri('sub/c.PDF'), pdf.length - 1), undefined, 'one byte over the cap');
  await assert.rejects(files.readBytes(l.uri('linked.pdf'), 1000), 'a link');
  await assert.rejects(files.readBytes('https://example.invalid/c.pdf', 1000), /file: URI/);
  assert.equal(spawnSync('mkfifo', [path.join(l.ws, 'pipe.pdf')]).status, 0);
  const outcome = await settlesWithin(files.readBytes(l.uri('pipe.pdf'), 1000), 3_000);
  assert.ok(outcome !== 'blocked' && outcome.error !== undefined, 'a pipe is refused at once');
});
