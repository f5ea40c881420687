/**
 * MTUS parts as 2016-17 letters cite them: "<Name> <Year>", e.g.
 * "Decision based on MTUS Knee Complaints 2004, Section(s): Special Studies".
 *
 * The body-part parts are the ACOEM 2nd ed. chapters (see acoem.ts); the
 * general parts (Chronic Pain, Acupuncture, Postsurgical, Opioids, General
 * Approaches, Stress-Related Conditions) have no region, except that the
 * Postsurgical Treatment Guidelines' sections name a body part.
 */
import type { Region } from './regions';
import { regionsIn } from './regions';
import { asciiLowerCase } from '../text';

export interface MtusPart {
  /** Stable id, e.g. "low-back-complaints". */
  readonly id: string;
  /** Canonical name without year, as cited ("Low Back Complaints"). */
  readonly name: string;
  /** Years seen or documented for this part ("Chronic Pain Medical Treatment 2009" and "2016"). */
  readonly years: readonly number[];
  readonly ccr: string;
  readonly regions: readonly Region[];
  readonly general: boolean;
  /** The ACOEM 2nd ed. chapter this part adopts. */
  readonly acoemChapter?: number;
  /** Regular-expression source in small letters, matching the name in running text in any case. */
  readonly pattern: string;
  readonly source: string;
}

const CORPUS = 'corpus: "Decision based on MTUS ..." in 2016-17 letters';

export const MTUS_PARTS: readonly MtusPart[] = [
  {
    id: 'neck-and-upper-back-complaints', name: 'Neck and Upper Back Complaints', years: [2004], ccr: '9792.23.1',
    regions: ['neck', 'thoracic'], general: false, acoemChapter: 8,
    pattern: 'neck\\s*(?:and|&)\\s*upper\\s+back\\s+(?:complaints|disorders)', source: `domain.md: ACOEM table; ${CORPUS}`,
  },
  {
    id: 'shoulder-complaints', name: 'Shoulder Complaints', years: [2004], ccr: '9792.23.2', regions: ['shoulder'],
    general: false, acoemChapter: 9, pattern: 'shoulder\\s+(?:complaints|disorders)', source: `domain.md: ACOEM table; ${CORPUS}`,
  },
  {
    id: 'elbow-complaints', name: 'Elbow Complaints', years: [2007], ccr: '9792.23.3', regions: ['elbow'], general: false,
    acoemChapter: 10, pattern: 'elbow\\s+(?:complaints|disorders)', source: `domain.md: ACOEM table (revised 2007); ${CORPUS}`,
  },
  {
    id: 'forearm-wrist-and-hand-complaints', name: 'Forearm, Wrist, and Hand Complaints', years: [2004], ccr: '9792.23.4',
    regions: ['forearmWristHand'], general: false, acoemChapter: 11,
    pattern: 'forearm\\s*[,/]?\\s*wrist\\s*,?\\s*(?:and|&)\\s*hand\\s+(?:complaints|disorders)',
    source: `domain.md: ACOEM table; ${CORPUS}`,
  },
  {
    id: 'low-back-complaints', name: 'Low Back Complaints', years: [2004], ccr: '9792.23.5', regions: ['lowBack'],
    general: false, acoemChapter: 12, pattern: 'low\\s+back\\s+(?:complaints|disorders)', source: `domain.md: ACOEM table; ${CORPUS}`,
  },
  {
    id: 'knee-complaints', name: 'Knee Complaints', years: [2004], ccr: '9792.23.6', regions: ['knee'], general: false,
    acoemChapter: 13, pattern: 'knee\\s+(?:complaints|disorders)', source: `domain.md: ACOEM table; ${CORPUS}`,
  },
  {
    id: 'ankle-and-foot-complaints', name: 'Ankle and Foot Complaints', years: [2004], ccr: '9792.23.7',
    regions: ['ankleFoot'], general: false, acoemChapter: 14,
    pattern: 'ankle\\s*(?:and|&)\\s*foot\\s+(?:complaints|disorders)', source: 'domain.md: ACOEM table (not cited in the corpus)',
  },
  {
    id: 'stress-related-conditions', name: 'Stress-Related Conditions', years: [2004], ccr: '9792.23.8', regions: [],
    general: true, acoemChapter: 15, pattern: 'stress[\\s-]*related\\s+conditions',
    source: 'domain.md: ACOEM table (not cited in the corpus)',
  },
  {
    id: 'eye', name: 'Eye', years: [2004], ccr: '9792.23.9', regions: ['eye'], general: false, acoemChapter: 16,
    pattern: 'eye\\s+(?:complaints|disorders)', source: 'domain.md: ACOEM table (not cited in the corpus)',
  },
  {
    id: 'general-approaches', name: 'General Approaches', years: [2004], ccr: '9792.22', regions: [], general: true,
    pattern: 'general\\s+approaches' /* the Low Back section is "General Approach" */, source: `domain.md: ACOEM chapters 1-7; ${CORPUS}`,
  },
  {
    id: 'chronic-pain-medical-treatment', name: 'Chronic Pain Medical Treatment', years: [2009, 2016], ccr: '9792.24.2',
    regions: [], general: true, pattern: 'chronic\\s+pain\\s+medical\\s+treatment(?:\\s+guidelines)?',
    source: `domain.md: other MTUS parts; ${CORPUS}`,
  },
  {
    id: 'acupuncture-treatment', name: 'Acupuncture Treatment', years: [2007], ccr: '9792.24.1', regions: [],
    general: true, pattern: 'acupuncture\\s+(?:medical\\s+)?treatment(?:\\s+guidelines)?',
    source: `domain.md: other MTUS parts; ${CORPUS}`,
  },
  {
    id: 'postsurgical-treatment', name: 'Postsurgical Treatment', years: [2009], ccr: '9792.24.3', regions: [],
    general: true, pattern: 'post[\\s-]?surgical\\s+treatment(?:\\s+guidelines)?',
    source: `domain.md: other MTUS parts (sections name a body part); ${CORPUS}`,
  },
  {
    id: 'opioid-treatment', name: 'Opioid Treatment', years: [2016], ccr: '9792.24.4', regions: [], general: true,
    pattern: 'opioids?\\s+treatment(?:\\s+guidelines)?', source: `domain.md: other MTUS parts; ${CORPUS}`,
  },
];

