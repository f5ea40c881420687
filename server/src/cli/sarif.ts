/**
 * `imr check --format sarif`: SARIF 2.1.0, the log format code-scanning tools
 * read. One run; its driver lists every check as a rule; each finding is a
 * result located by a relative URI and a 1-based region whose columns count
 * UTF-16 code units (the LSP's columns plus one).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiagnosticCode, Finding, Range, Severity } from '../core';
import { RULES } from '../core/diagnostics';
import { RULE_SETTING_KEYS } from '../settings';
import { VERSION } from './args';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** One sentence per check for the rule descriptors (the README's table, in short). */
export const RULE_DESCRIPTIONS: Record<DiagnosticCode, string> = {
  'missing-section': 'One of the three section headings of a determination letter is missing.',
  'no-items': 'The issues section decides no disputed item.',
  'missing-outcome': 'A disputed item title does not end in ": Upheld" or ": Overturned".',
  'missing-field': 'A disputed item lacks its Claims Administrator guideline, MAXIMUS guideline or Decision rationale, or leaves one empty.',
  'duplicate-item': 'The same disputed item is decided twice in one letter.',
  'chapter-mismatch': "A guideline field cites a body-part chapter of another body region than the item's.",
  'chapter-title-mismatch': "An ACOEM chapter number is cited with another chapter's title.",
  'page-out-of-range': "Cited ACOEM pages lie outside the chapter's page span.",
  'outcome-contradiction': "The item's outcome contradicts the conclusion of its decision rationale.",
  'mtus-basis-contradiction': 'A guideline field says the decision was not based on the MTUS while the MTUS is cited or relied on.',
};

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export interface CheckedFile {
  path: string;
  /** `page`: where the finding starts in a PDF letter. */
  findings: ReadonlyArray<Finding & { page?: number }>;
}

const SRCROOT = '%SRCROOT%';

/** A file's location: relative to the working folder when inside it, else an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(absolute).href };
}

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** The whole log. `problems` (unreadable files and folders) become tool notifications. */
export function toSarif(files: readonly CheckedFile[], problems: readonly string[], cwd: string): object {
  const ruleIndex = new Map<DiagnosticCode, number>(RULES.map((r, i) => [r.code, i]));
  const rules = RULES.map((r) => ({
    id: r.code,
    name: RULE_SETTING_KEYS[r.code].replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: RULE_DESCRIPTIONS[r.code] },
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
  }));
  const artifacts = files.map((f) => ({ location: artifactLocation(f.path, cwd) }));
  const results = files.flatMap((f, index) => {
    const location = { ...artifacts[index].location, index };
    return f.findings.map((d) => {
      const result: Record<string, unknown> = {
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code),
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(d.range) } }],
      };
      // A region has no page; a PDF's region counts lines of its extracted text (imr text), and
      // the page is what a reader of the PDF itself looks for.
      if (d.page !== undefined) result.properties = { page: d.page };
      if (d.related && d.related.length > 0) {
        result.relatedLocations = d.related.map((r, id) => ({
          id,
          physicalLocation: { artifactLocation: location, region: region(r.range) },
          message: { text: r.message },
        }));
      }
      return result;
    });
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'imr', version: VERSION, rules } },
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: problems.map((p) => ({ level: 'error', message: { text: p } })),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        artifacts,
        results,
      },
    ],
  };
}
