/**
 * Validation settings from `--config FILE` and `--rule` flags (flags win).
 *
 * Unlike the language server, which takes whatever an editor sends and falls back to defaults,
 * the command line refuses a config file it cannot follow: a misspelt level or key would
 * otherwise be ignored and the run pass with the wrong checks. Messages name the file and the
 * setting, and quote a value only when it is short; they never quote text around a JSON error,
 * since the file may be a letter given by mistake.
 */
import { grouped } from '../core/limits';
import { RULE_SETTING_KEYS, settingsFromConfiguration, type ServerSettings } from '../settings';
import { LEVELS, type Options } from './args';
import { readRegularFile } from './read';

/** The checks' settings, and the size above which a file is not read (the flag wins over the file). */
export type CliSettings = ServerSettings;

/** A settings file is a few kilobytes; anything near this is not one. */
const MAX_CONFIG_SIZE = 1_000_000;

/** Accepted values of one setting, in words for messages, and the test. */
interface SettingType {
  takes: string;
  accepts(value: unknown): boolean;
}

const LEVEL: SettingType = { takes: 'ignore, hint, information, warning or error', accepts: (v) => LEVELS.includes(v as never) };
const BOOLEAN: SettingType = { takes: 'true or false', accepts: (v) => typeof v === 'boolean' };

/**
 * Every setting the extension contributes (package.json), below `imrDetermination.`. The CLI uses
 * the checks' levels and maxDocumentSize; the editor's own settings are accepted so that a VS Code
 * settings file can be given as it is.
 */
export const SETTING_TYPES: Readonly<Record<string, SettingType>> = {
  'detectContent.enabled': BOOLEAN,
  'validate.enabled': BOOLEAN,
  ...Object.fromEntries(Object.values(RULE_SETTING_KEYS).map((key) => [`validate.${key}`, LEVEL])),
  'trace.server': { takes: 'off, messages or verbose', accepts: (v) => v === 'off' || v === 'messages' || v === 'verbose' },
  maxDocumentSize: { takes: 'a positive number of bytes', accepts: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 1 },
};

export const KNOWN_SETTINGS: readonly string[] = Object.keys(SETTING_TYPES);

/** The first keys of the section, which mark a file holding the section itself (`{ "validate": ... }`). */
const SECTION_KEYS = new Set(KNOWN_SETTINGS.map((k) => k.split('.')[0]));

class ConfigError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value in a message: short strings and numbers as they are, anything else by its kind. */
function describe(v: unknown): string {
  if (typeof v === 'string') return v.length <= 40 ? JSON.stringify(v) : `a string of ${v.length} characters`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : 'an object';
}

function kindOfJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'an object';
}

