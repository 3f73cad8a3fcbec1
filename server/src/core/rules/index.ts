/**
 * The lint rules in the order their findings are reported, and the engine that runs them one paragraph at a time
 * with a bounded cache, so an edit re-checks only the paragraph it touched.
 */
import { ByteBoundedCache, detached, stringBytes } from '../boundedCache';
import { analyseSentence, type SentenceAnalysis } from '../claims/analysis';
import type { CitationSensitivity } from '../config';
import type { Dataset } from '../dataset';
import type { DocumentReferences } from '../knowledge';
import type { SourceEntries } from '../knowledge/sourceEntries';
import type { Citation, Manuscript, Span } from '../manuscript/types';
import { citationMismatch } from './citationMismatch';
import { citationOrder } from './citationOrder';
import { contradictedClaim } from './contradictedClaim';
import { duplicateKey } from './duplicateKey';
import { malformedCitation } from './malformedCitation';
import { noncanonicalTerm } from './noncanonicalTerm';
import { overstatedClaim } from './overstatedClaim';
import type { CitationStyle, Finding, ProjectRule, Rule, RuleCode, RuleContext } from './types';
import { unknownCitation } from './unknownCitation';
import { unsupportedClaim } from './unsupportedClaim';

export type { Finding, ProjectRule, ProjectRuleContext, Rule, RuleCode, RuleInfo } from './types';

export const rules: readonly Rule[] = [
  malformedCitation,
  unknownCitation,
  duplicateKey,
  contradictedClaim,
  citationMismatch,
  overstatedClaim,
  unsupportedClaim,
  noncanonicalTerm,
];

/** Rules over the whole project (what was cited before, in other files), run per document after the paragraph rules. */
export const projectRules: readonly ProjectRule[] = [citationOrder];

/** The paragraph rules' codes (the accuracy corpus scores these). */
export const ruleCodes: readonly RuleCode[] = rules.map((rule) => rule.code);

export function ruleFor(code: string): Rule | ProjectRule | undefined {
  return rules.find((rule) => rule.code === code) ?? projectRules.find((rule) => rule.code === code);
}

export interface LintOptions {
  /** Codes of the rules to run. */
  enabled: ReadonlySet<RuleCode>;
  /** What the document can cite (FeatureContext.references). */
  references: DocumentReferences;
  /** Keys the rest of the document's project defines (`config.sources.projectKeys`, as cited: "tag:x"). */
  projectKeys?: readonly string[];
  /** Findings to drop (silenced by a comment); they do not count toward `limit`. */
  keep?: (finding: Finding) => boolean;
  /** Stop once this many findings are kept: a flood is cut short instead of analysed to the end. */
  limit?: number;
  /** Let the citation-worthiness model decide which uncited sentences need a citation (config.lint.citationNeeded). */
  citationSensitivity?: CitationSensitivity;
}

export interface LintResult {
  findings: Finding[];
  /** False when `limit` stopped the run before the end of the document. */
  complete: boolean;
}

/** Findings of the enabled rules over the manuscript, in document order of paragraphs and rule order within. */
export function lintManuscript(dataset: Dataset, manuscript: Manuscript, options: LintOptions): LintResult {
  return runToEnd(lintManuscriptSteps(dataset, manuscript, options));
}

/**
 * The same lint, one paragraph (unit) per step: the generator yields after each, so a caller can spread a long
 * document over many turns of its event loop and stop driving it when the document changes. It holds no timer: the
 * caller decides when to go on. Its result is lintManuscript's.
 */
