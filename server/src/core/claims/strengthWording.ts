/**
 * How strong the review's evidence is, in the review's own words: one wording for hovers and messages alike, so a
 * statement is never described one way in a hover and another in a diagnostic.
 */
import type { EvidenceStrength } from '../datasetTypes';

/**
 * The review says "promising results in preclinical studies" (section V) and "still under investigation" (safety and
 * efficacy, the role in cancer); the trial is the title of its reference [17] ("Phase 2 Clinical Trial"). Nothing here
 * describes the evidence in words the review does not use (no "animal studies", no "well tolerated").
 */
const STRENGTH_WORDING: Record<EvidenceStrength, string> = {
  reported: 'stated without a hedge',
  preclinical: 'from preclinical studies',
  'clinical-trial': 'from a phase 2 clinical trial among the cited references',
  'under-investigation': 'still under investigation',
  recommendation: 'a need, not a finding',
};

/** "still under investigation", "from preclinical studies": fits both "(…)" in a hover and "The review: …" in a message. */
export function describeStrength(strength: EvidenceStrength): string {
  return STRENGTH_WORDING[strength];
}

/** What the review says when no statement is closer: its own summary of the field (sections V and V.D). */
export const FIELD_EVIDENCE =
  'The review reports promising results in preclinical studies and says the safety and efficacy of secretome therapy are still under investigation.';
