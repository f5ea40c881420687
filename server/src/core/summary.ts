/**
 * A letter's summary as Markdown: one table row per disputed item with its
 * outcome, body regions and the guideline chapters each side cited. For
 * pasting into notes, emails and case files (the "Copy Letter Summary"
 * command and `imr extract --format markdown`).
 */
import type { Determination, DisputedItem, FieldKind } from './model';
import { chapterFitsRegions, classifyCitation, regionLabel, type Region } from './guidelines';
import { escapeControls } from './escape';
import { regionsOfItem } from './itemRegions';

export interface ItemSummary {
  /** 1-based, as a reader counts. */
  number: number;
  title: string;
  outcome: string;
  regions: string;
  claimsAdministrator: string;
  maximus: string;
}

/**
 * Text made fit for a table cell: characters that would end the cell or start Markdown formatting
 * escaped, white space (line breaks included) folded to single spaces, and other control
 * characters made visible, since the summary is also printed on terminals (`imr extract`).
 */
function cell(s: string): string {
  return escapeControls(s.replace(/[\\`*_[\]<>|]/g, '\\$&').replace(/\s+/g, ' ').trim());
}

/** The chapters a field cites, each once; a chapter of another body region than the item's is marked, as the code lens marks it. */
function citedIn(item: DisputedItem, kind: FieldKind, regions: readonly Region[]): string {
  const names: string[] = [];
  let unnamedOdg = false;
  for (const c of item.citations) {
    if (c.field !== kind) continue;
    const chapter = classifyCitation(c);
    // "Official Disability Guidelines" with no chapter says little; it is listed only when nothing else from ODG is.
    if (!chapter && c.kind === 'odg') {
      unnamedOdg = true;
      continue;
    }
    const fits = !chapter || chapterFitsRegions(chapter.regions, regions);
    const name = chapter ? (fits ? chapter.name : `${chapter.name} (another region)`) : `${c.kind === 'other' ? 'other: ' : ''}${clip(c.text, 60)}`;
    if (!names.includes(name)) names.push(name);
  }
  if (unnamedOdg && !names.some((n) => n.startsWith('ODG '))) names.push('ODG (no chapter named)');
  if (names.length > 0) return names.join('; ');
  return item.fields[kind] ? 'no guideline cited' : 'field missing';
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1).trimEnd() + '…';
}

export function itemSummaries(model: Determination): ItemSummary[] {
  return model.items.map((item, k) => {
    const { regions, source } = regionsOfItem(model, item);
    const named = regions.map(regionLabel).join(', ');
    return {
      number: k + 1,
      title: item.shortTitle || '(untitled item)',
      outcome: item.outcome ?? 'no outcome',
      regions: named === '' ? '—' : source === 'text' ? `${named} (from the letter's text)` : named,
      claimsAdministrator: citedIn(item, 'claimsAdministratorGuideline', regions),
      maximus: citedIn(item, 'maximusGuideline', regions),
    };
  });
}

export interface SummaryOptions {
  /** Where the letter came from (a path), shown under the heading. */
  source?: string;
}

/** The summary of one letter: a heading with its case number, a line of facts, and the table of items. */
export function letterSummaryMarkdown(model: Determination, options: SummaryOptions = {}): string {
  const caseNumber = model.header.caseNumber?.value;
  const out: string[] = [`## ${cell(caseNumber ? `Case ${caseNumber}` : (options.source ?? 'Determination letter'))}`, ''];
  const items = itemSummaries(model);
  const upheld = items.filter((i) => i.outcome === 'Upheld').length;
  const overturned = items.filter((i) => i.outcome === 'Overturned').length;
  const facts: string[] = [];
  if (options.source && caseNumber) facts.push(`File: ${cell(options.source)}`);
  const decided = model.header.decisionDate?.value;
  if (decided) facts.push(`decided ${decided}`);
  facts.push(`${items.length} item${items.length === 1 ? '' : 's'}: ${upheld} Upheld, ${overturned} Overturned`);
  out.push(facts.join(' · '), '');
  if (items.length === 0) {
    out.push('No disputed items found.');
    return out.join('\n') + '\n';
  }
  out.push('| # | Item | Outcome | Body region | Claims Administrator cited | MAXIMUS cited |', '|--:|---|---|---|---|---|');
  for (const i of items) {
    out.push(`| ${i.number} | ${cell(i.title)} | ${i.outcome} | ${cell(i.regions)} | ${cell(i.claimsAdministrator)} | ${cell(i.maximus)} |`);
  }
  return out.join('\n') + '\n';
}