const PART_BY_ID: ReadonlyMap<string, MtusPart> = new Map(MTUS_PARTS.map((p) => [p.id, p]));

export function mtusPartById(id: string): MtusPart | undefined {
  return PART_BY_ID.get(id);
}

/**
 * One alternation over all parts, each in its own capture group; then an optional year. The
 * patterns are in small letters and read asciiLowerCase text (the budget named there).
 */
const PART_RE = new RegExp(
  `(?<![A-Za-z])(?:${MTUS_PARTS.map((p) => `(${p.pattern})`).join('|')})(?:\\s*,?\\s*((?:19|20)\\d\\d))?`,
  'g',
);

/**
 * A whole title naming one part, loosely: the name may omit "Complaints" ("Knee"), add a trailing
 * "Guidelines" or a year, or be written with "&". One alternation, a group per part in the order
 * of MTUS_PARTS, so the first part that fits the whole title is the one named.
 */
const TITLE_RE = new RegExp(
  `^\\s*(?:${MTUS_PARTS.map((p) => `(${p.pattern.replace(/\\s\+\(\?:complaints\|disorders\)$/, '(?:\\s+(?:complaints|disorders))?')})`).join('|')})` +
    `(?:\\s+guidelines)?\\s*,?\\s*(?:\\(?(?:19|20)\\d\\d\\)?)?\\s*\\.?\\s*$`,
);

/** The part a title names ("Knee Complaints", "Knee Complaints 2004", "Chronic Pain Medical Treatment Guidelines"). */
export function mtusPartByName(title: string): MtusPart | undefined {
  const m = TITLE_RE.exec(asciiLowerCase(title));
  return m ? MTUS_PARTS[m.findIndex((group, k) => k > 0 && group !== undefined) - 1] : undefined;
}

/** A part found in running text, with the offsets of its name (and year) and the year cited. */
export interface MtusPartMention {
  readonly part: MtusPart;
  readonly year?: number;
  readonly start: number;
  readonly end: number;
  /** Text from the end of this mention to the start of the next part (its "Section(s): ..." list). */
  readonly tail: string;
}

/** Every MTUS part named in `text`, in order ("Low Back Complaints 2004, and Opioid Treatment 2016"). */
export function findMtusParts(text: string): MtusPartMention[] {
  const found: Array<{ part: MtusPart; year?: number; start: number; end: number }> = [];
  const small = asciiLowerCase(text);
  PART_RE.lastIndex = 0;
  for (let m = PART_RE.exec(small); m; m = PART_RE.exec(small)) {
    let k = 1;
    while (k <= MTUS_PARTS.length && m[k] === undefined) k++;
    const part = MTUS_PARTS[k - 1];
    if (!part) continue;
    const yearText = m[MTUS_PARTS.length + 1];
    found.push({ part, year: yearText ? Number(yearText) : undefined, start: m.index, end: m.index + m[0].length });
  }
  // A mention's tail (where its Section(s) are listed) runs to the start of the next.
  return found.map((f, i) => ({ ...f, tail: text.slice(f.end, i + 1 < found.length ? found[i + 1].start : text.length) }));
}

// ---------------------------------------------------------------------------
// Postsurgical Treatment Guidelines: sections named after body parts
// ---------------------------------------------------------------------------

/**
 * Section names whose region the title classifier would get wrong or only
 * partly right; every other section goes through `regionsIn`.
 */
const POSTSURGICAL_SECTIONS: ReadonlyArray<readonly [RegExp, readonly Region[]]> = [
  [/^elbow\s*(?:and|&)\s*upper\s+arm$/i, ['elbow']],
  [/^hip,?\s*pelvis,?\s*(?:and|&)\s*thigh/i, ['hip']],
  [/^carpal\s+tunnel/i, ['forearmWristHand']],
  [/^(?:amputations?|burns?|complex\s+regional\s+pain|crps)/i, []],
];

/** The regions named by the sections of a Postsurgical Treatment citation (empty when none names a body part). */
export function postsurgicalRegions(sections: readonly string[]): Region[] {
  const regions: Region[] = [];
  for (const raw of sections) {
    const section = raw.replace(/[\s.;]+$/, '').trim();
    const special = POSTSURGICAL_SECTIONS.find(([re]) => re.test(section));
    const found = special ? special[1] : regionsIn(section);
    for (const r of found) if (!regions.includes(r)) regions.push(r);
  }
  return regions;
}
