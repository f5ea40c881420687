/**
 * Abbreviations that recur in determination letters, each with its expansion
 * and a short plain-language definition, kept as data for the hover.
 *
 * The terms were chosen from the all-caps tokens that recur in the corpus
 * (MTUS, MRI, IMR, ODG, UR, ACOEM, NSAIDs, CT, EMG, TENS, NCS, NCV, EEG, GI,
 * VAS, ADL, SLAP, CRPS, RFA, PR-2, ...) plus the workers' compensation and
 * clinical terms reviewers use alongside them. The definitions are our own.
 */

export interface GlossaryEntry {
  /** As letters write it, case included: "EMG", "PM&R", "PR-2". */
  readonly term: string;
  readonly expansion: string;
  readonly definition: string;
  /** Other spellings that mean the same ("ECG" for "EKG"). */
  readonly aliases?: readonly string[];
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  // The review itself.
  { term: 'IMR', expansion: 'Independent Medical Review', definition: "An outside physician's review of a utilization review decision that denied or modified a treatment request; its determination binds the parties." },
  { term: 'UR', expansion: 'Utilization Review', definition: "The claims administrator's review of a treating physician's request for treatment; it approves, modifies or denies the request, and a denial or modification can be taken to IMR." },
  { term: 'MAXIMUS', expansion: 'MAXIMUS Federal Services', definition: "The organisation that runs Independent Medical Review for California's Division of Workers' Compensation and issues the final determination letters." },
  { term: 'DWC', expansion: "Division of Workers' Compensation", definition: 'The California agency that administers workers\' compensation, including the IMR program and the MTUS.' },
  { term: 'RFA', expansion: 'Request for Authorization', definition: "The treating physician's request for a treatment (DWC Form RFA), which starts utilization review. In a procedure name it can instead mean radiofrequency ablation." },
  { term: 'PR-2', expansion: "Primary Treating Physician's Progress Report", definition: 'The periodic report (form PR-2) in which the treating physician records findings and requests treatment.', aliases: ['PR2'] },
  { term: 'PTP', expansion: 'Primary treating physician', definition: 'The physician chiefly responsible for managing the injured worker\'s care and reporting on it.' },
  { term: 'QME', expansion: 'Qualified Medical Evaluator', definition: 'A physician certified by the state to examine an injured worker and settle disputed medical questions.' },
  { term: 'AME', expansion: 'Agreed Medical Evaluator', definition: 'A physician both sides agree on to evaluate disputed medical issues.' },
  { term: 'MMI', expansion: 'Maximum medical improvement', definition: 'The point at which a condition has stabilised and is not expected to improve much further with treatment.' },
  { term: 'TTD', expansion: 'Temporary total disability', definition: 'A period in which the injured worker cannot work at all while recovering.' },
  { term: 'TOC', expansion: 'Transfer of care', definition: 'Handing the injured worker\'s treatment over to another physician or specialty.' },

  // Guidelines.
  { term: 'MTUS', expansion: 'Medical Treatment Utilization Schedule', definition: "California's workers' compensation treatment guidelines (8 CCR 9792.20 ff.), presumed correct on the extent and scope of treatment; IMR decisions are made against it first." },
  { term: 'ACOEM', expansion: 'American College of Occupational and Environmental Medicine', definition: 'Publisher of the Occupational Medicine Practice Guidelines; chapters of their 2nd edition (2004) are the body-part parts of the MTUS.' },
  { term: 'ODG', expansion: 'Official Disability Guidelines', definition: 'Commercial evidence-based treatment and return-to-work guidelines organised by body part; in these letters cited as evidence outside the MTUS.' },
  { term: 'CPMTG', expansion: 'Chronic Pain Medical Treatment Guidelines', definition: 'The MTUS part for chronic pain, medications and therapies in general (8 CCR 9792.24.2).' },
  { term: 'CCR', expansion: 'California Code of Regulations', definition: "The state's regulations; title 8, sections 9792.20 and following, contain the MTUS." },
  { term: 'CMS', expansion: 'Centers for Medicare & Medicaid Services', definition: 'The federal agency whose coverage manuals are sometimes cited as other medical evidence.' },

