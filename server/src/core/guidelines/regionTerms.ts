/**
 * The body regions as data: the regions themselves, the words that name them in a disputed item's
 * title or a letter's text, the spine levels, and how limb parts relate to their limbs.
 * `regions.ts` reads texts with these tables.
 *
 * The region set is deliberately small: one region per body-part chapter of
 * the guidelines (ACOEM 2nd ed. as adopted by the MTUS, and ODG), plus the
 * thoracic spine (covered by two chapters) and two aggregate "limb" regions
 * for titles such as "EMG of the bilateral upper extremities".
 */

export type Region =
  | 'neck'
  | 'thoracic'
  | 'lowBack'
  | 'spine'
  | 'shoulder'
  | 'elbow'
  | 'forearmWristHand'
  | 'hip'
  | 'knee'
  | 'ankleFoot'
  | 'head'
  | 'eye'
  | 'abdomen'
  | 'upperExtremity'
  | 'lowerExtremity';

export interface RegionInfo {
  readonly id: Region;
  /** Human label, lower case, for messages ("low back"). */
  readonly label: string;
  /** True for the aggregate limb regions. */
  readonly aggregate: boolean;
  readonly source: string;
}

const REGION_TABLE: readonly RegionInfo[] = [
  { id: 'neck', label: 'neck and upper back', aggregate: false, source: 'domain.md: ACOEM table (ch. 8 "neck, upper back")' },
  { id: 'thoracic', label: 'thoracic spine', aggregate: false, source: 'domain.md: traps (thoracic spine covered by ACOEM ch. 8 and ODG Low Back)' },
  { id: 'lowBack', label: 'low back', aggregate: false, source: 'domain.md: ACOEM table (ch. 12)' },
  {
    id: 'spine',
    label: 'spine',
    aggregate: true,
    source: 'issue 14: a title naming the spine without a level ("spine surgery consult") fits each spinal chapter',
  },
  { id: 'shoulder', label: 'shoulder', aggregate: false, source: 'domain.md: ACOEM table (ch. 9)' },
  { id: 'elbow', label: 'elbow', aggregate: false, source: 'domain.md: ACOEM table (ch. 10)' },
  { id: 'forearmWristHand', label: 'forearm, wrist and hand', aggregate: false, source: 'domain.md: ACOEM table (ch. 11)' },
  { id: 'hip', label: 'hip and pelvis', aggregate: false, source: 'domain.md: ODG chapters (Hip & Pelvis)' },
  { id: 'knee', label: 'knee', aggregate: false, source: 'domain.md: ACOEM table (ch. 13)' },
  { id: 'ankleFoot', label: 'ankle and foot', aggregate: false, source: 'domain.md: ACOEM table (ch. 14)' },
  { id: 'head', label: 'head', aggregate: false, source: 'domain.md: ODG chapters (Head)' },
  { id: 'eye', label: 'eye', aggregate: false, source: 'domain.md: ACOEM table (ch. 16)' },
  { id: 'abdomen', label: 'abdomen (hernia)', aggregate: false, source: 'domain.md corpus: ODG Hernia chapter cited for an abdominal CT' },
  { id: 'upperExtremity', label: 'upper extremities', aggregate: true, source: 'domain.md: traps (upper-extremity electrodiagnostics)' },
  { id: 'lowerExtremity', label: 'lower extremities', aggregate: true, source: 'domain.md: traps (lower-extremity electrodiagnostics)' },
];

const REGION_BY_ID: ReadonlyMap<Region, RegionInfo> = new Map(REGION_TABLE.map((r) => [r.id, r]));

/** All regions, in a stable order (spine top to bottom, then limbs, then the rest). */
export const REGIONS: readonly Region[] = REGION_TABLE.map((r) => r.id);

export function regionInfo(region: Region): RegionInfo {
  return REGION_BY_ID.get(region)!;
}

/** "low back", "neck and upper back", "upper extremities", ... */
export function regionLabel(region: Region): string {
  return REGION_BY_ID.get(region)?.label ?? region;
}

export function isRegion(value: string): value is Region {
  return REGION_BY_ID.has(value as Region);
}

// ---------------------------------------------------------------------------
// The words that name regions
// ---------------------------------------------------------------------------

/**
 * A term: a small pattern where a space stands for "white space or hyphen"
 * (write an optional separator as `(?: )?`; no spaces inside character classes)
 * and the regions it names. An empty region list marks a trap: the words are
 * consumed so that no shorter term inside them can match ("knee scooter").
 */
export type Term = readonly [pattern: string, regions: readonly Region[]];

/**
 * Case-insensitive terms. Order matters where two terms can start at the same
 * position: the longer phrase comes first.
 */
