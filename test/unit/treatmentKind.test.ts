import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTreatmentKind, TREATMENT_KINDS, treatmentKindLabel, treatmentKindOf, type TreatmentKind } from '../../server/src/core/treatmentKind';
import { parseDetermination } from '../../server/src/core/parser';
import { corpusLetters } from './support/corpus';

/** Item titles of the corpus letters (and a few written here, marked *), with the kind each requests. */
const TITLES: ReadonlyArray<readonly [string, TreatmentKind]> = [
  // imaging
  ['MRI of The Cervical Spine', 'imaging'],
  ['Left knee MRI without contrast', 'imaging'],
  ['MR Arthrogram of the right shoulder', 'imaging'],
  ['CT scan of abdomen and pelvis with contrast', 'imaging'],
  ['Cervical extension and flexion X-Ray', 'imaging'],
  ['Associated surgical service: Chest x-ray', 'imaging'],
  ['Labs to include: Chest X-ray', 'imaging'],
  ['MRI of the thoracic spine without contrast, #1', 'imaging'],
  ['Diagnostic ultrasound of the left shoulder', 'imaging'], // *
  // medication
  ['Norco 10/325mg #35', 'medication'],
  ['Omeprazole', 'medication'],
  ['Etodolac', 'medication'],
  ['Compound Ketoprofen 20%, 240 grams', 'medication'],
  ['Lidocaine patch', 'medication'],
  ['Three refills of Voltaren 75mg #60', 'medication'],
  ['Retrospective Cyclobenzaprine 5mg tab #30 DOS: 11/14/16', 'medication'],
  ['Diazepam (Valium) 5mg take 1 tab orally 1 hour before exam, may repeat dose 1/2 hour after first dose for anxiety', 'medication'],
  ['Dextromethorphan 5%/Amitriptyline 5%/Lidocaine/Capsaicin 0.025%, 120grams #1', 'medication'],
  ['Insulin 10 units daily', 'medication'], // * "units" of a drug, not a device
  ['Lidoderm pads #30', 'medication'], // * a named drug wins over "pads"
  // therapy
  ['Physical therapy 2 times a week for 6 weeks (12 sessions) to the right elbow', 'therapy'],
  ['Post-op physical therapy 12-18 sessions', 'therapy'],
  ['Associated surgical service: Physical Therapy sessions, 12', 'therapy'],
  ['Initial acupuncture, 1 to 2 times per week for 4 weeks, for the neck', 'therapy'],
  ['Chiropractic physiotherapy treatment 6 visits', 'therapy'],
  ['Spinal manipulation 1 times 8', 'therapy'],
  ['Electrical stimulation 1 times 8', 'therapy'],
  ['Ultrasound 1 times 8', 'therapy'],
  ['Myofascial release 6 sessions', 'therapy'], // * "release" is not a surgery here
  // surgery
  ['Right shoulder arthroscopy RCR (rotator cuff repair) and decompression', 'surgery'],
  ['Operative arthroscopy, superior labral anterior posterior repair, right shoulder', 'surgery'],
  ['Assistant surgeon', 'surgery'],
  ['Left carpal tunnel release', 'surgery'], // *
  ['L4-5 laminectomy and discectomy', 'surgery'], // *
  ['Total knee arthroplasty', 'surgery'], // *
  ['Manipulation under anesthesia of the left shoulder', 'surgery'], // *
  // injection
  ['Lumbar Spine Epidural Injection at L4-5 under fluoroscopy', 'injection'],
  ['One platelet-rich plasma injection to the right knee', 'injection'],
  ['Bilateral L4-5 medial branch blocks', 'injection'], // *
  ['Toradol 60mg IM injection', 'injection'], // * a drug given as an injection
  // equipment
  ['TENS unit, daily trial, cervical and thoracic spine, #30', 'equipment'],
  ['Hot/cold therapy wrap', 'equipment'],
  ['Custom touch back heat therapy pad', 'equipment'],
  ['Associated surgical service: Cold compression therapy 30 day rental', 'equipment'],
  ['Standard wheelchair for a 2 month rental', 'equipment'],
  ['Purchase of a bedside 3 in 1 commode', 'equipment'],
  ['Sit-stand workstation', 'equipment'],
  ['Back support', 'equipment'],
  ['Associated surgical service: Shoulder sling with abduction pillow', 'equipment'],
  // other: tests, labs, consultations, nursing
  ['Electromyography (EMG) of The Bilateral Upper Extremities', 'other'],
  ['Nerve Conduction Velocity (NCV) of The Bilateral Upper Extremities', 'other'],
  ['Spine surgery evaluation for the lumbar', 'other'],
  ['TOC to ortho spine surgeon eval and treatment', 'other'],
  ['Pre-operative PT/PTT', 'other'],
  ['Associated surgical service: Labs - CBC', 'other'],
  ['Pre-operative medical clearance', 'other'],
  ['Comprehensive psychological testing', 'other'],
  ['Daily RN for 4 weeks for wound care and monitoring of wound healing and home safety, medication management', 'other'],
  ['Physical exam 2 times 8', 'other'],
  ['Electroencephalogram', 'other'],
];

test('each listed title gets its treatment kind', () => {
  const wrong = TITLES.filter(([title, kind]) => treatmentKindOf(title) !== kind).map(([title, kind]) => `${title}: expected ${kind}, got ${treatmentKindOf(title)}`);
  assert.deepEqual(wrong, []);
});

test('the list covers every kind', () => {
  const covered = new Set(TITLES.map(([, kind]) => kind));
  assert.deepEqual(TREATMENT_KINDS.filter((k) => !covered.has(k)), []);
});

test('labels, and the kind guard', () => {
  assert.deepEqual(TREATMENT_KINDS.map(treatmentKindLabel), ['Imaging', 'Medication', 'Therapy', 'Surgery', 'Injection', 'Equipment', 'Other']);
  assert.ok(isTreatmentKind('surgery'));
  assert.ok(!isTreatmentKind('toString'));
  assert.ok(!isTreatmentKind('Surgery'));
});

test('timing words and framing prefixes do not decide the kind', () => {
  assert.equal(treatmentKindOf('Post-surgical physical therapy 8 visits'), 'therapy');
  assert.equal(treatmentKindOf('Postoperative cold therapy unit'), 'equipment');
  assert.equal(treatmentKindOf('Retrolisthesis surgery consult'), 'other');
  assert.equal(treatmentKindOf('Retrospective: MRI of the right knee'), 'imaging');
  assert.equal(treatmentKindOf(''), 'other');
});

test('every item of the corpus gets a kind, and each kind occurs in the corpus', () => {
  const seen = new Map<TreatmentKind, number>();
  for (const { text } of corpusLetters()) {
    for (const item of parseDetermination(text).items) {
      const kind = treatmentKindOf(item.shortTitle);
      assert.ok(TREATMENT_KINDS.includes(kind), `${item.shortTitle}: ${kind}`);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    }
  }
  assert.deepEqual(TREATMENT_KINDS.filter((k) => !seen.has(k)), [], `kinds seen: ${JSON.stringify([...seen])}`);
});
