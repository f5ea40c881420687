/**
 * Text -> determination model, in stages with plain data between them:
 *
 *   lines.ts      the text's lines, with offsets and indentation
 *   lineKinds.ts  what each line is (heading, "Case Number:", field label, outcome, lead-in, text)
 *   sections.ts   the sections between headings
 *   header.ts     the header facts (headerTable.ts: the table before the first heading)
 *   items.ts      the disputed items of the issues sections (titles.ts: where a title starts)
 *   fields.ts     each item's fields and guideline citations
 *   layout.ts     which extraction the text comes from
 *
 * It reads every extraction variant the letters come in (double-spaced older
 * letters, pdftotext -layout, reading order, CRLF) by working on lines and
 * sentence boundaries rather than on blank lines, which page breaks make
 * unreliable. Parsing never throws: whatever it cannot make sense of is left
 * out of the model and, where useful, noted as a problem.
 */
import type { Determination, DisputedItem, Header, Layout, ParseProblem, Section, Span } from '../model';
import { hasNul } from '../text';
import { CitationMemo } from '../citations';
import type { Line } from './lines';
import { readLines } from './lineKinds';
import { findSections, type SectionLines } from './sections';
import { parseHeader } from './header';
import { IssuesScanner } from './items';
import { detectLayout } from './layout';

export function parseDetermination(text: string): Determination {
  return parseWithLineStarts(text).model;
}

/** The model and the offset of each line's start (so a caller need not split the text again). */
export function parseWithLineStarts(text: string): { model: Determination; lineStarts: Int32Array } {
  const lines = readLines(text);
  const sections = findSections(lines);
  const { items, issuesLeadIn } = parseItems(text, lines, sections);
  const problems: ParseProblem[] = [];
  if (hasNul(text)) problems.push({ message: 'The text contains NUL bytes: it is probably not a letter.', span: { start: 0, end: 0 } });
  const model = new ParsedLetter(
    text,
    detectLayout(lines),
    sections.map((s) => s.section),
    items,
    issuesLeadIn,
    problems,
    { lines, sections },
  );
  return { model, lineStarts: lineStartsOf(lines) };
}

/**
 * A parsed letter. Its header facts are parsed when first read: no check reads them, so a newly
 * opened letter's diagnostics and `imr check` never wait for them (the budget "8 KB letter: open
 * -> diagnostics" of npm run bench:lsp); the outline, hovers and the index read them, and the
 * lines they are read from are let go then. A class rather than an object literal with a getter:
 * V8 keeps such literals as dictionaries, and the workspace index of 10,000 letters then peaked
 * 20 MB higher (npm run bench:workspace). A copy made by spreading (`{ ...model }`) has no
 * header unless it is given one.
 */
class ParsedLetter implements Determination {
  #header: Header | undefined;
  #unread: { readonly lines: readonly Line[]; readonly sections: readonly SectionLines[] } | undefined;

  constructor(
    readonly text: string,
    readonly layout: Layout,
    readonly sections: readonly Section[],
    readonly items: readonly DisputedItem[],
    readonly issuesLeadIn: Span | undefined,
    readonly problems: readonly ParseProblem[],
    readFrom: { readonly lines: readonly Line[]; readonly sections: readonly SectionLines[] },
  ) {
    this.#unread = readFrom;
  }

  get header(): Header {
    if (this.#unread) {
      this.#header = parseHeader(this.text, this.#unread.lines, this.#unread.sections);
      this.#unread = undefined;
    }
    return this.#header!;
  }
}

/** Items live in the issues sections; a text without that heading is searched after its last heading. */
function parseItems(text: string, lines: readonly Line[], sections: readonly SectionLines[]): { items: DisputedItem[]; issuesLeadIn?: Span } {
  const issues = sections.filter((s) => s.section.kind === 'issues');
  const ranges = issues.length > 0 ? issues : [{ bodyStart: sections.length > 0 ? sections[sections.length - 1].bodyStart : 0, bodyEnd: lines.length }];
  const items: DisputedItem[] = [];
  const scanner = new IssuesScanner(text, lines, items, new CitationMemo());
  let issuesLeadIn: Span | undefined;
  for (const { bodyStart, bodyEnd } of ranges) {
    const leadIn = scanner.scan(bodyStart, bodyEnd);
    issuesLeadIn ??= leadIn;
  }
  return { items, issuesLeadIn };
}

/** The offset of each line's start, kept by the analysis for the line index. */
function lineStartsOf(lines: readonly Line[]): Int32Array {
  const starts = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; i++) starts[i] = lines[i].start;
  return starts;
}