export function* lintManuscriptSteps(dataset: Dataset, manuscript: Manuscript, options: LintOptions): Generator<void, LintResult, void> {
  const units = paragraphUnits(manuscript);
  yield;
  const limit = options.limit ?? Infinity;
  const style = citationStyleOf(manuscript);
  const definedKeys = definedKeysOf(manuscript, options.projectKeys);
  const active = rules.filter((rule) => options.enabled.has(rule.code));
  // Hashed: thousands of project keys must not be copied into every paragraph's cache key. The scope's signature
  // changes when a bibliography is reloaded or the own list changes, so its findings are checked again.
  const configKey = hashOf(
    `${manuscript.language}|${style}|${options.citationSensitivity ?? 'rules'}|${active.map((rule) => rule.code).join(',')}|${scopeSignature(options.references)}|${[...definedKeys].sort().join(',')}`,
  );
  const cache = cacheFor(dataset);
  // Only the model reads the heading: with the rules alone, renaming a heading keeps its section's findings cached.
  const readsSection = (options.citationSensitivity ?? 'rules') !== 'rules';
  const findings: Finding[] = [];
  for (const unit of units) {
    // A unit longer than this (one sentence of megabytes) is checked each time rather than kept as a key.
    const key = unit.span.end - unit.span.start <= MAX_CACHED_UNIT_LENGTH ? `${configKey}\u0000${unitSignature(manuscript.text, unit, readsSection)}` : undefined;
    let relative = key === undefined ? undefined : cache.get(key);
    if (!relative) {
      const context = unitContext(dataset, manuscript, unit, options.references, definedKeys, style, options.citationSensitivity);
      // Document order within the paragraph; rule order breaks ties (the sort is stable).
      const found = active
        .flatMap((rule) => rule.check(context))
        .sort((a, b) => a.start - b.start)
        .map((finding) => shift(finding, -unit.span.start));
      // Cached findings are copied through JSON (they are plain JSON): their strings are slices of the document, which
      // the cache must not keep alive once the document has changed. An uncached unit's findings are used as they are.
      if (key === undefined) relative = found;
      else {
        relative = JSON.parse(JSON.stringify(found)) as Finding[];
        cache.set(detached(key), relative);
      }
    }
    for (const finding of relative) {
      const absolute = shift(finding, unit.span.start);
      if (!options.keep || options.keep(absolute)) findings.push(absolute);
    }
    if (findings.length >= limit) return { findings, complete: unit === units[units.length - 1] };
    yield;
  }
  return { findings, complete: true };
}

/** Drives a step generator to its end at once, for callers that do not need to interleave other work. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A paragraph's sentences and citations, gathered once per document. */
interface Unit {
  span: Span;
  sentences: Manuscript['sentences'];
  citations: Citation[];
  /** The nearest heading above, lower-cased: the citation-worthiness model reads it ("introduction", "methods"). */
  section?: string;
}

function paragraphUnits(manuscript: Manuscript): Unit[] {
  // Nothing past the reference list, or past where the budget stopped the analysis, is checked.
  const end = Math.min(manuscript.referenceListStart ?? Infinity, manuscript.analysisStop?.offset ?? Infinity);
  const units: Unit[] = manuscript.paragraphs.map((span) => ({ span, sentences: [], citations: [] }));
  for (const sentence of manuscript.sentences) {
    if (sentence.start >= end) continue;
    const unit = units[sentence.paragraph];
    if (unit) unit.sentences.push(sentence);
  }
  // Citations and paragraphs are both in document order: one forward walk places every citation.
  let index = 0;
  const loose: Unit[] = [];
  for (const citation of manuscript.citations) {
    if (citation.start >= end) break;
    while (index < units.length && units[index].span.end <= citation.start) index++;
    const unit = units[index];
    if (unit && unit.span.start <= citation.start) unit.citations.push(citation);
    else loose.push({ span: { start: citation.start, end: citation.end }, sentences: [], citations: [citation] });
  }
  const ordered = [...units, ...loose]
    .filter((unit) => unit.sentences.length > 0 || unit.citations.length > 0)
    .sort((a, b) => a.span.start - b.span.start)
    .flatMap(chunked);
  let section: string | undefined;
  for (const unit of ordered) {
    if (unit.sentences.length > 0 && unit.sentences.every((sentence) => sentence.kind === 'heading'))
      section = unit.sentences.map((sentence) => sentence.text).join(' ').toLowerCase().trim();
    else unit.section = section;
  }
  return ordered;
}

/** Sentences per unit at most: a pasted wall of text becomes several units, so a flood can stop between them. */
const MAX_UNIT_SENTENCES = 100;
/**
 * Citation entries per unit at most (one citation keeps at most MAX_ENTRIES_PER_CITATION): a sentence of thousands of
 * citations is checked in several units, its sentence with the first, so what one unit costs stays bounded.
 */
const MAX_UNIT_ENTRIES = 2000;

const entryCount = (citation: Citation) => Math.max(1, citation.entries.length);

