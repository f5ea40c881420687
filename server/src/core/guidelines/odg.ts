/**
 * Official Disability Guidelines (ODG, Work Loss Data Institute) chapters as
 * letters cite them: "Official Disability Guidelines (ODG) Low Back Chapter",
 * "ODG Neck and Upper Back Chapter", "odg-twc.com/odgtwc/Low_Back.html", ...
 *
 * Spellings were collected from every "Non-MTUS Citation" in the corpus.
 */
import type { Region } from './regions';
import { asciiLowerCase } from '../text';

export interface OdgChapter {
  readonly id: string;
  /** Full chapter name ("Low Back - Lumbar & Thoracic (Acute & Chronic)"). */
  readonly name: string;
  /** Short name used in messages ("Low Back"). */
  readonly shortName: string;
  readonly regions: readonly Region[];
  readonly general: boolean;
  /**
   * A product name rather than a chapter ("Integrated Treatment/Disability
   * Duration Guidelines"): only used when the citation names nothing else.
   */
  readonly umbrella?: boolean;
  /** Long, unambiguous spellings: recognised anywhere in a citation (regex source in small letters, matching any case). */
  readonly strong: readonly string[];
  /** Short spellings ("knee", "pain"), in small letters too: recognised right after "ODG"/"Official Disability Guidelines" or a ";". */
  readonly weak: readonly string[];
  /**
   * Topics the chapter files although they serve any body part (regex sources, case-insensitive):
   * a citation of one of them fits an item of any region.
   */
  readonly generalTopics?: readonly string[];
  readonly source: string;
}

/**
 * ODG files its criteria for services that follow any injury in the chapter where they were first
 * written: equipment, home care and transport in Knee & Leg, preoperative testing and gym
 * memberships in Low Back. Topic names as ODG's tables of contents give them (2016-17 editions).
 */
const KNEE_GENERAL_TOPICS = [
  'durable\\s+medical\\s+equipment',
  '\\bDME\\b',
  'home\\s+health',
  'skilled\\s+nursing',
  '\\bSNF\\b',
  'transportation',
  'walking\\s+aids?',
  'wheel\\s*chairs?',
  'power\\s+mobility',
  'scooters?',
  'hospital\\s+beds?',
  'bath(?:tub)?\\s+(?:seats?|benches?)',
  'commodes?',
  'exercise\\s+equipment',
  'gym\\s+memberships?',
];
const LOW_BACK_GENERAL_TOPICS = [
  'pre-?\\s*operative',
  'gym\\s+memberships?',
  'durable\\s+medical\\s+equipment',
  '\\bDME\\b',
];

const CORPUS = 'corpus: Non-MTUS citations';
const DOMAIN = 'domain.md: ODG chapters';

