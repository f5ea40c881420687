/**
 * The workspace index's file access over `node:fs`, for the Node server only
 * (the core and the browser server never touch a disk). Every call fails soft:
 * a file that vanished or cannot be read is reported as absent or empty.
 */
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { joinUri, type FileStart, type FileStat, type FoundFile, type WorkspaceFiles } from './lsp/workspaceFiles';

function pathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined; // not a file: URI
  }
}

/** Folders read at the same time while listing. */
const LISTING_CONCURRENCY = 16;

async function findTextFiles(folderUri: string, root: string, excluded: (relativePath: string) => boolean, limit: number): Promise<FoundFile[]> {
  const rootPath = pathOf(root);
  const startPath = pathOf(folderUri);
  if (rootPath === undefined || startPath === undefined) return [];
  const found: FoundFile[] = [];
  const startRelative = startPath === rootPath ? '' : startPath.slice(rootPath.length + 1).split(/[\\/]/).join('/');
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
      // Symbolic links are not followed: they can loop, and their targets are usually indexed where they live.
      if (entry.isDirectory()) pending.push(child);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.txt')) files.push(child);
    }
    await Promise.all(
      files.map(async (child) => {
        try {
          const s = await stat(join(rootPath, child));
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

async function statUri(uri: string): Promise<FileStat | undefined> {
  const path = pathOf(uri);
  if (path === undefined) return undefined;
  try {
    const s = await stat(path);
    return { mtime: s.mtimeMs, size: s.size, directory: s.isDirectory(), file: s.isFile() };
  } catch {
    return undefined;
  }
}

async function readStart(uri: string, bytes: number): Promise<FileStart> {
  const path = pathOf(uri);
  if (path === undefined) return { text: '', complete: true };
  const handle = await open(path, 'r');
  try {
    // One byte more than asked tells whether the file goes on.
    const buffer = Buffer.alloc(bytes + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const complete = filled <= bytes;
    return { text: buffer.toString('utf8', 0, Math.min(filled, bytes)), complete };
  } finally {
    await handle.close();
  }
}

async function readText(uri: string): Promise<string> {
  const path = pathOf(uri);
  return path === undefined ? '' : readFile(path, 'utf8');
}

export const nodeWorkspaceFiles: WorkspaceFiles = { findTextFiles, stat: statUri, readStart, readText };