/**
 * The unit cut before a sentence once it holds MAX_UNIT_SENTENCES, and before a citation once its entries would pass
 * MAX_UNIT_ENTRIES (then even inside a sentence); sentences and citations are walked together, once.
 */
function chunked(unit: Unit): Unit[] {
  let entries = 0;
  for (const citation of unit.citations) entries += entryCount(citation);
  if (unit.sentences.length <= MAX_UNIT_SENTENCES && entries <= MAX_UNIT_ENTRIES) return [unit];
  const chunks: Unit[] = [];
  let current: Unit = { span: { start: unit.span.start, end: unit.span.end }, sentences: [], citations: [] };
  let inCurrent = 0;
  const cutAt = (offset: number) => {
    current.span.end = offset;
    chunks.push(current);
    current = { span: { start: offset, end: unit.span.end }, sentences: [], citations: [] };
    inCurrent = 0;
  };
  let s = 0;
  let c = 0;
  while (s < unit.sentences.length || c < unit.citations.length) {
    const sentence = unit.sentences[s];
    const citation = unit.citations[c];
    if (sentence && (!citation || sentence.start <= citation.start)) {
      if (current.sentences.length >= MAX_UNIT_SENTENCES || (inCurrent >= MAX_UNIT_ENTRIES && current.citations.length > 0)) cutAt(sentence.start);
      current.sentences.push(sentence);
      s++;
    } else if (citation) {
      const count = entryCount(citation);
      if (inCurrent + count > MAX_UNIT_ENTRIES && current.citations.length > 0) cutAt(citation.start);
      current.citations.push(citation);
      inCurrent += count;
      c++;
    }
  }
  chunks.push(current);
  return chunks;
}

/** What the findings of a unit depend on: its text and how it was split (sentence kinds and bounds). */
function unitSignature(text: string, unit: Unit, readsSection: boolean): string {
  const base = unit.span.start;
  const shape = unit.sentences.map((sentence) => `${sentence.kind[0]}${sentence.start - base}:${sentence.end - base}`).join(' ');
  const citations = unit.citations.map((citation) => `${citation.start - base}:${citation.end - base}`).join(' ');
  return `${shape}|${citations}|${readsSection ? (unit.section ?? '') : ''}|${text.slice(unit.span.start, unit.span.end)}`;
}

function unitContext(
  dataset: Dataset,
  manuscript: Manuscript,
  unit: Unit,
  references: DocumentReferences,
  definedKeys: ReadonlySet<string>,
  style: CitationStyle,
  citationSensitivity: CitationSensitivity | undefined,
): RuleContext {
  const sentenceCitations = citationsBySentence(unit.sentences, unit.citations, manuscript.text);
  const sentences: SentenceAnalysis[] = unit.sentences.map((sentence, index) => analyseSentence(dataset, sentence, sentenceCitations[index]!, references));
  return {
    text: manuscript.text,
    language: manuscript.language,
    dataset,
    paragraph: unit.span,
    sentences,
    citations: unit.citations,
    references,
    definedKeys,
    citationStyle: style,
    citationSensitivity,
    section: unit.section,
  };
}

/**
 * For each sentence, the citations inside it or right after its end with only spaces between ("… healing. [12]").
 * Both lists are in document order, so one forward walk finds them: each citation is looked at by the sentences
 * around it only, however many a paragraph holds.
 */
function citationsBySentence(sentences: readonly Span[], citations: readonly Citation[], text: string): Citation[][] {
  const result: Citation[][] = [];
  let first = 0;
  for (const sentence of sentences) {
    while (first < citations.length && citations[first]!.start < sentence.start) first++;
    const own: Citation[] = [];
    for (let index = first; index < citations.length; index++) {
      const citation = citations[index]!;
      if (citation.start < sentence.end) own.push(citation);
      else if (citation.start - sentence.end < 4 && /^\s*$/.test(text.slice(sentence.end, citation.start))) own.push(citation);
      else break;
    }
    result.push(own);
  }
  return result;
}

/** The syntax the manuscript already cites with most, else its language's default. */
export function citationStyleOf(manuscript: Manuscript): CitationStyle {
  const counts = { numeric: 0, latex: 0, pandoc: 0 };
  for (const citation of manuscript.citations) counts[citation.syntax]++;
  const written = (Object.keys(counts) as CitationStyle[]).sort((a, b) => counts[b] - counts[a])[0];
  if (counts[written] > 0) return written;
  return manuscript.language === 'latex' ? 'latex' : 'numeric';
}

