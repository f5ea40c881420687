/**
 * What the workspace index needs from a file system. The Node server passes
 * an implementation over `node:fs` (nodeFiles.ts); the browser server has
 * none, so its index holds only open documents. URIs are `file:` URIs.
 */

export interface FileStamp {
  /** Modification time, milliseconds. */
  readonly mtime: number;
  readonly size: number;
}

export interface FoundFile {
  readonly uri: string;
  readonly stamp: FileStamp;
}

export interface FileStat extends FileStamp {
  /** A folder itself: a symbolic link to one is neither a folder nor a file. */
  readonly directory: boolean;
  /** A regular file (not a link, pipe, socket or device: a read of a pipe or device could block forever). */
  readonly file: boolean;
}

export interface FileStart {
  readonly text: string;
  /** True when `text` is the whole file. */
  readonly complete: boolean;
}

/**
 * A workspace is attacker input (the extension runs in untrusted workspaces), so no call follows a
 * symbolic link: a link in a repository could point at the whole disk, at other users' letters, at
 * the folder above or at the folder itself.
 */
export interface WorkspaceFiles {
  /**
   * The regular letter files (`.txt` and `.pdf`, see isLetterFileName) below `folderUri` (the workspace folder `root`, or a folder inside it
   * that `stat` reported as a folder), at most `limit`, never descending into a symbolic link or into
   * a path that `excluded` (given the path relative to `root`, '/'-separated) matches. Unreadable
   * folders are skipped.
   */
  findLetterFiles(folderUri: string, root: string, excluded: (relativePath: string) => boolean, limit: number): Promise<FoundFile[]>;
  /**
   * What `uri` itself is (a link is not followed). Undefined when it does not exist, or when it is
   * not inside the workspace folder `root` as its path says: outside it, or reached through a
   * symbolic link on the way (so an event cannot lead the index out of the folder).
   */
  stat(uri: string, root: string): Promise<FileStat | undefined>;
  /** The first `bytes` bytes of a regular file, decoded as UTF-8. Rejects a link or any other kind of file. */
  readStart(uri: string, bytes: number): Promise<FileStart>;
  /** The whole of a regular file, or undefined when it holds more than `maxBytes` bytes. Rejects a link or any other kind of file. */
  readText(uri: string, maxBytes: number): Promise<string | undefined>;
  /** The bytes of a regular file, or undefined when it holds more than `maxBytes`. Rejects a link, any other kind of file, and a URI that is not `file:`. */
  readBytes(uri: string, maxBytes: number): Promise<Uint8Array | undefined>;
}

/** Files the workspace index reads: text letters, and PDF letters (their text is extracted). */
export function isLetterFileName(name: string): boolean {
  return /\.(txt|pdf)$/i.test(name);
}

/** Whether a file is a PDF by its name (its bytes decide whether it really is one). */
export function isPdfFileName(name: string): boolean {
  return /\.pdf$/i.test(name);
}

/** Whether `uri` lies inside the folder `folderUri` (or is it). */
export function isInside(uri: string, folderUri: string): boolean {
  const folder = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
  return uri === folderUri || uri.startsWith(folder);
}

/** The '/'-separated path of `uri` relative to the folder `folderUri`, decoded; undefined outside it. */
export function relativePath(uri: string, folderUri: string): string | undefined {
  if (!isInside(uri, folderUri) || uri === folderUri) return undefined;
  const folder = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
  const rest = uri.slice(folder.length);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/** Characters a URI path keeps as they are; everything else is percent-encoded (as VS Code writes URIs). */
function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A relative path ('/'-separated, not encoded) appended to a folder URI. */
export function joinUri(folderUri: string, relative: string): string {
  const base = folderUri.endsWith('/') ? folderUri.slice(0, -1) : folderUri;
  return `${base}/${relative.split('/').map(encodePathSegment).join('/')}`;
}

/**
 * One spelling per file, so that a document the client opened and the same
 * file found on disk are one entry: the path decoded and encoded again the way
 * VS Code does (only letters, digits, `-._~` and `/` stay as they are; a
 * Windows drive letter in lower case). Other schemes are returned unchanged.
 */
export function canonicalUri(uri: string): string {
  const m = /^file:\/\/([^/]*)(\/.*)?$/i.exec(uri);
  if (!m) return uri;
  let path: string;
  try {
    path = decodeURIComponent(m[2] ?? '/');
  } catch {
    return uri;
  }
  path = path.replace(/^\/([A-Za-z]):/, (_, drive: string) => `/${drive.toLowerCase()}:`);
  return `file://${m[1].toLowerCase()}${path.split('/').map(encodePathSegment).join('/')}`;
}