export const WORD_TERMS: readonly Term[] = [
  // Traps: devices and therapies whose names contain anatomy words.
  ['knee (?:scooters?|walkers?)', []], // mobility aid for foot and ankle injuries
  ['eye movement desensiti[sz]ation(?: and reprocessing)?', []], // EMDR, a psychotherapy
  ['hand(?: )?held', []],
  ['back(?: )?up', []],
  ['bladder neck', []],

  // Multi-region phrases.
  ['upper (?:and|&|/|or) lower (?:extremit(?:y|ies)|limbs?)', ['upperExtremity', 'lowerExtremity']],
  ['lower (?:and|&|/|or) upper (?:extremit(?:y|ies)|limbs?)', ['upperExtremity', 'lowerExtremity']],
  ['(?:all )?(?:four|4) (?:extremities|limbs)', ['upperExtremity', 'lowerExtremity']],
  ['cervicothoracic', ['neck', 'thoracic']],
  ['cervico thoracic', ['neck', 'thoracic']],
  ['thoracolumbar', ['thoracic', 'lowBack']],
  ['thoraco lumbar', ['thoracic', 'lowBack']],
  ['sacroiliac', ['lowBack', 'hip']], // ACOEM treats it with the low back, ODG with hip & pelvis
  ['SI joints?', ['lowBack', 'hip']],

  // Neck.
  ['femoral neck', ['hip']], // a hip fracture, not the neck
  ['neck of (?:the )?femur', ['hip']],
  ['neck and upper back', ['neck']],
  ['neck & upper back', ['neck']],
  ['cervical spine', ['neck']],
  ['cervical', ['neck']],
  ['c spine', ['neck']],
  ['neck', ['neck']],
  ['trapezi(?:us|al)', ['neck']],
  ['whiplash', ['neck']],

  // Thoracic.
  ['thoracic spine', ['thoracic']],
  ['thoracic', ['thoracic']],
  ['t spine', ['thoracic']],
  ['upper back', ['thoracic']],
  ['mid(?:dle)? back', ['thoracic']],
  ['dorsal spine', ['thoracic']],

  // Low back.
  ['low(?:er)? back', ['lowBack']],
  ['lumbosacral', ['lowBack']],
  ['lumbo sacral', ['lowBack']],
  ['lumbar spine', ['lowBack']],
  ['lumbar', ['lowBack']],
  ['l spine', ['lowBack']],
  ['ls spine', ['lowBack']],
  ['sacral', ['lowBack']],
  ['sacrum', ['lowBack']],
  ['coccyx', ['lowBack']],
  ['coccygeal', ['lowBack']],
  ['sciatica', ['lowBack']],
  ['back', ['lowBack']],

  // The spine without a level: any spinal chapter fits. A spinal cord stimulator treats the
  // limbs' pain as much as the back's, so it names no region.
  ['spinal cord(?: stimulat(?:or|ors|ion))?', []],
  ['spines?', ['spine']],
  ['spinal', ['spine']],

  // Shoulder.
  ['shoulders?', ['shoulder']],
  ['rotator cuffs?', ['shoulder']],
  ['subacromial', ['shoulder']],
  ['acromioplasty', ['shoulder']],
  ['acromioclavicular', ['shoulder']],
  ['acromion', ['shoulder']],
  ['clavicle', ['shoulder']],
  ['scapula', ['shoulder']],
  ['scapular', ['shoulder']],
  ['glenohumeral', ['shoulder']],
  ['glenoid', ['shoulder']],
  ['supraspinatus', ['shoulder']],
  ['infraspinatus', ['shoulder']],
  ['mumford', ['shoulder']],
  ['adhesive capsulitis', ['shoulder']],

  // Elbow.
  ['elbows?', ['elbow']],
  ['epicondyl(?:e|es|itis|ar)', ['elbow']],
  ['olecranon', ['elbow']],
  ['cubital tunnel', ['elbow']],

  // Forearm, wrist and hand.
  ['carpal tunnel', ['forearmWristHand']],
  ['trigger (?:finger|thumb)s?', ['forearmWristHand']],
  ["de(?: )?quervain(?:'?s)?", ['forearmWristHand']],
  ['forearms?', ['forearmWristHand']],
  ['wrists?', ['forearmWristHand']],
  ['hands?', ['forearmWristHand']],
  ['fingers?', ['forearmWristHand']],
  ['thumbs?', ['forearmWristHand']],
  ['carpal', ['forearmWristHand']],
  ['metacarpal(?:s|phalangeal)?', ['forearmWristHand']],
  ['palmar', ['forearmWristHand']],
  ['knuckles?', ['forearmWristHand']],

  // Hip.
  ['hips?', ['hip']],
  ['pelvis', ['hip']],
  ['pelvic', ['hip']],
  ['acetabul(?:um|ar)', ['hip']],
  ['trochanter(?:ic)?', ['hip']],

  // Knee.
  ['knees?', ['knee']],
  ['patell(?:a|ar)', ['knee']],
  ['patellofemoral', ['knee']],
  ['menisc(?:us|i|al|ectomy)', ['knee']],
  ['cruciate', ['knee']],

  // Ankle and foot.
  ['ankles?', ['ankleFoot']],
  ['foot', ['ankleFoot']],
  ['feet', ['ankleFoot']],
  ['heels?', ['ankleFoot']],
  ['toes?', ['ankleFoot']],
  ['plantar', ['ankleFoot']],
  ['achilles', ['ankleFoot']],
  ['calcane(?:us|al)', ['ankleFoot']],
  ['metatarsal(?:s|gia)?', ['ankleFoot']],
  ['bunions?', ['ankleFoot']],
  ['hallux', ['ankleFoot']],

  // Head and eye.
  ['head', ['head']],
  ['headaches?', ['head']],
  ['migraines?', ['head']],
  ['brain', ['head']],
  ['skull', ['head']],
  ['(?:intra)?cranial', ['head']],
  ['concussion', ['head']],
  ['eyes?', ['eye']],
  ['ocular', ['eye']],
  ['ophthalmolog(?:y|ic|ical|ist)', ['eye']],
  ['retina[l]?', ['eye']],
  ['cornea[l]?', ['eye']],

  // Abdomen.
  ['abdomen', ['abdomen']],
  ['abdominal', ['abdomen']],
  ['hernias?', ['abdomen']], // "herniated disc" does not match: whole words only
  ['herni(?:orrhaphy|oplasty)', ['abdomen']],
  ['inguinal', ['abdomen']],
  ['umbilical', ['abdomen']],

  // Limbs.
  ['upper extremit(?:y|ies)', ['upperExtremity']],
  ['upper limbs?', ['upperExtremity']],
  ['upper arms?', ['upperExtremity']],
  ['arms?', ['upperExtremity']],
  ['lower extremit(?:y|ies)', ['lowerExtremity']],
  ['lower limbs?', ['lowerExtremity']],
  ['legs?', ['lowerExtremity']],
  ['thighs?', ['lowerExtremity']],
  ['calf', ['lowerExtremity']],
  ['calves', ['lowerExtremity']],
  ['shins?', ['lowerExtremity']],
];

