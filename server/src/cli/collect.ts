/**
 * The files a run reads: each file named on the command line, and the `.txt`
 * and `.pdf` files found in each named folder (recursively, skipping hidden
 * folders and node_modules) that pass `--include` / `--exclude`. Whether a
 * folder's file is a letter is decided later, when it is read (on whichever
 * thread reads it). Without `folders` (imr text), a folder named is a problem.
 * Folders are listed synchronously: nothing else runs meanwhile, and the
 * promises cost a third of the listing's time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PathFilter } from './glob';
import type { FileEntry } from './work';

export function collect(paths: readonly string[], filter: PathFilter, problems: string[], folders = true): FileEntry[] {
  const files: FileEntry[] = [];
  const walk = (dir: string, relative: string): void => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      const rel = relative ? `${relative}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p, rel);
      } else if (e.isFile() && /\.(txt|pdf)$/i.test(e.name) && filter.accepts(rel)) {
        files.push({ path: p, named: false });
      }
    }
  };
  for (const p of paths) {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      problems.push(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(err)}`);
      continue;
    }
    if (stat.isDirectory() && !folders) problems.push(`${p} is a folder: imr text takes files`);
    else if (stat.isDirectory()) walk(p, '');
    else files.push({ path: p, named: true });
  }
  return files;
}
