/**
 * The typed provider the core reads the review dataset through. `createDataset` receives the parsed JSON (it does no
 * I/O), checks what the core relies on, and answers the questions features ask: a reference by number or key, the
 * statements about an entity or citing a reference, the terms written in a text, the topics a sentence is about.
 */
import type {
  Area,
  EvidenceStrength,
  Polarity,
  Reference,
  ReviewDataset,
  ReviewMetadata,
  Statement,
  TermEntry,
  Topic,
} from './datasetTypes';
import { buildCitationGroups, type CitationGroups } from './citationGroups';

/** A malformed dataset. The message names the bad field, e.g. `references[3].year must be an integer (got "abc")`. */
export class DatasetError extends Error {
  constructor(
    message: string,
    /** Where in the dataset the problem is, e.g. "references[3].year"; empty for the whole document. */
    readonly path: string = '',
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** Which list of the dataset a term comes from. */
export type TermCategory = 'factor' | 'component' | 'ev' | 'concept';
export type DatasetTerm = TermEntry & { readonly category: TermCategory };

/** Which list of the dataset an area comes from. */
export type AreaCategory = 'therapeutic-area' | 'route' | 'challenge' | 'medical-use';
export type DatasetArea = Area & { readonly category: AreaCategory };

/** How a term was written: its canonical form, an accepted variant, or a known confusion ("extracellular vehicles"). */
export type MentionForm = 'canonical' | 'variant' | 'confusion';

export interface TermMention {
  term: DatasetTerm;
  /** Offsets in the caller's coordinates (the `offset` argument added); `end` is exclusive. */
  start: number;
  end: number;
  /** The text as written, e.g. "TGF- $\beta$". */
  written: string;
  form: MentionForm;
  /** The dataset spelling that matched, e.g. "TGF-β" for "TGF- $\beta$", "TGF-beta" for "TGF-beta". */
  spelling: string;
}

export interface Dataset {
  /** The validated JSON, for fields the accessors below do not cover. */
  readonly raw: ReviewDataset;
  readonly review: ReviewMetadata;
  readonly topics: readonly Topic[];
  topic(id: string): Topic | undefined;
  /** The references sorted by number. */
  readonly references: readonly Reference[];
  reference(number: number): Reference | undefined;
  referenceByKey(key: string): Reference | undefined;
  readonly statements: readonly Statement[];
  statement(id: string): Statement | undefined;
  /** Statements whose subject is the entity, and those the entity's entry lists, in dataset order. */
  statementsAbout(entityId: string): Statement[];
  /** Statements that cite reference `number`, in dataset order. */
  statementsCiting(number: number): Statement[];
  /** Factors, component classes, EV types and concepts, each with its category. */
  readonly terms: readonly DatasetTerm[];
  term(id: string): DatasetTerm | undefined;
  /**
   * Every mention of a term's canonical, variant or confusion spelling in `text`, left to right, whole words only, the
   * longest spelling winning where several start at the same place. Acronyms ("EV", "FGF", "TGF-beta") match with their
   * case; other spellings ignore case. Greek letters may be written in LaTeX ("TGF- $\beta$"), digits as subscripts
   * ("PGE$_2$", "PGE₂"); such renderings count as the spelling they render.
   */
  findTermMentions(text: string, offset?: number): TermMention[];
  /** For each topic whose cues occur in `text`, how many cue occurrences (plurals and -ed/-ing forms included). */
  topicScores(text: string): Map<string, number>;
  /** Therapeutic areas, routes, challenges and medical uses, each with its category. */
  readonly areas: readonly DatasetArea[];
  area(id: string): DatasetArea | undefined;
  /** The term or area with this id (the ids statements use as subjects). */
  entity(id: string): DatasetTerm | DatasetArea | undefined;
  /** The reference in full: "Authors (year) Title. Journal. volume(issue):pages." */
  formatReference(reference: Reference): string;
  /** "Caseiro et al. 2019, PLoS ONE"; "Müller 2021, …"; "Stastna & Van Eyk 2012, Proteomics". */
  shortCitation(reference: Reference): string;
  /** The review's citation groups ("[11-18]") and the groups it cites for each topic. */
  readonly citationGroups: CitationGroups;
}

/** Validates the parsed JSON of data/review.json and wraps it; throws DatasetError when it is malformed. */
export function createDataset(raw: unknown): Dataset {
  const data = validateDataset(raw);
  return new ReviewDatasetProvider(data);
}

class ReviewDatasetProvider implements Dataset {
  readonly review: ReviewMetadata;
  readonly topics: readonly Topic[];
  readonly references: readonly Reference[];
  readonly statements: readonly Statement[];
  readonly terms: readonly DatasetTerm[];
  readonly areas: readonly DatasetArea[];

  private readonly topicsById: Map<string, Topic>;
  private readonly referencesByNumber: Map<number, Reference>;
  private readonly referencesByKey: Map<string, Reference>;
  private readonly statementsById: Map<string, Statement>;
  private readonly termsById: Map<string, DatasetTerm>;
  private readonly areasById: Map<string, DatasetArea>;
  private readonly statementsByEntity = new Map<string, Statement[]>();
  private readonly statementsByReference = new Map<number, Statement[]>();
  private readonly termMatcher: TermMatcher;
  private readonly cueMatcher: CueMatcher;
  readonly citationGroups: CitationGroups;

  constructor(readonly raw: ReviewDataset) {
    this.review = raw.review;
    this.topics = raw.topics;
    this.references = [...raw.references].sort((a, b) => a.number - b.number);
    this.statements = raw.statements;
    this.terms = [
      ...raw.factors.map((entry) => ({ ...entry, category: 'factor' as const })),
      ...raw.componentClasses.map((entry) => ({ ...entry, category: 'component' as const })),
      ...raw.evTypes.map((entry) => ({ ...entry, category: 'ev' as const })),
      ...raw.concepts.map((entry) => ({ ...entry, category: 'concept' as const })),
    ];
    this.areas = [
      ...raw.therapeuticAreas.map((area) => ({ ...area, category: 'therapeutic-area' as const })),
      ...raw.routes.map((area) => ({ ...area, category: 'route' as const })),
      ...raw.challenges.map((area) => ({ ...area, category: 'challenge' as const })),
      ...raw.medicalUses.map((area) => ({ ...area, category: 'medical-use' as const })),
    ];

    this.topicsById = new Map(this.topics.map((topic) => [topic.id, topic]));
    this.referencesByNumber = new Map(this.references.map((reference) => [reference.number, reference]));
    this.referencesByKey = new Map(this.references.map((reference) => [reference.key, reference]));
    this.statementsById = new Map(this.statements.map((statement) => [statement.id, statement]));
    this.termsById = new Map(this.terms.map((term) => [term.id, term]));
    this.areasById = new Map(this.areas.map((area) => [area.id, area]));

    const listed = new Map<string, Set<string>>();
    for (const entity of [...this.terms, ...this.areas]) listed.set(entity.id, new Set(entity.statements));
    for (const statement of this.statements) {
      for (const [entityId, ids] of listed) {
        if (statement.subject === entityId || ids.has(statement.id)) push(this.statementsByEntity, entityId, statement);
      }
      for (const number of statement.refs) push(this.statementsByReference, number, statement);
    }

    this.termMatcher = new TermMatcher(this.terms);
    this.cueMatcher = new CueMatcher(this.topics);
    this.citationGroups = buildCitationGroups(this.topics, this.references, this.statements);
  }

  topic(id: string): Topic | undefined {
    return this.topicsById.get(id);
  }
  reference(number: number): Reference | undefined {
    return this.referencesByNumber.get(number);
  }
  referenceByKey(key: string): Reference | undefined {
    return this.referencesByKey.get(key) ?? this.referencesByKey.get(key.toLowerCase());
  }
  statement(id: string): Statement | undefined {
    return this.statementsById.get(id);
  }
  statementsAbout(entityId: string): Statement[] {
    return [...(this.statementsByEntity.get(entityId) ?? [])];
  }
  statementsCiting(number: number): Statement[] {
    return [...(this.statementsByReference.get(number) ?? [])];
  }
  term(id: string): DatasetTerm | undefined {
    return this.termsById.get(id);
  }
  area(id: string): DatasetArea | undefined {
    return this.areasById.get(id);
  }
  entity(id: string): DatasetTerm | DatasetArea | undefined {
    return this.termsById.get(id) ?? this.areasById.get(id);
  }
  findTermMentions(text: string, offset = 0): TermMention[] {
    return this.termMatcher.find(text, offset);
  }
  topicScores(text: string): Map<string, number> {
    return this.cueMatcher.score(text);
  }
  formatReference(reference: Reference): string {
    return formatReference(reference);
  }
  shortCitation(reference: Reference): string {
    return shortCitation(reference);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------------------------------------------------------------
// Reference formatting

/** "Authors (year) Title. Journal. volume(issue):pages." — one uniform style for every reference. */
export function formatReference(reference: Reference): string {
  let text = `${reference.authors} (${reference.year}) ${withFullStop(reference.title)} ${withFullStop(reference.journal)}`;
  const locator = [
    reference.volume ?? '',
    reference.issue ? `(${reference.issue})` : '',
    reference.pages ? `${reference.volume || reference.issue ? ':' : ''}${reference.pages}` : '',
  ].join('');
  if (locator) text += ` ${locator}.`;
  return text;
}

/** First author's surname, "et al." beyond two authors, the year and the journal: "Caseiro et al. 2019, PLoS ONE". */
export function shortCitation(reference: Reference): string {
  const { names, etAl } = splitAuthors(reference.authors);
  let who = reference.firstAuthor;
  if (etAl || names.length > 2) who += ' et al.';
  else if (names.length === 2) who += ` & ${surnameOf(names[1])}`;
  return `${who} ${reference.year}, ${reference.journal}`;
}

function withFullStop(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** The printed author list split into names; "and" (even the printed "Tran C and, Damaser MS") separates names too. */
function splitAuthors(authors: string): { names: string[]; etAl: boolean } {
  const parts = authors
    .split(/,|\band\b/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const isEtAl = (part: string) => /^et\.? al\.?$/i.test(part);
  return { names: parts.filter((part) => !isEtAl(part)), etAl: parts.some(isEtAl) };
}

/** "Van Eyk JE" → "Van Eyk" (surname before initials); "António J. Salgado" → "Salgado" (full name, surname last). */
function surnameOf(name: string): string {
  const tokens = name.split(/\s+/);
  if (tokens.length < 2) return name;
  const last = tokens[tokens.length - 1];
  return /^[A-Z][A-Z-]{0,5}$/.test(last) ? tokens.slice(0, -1).join(' ') : last;
}

// ---------------------------------------------------------------------------------------------------------------------
// Term mentions

interface Spelling {
  text: string;
  term: DatasetTerm;
  form: MentionForm;
}

const wordCharacter = String.raw`[\p{L}\p{N}_]`;

/** LaTeX and plain renderings of the Greek letters the dataset's spellings use. */
const greekRenderings: Record<string, string> = {
  'β': String.raw`(?:β|\$\s*\\beta\s*\$|\\\(\s*\\beta\s*\\\)|\\beta(?![A-Za-z]))`,
  'α': String.raw`(?:α|\$\s*\\alpha\s*\$|\\\(\s*\\alpha\s*\\\)|\\alpha(?![A-Za-z]))`,
  'κ': String.raw`(?:κ|\$\s*\\kappa\s*\$|\\\(\s*\\kappa\s*\\\)|\\kappa(?![A-Za-z]))`,
};
const subscriptDigits = '₀₁₂₃₄₅₆₇₈₉';

/**
 * One precompiled regular expression over every spelling: an alternation of capturing groups, longest spelling first,
 * so the group that matched names the spelling, and one pass over the text finds all mentions.
 */
class TermMatcher {
  private readonly spellings: Spelling[] = [];
  private readonly pattern: RegExp | undefined;

  constructor(terms: readonly DatasetTerm[]) {
    const seen = new Set<string>();
    const alternatives: Array<{ source: string; spelling: Spelling }> = [];
    for (const term of terms) {
      const candidates: Spelling[] = [
        { text: term.canonical, term, form: 'canonical' },
        ...term.variants.map((text) => ({ text, term, form: 'variant' as const })),
        ...(term.fullName ? [{ text: term.fullName, term, form: 'variant' as const }] : []),
        ...(term.confusions ?? []).map((text) => ({ text, term, form: 'confusion' as const })),
      ];
      for (const spelling of candidates) {
        const source = spellingPattern(spelling.text);
        // Renderings of one spelling ("PGE2", "PGE₂") compile to one pattern; the first listed (canonical) keeps it.
        if (seen.has(source)) continue;
        seen.add(source);
        alternatives.push({ source, spelling });
      }
    }
    alternatives.sort((a, b) => b.spelling.text.length - a.spelling.text.length);
    this.spellings = alternatives.map((alternative) => alternative.spelling);
    if (alternatives.length > 0) {
      const body = alternatives.map((alternative) => `(${alternative.source})`).join('|');
      this.pattern = new RegExp(`(?<!${wordCharacter})(?:${body})(?!${wordCharacter})`, 'gu');
    }
  }

  find(text: string, offset: number): TermMention[] {
    const mentions: TermMention[] = [];
    const pattern = this.pattern;
    if (!pattern || typeof text !== 'string' || text.length === 0) return mentions;
    // One shared global regex: the loop below runs to completion without yielding, so resetting lastIndex suffices.
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const group = match.findIndex((value, index) => index > 0 && value !== undefined);
      const spelling = this.spellings[group - 1];
      if (!spelling) continue;
      mentions.push({
        term: spelling.term,
        start: offset + match.index,
        end: offset + match.index + match[0].length,
        written: match[0],
        form: spelling.form,
        spelling: spelling.text,
      });
    }
    return mentions;
  }
}

/** Whether a spelling is an acronym (a run of two capitals: "EV", "TGF-beta", "MSCs"), which must match with its case. */
function isCaseSensitive(spelling: string): boolean {
  return /\p{Lu}\p{Lu}/u.test(spelling);
}

/** The regular-expression source for one spelling, tolerant of line breaks, LaTeX Greek and subscript digits. */
function spellingPattern(spelling: string): string {
  const caseSensitive = isCaseSensitive(spelling);
  let source = '';
  const characters = [...spelling.trim()];
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index];
    const previous = characters[index - 1] ?? '';
    if (/\s/.test(character)) {
      if (!/\s/.test(previous)) source += String.raw`(?:\s|~)+`;
    } else if (/[-‐‑]/.test(character)) {
      // "TGF- $\beta$": LaTeX sources often put a space after the hyphen before the math.
      source += String.raw`[-‐‑]\s*`;
    } else if (greekRenderings[character]) {
      source += greekRenderings[character];
    } else if (/[0-9]/.test(character) && /\p{L}/u.test(previous)) {
      source += digitRendering(Number(character));
    } else if (subscriptDigits.includes(character)) {
      source += digitRendering(subscriptDigits.indexOf(character));
    } else if (!caseSensitive && character.toLowerCase() !== character.toUpperCase()) {
      source += `[${escapeInClass(character.toLowerCase())}${escapeInClass(character.toUpperCase())}]`;
    } else {
      source += escapeCharacter(character);
    }
  }
  return source;
}

function digitRendering(digit: number): string {
  return String.raw`(?:${digit}|${subscriptDigits[digit]}|\$_\{?${digit}\}?\$|_\{?${digit}\}?|\\textsubscript\{${digit}\}|<sub>${digit}</sub>)`;
}

function escapeCharacter(character: string): string {
  return /[\^$\\.*+?()[\]{}|/]/.test(character) ? `\\${character}` : character;
}

function escapeInClass(character: string): string {
  return /[\^\\\]\-[]/.test(character) ? `\\${character}` : character;
}

// ---------------------------------------------------------------------------------------------------------------------
// Topic cues

/**
 * One precompiled regular expression over every topic cue, matched against the lower-cased text. Cues tolerate
 * inflection of their last word ("ulcer" → "ulcers", "proliferate" → "proliferating", "therapy" → "therapies") and a
 * hyphen or space between words ("wound-healing", "wound healing").
 */
class CueMatcher {
  private readonly topicsOfGroup: string[][] = [];
  private readonly pattern: RegExp | undefined;

  constructor(topics: readonly Topic[]) {
    const topicsOfCue = new Map<string, string[]>();
    for (const topic of topics) {
      for (const cue of topic.cues) {
        const normalized = cue.trim().toLowerCase();
        if (!normalized) continue;
        const ids = topicsOfCue.get(normalized) ?? [];
        if (!ids.includes(topic.id)) ids.push(topic.id);
        topicsOfCue.set(normalized, ids);
      }
    }
    const cues = [...topicsOfCue.keys()].sort((a, b) => b.length - a.length);
    this.topicsOfGroup = cues.map((cue) => topicsOfCue.get(cue) ?? []);
    if (cues.length > 0) {
      const body = cues.map((cue) => `(${cuePattern(cue)})`).join('|');
      this.pattern = new RegExp(`(?<!${wordCharacter})(?:${body})(?!${wordCharacter})`, 'gu');
    }
  }

  score(text: string): Map<string, number> {
    const scores = new Map<string, number>();
    const pattern = this.pattern;
    if (!pattern || typeof text !== 'string' || text.length === 0) return scores;
    pattern.lastIndex = 0;
    const lower = text.toLowerCase();
    for (let match = pattern.exec(lower); match !== null; match = pattern.exec(lower)) {
      if (match[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      const group = match.findIndex((value, index) => index > 0 && value !== undefined);
      for (const topicId of this.topicsOfGroup[group - 1] ?? []) scores.set(topicId, (scores.get(topicId) ?? 0) + 1);
    }
    return scores;
  }
}

function cuePattern(cue: string): string {
  const words = cue.split(/\s+/);
  const last = words.pop() ?? '';
  const joined = words.map((word) => wordPattern(word) + String.raw`[\s\-‐]+`).join('');
  return joined + inflected(last);
}

function wordPattern(word: string): string {
  return [...word].map((character) => (/[-‐]/.test(character) ? String.raw`[\s\-‐]?` : escapeCharacter(character))).join('');
}

/** The last word of a cue with its common English inflections. */
function inflected(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${wordPattern(word.slice(0, -1))}(?:y|ies|ied)`;
  if (/[^aeiou]is$/.test(word)) return `${wordPattern(word.slice(0, -2))}(?:is|es)`;
  if (/[^aeiou]e$/.test(word)) return `${wordPattern(word.slice(0, -1))}(?:e|es|ed|ing)`;
  if (/[a-z]$/.test(word)) return `${wordPattern(word)}(?:s|es|ed|ing)?`;
  return wordPattern(word);
}

// ---------------------------------------------------------------------------------------------------------------------
// Validation: the essentials the core relies on, with messages that name the field.

const strengths: readonly EvidenceStrength[] = ['reported', 'preclinical', 'clinical-trial', 'under-investigation', 'recommendation'];
const polarities: readonly Polarity[] = ['increase', 'decrease', 'neutral'];
const termLists = ['factors', 'componentClasses', 'evTypes', 'concepts'] as const;
const areaLists = ['therapeuticAreas', 'routes', 'challenges', 'medicalUses'] as const;
const keyPattern = /^[a-z]+\d{4}[a-z]?$/;

type Json = Record<string, unknown>;

function fail(path: string, problem: string): never {
  throw new DatasetError(`Invalid review dataset: ${path ? `${path} ` : ''}${problem}`, path);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `must be an object (got ${describe(value)})`);
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `must be an array (got ${describe(value)})`);
  return value;
}

function text(owner: Json, key: string, path: string, optional = false): string | undefined {
  const value = owner[key];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value.trim().length === 0) fail(`${path}.${key}`, `must be a non-empty string (got ${describe(value)})`);
  return value;
}

function texts(owner: Json, key: string, path: string, optional = false): string[] | undefined {
  const value = owner[key];
  if (value === undefined && optional) return undefined;
  return array(value, `${path}.${key}`).map((item, index) => {
    if (typeof item !== 'string' || item.trim().length === 0) fail(`${path}.${key}[${index}]`, `must be a non-empty string (got ${describe(item)})`);
    return item;
  });
}

function integer(owner: Json, key: string, path: string): number {
  const value = owner[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(`${path}.${key}`, `must be an integer (got ${describe(value)})`);
  return value;
}

function oneOf<T extends string>(owner: Json, key: string, path: string, allowed: readonly T[]): T {
  const value = owner[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(`${path}.${key}`, `must be one of ${allowed.join(', ')} (got ${describe(value)})`);
  }
  return value as T;
}

function referenceNumbers(owner: Json, key: string, path: string, known: Set<number>): void {
  array(owner[key], `${path}.${key}`).forEach((item, index) => {
    if (typeof item !== 'number' || !Number.isInteger(item)) fail(`${path}.${key}[${index}]`, `must be a reference number (got ${describe(item)})`);
    if (!known.has(item)) fail(`${path}.${key}[${index}]`, `cites [${item}], which is not among the references`);
  });
}

function topicIds(owner: Json, key: string, path: string, known: Set<string>): void {
  texts(owner, key, path)?.forEach((id, index) => {
    if (!known.has(id)) fail(`${path}.${key}[${index}]`, `names topic ${describe(id)}, which is not defined in topics`);
  });
}

function validateDataset(raw: unknown): ReviewDataset {
  const root = object(raw, '(the dataset)');

  const review = object(root.review, 'review');
  for (const key of ['title', 'author', 'affiliation', 'date', 'journal', 'volume', 'issue', 'pages', 'doi']) text(review, key, 'review');
  texts(review, 'keywords', 'review');

  const topics = new Set<string>();
  array(root.topics, 'topics').forEach((item, index) => {
    const path = `topics[${index}]`;
    const topic = object(item, path);
    const id = text(topic, 'id', path) as string;
    if (topics.has(id)) fail(`${path}.id`, `repeats the topic id ${describe(id)}`);
    topics.add(id);
    text(topic, 'label', path);
    texts(topic, 'cues', path)?.forEach((cue, cueIndex) => {
      if (!/[\p{L}\p{N}]/u.test(cue)) fail(`${path}.cues[${cueIndex}]`, `must contain a letter or digit (got ${describe(cue)})`);
    });
  });

  const numbers = new Set<number>();
  const keys = new Set<string>();
  const references = array(root.references, 'references');
  if (references.length === 0) fail('references', 'must not be empty');
  references.forEach((item, index) => {
    const path = `references[${index}]`;
    const reference = object(item, path);
    const number = integer(reference, 'number', path);
    if (number < 1) fail(`${path}.number`, `must be 1 or more (got ${number})`);
    if (numbers.has(number)) fail(`${path}.number`, `repeats reference number ${number}`);
    numbers.add(number);
    const key = text(reference, 'key', path) as string;
    if (!keyPattern.test(key)) fail(`${path}.key`, `must be a surname and year in lower-case ASCII, like "caseiro2019" (got ${describe(key)})`);
    if (keys.has(key)) fail(`${path}.key`, `repeats the key ${describe(key)}`);
    keys.add(key);
    for (const field of ['authors', 'firstAuthor', 'title', 'journal', 'citedFor', 'citedIn']) text(reference, field, path);
    for (const field of ['volume', 'issue', 'pages']) text(reference, field, path, true);
    integer(reference, 'year', path);
  });
  // Topics of references are checked after all references are read, so the first problem reported is structural.
  references.forEach((item, index) => topicIds(item as Json, 'topics', `references[${index}]`, topics));

  const statementIds = new Set<string>();
  const statements = array(root.statements, 'statements');
  statements.forEach((item, index) => {
    const path = `statements[${index}]`;
    const statement = object(item, path);
    const id = text(statement, 'id', path) as string;
    if (statementIds.has(id)) fail(`${path}.id`, `repeats the statement id ${describe(id)}`);
    statementIds.add(id);
    for (const field of ['subject', 'relation', 'object', 'quote', 'section']) text(statement, field, path);
    text(statement, 'context', path, true);
    texts(statement, 'objectCues', path);
    oneOf(statement, 'polarity', path, polarities);
    oneOf(statement, 'strength', path, strengths);
    referenceNumbers(statement, 'refs', path, numbers);
    topicIds(statement, 'topics', path, topics);
  });

  const entityIds = new Set<string>();
  const spellingOwners = new Map<string, string>();
  const checkEntityId = (owner: Json, path: string): string => {
    const id = text(owner, 'id', path) as string;
    if (entityIds.has(id)) fail(`${path}.id`, `repeats the id ${describe(id)} of another term or area`);
    entityIds.add(id);
    return id;
  };
  const checkStatementIds = (owner: Json, path: string) =>
    texts(owner, 'statements', path)?.forEach((id, index) => {
      if (!statementIds.has(id)) fail(`${path}.statements[${index}]`, `names statement ${describe(id)}, which does not exist`);
    });

  const parents: Array<{ path: string; parent: string }> = [];
  for (const list of termLists) {
    array(root[list], list).forEach((item, index) => {
      const path = `${list}[${index}]`;
      const entry = object(item, path);
      const id = checkEntityId(entry, path);
      const spellings = [
        text(entry, 'canonical', path) as string,
        ...(texts(entry, 'variants', path) ?? []),
        ...(texts(entry, 'confusions', path, true) ?? []),
      ];
      const fullName = text(entry, 'fullName', path, true);
      if (fullName) spellings.push(fullName);
      for (const spelling of spellings) {
        if (!/[\p{L}\p{N}]/u.test(spelling)) fail(path, `has a spelling without letters or digits: ${describe(spelling)}`);
        // Two terms sharing a spelling would make a mention ambiguous.
        const owner = spellingOwners.get(spelling.toLowerCase());
        if (owner !== undefined && owner !== id) fail(path, `shares the spelling ${describe(spelling)} with ${describe(owner)}`);
        spellingOwners.set(spelling.toLowerCase(), id);
      }
      for (const field of ['kind', 'summary']) text(entry, field, path);
      texts(entry, 'cargo', path, true);
      texts(entry, 'roles', path, true);
      const parent = text(entry, 'parent', path, true);
      if (parent) parents.push({ path: `${path}.parent`, parent });
      checkStatementIds(entry, path);
      referenceNumbers(entry, 'refs', path, numbers);
    });
  }
  for (const { path, parent } of parents) {
    if (!entityIds.has(parent)) fail(path, `names ${describe(parent)}, which is not a term`);
  }

  for (const list of areaLists) {
    array(root[list], list).forEach((item, index) => {
      const path = `${list}[${index}]`;
      const area = object(item, path);
      checkEntityId(area, path);
      for (const field of ['name', 'summary']) text(area, field, path);
      texts(area, 'cues', path);
      texts(area, 'conditions', path, true);
      checkStatementIds(area, path);
      referenceNumbers(area, 'refs', path, numbers);
    });
  }

  statements.forEach((item, index) => {
    const subject = (item as Json).subject as string;
    if (!entityIds.has(subject)) fail(`statements[${index}].subject`, `names ${describe(subject)}, which is neither a term nor an area`);
  });

  return root as unknown as ReviewDataset;
}