/** Case-sensitive abbreviations (upper case as written in titles). */
export const ABBREVIATION_TERMS: readonly Term[] = [
  ['TLSO', ['thoracic', 'lowBack']],
  ['LSO', ['lowBack']],
  ['SLAP', ['shoulder']],
  ['RCR', ['shoulder']],
  ['TFCC', ['forearmWristHand']],
  ['CTS', ['forearmWristHand']],
  ['ACL', ['knee']],
  ['TKA', ['knee']],
  ['TKR', ['knee']],
  ['THA', ['hip']],
  ['THR', ['hip']],
  ['TBI', ['head']],
  ['BUE', ['upperExtremity']],
  ['RUE', ['upperExtremity']],
  ['LUE', ['upperExtremity']],
  ['UEs?', ['upperExtremity']],
  ['BLE', ['lowerExtremity']],
  ['RLE', ['lowerExtremity']],
  ['LLE', ['lowerExtremity']],
  ['LEs?', ['lowerExtremity']],
];

/**
 * Spine levels by their letter: the highest number the letter takes and the region it names
 * ("C1" to "C8" the neck, "T1" to "T12" the thoracic spine, lumbar and sacral levels the low back).
 */
export const LEVEL_LIMITS: Readonly<Record<string, readonly [number, Region]>> = {
  C: [8, 'neck'],
  T: [12, 'thoracic'],
  L: [5, 'lowBack'],
  S: [5, 'lowBack'],
};

/** The limb each limb part belongs to: where an electrodiagnostic study tests the whole limb's nerves. */
export const LIMB_OF_PART: Readonly<Partial<Record<Region, Region>>> = {
  shoulder: 'upperExtremity',
  elbow: 'upperExtremity',
  forearmWristHand: 'upperExtremity',
  hip: 'lowerExtremity',
  knee: 'lowerExtremity',
  ankleFoot: 'lowerExtremity',
};

/**
 * Which chapter regions an item region also fits, beyond the region itself.
 * Directional: a thoracic item fits a neck or low back chapter, but a neck
 * item does not fit a chapter just because that chapter also covers the
 * thoracic spine (ODG Low Back covers lumbar and thoracic).
 */
export const ITEM_FITS_ALSO: Readonly<Partial<Record<Region, readonly Region[]>>> = {
  thoracic: ['neck', 'lowBack'],
  spine: ['neck', 'thoracic', 'lowBack'],
  upperExtremity: ['neck', 'shoulder', 'elbow', 'forearmWristHand'],
  lowerExtremity: ['lowBack', 'hip', 'knee', 'ankleFoot'],
  // A chapter about a whole limb covers each of its parts.
  shoulder: ['upperExtremity'],
  elbow: ['upperExtremity'],
  forearmWristHand: ['upperExtremity'],
  hip: ['lowerExtremity'],
  knee: ['lowerExtremity'],
  ankleFoot: ['lowerExtremity'],
};