export const ODG_CHAPTERS: readonly OdgChapter[] = [
  {
    id: 'low-back', name: 'Low Back - Lumbar & Thoracic (Acute & Chronic)', shortName: 'Low Back',
    regions: ['lowBack', 'thoracic'], general: false,
    strong: [
      'low(?:er)?[\\s_]*back\\s*[-\u2013,/]?\\s*(?:lumbar\\s*(?:&|and)\\s*thoracic)',
      'lumbar\\s*(?:&|and)\\s*thoracic',
      'low(?:er)?[\\s_]*back(?=\\s*(?:-\\s*)?(?:chapter|section|procedure|\\(acute))',
    ],
    weak: ['low(?:er)?[\\s_]*back'],
    generalTopics: LOW_BACK_GENERAL_TOPICS,
    source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'neck', name: 'Neck and Upper Back (Acute & Chronic)', shortName: 'Neck and Upper Back',
    regions: ['neck', 'thoracic'], general: false,
    strong: ['neck\\s*(?:&|and)\\s*upper\\s*back', 'neck(?=\\s*(?:-\\s*)?(?:chapter|section|\\(acute))'],
    weak: ['neck'],
    source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'shoulder', name: 'Shoulder (Acute & Chronic)', shortName: 'Shoulder', regions: ['shoulder'], general: false,
    strong: ['shoulder(?=\\s*(?:-\\s*)?(?:chapter|section|\\(acute))'], weak: ['shoulder'],
    source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'knee', name: 'Knee & Leg (Acute & Chronic)', shortName: 'Knee & Leg', regions: ['knee'], general: false,
    strong: ['knee\\s*(?:&|and)\\s*leg', 'knee(?=\\s*(?:-\\s*)?(?:chapter|section|\\(acute))'], weak: ['knee'],
    generalTopics: KNEE_GENERAL_TOPICS,
    source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'hip', name: 'Hip & Pelvis (Acute & Chronic)', shortName: 'Hip & Pelvis', regions: ['hip'], general: false,
    strong: ['hip\\s*(?:&|and)\\s*pelvis', 'hip(?=\\s*(?:-\\s*)?(?:chapter|section|\\(acute))'], weak: ['hip', 'pelvis'],
    source: DOMAIN,
  },
  {
    id: 'ankle-foot', name: 'Ankle & Foot (Acute & Chronic)', shortName: 'Ankle & Foot', regions: ['ankleFoot'],
    general: false, strong: ['ankle\\s*(?:&|and)\\s*foot', 'ankle(?=\\s*(?:-\\s*)?(?:chapter|section|\\(acute))'],
    weak: ['ankle', 'foot'], source: DOMAIN,
  },
  {
    id: 'forearm-wrist-hand', name: 'Forearm, Wrist, & Hand (Acute & Chronic)', shortName: 'Forearm, Wrist & Hand',
    regions: ['forearmWristHand'], general: false,
    strong: ['forearm\\s*(?:[,/]\\s*|\\s+)wrist\\s*,?\\s*(?:&|and)\\s*hand', 'wrist\\s*(?:&|and)\\s*hand'],
    weak: ['forearm(?:[\\s_]*wrist)?', 'wrist', 'hand'],
    source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'elbow', name: 'Elbow (Acute & Chronic)', shortName: 'Elbow', regions: ['elbow'], general: false,
    strong: ['elbow(?=\\s*(?:-\\s*)?(?:chapter|section|\\(acute))'], weak: ['elbow'], source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'carpal-tunnel', name: 'Carpal Tunnel Syndrome (Acute & Chronic)', shortName: 'Carpal Tunnel Syndrome',
    regions: ['forearmWristHand'], general: false, strong: ['carpal[\\s_]*tunnel[\\s_]*syndrome'],
    weak: ['carpal[\\s_]*tunnel'], source: DOMAIN,
  },
  {
    id: 'head', name: 'Head (trauma, headaches, etc.)', shortName: 'Head', regions: ['head'], general: false,
    strong: ['head(?=\\s*(?:-\\s*)?(?:chapter|section|\\(updated|\\(trauma))'], weak: ['head'],
    source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'eye', name: 'Eye', shortName: 'Eye', regions: ['eye'], general: false,
    strong: ['eye(?=\\s*(?:-\\s*)?(?:chapter|section))'], weak: ['eye'], source: 'brief: ODG chapter list (not cited in the corpus)',
  },
  {
    id: 'hernia', name: 'Hernia', shortName: 'Hernia', regions: ['abdomen'], general: false,
    strong: ['hernia(?=\\s*(?:-\\s*)?(?:chapter|section))'], weak: ['hernia'], source: CORPUS,
  },
  {
    id: 'pain', name: 'Pain (Chronic)', shortName: 'Pain (Chronic)', regions: [], general: true,
    strong: ['pain\\s*\\(\\s*chronic\\s*\\)', '(?:chronic\\s+)?pain(?=\\s*(?:-\\s*)?(?:chapter|section))'],
    weak: ['pain', 'chronic\\s+pain'], source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'mental-illness-stress', name: 'Mental Illness & Stress', shortName: 'Mental Illness & Stress', regions: [],
    general: true, strong: ['mental[\\s_]*illness(?:\\s*(?:&|and)\\s*stress)?'], weak: ['mental', 'stress'], source: DOMAIN,
  },
  {
    id: 'fitness-for-duty', name: 'Fitness for Duty', shortName: 'Fitness for Duty', regions: [], general: true,
    strong: ['fitness[\\s_]*for[\\s_]*duty'], weak: ['fitness'], source: DOMAIN,
  },
  {
    id: 'preface', name: 'Preface', shortName: 'Preface', regions: [], general: true,
    strong: ['preface'], weak: [], source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'physical-therapy-guidelines', name: 'Preface: Physical Therapy Guidelines', shortName: 'Physical Therapy Guidelines',
    regions: [], general: true, strong: ['physical\\s*(?:/\\s*occupational\\s*)?therapy\\s+guidelines'], weak: [],
    source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'chiropractic-guidelines', name: 'Preface: Chiropractic Guidelines', shortName: 'Chiropractic Guidelines',
    regions: [], general: true, strong: ['chiropractic\\s+guidelines?'], weak: [], source: `${DOMAIN}; ${CORPUS}`,
  },
  {
    id: 'integrated-treatment', name: 'Integrated Treatment/Disability Duration Guidelines',
    shortName: 'Integrated Treatment/Disability Duration Guidelines', regions: [], general: true, umbrella: true,
    strong: ['integrated\\s+treatment\\s*/\\s*disability\\s+duration\\s+guidelines'], weak: [],
    source: `${DOMAIN}; ${CORPUS} (the product's name, followed by a chapter when one is cited)`,
  },
];

