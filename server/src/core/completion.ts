/**
 * Completion while drafting a letter. Suggestions come only where a letter has
 * a fixed form to fill in, never in the middle of prose:
 *
 * - at the start of a statement in a guideline field: the citation forms
 *   ("Decision based on MTUS <Part> <Year>, Section(s): ", the ACOEM and ODG
 *   forms, the no-evidence sentences), the chapters that fit the item's body
 *   region first, general ones next, other body regions' chapters last;
 * - after "Section(s):": the section names of the MTUS part just cited;
 * - after an item title's colon with no outcome yet: Upheld and Overturned,
 *   the one the rationale's conclusion calls for preselected;
 * - on an empty line of the issues section: a new disputed item; in an empty
 *   document: a whole letter skeleton (snippets with tab stops).
 */
import type { Analysis } from './index';
import type { Determination, DisputedItem, Field, FieldKind, Section } from './model';
import type { Position, Range } from './types';
import type { LineIndex } from './lineIndex';
import {
  ACOEM_CHAPTERS,
  MTUS_PARTS,
  ODG_CHAPTERS,
  chapterFitsRegions,
  findMtusParts,
  postsurgicalRegions,
  regionLabel,
  type Region,
} from './guidelines';
import { sectionsOfPart } from './guidelines/sections';
import { regionsOfItem } from './itemRegions';
import { rationaleConclusion } from './conclusion';
import { isWhiteSpace } from './text';

/** Named after the LSP CompletionItemKind each maps to. */
export type CompletionKind = 'reference' | 'value' | 'enumMember' | 'snippet';

export interface CompletionEdit {
  /** Always on the cursor's line, ending at the cursor. */
  range: Range;
  newText: string;
}

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  sortText: string;
  filterText: string;
  edit: CompletionEdit;
  /** True when `edit.newText` is a snippet with tab stops. */
  snippet: boolean;
  preselect?: boolean;
  /** True when the text inserted ends where more suggestions belong (a `Section(s): ` list): an editor may open them at once. */
  suggestNext?: boolean;
}

// ---------------------------------------------------------------- the cursor

interface Cursor {
  readonly text: string;
  readonly lines: LineIndex;
  readonly line: number;
  readonly offset: number;
  readonly lineStart: number;
  readonly lineEnd: number;
}

/** Where the line holding `from` ends (before its \r or \n); read character by character, lines being short. */
function endOfLine(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); i < text.length && c !== 10 && c !== 13; c = text.charCodeAt(++i));
  return i;
}

function cursorAt(text: string, lines: LineIndex, position: Position): Cursor {
  const line = Math.max(0, Math.min(position.line, lines.lineCount - 1));
  const lineStart = lines.lineStart(line);
  const lineEnd = endOfLine(text, lineStart);
  // Clients may send a column past the line's end: the cursor is then at the end.
  const offset = position.line >= lines.lineCount ? lineEnd : Math.min(lineStart + Math.max(0, position.character), lineEnd);
  return { text, lines, line, offset, lineStart, lineEnd };
}

function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhiteSpace(text.charCodeAt(i))) return false;
  return true;
}

function editAt(cur: Cursor, start: number, newText: string): CompletionEdit {
  return { range: { start: cur.lines.positionAt(start), end: cur.lines.positionAt(cur.offset) }, newText };
}

/** A space before inserted text that would otherwise touch the character before it ("guideline:Decision"). */
function spaced(cur: Cursor, start: number, newText: string): string {
  return start > cur.lineStart && !isWhiteSpace(cur.text.charCodeAt(start - 1)) ? ' ' + newText : newText;
}

const fold = (s: string) => s.replace(/\s+/g, ' ');

// ---------------------------------------------------------------- where the cursor is

/** The section the offset lies in: the last one whose heading starts before it (until the next heading). */
function sectionAt(model: Determination, offset: number): Section | undefined {
  let found: Section | undefined;
  for (const s of model.sections) {
    if (s.headingSpan.start > offset) break;
    found = s;
  }
  return found;
}

