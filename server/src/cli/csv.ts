/**
 * `imr extract --format csv`: one row per disputed item, for spreadsheets.
 *
 * RFC 4180: a field holding a comma, a double quote, CR or LF is quoted and its
 * quotes doubled; every record ends in CRLF. The output starts with a UTF-8
 * byte order mark, because spreadsheet programs (Excel above all) otherwise
 * read the file in the system's legacy code page and garble non-ASCII text.
 */
import type { Analysis, Finding, Position } from '../core';
import { classifyCitation } from '../core/guidelines';
import { findingCodesByItem } from '../core/itemFindings';
import { regionsOfItem } from '../core/itemRegions';

export const BOM = '\uFEFF';

/** Column names: the JSON contract's names where one exists. */
export const CSV_COLUMNS = [
  'file',
  'caseNumber',
  'decisionDate',
  'dateOfInjury',
  'urDenialDate',
  'applicationReceived',
  'dateAssigned',
  'specialty',
  'itemNumber',
  'item',
  'outcome',
  'regions',
  'guidelines',
  'findings',
  // Added after the others so that sheets reading columns by position keep working; empty for
  // text files and for the row of a letter without items.
  'page',
] as const;

const JOIN = '; ';

function unique(xs: Iterable<string>): string[] {
  return [...new Set(xs)];
}

/**
 * The rows of one letter, in CSV_COLUMNS order. A letter without items still
 * gets one row (item columns empty, every finding of the letter listed), so no
 * letter drops out of the sheet; otherwise an item's findings are those whose
 * range lies inside the item. `pageOf` (a PDF's letters only) gives the page
 * each item starts on.
 */
export function csvRows(file: string, analysis: Analysis, findings: readonly Finding[], pageOf?: (p: Position) => number): string[][] {
  const { model, lines } = analysis;
  const h = model.header;
  const letter = [
    file,
    h.caseNumber?.value ?? '',
    h.decisionDate?.value ?? '',
    h.dateOfInjury?.value ?? '',
    h.urDenialDate?.value ?? '',
    h.applicationReceived?.value ?? '',
    h.dateAssigned?.value ?? '',
    h.specialty?.value ?? '',
  ];
  if (model.items.length === 0) {
    return [[...letter, '', '', '', '', '', unique(findings.map((f) => f.code)).join(JOIN), '']];
  }
  const ranges = model.items.map((item) => lines.range(item.span));
  const codes = findingCodesByItem(ranges, findings);
  return model.items.map((item, k) => {
    const guidelines: string[] = [];
    for (const c of item.citations) {
      const chapter = classifyCitation(c);
      if (chapter) guidelines.push(chapter.name);
    }
    return [
      ...letter,
      String(item.index + 1),
      item.title,
      item.outcome ?? '',
      regionsOfItem(model, item).regions.join(JOIN),
      unique(guidelines).join(JOIN),
      unique(codes[k]).join(JOIN),
      pageOf ? String(pageOf(ranges[k].start)) : '',
    ];
  });
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** Header and rows, with the byte order mark first. */
export function toCsv(rows: Iterable<readonly string[]>): string {
  let out = BOM + csvRecord(CSV_COLUMNS);
  for (const row of rows) out += csvRecord(row);
  return out;
}
