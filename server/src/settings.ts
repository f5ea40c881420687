/**
 * Client settings (the `imrDetermination` section) -> validation settings.
 * Tolerates anything a client may send: VS Code answers `{}` for unset
 * sections, Neovim and eglot answer `null`, and users write odd values.
 */
import { DEFAULT_VALIDATION, type DiagnosticCode, type RuleLevel, type ValidationSettings } from './core';
import { effectiveMaxDocumentSize } from './core/limits';

/** What the server reads from the section: the checks' settings and the size above which a document is not checked. */
export type ServerSettings = ValidationSettings & { maxDocumentSize: number };

/** Setting key under `imrDetermination.validate` for each rule. */
export const RULE_SETTING_KEYS: Record<DiagnosticCode, string> = {
  'missing-section': 'missingSection',
  'missing-field': 'missingField',
  'missing-outcome': 'missingOutcome',
  'no-items': 'noItems',
  'chapter-mismatch': 'chapterMismatch',
  'chapter-title-mismatch': 'chapterTitleMismatch',
  'page-out-of-range': 'pageOutOfRange',
  'outcome-contradiction': 'outcomeContradiction',
  'mtus-basis-contradiction': 'mtusBasisContradiction',
  'duplicate-item': 'duplicateItem',
};

const LEVELS: ReadonlySet<string> = new Set(['ignore', 'hint', 'information', 'warning', 'error']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The `imrDetermination` section of didChangeConfiguration's settings, as clients that cannot answer
 * workspace/configuration push them: nested (`{ imrDetermination: { validate: ... } }`) or with
 * VS Code's dotted keys (`{ "imrDetermination.validate.noItems": "error" }`).
 */
export function pushedSection(settings: unknown): unknown {
  if (!isObject(settings)) return undefined;
  if (isObject(settings.imrDetermination)) return settings.imrDetermination;
  const section: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    const m = /^imrDetermination\.(?:(validate)\.)?(\w+)$/.exec(key);
    if (!m) continue;
    if (m[1]) section.validate = { ...(isObject(section.validate) ? section.validate : {}), [m[2]]: value };
    else section[m[2]] = value;
  }
  return Object.keys(section).length > 0 ? section : undefined;
}

export function settingsFromConfiguration(section: unknown): ServerSettings {
  const maxDocumentSize = effectiveMaxDocumentSize(isObject(section) ? section.maxDocumentSize : undefined);
  const validate = isObject(section) ? section.validate : undefined;
  if (!isObject(validate)) return { enabled: DEFAULT_VALIDATION.enabled, rules: {}, maxDocumentSize };
  const rules: ValidationSettings['rules'] = {};
  for (const [code, key] of Object.entries(RULE_SETTING_KEYS) as Array<[DiagnosticCode, string]>) {
    const level = validate[key];
    if (typeof level === 'string' && LEVELS.has(level)) rules[code] = level as RuleLevel;
  }
  return { enabled: validate.enabled !== false, rules, maxDocumentSize };
}
