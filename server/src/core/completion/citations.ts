/**
 * Completion at the start of a statement in a guideline field: the citation forms letters use
 * ("Decision based on MTUS <Part> <Year>, Section(s): ", the ACOEM and ODG forms, the sentences
 * that say no evidence or no MTUS guideline was cited), the chapters that fit the item's body
 * region first, general ones next, other body regions' chapters last.
 */
import type { Determination, DisputedItem, FieldKind } from '../model';
import { ACOEM_CHAPTERS, MTUS_PARTS, ODG_CHAPTERS, chapterFitsRegions, regionLabel, type Region } from '../guidelines';
import { regionsOfItem } from '../itemRegions';
import { lastStartingBefore } from '../locate';
import { editAt, endOfLine, fold, pad, skipWhiteSpace, spaced, type Completion, type CompletionKind, type Cursor } from './cursor';

/** A guideline field whose value the cursor is in: from after its label to the end of its last line. */
export interface GuidelineValue {
  readonly kind: FieldKind;
  readonly valueStart: number;
  readonly item?: DisputedItem;
}

const GUIDELINE_LABEL_RE = /^\s*(Claims\s+Administrator|MAXIMUS)\s+guideline\s*:/i;

export function guidelineValueAt(model: Determination, cur: Cursor): GuidelineValue | undefined {
  const item = lastStartingBefore(model.items, cur.offset);
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

// ---------------------------------------------------------------- citation forms

interface CitationForm {
  label: string;
  text: string;
  kind: CompletionKind;
  tier: number;
  /** Which kind of citation, for sorting within a tier: statements, then the layout's usual guideline first. */
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

/** A citation of a guideline chapter or part, ranked by how its body regions fit the item's. */
function guidelineForm(label: string, text: string, family: number, chapterRegions: readonly Region[], itemRegions: readonly Region[], documentation: string): CitationForm {
  const tier = regionTier(chapterRegions, itemRegions);
  return { label, text, kind: 'reference', tier, family, detail: regionNote(tier, chapterRegions, itemRegions), documentation };
}

function citationForms(kind: FieldKind, regions: readonly Region[], olderLayout: boolean): CitationForm[] {
  // Older letters cite ACOEM chapters with pages; 2016-17 letters cite MTUS parts with sections.
  const family = { statement: 0, mtus: olderLayout ? 2 : 1, acoem: olderLayout ? 1 : 2, odg: 3 };
  const forms: CitationForm[] = [];
  for (const sentence of NO_EVIDENCE[kind === 'maximusGuideline' ? 'maximusGuideline' : 'claimsAdministratorGuideline']) {
    forms.push({ label: sentence, text: sentence, kind: 'value', tier: 1, family: family.statement, detail: 'no MTUS citation', documentation: 'The sentence letters use when the decision cites no MTUS guideline.' });
  }
  for (const part of MTUS_PARTS) {
    const documentation = `MTUS part adopted at 8 CCR ${part.ccr}${part.acoemChapter ? ` (ACOEM 2nd ed. chapter ${part.acoemChapter})` : ''}.`;
    for (const year of part.years) {
      const name = `MTUS ${part.name} ${year}`;
      forms.push(guidelineForm(name, `Decision based on ${name}, Section(s): `, family.mtus, part.regions, regions, documentation));
    }
  }
  for (const ch of ACOEM_CHAPTERS) {
    const pages = ch.pagesCited.length > 0 ? ` Pages cited in real letters: ${ch.pagesCited.join(', ')}.` : '';
    const name = `ACOEM Chapter ${ch.number} ${ch.title}`;
    const documentation = `ACOEM Practice Guidelines, 2nd ed., adopted at 8 CCR ${ch.ccr}.${pages}`;
    forms.push(guidelineForm(name, `Decision based on MTUS ${name} Page(s): `, family.acoem, ch.regions, regions, documentation));
  }
  for (const ch of ODG_CHAPTERS) {
    const text = `Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) ${ch.name}, `;
    forms.push(guidelineForm(`ODG ${ch.name}`, text, family.odg, ch.regions, regions, 'Official Disability Guidelines, outside the MTUS.'));
  }
  return forms;
}

/** Where the statement being written starts: after the label, or after the last sentence's period. */
function statementStart(text: string, valueStart: number, offset: number): number {
  const written = text.slice(valueStart, offset);
  const periods = [...written.matchAll(/\.(?=\s)/g)];
  const start = periods.length > 0 ? valueStart + periods[periods.length - 1].index + 1 : valueStart;
  return skipWhiteSpace(text, start, offset);
}

export function citationCompletions(model: Determination, cur: Cursor, value: GuidelineValue): Completion[] {
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