  // Electrodiagnostics and imaging.
  { term: 'EMG', expansion: 'Electromyography', definition: 'A needle test of the electrical activity of muscles, used to find nerve root or peripheral nerve damage.' },
  { term: 'NCV', expansion: 'Nerve conduction velocity', definition: 'A test of how fast signals travel along a peripheral nerve, often ordered with EMG (for example for carpal tunnel syndrome).' },
  { term: 'NCS', expansion: 'Nerve conduction study', definition: 'Measurement of signal speed and strength along peripheral nerves; the same test family as NCV.' },
  { term: 'SSEP', expansion: 'Somatosensory evoked potentials', definition: 'Recording of the brain and spinal cord\'s response to stimulation of a limb nerve, testing the sensory pathways.' },
  { term: 'EEG', expansion: 'Electroencephalogram', definition: 'A recording of the brain\'s electrical activity.' },
  { term: 'EKG', expansion: 'Electrocardiogram', definition: 'A recording of the heart\'s electrical activity.', aliases: ['ECG'] },
  { term: 'MRI', expansion: 'Magnetic resonance imaging', definition: 'Imaging with magnetic fields that shows soft tissue such as discs, nerves, ligaments and cartilage.' },
  { term: 'MR', expansion: 'Magnetic resonance', definition: 'As in MR arthrogram or MR angiogram: magnetic resonance imaging of a particular kind.' },
  { term: 'CT', expansion: 'Computed tomography', definition: 'Cross-sectional X-ray imaging, better than MRI for bone detail.' },
  { term: 'CAT', expansion: 'Computed axial tomography', definition: 'An older name for a CT scan.' },

  // Examination findings and diagnoses.
  { term: 'SLR', expansion: 'Straight leg raise', definition: 'An examination test: raising the straightened leg reproduces leg pain when a lumbar nerve root is irritated.' },
  { term: 'DTR', expansion: 'Deep tendon reflex', definition: 'Reflexes such as the knee jerk, tested to check nerve root and spinal cord function.' },
  { term: 'ROM', expansion: 'Range of motion', definition: 'How far a joint or the spine moves, measured in the examination.' },
  { term: 'VAS', expansion: 'Visual analogue scale', definition: 'A pain rating, usually 0 (none) to 10 (worst imaginable).' },
  { term: 'ADL', expansion: 'Activities of daily living', definition: 'Everyday self-care tasks (dressing, bathing, walking); functional improvement is often judged by them.' },
  { term: 'DDD', expansion: 'Degenerative disc disease', definition: 'Wear of the spinal discs with age or use, a common imaging finding.' },
  { term: 'HNP', expansion: 'Herniated nucleus pulposus', definition: 'A herniated (slipped) disc: disc material pushed out, sometimes pressing on a nerve root.' },
  { term: 'LBP', expansion: 'Low back pain', definition: 'Pain in the lumbar region.' },
  { term: 'CRPS', expansion: 'Complex regional pain syndrome', definition: 'A chronic pain condition of a limb with pain out of proportion to the injury, swelling and skin changes.' },
  { term: 'SLAP', expansion: 'Superior labrum anterior to posterior', definition: 'A tear of the top of the shoulder socket\'s rim (labrum) where the biceps tendon attaches.' },
  { term: 'AC', expansion: 'Acromioclavicular', definition: 'The joint between the collarbone and the top of the shoulder blade.' },
  { term: 'SI', expansion: 'Sacroiliac', definition: 'The joint between the sacrum and the pelvis.' },
  { term: 'ACL', expansion: 'Anterior cruciate ligament', definition: 'A ligament inside the knee that keeps the shin bone from sliding forward.' },
  { term: 'MCL', expansion: 'Medial collateral ligament', definition: 'The ligament on the inner side of the knee.' },
  { term: 'GI', expansion: 'Gastrointestinal', definition: 'The stomach and bowel; NSAIDs raise the risk of GI bleeding and upset.' },
  { term: 'BMI', expansion: 'Body mass index', definition: 'Weight relative to height (kg/m²).' },
  { term: 'MVA', expansion: 'Motor vehicle accident', definition: 'A road accident as the mechanism of injury.' },
  { term: 'ICD', expansion: 'International Classification of Diseases', definition: 'The diagnosis coding system (ICD-9, ICD-10) used in medical records.', aliases: ['ICD9', 'ICD10', 'ICD-9', 'ICD-10'] },

  // Treatments and services.
  { term: 'PT', expansion: 'Physical therapy', definition: 'Supervised exercise and hands-on treatment to restore movement and strength. (Next to PTT in a laboratory panel it means prothrombin time.)' },
  { term: 'OT', expansion: 'Occupational therapy', definition: 'Therapy aimed at the use of the hands and arms and at daily and work tasks.' },
  { term: 'HEP', expansion: 'Home exercise program', definition: 'Exercises the injured worker continues alone after supervised therapy.' },
  { term: 'TENS', expansion: 'Transcutaneous electrical nerve stimulation', definition: 'A small device that sends mild electrical pulses through skin electrodes to ease pain.' },
  { term: 'ESI', expansion: 'Epidural steroid injection', definition: 'An injection of a corticosteroid near a spinal nerve root to relieve radicular pain.' },
  { term: 'TFESI', expansion: 'Transforaminal epidural steroid injection', definition: 'An epidural steroid injection given through the opening where a nerve root leaves the spine.' },
  { term: 'ORIF', expansion: 'Open reduction and internal fixation', definition: 'Surgery that sets a broken bone and holds it with plates, screws or rods.' },
  { term: 'PRP', expansion: 'Platelet-rich plasma', definition: 'An injection of the patient\'s own concentrated platelets, intended to promote healing.' },
  { term: 'FCE', expansion: 'Functional capacity evaluation', definition: 'A battery of tests measuring what physical work a person can safely do.' },
  { term: 'DME', expansion: 'Durable medical equipment', definition: 'Reusable equipment for medical use at home: braces, walkers, wheelchairs, TENS units.' },
  { term: 'SNF', expansion: 'Skilled nursing facility', definition: 'An inpatient facility for nursing and rehabilitation care after a hospital stay.' },
  { term: 'ICU', expansion: 'Intensive care unit', definition: 'The hospital unit for critically ill patients.' },
  { term: 'CBT', expansion: 'Cognitive behavioural therapy', definition: 'A talking therapy, recommended for chronic pain and for psychological conditions.' },
  { term: 'PM&R', expansion: 'Physical medicine and rehabilitation', definition: 'The medical specialty (physiatry) that treats musculoskeletal and nerve conditions to restore function.' },

