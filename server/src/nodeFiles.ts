/**
 * The workspace index's file access over `node:fs`, for the Node server only
 * (the core and the browser server never touch a disk). Every call fails soft:
 * a file that vanished or cannot be read is reported as absent or empty.
 *
 * Nothing here follows a symbolic link (see WorkspaceFiles): kinds come from
 * `lstat` or from the directory listing, a path named by an event must be
 * reached from its workspace folder without a link, and files are opened
 * without following a link and checked to be regular before a byte is read.
 */
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, type FileHandle } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLetterFileName, joinUri, type FileStart, type FileStat, type FoundFile, type WorkspaceFiles } from './lsp/workspaceFiles';

function pathOf(uri: string): string | undefined {
  try {
    // Without a trailing separator: `lstat('link/')` would follow the link.
    return withoutTrailingSeparator(fileURLToPath(uri));
  } catch {
    return undefined; // not a file: URI, or one with an encoded separator
  }
}

function withoutTrailingSeparator(path: string): string {
  let end = path.length;
  while (end > 1 && (path[end - 1] === '/' || path[end - 1] === sep) && path[end - 2] !== ':') end--;
  return path.slice(0, end);
}

/** Windows and macOS file systems usually ignore case, and a client may spell a path in another case than the disk. */
const CASE_INSENSITIVE = process.platform === 'win32' || process.platform === 'darwin';

function samePath(a: string, b: string): boolean {
  return CASE_INSENSITIVE ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * Whether `path` lies inside `root` and is reached from it without a symbolic link: the real
 * path of its parent must be the real path of the folder followed by the same names. A link
 * anywhere on the way (`self -> .`, `up -> ..`, `rootlink -> /`) makes the two differ. The last
 * name itself is left to `lstat`, so a link there is seen as a link. (The workspace folder itself
 * may be a link: the user chose it.)
 */
async function reachedWithoutLinks(path: string, root: string): Promise<boolean> {
  if (samePath(path, root)) return true;
  const prefix = root.endsWith(sep) ? root : root + sep;
  if (!samePath(path.slice(0, prefix.length), prefix) || path.length === prefix.length) return false;
  const parent = dirname(path);
  if (samePath(parent, root)) return true;
  const realRoot = await realpath(root);
  // fileURLToPath already resolved `.` and `..` lexically; concatenating (not `join`) keeps any left over unequal.
  const expected = (realRoot.endsWith(sep) ? realRoot : realRoot + sep) + parent.slice(prefix.length);
  return samePath(await realpath(parent), expected);
}

/** Folders read at the same time while listing. */
const LISTING_CONCURRENCY = 16;

async function findLetterFiles(folderUri: string, root: string, excluded: (relativePath: string) => boolean, limit: number): Promise<FoundFile[]> {
  const rootPath = pathOf(root);
  const startPath = pathOf(folderUri);
  if (rootPath === undefined || startPath === undefined) return [];
  const found: FoundFile[] = [];
  if (startPath !== rootPath) {
    // A folder named by an event: only a real folder reached from the workspace folder without a link.
    try {
      if (!(await lstat(startPath)).isDirectory() || !(await reachedWithoutLinks(startPath, rootPath))) return [];
    } catch {
      return [];
    }
  }
  const rootPrefix = rootPath.endsWith(sep) ? rootPath : rootPath + sep;
  const startRelative = startPath === rootPath ? '' : startPath.slice(rootPrefix.length).split(/[\\/]/).join('/');
  const pending: string[] = [startRelative];
  const visit = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(rootPath, relative), { withFileTypes: true });
    } catch {
      return;
    }
    const files: string[] = [];
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (excluded(child)) continue;
      // Symbolic links are neither folders nor files here: they can loop, or lead out of the workspace.
      if (entry.isDirectory()) pending.push(child);
      else if (entry.isFile() && isLetterFileName(entry.name)) files.push(child);
    }
    await Promise.all(
      files.map(async (child) => {
        try {
          const s = await lstat(join(rootPath, child));
          if (s.isFile() && found.length < limit) found.push({ uri: joinUri(root, child), stamp: { mtime: s.mtimeMs, size: s.size } });
        } catch {
          // vanished since the listing
        }
      }),
    );
  };
  while (pending.length > 0 && found.length < limit) {
    await Promise.all(pending.splice(0, LISTING_CONCURRENCY).map(visit));
  }
  return found;
}

async function statUri(uri: string, root: string): Promise<FileStat | undefined> {
  const path = pathOf(uri);
  const rootPath = pathOf(root);
  if (path === undefined || rootPath === undefined) return undefined;
  try {
    const s = await lstat(path);
    if (!(await reachedWithoutLinks(path, rootPath))) return undefined;
    return { mtime: s.mtimeMs, size: s.size, directory: s.isDirectory(), file: s.isFile() };
  } catch {
    return undefined;
  }
}

// Not following a link at the last step, and not waiting for a writer if the path became a pipe
// since it was listed (both flags are missing on Windows, which has neither problem in this form).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Opens a regular file, checking the kind of what was opened (the path may have changed since it was listed). */
async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(path, OPEN_FLAGS);
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw new Error('not a regular file');
    return { handle, size: s.size };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** Up to `limit` bytes, plus one more when the file goes on; the buffer grows as the file does, never past that. */
async function readUpTo(handle: FileHandle, size: number, limit: number): Promise<Buffer> {
  let buffer = Buffer.alloc(Math.min(size, limit) + 1);
  let filled = 0;
  for (;;) {
    if (filled === buffer.length) {
      if (buffer.length > limit) break;
      const larger = Buffer.alloc(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(larger, 0, 0, filled);
      buffer = larger;
    }
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

async function readStart(uri: string, bytes: number): Promise<FileStart> {
  const path = pathOf(uri);
  if (path === undefined) return { text: '', complete: true };
  const { handle, size } = await openRegularFile(path);
  try {
    const read = await readUpTo(handle, size, bytes);
    return { text: read.toString('utf8', 0, Math.min(read.length, bytes)), complete: read.length <= bytes };
  } finally {
    await handle.close();
  }
}

async function readText(uri: string, maxBytes: number): Promise<string | undefined> {
  const path = pathOf(uri);
  if (path === undefined) return '';
  const { handle, size } = await openRegularFile(path);
  try {
    const read = await readUpTo(handle, size, maxBytes);
    return read.length > maxBytes ? undefined : read.toString('utf8');
  } finally {
    await handle.close();
  }
}

async function readBytes(uri: string, maxBytes: number): Promise<Uint8Array | undefined> {
  const path = pathOf(uri);
  if (path === undefined) throw new Error('not a file: URI');
  const { handle, size } = await openRegularFile(path);
  try {
    const read = await readUpTo(handle, size, maxBytes);
    return read.length > maxBytes ? undefined : new Uint8Array(read.buffer, read.byteOffset, read.length);
  } finally {
    await handle.close();
  }
}

export const nodeWorkspaceFiles: WorkspaceFiles = { findLetterFiles, stat: statUri, readStart, readText, readBytes };
