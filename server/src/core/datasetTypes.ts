/**
 * The shape of data/review.json: the review "An In-Depth Review of Secretome Therapy Approaches in
 * Medical Practice" (Ebrahimi 2025) transcribed as structured evidence. data/review.schema.json
 * describes the same shape for JSON tools; a test keeps the two in step.
 *
 * Every value is traceable to the review's text. Where the review is silent, the field is absent.
 */

export interface ReviewDataset {
  review: ReviewMetadata;
  /** Topics a sentence can be about, with the words that signal them; references and statements point at them. */
  topics: Topic[];
  /** The 54 references, in the review's numbering. */
  references: Reference[];
  /** The review's cited statements, one per claim (subject, relation, object), with supporting references. */
  statements: Statement[];
  /** Named factors the review discusses: FGF, BMPs, TGF-β, PGE2. */
  factors: TermEntry[];
  /** The classes of secretome components the review lists (growth factors, cytokines, …, mitochondria). */
  componentClasses: TermEntry[];
  /** Extracellular vesicles in general, exosomes, microvesicles, apoptotic bodies. */
  evTypes: TermEntry[];
  /** Other terms of the field (the secretome, secretome therapy, conditioned medium, the stem-cell niche…). */
  concepts: TermEntry[];
  /** Skin, kidney, heart, nervous system, cartilage and bone, cancer, the stem-cell niche. */
  therapeuticAreas: Area[];
  /** Intravenous, intranasal, intratumoral, local injection. */
  routes: Area[];
  /** The eight challenges of section V. */
  challenges: Area[];
  /** Biomarker discovery, diagnostic tools, therapeutic potential (section II). */
  medicalUses: Area[];
}

export interface ReviewMetadata {
  title: string;
  author: string;
  affiliation: string;
  /** As printed: "2025/02/25". */
  date: string;
  journal: string;
  volume: string;
  issue: string;
  pages: string;
  /** As printed in "How to Cite". */
  doi: string;
  keywords: string[];
}

export interface Topic {
  /** Stable id, e.g. "skin", "wound-healing", "kidney", "angiogenesis". */
  id: string;
  label: string;
  /** Lower-case words or phrases whose presence in a sentence signals the topic ("wound", "burn", "ulcer"). */
  cues: string[];
}

export interface Reference {
  /** 1..54, as numbered in the review. */
  number: number;
  /** `<first author's surname><year>` in lower-case ASCII, with a/b suffixes on collision. */
  key: string;
  /** The author list exactly as printed, e.g. "Caseiro AR, Pedrosa SS, Ivanova G, Branquinho MV, Almeida A, Faria F, et al". */
  authors: string;
  /** The first author's surname as printed, e.g. "Caseiro", "González-González". */
  firstAuthor: string;
  year: number;
  title: string;
  /** Journal as printed, without the surrounding italics, e.g. "PLoS ONE". */
  journal: string;
  volume?: string;
  issue?: string;
  pages?: string;
  /** Topic ids this reference supports, from where the review cites it and what its title is about. */
  topics: string[];
  /** Why the review cites it, in a short phrase ("therapeutic potential of the secretome (cited within [11-18])"). */
  citedFor: string;
  /** The citation group it appears in as printed in the review, e.g. "[11-18]". */
  citedIn: string;
}

/** How strong the review says the evidence is. */
export type EvidenceStrength =
  /** Stated by the review as established or shown ("has been shown to", "studies have shown"). */
  | 'reported'
  /** Preclinical studies (animal or in vitro). */
  | 'preclinical'
  /** A clinical trial (e.g. the phase 2 trial [17]). */
  | 'clinical-trial'
  /** The review says it is still under investigation or yet to be established. */
  | 'under-investigation'
  /** The review states it as a need, recommendation or challenge, not a finding. */
  | 'recommendation';

/** The direction of an effect, used to spot contradictions. */
export type Polarity = 'increase' | 'decrease' | 'neutral';

export interface Statement {
  /** Stable id, e.g. "fgf-promotes-proliferation". */
  id: string;
  /** Entity id of the subject: a factor, EV type, concept, area or route id (e.g. "fgf", "secretome", "intranasal"). */
  subject: string;
  /** Verb as a normalised relation: "promotes", "inhibits", "induces", "protects", "reduces", "treats", "delivers", "requires", "serves-as", … */
  relation: string;
  /** Whether the relation raises (promotes, stimulates) or lowers (inhibits, reduces) the object. */
  polarity: Polarity;
  /** What is acted on, in the review's words: "stem cell proliferation", "angiogenesis", "renal fibrosis". */
  object: string;
  /** Lower-case words that identify the object in a writer's sentence ("proliferation", "proliferate"). */
  objectCues: string[];
  /**
   * The source or condition the review restricts the claim to, when it does: "secretome derived from cancer cells",
   * "secretome from normal cells". Two statements with opposite polarity and different contexts are not a contradiction.
   */
  context?: string;
  /** Supporting reference numbers (a cited range expanded). */
  refs: number[];
  strength: EvidenceStrength;
  /** The review's wording, lightly trimmed, so messages can quote it. */
  quote: string;
  /** Section of the review, e.g. "III". */
  section: string;
  /** Topic ids of this statement. */
  topics: string[];
}

/** A named thing writers type: a factor, component class, EV type or concept. */
export interface TermEntry {
  /** Stable id, e.g. "tgf-beta", "exosomes". */
  id: string;
  /** The canonical written form, e.g. "TGF-β", "exosomes". */
  canonical: string;
  /** Full name as the review gives it, e.g. "transforming growth factor beta". */
  fullName?: string;
  /**
   * Other spellings writers use (plurals, abbreviations, the full name, ASCII spellings of Greek letters); all are
   * recognised, and each except the canonical is flagged as non-canonical.
   */
  variants: string[];
  /** Known confusions with a correction, e.g. "extracellular vehicles" → "extracellular vesicles". */
  confusions?: string[];
  /** What the review says it is ("growth factor", "signaling molecule", "membrane-enclosed particle"). */
  kind: string;
  /** One or two sentences from the review on what it is and does. */
  summary: string;
  /** Cargo, for EV types: "proteins", "lipids", "nucleic acids". */
  cargo?: string[];
  /** Roles, for EV types and factors. */
  roles?: string[];
  /** For a subtype, the id of the broader entry: exosomes, microvesicles and apoptotic bodies → "extracellular-vesicles". */
  parent?: string;
  /** Statement ids about this entry. */
  statements: string[];
  refs: number[];
}

/** A therapeutic area, route, challenge or medical use. */
export interface Area {
  id: string;
  name: string;
  /** Lower-case words that signal it in a sentence. */
  cues: string[];
  summary: string;
  /** Conditions named by the review (burns, scars, myocardial infarction, Parkinson's disease…). */
  conditions?: string[];
  statements: string[];
  refs: number[];
}