  // Medications.
  { term: 'NSAID', expansion: 'Nonsteroidal anti-inflammatory drug', definition: 'Pain and inflammation medication such as ibuprofen or naproxen; long use raises stomach, kidney and heart risks.' },
  { term: 'PPI', expansion: 'Proton pump inhibitor', definition: 'A stomach-acid reducer (omeprazole, pantoprazole), given to protect the stomach of people on NSAIDs at risk of GI events.' },
  { term: 'AED', expansion: 'Antiepilepsy drug', definition: 'Anticonvulsants such as gabapentin or pregabalin, used for nerve pain.' },
  { term: 'HCL', expansion: 'Hydrochloride', definition: 'The salt form of a drug (Oxycodone HCL); not a different medicine.' },
  { term: 'ER', expansion: 'Extended release', definition: 'After a drug name: a form released slowly over the day. Elsewhere: emergency room.' },
  { term: 'IR', expansion: 'Immediate release', definition: 'After a drug name: a form that acts quickly and for a short time.' },
  { term: 'DR', expansion: 'Delayed release', definition: 'After a drug name: a coating that releases the drug after the stomach.' },
  { term: 'OTC', expansion: 'Over the counter', definition: 'Available without a prescription.' },

  // People.
  { term: 'MD', expansion: 'Doctor of Medicine', definition: 'A physician\'s degree.' },
  { term: 'DO', expansion: 'Doctor of Osteopathic Medicine', definition: 'A physician\'s degree with the same practice rights as an MD.' },
  { term: 'PA', expansion: 'Physician assistant', definition: 'A licensed clinician who practises under a physician\'s supervision (also requested as a surgical assistant).' },
  { term: 'NP', expansion: 'Nurse practitioner', definition: 'An advanced-practice nurse who can examine, diagnose and prescribe.' },
  { term: 'RN', expansion: 'Registered nurse', definition: 'A licensed nurse.' },
];

const BY_TERM: ReadonlyMap<string, GlossaryEntry> = (() => {
  const map = new Map<string, GlossaryEntry>();
  for (const e of GLOSSARY) for (const t of [e.term, ...(e.aliases ?? [])]) map.set(t, e);
  return map;
})();

const SPINE_SEGMENTS: Readonly<Record<string, { name: string; count: number }>> = {
  C: { name: 'cervical', count: 7 },
  T: { name: 'thoracic', count: 12 },
  L: { name: 'lumbar', count: 5 },
  S: { name: 'sacral', count: 5 },
};

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

/** "L5", "C6", "T12": a vertebra, and the disc level or nerve root named after it. */
function spinalLevel(token: string): GlossaryEntry | undefined {
  const m = /^([CTLS])(\d{1,2})$/.exec(token);
  if (!m) return undefined;
  const segment = SPINE_SEGMENTS[m[1]!]!;
  const n = Number(m[2]);
  // C8 is a nerve root without a vertebra of its own.
  if (m[1] === 'C' && n === 8) {
    return { term: token, expansion: 'Eighth cervical nerve root', definition: 'The nerve root leaving the spine between the seventh cervical and first thoracic vertebrae.' };
  }
  if (n < 1 || n > segment.count) return undefined;
  return {
    term: token,
    expansion: `The ${ORDINALS[n - 1]} ${segment.name} vertebra`,
    definition: `A level of the ${segment.name} spine; in "${token}-…" or "…-${token}" it names the disc between two vertebrae, and it also names the nerve root that leaves the spine there.`,
  };
}

/**
 * The entry for a token as written: exact case, a plural "s" allowed
 * ("NSAIDs", "DTRs", "MRIs"), spinal levels ("L4") recognised by pattern.
 */
export function lookupAbbreviation(token: string): GlossaryEntry | undefined {
  const exact = BY_TERM.get(token);
  if (exact) return exact;
  if (token.length > 2 && token.endsWith('s')) {
    const singular = BY_TERM.get(token.slice(0, -1));
    if (singular) return singular;
  }
  return spinalLevel(token);
}
