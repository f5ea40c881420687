/**
 * Reading files the CLI is pointed at, safely: only regular files, never more
 * than a given number of bytes, and without waiting on a FIFO. Whatever path
 * a user (or a folder) names may be a device that never ends (/dev/zero) or a
 * FIFO that blocks until someone writes to it.
 */
import * as fs from 'node:fs';
import { withoutByteOrderMark } from '../core/text';

const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = fs.constants;

/**
 * An open descriptor and what fstat says of it. Non-blocking, so that opening a FIFO returns at
 * once (the caller then refuses it) instead of waiting for a writer; regular files read the same.
 * Without `followLinks` a link is not opened (ELOOP): what a folder holds is checked by what it
 * is, not by what a link points to, and not as it was when the folder was listed.
 */
export function openForReading(file: string, followLinks: boolean): { fd: number; stat: fs.Stats } {
  const fd = fs.openSync(file, O_RDONLY | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW));
  try {
    return { fd, stat: fs.fstatSync(fd) };
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
}

/** What a file that is not a regular file is, for messages. */
export function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * Up to `max` bytes from the start of the file, and whether that was all of it. Bounded by the
 * count read, not by the size fstat gave, so a file growing meanwhile costs no more than `max`.
 */
export function readUpTo(fd: number, expected: number, max: number): { bytes: Buffer; complete: boolean } {
  let buf = Buffer.alloc(Math.min(expected, max) + 1);
  let off = 0;
  for (;;) {
    if (off === buf.length) {
      if (off > max) return { bytes: buf.subarray(0, max), complete: false };
      const bigger = Buffer.alloc(Math.min(buf.length * 2, max + 1));
      buf.copy(bigger, 0, 0, off);
      buf = bigger;
    }
    const n = fs.readSync(fd, buf, off, buf.length - off, off);
    if (n === 0) return { bytes: buf.subarray(0, off), complete: true };
    off += n;
  }
}

/** UTF-8 text as an editor shows it: without a byte order mark. */
export function decode(bytes: Buffer): string {
  return withoutByteOrderMark(bytes.toString('utf8'));
}

export type WholeFile = { text: string } | { notRegular: string } | { tooLarge: true };
export type WholeBytes = { bytes: Buffer } | { notRegular: string } | { tooLarge: true };

/**
 * A file named by the user, read whole if it is a regular file (links followed) of at most
 * `maxSize` bytes; else what it is, or that it is too large. Throws on I/O errors.
 */
export function readRegularBytes(file: string, maxSize: number): WholeBytes {
  const { fd, stat } = openForReading(file, true);
  try {
    if (!stat.isFile()) return { notRegular: kindOf(stat) };
    if (stat.size > maxSize) return { tooLarge: true };
    const all = readUpTo(fd, stat.size, maxSize);
    return all.complete ? { bytes: all.bytes } : { tooLarge: true };
  } finally {
    fs.closeSync(fd);
  }
}

/** `readRegularBytes` decoded as UTF-8 text, as an editor shows it. */
export function readRegularFile(file: string, maxSize: number): WholeFile {
  const read = readRegularBytes(file, maxSize);
  return 'bytes' in read ? { text: decode(read.bytes) } : read;
}