const CHAPTER_BY_ID: ReadonlyMap<string, OdgChapter> = new Map(ODG_CHAPTERS.map((c) => [c.id, c]));

const GENERAL_TOPIC_RES: ReadonlyMap<string, RegExp> = new Map(
  ODG_CHAPTERS.filter((c) => c.generalTopics).map((c) => [c.id, new RegExp(c.generalTopics!.join('|'), 'i')]),
);

/** Whether a citation of this ODG chapter (by id, "knee") names a topic the chapter files for any body part. */
export function citesGeneralOdgTopic(chapterId: string, citationText: string): boolean {
  return GENERAL_TOPIC_RES.get(chapterId)?.test(citationText) ?? false;
}

export function odgChapterById(id: string): OdgChapter | undefined {
  return CHAPTER_BY_ID.get(id);
}

const WB_BEFORE = '(?<![A-Za-z0-9])';
const WB_AFTER = '(?![A-Za-z0-9])';

interface Alternative {
  readonly chapter: OdgChapter;
  readonly strong: boolean;
}

/** Strong spellings first, so that at one position the long form wins. */
const ALTERNATIVES: readonly Alternative[] = [
  ...ODG_CHAPTERS.flatMap((chapter) => chapter.strong.map(() => ({ chapter, strong: true }))),
  ...ODG_CHAPTERS.flatMap((chapter) => chapter.weak.map(() => ({ chapter, strong: false }))),
];

/** Every spelling, each its own group; written in small letters and matched in asciiLowerCase text. */
const CHAPTER_RE = new RegExp(
  `${WB_BEFORE}(?:${[
    ...ODG_CHAPTERS.flatMap((c) => c.strong),
    ...ODG_CHAPTERS.flatMap((c) => c.weak),
  ]
    .map((p) => `(${p})`)
    .join('|')})${WB_AFTER}`,
  'g',
);

/** "Official Disability Guidelines", "(ODG)", "ODG", "ODG-TWC", "odgtwc". */
const MARKER_RE = /(?:Official\s+Disability\s+Guidelines(?:\s*\(\s*ODG\s*\))?|(?<![A-Za-z0-9])\(?ODG\)?(?:[\s-]*TWC)?(?![A-Za-z0-9]))/gi;