/** Keys defined outside any bibliography: the manuscript's own `[@tag:x]: …` lines and the project's. */
function definedKeysOf(manuscript: Manuscript, projectKeys: readonly string[] = []): ReadonlySet<string> {
  return new Set([...(manuscript.tagDefinitions?.keys() ?? []), ...projectKeys]);
}

const sourceIds = new WeakMap<SourceEntries, number>();
const scopeSignatures = new WeakMap<DocumentReferences, string>();
let nextSourceId = 0;

/**
 * What the findings depend on in the document's scope: which bibliographies (each loaded version has its own id, so a
 * reload changes it) and the own list's numbers, keys and review links. The own list is read again at each parse, so
 * it is compared by content: an edit elsewhere keeps every paragraph's findings.
 */
function scopeSignature(references: DocumentReferences): string {
  let signature = scopeSignatures.get(references);
  if (signature === undefined) {
    const parts = references.sources.map((source) => {
      if (source.source.kind !== 'manuscript-list') {
        let id = sourceIds.get(source);
        if (id === undefined) sourceIds.set(source, (id = ++nextSourceId));
        return `${source.source.id}#${id}`;
      }
      return `${source.source.label}:${source.references.map((reference) => `${reference.number ?? ''}/${reference.key}/${reference.reviewNumber ?? ''}`).join(' ')}`;
    });
    signature = hashOf([...parts, ...references.missingBibliographyIds.map((id) => `missing:${id}`)].join('\n'));
    scopeSignatures.set(references, signature);
  }
  return signature;
}

function shift(finding: Finding, by: number): Finding {
  return {
    ...finding,
    start: finding.start + by,
    end: finding.end + by,
    related: finding.related?.map((note) => (note.span ? { ...note, span: { start: note.span.start + by, end: note.span.end + by } } : note)),
  };
}

/** Two 32-bit string hashes (FNV-1a and djb2) side by side: 64 bits, so two settings never share cache entries in practice. */
function hashOf(text: string): string {
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ code, 0x01000193);
    djb = (Math.imul(djb, 33) + code) | 0;
  }
  return `${(fnv >>> 0).toString(36)}.${(djb >>> 0).toString(36)}.${text.length}`;
}

/** Units longer than this many characters are not cached: 20,000 keys of megabytes each would be gigabytes. */
const MAX_CACHED_UNIT_LENGTH = 20000;
/**
 * Paragraph findings by paragraph text and settings, bounded by the memory they hold (the key holds the paragraph's
 * text): a long session, thousands of documents or edits, never grows it past this.
 */
export const FINDINGS_CACHE_BYTES = 16 * 1024 * 1024;

type FindingCache = ByteBoundedCache<string, Finding[]>;

/** What one cached paragraph holds: its key and, per finding, the object, its message and its notes. */
function cachedFindingsBytes(key: string, findings: Finding[]): number {
  let bytes = stringBytes(key) + 64;
  for (const finding of findings) {
    bytes += 200 + stringBytes(finding.message) + stringBytes(finding.data.written) + 100 * (finding.data.fixes?.length ?? 0);
    for (const note of finding.related ?? []) bytes += 100 + stringBytes(note.message);
  }
  return bytes;
}

const caches = new WeakMap<Dataset, FindingCache>();

/** What the findings cache of the dataset holds, for tests and benchmarks of its bound. */
export function lintCacheStats(dataset: Dataset): { entries: number; bytes: number } {
  const cache = caches.get(dataset);
  return { entries: cache?.size ?? 0, bytes: cache?.bytes ?? 0 };
}

/** Forgets every cached paragraph for the dataset, so a benchmark can measure a cold run. */
export function clearLintCache(dataset: Dataset): void {
  caches.delete(dataset);
}

function cacheFor(dataset: Dataset): FindingCache {
  let cache = caches.get(dataset);
  if (!cache) {
    cache = new ByteBoundedCache(FINDINGS_CACHE_BYTES, cachedFindingsBytes);
    caches.set(dataset, cache);
  }
  return cache;
}