export async function loadSettings(options: Pick<Options, 'config' | 'rules' | 'maxSize'>): Promise<CliSettings> {
  let section: unknown;
  if (options.config) {
    try {
      section = readConfig(options.config);
    } catch (err) {
      if (err instanceof ConfigError) throw new Error(`config ${options.config}${err.message}`);
      throw new Error(`cannot read config ${options.config}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  const base = settingsFromConfiguration(section);
  return { enabled: base.enabled, rules: { ...base.rules, ...options.rules }, maxDocumentSize: options.maxSize ?? base.maxDocumentSize };
}

/** The `imrDetermination` section the file holds, checked. Throws ConfigError (a message to follow the file's name). */
function readConfig(file: string): unknown {
  const read = readRegularFile(file, MAX_CONFIG_SIZE);
  if ('notRegular' in read) throw new ConfigError(` is not a regular file (${read.notRegular})`);
  if ('tooLarge' in read) throw new ConfigError(` is larger than ${grouped(MAX_CONFIG_SIZE)} bytes, too large for a settings file`);
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch {
    // JSON.parse's message quotes the text near the error: say where and what kind, not what.
    const at = jsonSyntaxError(read.text);
    throw new ConfigError(` is not valid JSON${at ? `: ${at.problem} at ${lineAndColumn(read.text, at.offset)}` : ''}`);
  }
  if (!isObject(json)) throw new ConfigError(` must hold a JSON object of settings, not ${kindOfJson(json)}`);
  return sectionOf(json);
}

/**
 * The section from any of the shapes README documents: VS Code's flat keys
 * (`"imrDetermination.validate.noItems"`), the `imrDetermination` object, or the section itself
 * (`{ "validate": { ... } }`). Keys of other extensions are left alone; every setting under
 * `imrDetermination` must be a known one with a value of its type.
 */
function sectionOf(json: Record<string, unknown>): Record<string, unknown> {
  const values = new Map<string, unknown>();
  const flatten = (key: string, value: unknown): void => {
    if (isObject(value) && !Object.hasOwn(SETTING_TYPES, key)) {
      for (const [k, v] of Object.entries(value)) flatten(key ? `${key}.${k}` : k, v);
    } else {
      values.set(key, value);
    }
  };
  const isSection = Object.keys(json).some((k) => SECTION_KEYS.has(k));
  for (const [key, value] of Object.entries(json)) {
    if (key === 'imrDetermination') flatten('', value);
    else if (key.startsWith('imrDetermination.')) flatten(key.slice('imrDetermination.'.length), value);
    else if (isSection) flatten(key, value);
  }
  const section: Record<string, unknown> = {};
  for (const [key, value] of values) {
    if (!Object.hasOwn(SETTING_TYPES, key)) {
      throw new ConfigError(`: unknown setting imrDetermination.${key} (known: ${KNOWN_SETTINGS.map((k) => `imrDetermination.${k}`).join(', ')})`);
    }
    const type = SETTING_TYPES[key];
    if (!type.accepts(value)) throw new ConfigError(`: imrDetermination.${key} takes ${type.takes}, not ${describe(value)}`);
    // Back to the nested shape settingsFromConfiguration reads.
    const [first, rest] = key.split('.', 2);
    if (rest === undefined) section[first] = value;
    else section[first] = { ...(isObject(section[first]) ? section[first] : {}), [rest]: value };
  }
  return section;
}

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    // CRLF is one break: count it at its LF.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * Where JSON text first breaks the grammar, and what kind of break it is; undefined when it
 * follows the grammar. A loop with a stack of open containers, not recursion, so that deep
 * nesting cannot overflow the call stack.
 */
export function jsonSyntaxError(text: string): { offset: number; problem: string } | undefined {
  let i = 0;
  const stack: string[] = [];
  const n = text.length;
  const skipSpace = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const unexpected = () => ({ offset: i, problem: i >= n ? 'it ends too early' : 'an unexpected character' });
  /** A string starting at i; its end, or the error. */
  const string = (): { offset: number; problem: string } | undefined => {
    const start = i;
    i++;
    for (;;) {
      if (i >= n) return { offset: start, problem: 'an unterminated string' };
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return { offset: i, problem: 'a line break or other control character inside a string' };
      if (c === 0x5c) {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) return { offset: i, problem: 'an invalid escape inside a string' };
        i = ESCAPE.lastIndex;
      } else i++;
    }
  };
  /** After `{` or `,` in an object: a name and its colon. */
  const member = (): { offset: number; problem: string } | undefined => {
    skipSpace();
    if (text[i] !== '"') return unexpected();
    const bad = string();
    if (bad) return bad;
    skipSpace();
    if (text[i] !== ':') return unexpected();
    i++;
    return undefined;
  };
  for (;;) {
    // A value.
    skipSpace();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      skipSpace();
      if (text[i] === (c === '{' ? '}' : ']')) i++;
      else {
        stack.push(c);
        if (c === '{') {
          const bad = member();
          if (bad) return bad;
        }
        continue;
      }
    } else if (c === '"') {
      const bad = string();
      if (bad) return bad;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return unexpected();
      i = NUMBER.lastIndex;
    }
    // After a value: close what it ends, until a comma asks for the next one.
    for (;;) {
      skipSpace();
      const open = stack[stack.length - 1];
      if (open === undefined) return i < n ? { offset: i, problem: 'more text after the end of the JSON' } : undefined;
      if (text[i] === ',') {
        i++;
        if (open === '{') {
          const bad = member();
          if (bad) return bad;
        }
        break;
      }
      if (text[i] !== (open === '{' ? '}' : ']')) return unexpected();
      i++;
      stack.pop();
    }
  }
}