/** The last item starting at or before the offset (items are in document order). */
function itemAt(model: Determination, offset: number): DisputedItem | undefined {
  const items = model.items;
  let lo = 0;
  let hi = items.length - 1;
  let found: DisputedItem | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].span.start <= offset) {
      found = items[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** A guideline field whose value the cursor is in: from after its label to the end of its last line. */
interface GuidelineValue {
  readonly kind: FieldKind;
  readonly valueStart: number;
  readonly item?: DisputedItem;
}

const GUIDELINE_LABEL_RE = /^\s*(Claims\s+Administrator|MAXIMUS)\s+guideline\s*:/i;

function guidelineValueAt(model: Determination, cur: Cursor): GuidelineValue | undefined {
  const item = itemAt(model, cur.offset);
  for (const f of item?.fieldList ?? []) {
    if (f.kind === 'decisionRationale' || f.labelSpan.end > cur.offset) continue;
    if (cur.offset <= endOfLine(cur.text, Math.max(f.span.end, f.labelSpan.end))) return { kind: f.kind, valueStart: f.labelSpan.end, item };
  }
  // A label the parser has not placed in an item yet (a letter being written from scratch).
  const label = GUIDELINE_LABEL_RE.exec(cur.text.slice(cur.lineStart, cur.offset));
  if (!label) return undefined;
  const kind: FieldKind = /^maximus$/i.test(label[1]) ? 'maximusGuideline' : 'claimsAdministratorGuideline';
  return { kind, valueStart: cur.lineStart + label[0].length, item };
}

// ---------------------------------------------------------------- ranking by body region

/** 0 fits the item's region, 1 general, 2 the item's region is unknown, 3 another region. */
function regionTier(chapterRegions: readonly Region[], itemRegions: readonly Region[]): number {
  if (chapterRegions.length === 0) return 1;
  if (itemRegions.length === 0) return 2;
  return chapterFitsRegions(chapterRegions, itemRegions) ? 0 : 3;
}

function regionNote(tier: number, chapterRegions: readonly Region[], itemRegions: readonly Region[]): string {
  const chapter = chapterRegions.map(regionLabel).join(', ');
  const item = itemRegions.map(regionLabel).join(', ');
  switch (tier) {
    case 0:
      return `fits the item (${item})`;
    case 1:
      return 'general: fits any item';
    case 2:
      return `body region: ${chapter}`;
    default:
      return `another body region (${chapter}) than the item (${item})`;
  }
}

const pad = (n: number) => String(n).padStart(3, '0');

// ---------------------------------------------------------------- citation forms

interface CitationForm {
  label: string;
  text: string;
  kind: CompletionKind;
  tier: number;
  family: number;
  detail: string;
  documentation: string;
}

const NO_EVIDENCE: Record<'claimsAdministratorGuideline' | 'maximusGuideline', readonly string[]> = {
  claimsAdministratorGuideline: [
    'The Claims Administrator did not cite any medical evidence for its decision.',
    'The Claims Administrator did not base their decision on the MTUS.',
  ],
  maximusGuideline: [
    'The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines.',
    'The Expert Reviewer did not base their decision on the MTUS.',
  ],
};

function citationForms(kind: FieldKind, regions: readonly Region[], olderLayout: boolean): CitationForm[] {
  // Older letters cite ACOEM chapters with pages; 2016-17 letters cite MTUS parts with sections.
  const family = { statement: 0, mtus: olderLayout ? 2 : 1, acoem: olderLayout ? 1 : 2, odg: 3 };
  const forms: CitationForm[] = [];
  for (const sentence of NO_EVIDENCE[kind === 'maximusGuideline' ? 'maximusGuideline' : 'claimsAdministratorGuideline']) {
    forms.push({ label: sentence, text: sentence, kind: 'value', tier: 1, family: family.statement, detail: 'no MTUS citation', documentation: 'The sentence letters use when the decision cites no MTUS guideline.' });
  }
  for (const part of MTUS_PARTS) {
    const tier = regionTier(part.regions, regions);
    for (const year of part.years) {
      forms.push({
        label: `MTUS ${part.name} ${year}`,
        text: `Decision based on MTUS ${part.name} ${year}, Section(s): `,
        kind: 'reference',
        tier,
        family: family.mtus,
        detail: regionNote(tier, part.regions, regions),
        documentation: `MTUS part adopted at 8 CCR ${part.ccr}${part.acoemChapter ? ` (ACOEM 2nd ed. chapter ${part.acoemChapter})` : ''}.`,
      });
    }
  }
  for (const ch of ACOEM_CHAPTERS) {
    const tier = regionTier(ch.regions, regions);
    const pages = ch.pagesCited.length > 0 ? ` Pages cited in real letters: ${ch.pagesCited.join(', ')}.` : '';
    forms.push({
      label: `ACOEM Chapter ${ch.number} ${ch.title}`,
      text: `Decision based on MTUS ACOEM Chapter ${ch.number} ${ch.title} Page(s): `,
      kind: 'reference',
      tier,
      family: family.acoem,
      detail: regionNote(tier, ch.regions, regions),
      documentation: `ACOEM Practice Guidelines, 2nd ed., adopted at 8 CCR ${ch.ccr}.${pages}`,
    });
  }
  for (const ch of ODG_CHAPTERS) {
    const tier = regionTier(ch.regions, regions);
    forms.push({
      label: `ODG ${ch.name}`,
      text: `Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) ${ch.name}, `,
      kind: 'reference',
      tier,
      family: family.odg,
      detail: regionNote(tier, ch.regions, regions),
      documentation: 'Official Disability Guidelines, outside the MTUS.',
    });
  }
  return forms;
}

/** Where the statement being written starts: after the label, or after the last sentence's period. */
function statementStart(text: string, valueStart: number, offset: number): number {
  let start = valueStart;
  for (let i = offset - 1; i > valueStart; i--) {
    if (text.charCodeAt(i - 1) === 46 /* . */ && isWhiteSpace(text.charCodeAt(i))) {
      start = i;
      break;
    }
  }
  while (start < offset && isWhiteSpace(text.charCodeAt(start))) start++;
  return start;
}

function citationCompletions(model: Determination, cur: Cursor, value: GuidelineValue): Completion[] {
  const start = statementStart(cur.text, value.valueStart, cur.offset);
  const typed = fold(cur.text.slice(start, cur.offset)).toLowerCase();
  // The range must stay on the cursor's line.
  if (typed !== '' && start < cur.lineStart) return [];
  const regions = value.item ? regionsOfItem(model, value.item).regions : [];
  const forms = citationForms(value.kind, regions, model.layout === 'double-spaced').filter((f) => f.text.toLowerCase().startsWith(typed));
  const at = typed === '' ? cur.offset : start;
  return forms.map((f, k) => {
    const c: Completion = {
      label: f.label,
      kind: f.kind,
      detail: f.detail,
      documentation: f.documentation,
      sortText: `${f.tier}-${f.family}-${pad(k)}`,
      filterText: f.text,
      edit: editAt(cur, at, spaced(cur, at, f.text)),
      snippet: false,
    };
    // After "Section(s): " the section names of the part just inserted are the next thing to write.
    if (/Section\(s\): $/.test(f.text)) c.suggestNext = true;
    return c;
  });
}

// ---------------------------------------------------------------- Section(s):

const SECTIONS_LABEL_RE = /Section\(s\)\s*:/gi;
/** How far back a cited part is looked for before "Section(s):". */
const PART_WINDOW = 400;

/** Section names after "Section(s):", or undefined when the cursor is not in such a list. */
function sectionCompletions(model: Determination, cur: Cursor, value: GuidelineValue): Completion[] | undefined {
  const { text } = cur;
  const before = text.slice(value.valueStart, cur.offset);
  let label: RegExpExecArray | undefined;
  SECTIONS_LABEL_RE.lastIndex = 0;
  for (let m = SECTIONS_LABEL_RE.exec(before); m; m = SECTIONS_LABEL_RE.exec(before)) label = m;
  if (!label) return undefined;
  const listStart = value.valueStart + label.index + label[0].length;
  const list = text.slice(listStart, cur.offset);
  if (/Decision\s+based\s+on/i.test(list)) return undefined;

  const lead = fold(text.slice(Math.max(value.valueStart, value.valueStart + label.index - PART_WINDOW), value.valueStart + label.index));
  const mentions = findMtusParts(lead);
  const part = mentions[mentions.length - 1];
  if (!part || !/^[\s,]*$/.test(part.tail)) return undefined;
  const sections = sectionsOfPart(part.part.id);
  if (sections.length === 0) return undefined;

  // The name being typed starts at the list's start or after a comma; names contain commas
  // ("NSAIDs, GI symptoms & cardiovascular risk"), so every such start is tried and a name is
  // offered for the longest piece it continues (after "NSAIDs, " both the NSAIDs names and all).
  const starts = [listStart];
  for (let i = listStart; i < cur.offset; i++) if (text.charCodeAt(i) === 44 /* , */) starts.push(i + 1);
  const regions = value.item && part.part.id === 'postsurgical-treatment' ? regionsOfItem(model, value.item).regions : [];
  const offered = new Map<string, Completion>();
  for (const s of starts) {
    let start = s;
    while (start < cur.offset && isWhiteSpace(text.charCodeAt(start))) start++;
    if (start < cur.lineStart) continue;
    const typed = fold(text.slice(start, cur.offset)).toLowerCase();
    const at = typed === '' ? cur.offset : start;
    sections.forEach((sec, k) => {
      if (offered.has(sec.name) || !sec.name.toLowerCase().startsWith(typed)) return;
      const sectionRegions = regions.length > 0 ? postsurgicalRegions([sec.name]) : [];
      const tier = sectionRegions.length === 0 ? 1 : chapterFitsRegions(sectionRegions, regions) ? 0 : 3;
      offered.set(sec.name, {
        label: sec.name,
        kind: 'value',
        detail: `MTUS ${part.part.name}`,
        documentation: `Source: ${sec.source}.`,
        sortText: `${tier}-${pad(k)}`,
        filterText: sec.name,
        edit: editAt(cur, at, spaced(cur, at, sec.name)),
        snippet: false,
      });
    });
  }
  return offered.size > 0 ? [...offered.values()] : undefined;
}

// ---------------------------------------------------------------- outcomes

const FIELD_LABEL_LINE_RE = /^\s*(?:Claims\s+Administrator\s+guideline|MAXIMUS\s+guideline|Decision\s+rationale)\s*:/i;
/** Lines ending in a colon that are not item titles: citation lists, the lead-in, header and credential labels. */
const NOT_A_TITLE_RE =
  /(?:Section\(s\)|Page\(s\)|set\s+forth\s+below|credentials)\s*:\s*$|^\s*(?:Case\s+Number|Date\s+Assigned|Decision\s+Date|Date\s+of\s+Injury|UR\s+Denial\s+Date|Priority|Application|Received|State\(s\)|Certification\(s\))\b/i;
const LONE_OUTCOME_RE = /^\s*(?:Upheld|Overturned)\s*$/i;

const OUTCOMES = [
  { outcome: 'Upheld', detail: 'the UR denial stands: not authorized', verdict: 'not-necessary' },
  { outcome: 'Overturned', detail: 'the UR denial is reversed: authorized', verdict: 'necessary' },
] as const;

/** The next non-blank line after `from` (a few lines at most), or undefined. */
function nextLineText(text: string, from: number): string | undefined {
  let pos = from;
  for (let n = 0; n < 6 && pos < text.length; n++) {
    pos += text.charCodeAt(pos) === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
    const end = endOfLine(text, pos);
    if (!blank(text, pos, end)) return text.slice(pos, end);
    pos = end;
  }
  return undefined;
}

/** A field the line lies in whose text goes on after it: the line is prose inside that field. */
function insideFieldProse(item: DisputedItem | undefined, cur: Cursor): Field | undefined {
  return item?.fieldList.find((f) => f.span.start < cur.lineStart && f.span.end > cur.lineEnd);
}

function outcomeCompletions(model: Determination, cur: Cursor): Completion[] {
  const { text } = cur;
  if (!blank(text, cur.offset, cur.lineEnd)) return [];
  let colon = cur.offset - 1;
  while (colon >= cur.lineStart && isWhiteSpace(text.charCodeAt(colon))) colon--;
  if (colon < cur.lineStart || text.charCodeAt(colon) !== 58 /* : */ || blank(text, cur.lineStart, colon)) return [];
  const line = text.slice(cur.lineStart, cur.lineEnd);
  if (FIELD_LABEL_LINE_RE.test(line) || NOT_A_TITLE_RE.test(line)) return [];
  const next = nextLineText(text, cur.lineEnd);
  if (next !== undefined && LONE_OUTCOME_RE.test(next)) return [];

  const item = itemAt(model, cur.offset);
  // An item the parser already reads from this title (its fields follow), still without an outcome.
  const titled = item && !item.outcome && item.titleSpan.end >= cur.lineStart && item.titleSpan.end <= cur.lineEnd ? item : undefined;
  if (!titled && insideFieldProse(item, cur)) return [];
  const rationale = titled?.fields.decisionRationale;
  const conclusion = rationale ? rationaleConclusion(text, rationale) : undefined;
  const at = colon + 1;
  return OUTCOMES.map((o, k) => {
    const chosen = conclusion?.verdict === o.verdict;
    const c: Completion = {
      label: o.outcome,
      kind: 'enumMember',
      detail: o.detail,
      sortText: `${k}`,
      filterText: o.outcome,
      edit: editAt(cur, at, ' ' + o.outcome),
      snippet: false,
    };
    if (chosen) {
      c.preselect = true;
      c.documentation = `The decision rationale concludes: “${conclusion!.sentence}”`;
    }
    return c;
  });
}

// ---------------------------------------------------------------- snippets

/** Letter text inside a snippet: `$`, `}` and `\` are snippet syntax. */
const literal = (s: string) => s.replace(/[\\$}]/g, '\\$&');

const LEAD_INS = {
  credentials: 'The Expert Reviewer has the following credentials:',
  summary: 'The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:',
  issues: 'The Final Determination was based on decisions for the disputed items/services set forth below:',
};

/** How the reviewer was chosen: the facts every letter states, in this project's words. */
const HOW_MADE =
  'MAXIMUS Federal Services sent the complete case file to an expert reviewer who has no affiliation with the employer, the employee, the providers or the claims administrator. The reviewer has been in active clinical practice for more than five years, currently practises at least 24 hours a week, and was selected for clinical experience, education, background and expertise in the same or a similar specialty that evaluates or treats the medical condition and the disputed items/services. The reviewer is familiar with the governing laws and regulations, including the strength of evidence hierarchy that applies to Independent Medical Review determinations.';

function itemSnippet(first: number): string {
  const n = (k: number) => first + k;
  return [
    `\${${n(0)}:Item title}: \${${n(1)}|Upheld,Overturned|}`,
    '',
    `Claims Administrator guideline: $${n(2)}`,
    '',
    `MAXIMUS guideline: $${n(3)}`,
    '',
    `Decision rationale: $${n(4)}`,
  ].join('\n');
}

export const NEW_ITEM_SNIPPET = itemSnippet(1);

export const LETTER_SKELETON_SNIPPET = [
  'Case Number: ${1:CMYY-NNNNNNN}',
  'Date Assigned: ${2:MM/DD/YYYY}',
  'Date of Injury: ${3:MM/DD/YYYY}',
  'Decision Date: ${4:MM/DD/YYYY}',
  'UR Denial Date: ${5:MM/DD/YYYY}',
  'Application Received: ${6:MM/DD/YYYY}',
  'Priority: ${7|Standard,Expedited|}',
  '',
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  literal(HOW_MADE),
  '',
  literal(LEAD_INS.credentials),
  'State(s) of Licensure: ${8:State}',
  'Certification(s)/Specialty: ${9:Specialty}',
  '',
  'CLINICAL CASE SUMMARY',
  literal(LEAD_INS.summary),
  '',
  '${10:Age and sex, date and mechanism of injury, diagnoses, examinations, treatment to date, and the Utilization Review decision.}',
  '',
  'IMR ISSUES, DECISIONS AND RATIONALES',
  literal(LEAD_INS.issues),
  '',
  itemSnippet(11),
].join('\n');

/** The snippet as plain text, for documentation: placeholders show their default, choices their first option. */
export function snippetPreview(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

function snippetCompletion(cur: Cursor, label: string, detail: string, body: string): Completion {
  return {
    label,
    kind: 'snippet',
    detail,
    documentation: '```\n' + snippetPreview(body) + '\n```',
    sortText: '0',
    filterText: label,
    edit: editAt(cur, cur.lineStart, body),
    snippet: true,
  };
}

// ---------------------------------------------------------------- entry point

export function completions(analysis: Analysis, position: Position): Completion[] {
  const { model, lines } = analysis;
  const text = model.text;
  const cur = cursorAt(text, lines, position);
  const emptyLine = blank(text, cur.lineStart, cur.lineEnd);

  if (!/\S/.test(text)) {
    return [snippetCompletion(cur, 'IMR letter skeleton', 'header, the three sections and one disputed item', LETTER_SKELETON_SNIPPET)];
  }

  const value = guidelineValueAt(model, cur);
  if (value) return sectionCompletions(model, cur, value) ?? citationCompletions(model, cur, value);

  const section = sectionAt(model, cur.offset);
  if (section?.kind !== 'issues' || cur.offset <= section.headingSpan.end) return [];
  if (emptyLine) return [snippetCompletion(cur, 'New disputed item', 'title, outcome and the three fields', NEW_ITEM_SNIPPET)];
  return outcomeCompletions(model, cur);
}
