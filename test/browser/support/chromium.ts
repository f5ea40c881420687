/**
 * Chromium for the browser tests, launched headless with its profile, caches and crash reports in
 * a temporary folder of its own (nothing is written into the home folder), and no network of its
 * own making (no updates, sync or background requests).
 *
 *   CHROMIUM=/path/to/chromium      another browser binary (default /usr/bin/chromium)
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** A browser and its temporary folder (`profile`), which the caller removes after closing it. */
export async function launchChromium(folderPrefix: string, extraArgs: readonly string[] = []): Promise<{ browser: Browser; profile: string }> {
  if (!existsSync(CHROMIUM)) assert.fail(`no browser at ${CHROMIUM}: install Debian's chromium or set CHROMIUM`);
  const profile = mkdtempSync(path.join(tmpdir(), folderPrefix));
  const dir = (name: string) => {
    const d = path.join(profile, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, HOME: dir('home'), XDG_CONFIG_HOME: dir('config'), XDG_CACHE_HOME: dir('cache'), XDG_DATA_HOME: dir('data') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...extraArgs],
  });
  return { browser, profile };
}