/** ODG's web addresses name the chapter: odg-twc.com/odgtwc/Low_Back.html. */
const URL_RE = /(?:https?:\/\/)?(?:www\.)?odg-twc\.com\/odgtwc\/([A-Za-z_]+)\.html?/gi;

/** Where the free text of a non-MTUS citation starts. */
const NON_MTUS_RE = /Non-?\s*MTUS\s+Citation\s*/i;

/** Characters that may stand between a lead-in (start, marker, ";") and a short chapter name (a year too). */
const LEAD_IN_GAP = new Set([...' \t\n\r,:.-\u2013()0123456789']);

/** Whether `index` is preceded only by gap characters back to the start, a marker or a ";". */
function followsLeadIn(masked: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && LEAD_IN_GAP.has(masked[i]!)) i--;
  return i < 0 || masked[i] === ';' || masked[i] === '\u0000';
}

export interface OdgChapterMention {
  readonly chapter: OdgChapter;
  /** Offset in the searched text (after URL rewriting: a URL's chapter is reported at the URL). */
  readonly index: number;
}

/** Replace ODG URLs with their chapter slug so the spelling matcher sees "Low Back". */
function rewriteUrls(text: string): string {
  if (!/odg-twc\.com/i.test(text)) return text;
  URL_RE.lastIndex = 0;
  return text.replace(URL_RE, (_m, slug: string) => `\u0000${slug.replace(/_/g, ' ')} chapter`);
}

/**
 * Every ODG chapter a citation names, in text order, each once. A long
 * spelling ("Knee & Leg", "Neck Chapter") counts anywhere; a short one
 * ("Knee", "Pain") only right after "ODG"/"Official Disability Guidelines",
 * at the start of the citation's free text, or after a ";". An umbrella
 * (the product's name) is reported only when nothing else is.
 */
export function findOdgChapters(citationText: string): OdgChapterMention[] {
  const nonMtus = NON_MTUS_RE.exec(citationText);
  let text = nonMtus ? citationText.slice(nonMtus.index + nonMtus[0].length) : citationText;
  text = rewriteUrls(text);
  // Blank out the markers, remembering where they ended: a marker is a lead-in.
  MARKER_RE.lastIndex = 0;
  const masked = text.replace(MARKER_RE, (m) => '\u0000'.padEnd(m.length, ' '));
  const small = asciiLowerCase(masked);

  const found: OdgChapterMention[] = [];
  let umbrella: OdgChapterMention | undefined;
  CHAPTER_RE.lastIndex = 0;
  for (let m = CHAPTER_RE.exec(small); m; m = CHAPTER_RE.exec(small)) {
    let k = 1;
    while (k <= ALTERNATIVES.length && m[k] === undefined) k++;
    const alt = ALTERNATIVES[k - 1];
    if (!alt) continue;
    if (!alt.strong && !followsLeadIn(masked, m.index)) continue;
    if (alt.chapter.umbrella) {
      umbrella ??= { chapter: alt.chapter, index: m.index };
      continue;
    }
    if (!found.some((f) => f.chapter === alt.chapter)) found.push({ chapter: alt.chapter, index: m.index });
  }
  if (found.length === 0 && umbrella) found.push(umbrella);
  return found;
}

/** Whether a text cites ODG at all (by name or by its web address). */
export function mentionsOdg(text: string): boolean {
  MARKER_RE.lastIndex = 0;
  return MARKER_RE.test(text) || /odg-twc\.com/i.test(text);
}

/** The chapter a title names ("Knee and Leg Chapter", "Low Back - Lumbar & Thoracic (Acute & Chronic)", "Pain"). */
export function odgChapterByName(name: string): OdgChapter | undefined {
  return findOdgChapters(name)[0]?.chapter;
}
