/** Validation settings from `--config FILE` and `--rule` flags (flags win). */
import { promises as fs } from 'node:fs';
import { settingsFromConfiguration, type ServerSettings } from '../settings';
import type { Options } from './args';

/** The checks' settings, and the size above which a file is not read (the flag wins over the file). */
export type CliSettings = ServerSettings;

export async function loadSettings(options: Pick<Options, 'config' | 'rules' | 'maxSize'>): Promise<CliSettings> {
  let section: unknown;
  if (options.config) {
    let raw: string;
    try {
      raw = await fs.readFile(options.config, 'utf8');
    } catch (err) {
      throw new Error(`cannot read config ${options.config}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new Error(`config ${options.config} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    section = configSection(json);
  }
  const base = settingsFromConfiguration(section);
  return { enabled: base.enabled, rules: { ...base.rules, ...options.rules }, maxDocumentSize: options.maxSize ?? base.maxDocumentSize };
}

/** VS Code's flat keys (`imrDetermination.validate.x`), the `imrDetermination` object, or the section itself. */
function configSection(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Record<string, unknown>;
  if (typeof o.imrDetermination === 'object') return o.imrDetermination;
  if (typeof o.validate === 'object') return o;
  const validate: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const m = /^imrDetermination\.validate\.(\w+)$/.exec(k);
    if (m) validate[m[1]] = v;
  }
  return { validate, maxDocumentSize: o['imrDetermination.maxDocumentSize'] };
}
