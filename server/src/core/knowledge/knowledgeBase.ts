/**
 * The knowledge base: every source of references (the review, each bibliography file, a document's own numbered
 * list) merged behind one question, "what does this citation refer to?", and one ranking. Immutable: a snapshot of
 * the sources. Each source keeps its own indexes, so replacing one bibliography rebuilds only that one.
 */
import type { Dataset } from '../dataset';
import { ReviewLinks } from './linking';
import { rankReferences, scoreSentence, type RankOptions, type RankResult, type RankingScope, type SentenceContext } from './ranking';
import { reviewReferences, reviewSource } from './reviewSource';
import type { SearchIndexData } from './search';
import { SourceEntries } from './sourceEntries';
import type { Reference, ReferenceSource } from './model';

/** A bibliography as its reader returned it: the source it names and the references read from it. */
export interface BibliographyInput {
  source: ReferenceSource;
  references: readonly Reference[];
  /** Its search index, when the reader's side already built it over `references` (a worker thread, off the main one). */
  searchIndex?: SearchIndexData;
  /**
   * The references already went through this knowledge base's `linkToReview` (a large library is linked chunk by chunk
   * as it arrives from the worker, so adding it does not hold the main thread for the whole library at once).
   */
  linked?: boolean;
}

/** What one document cites from: the bibliographies it names, in order, and its own numbered list, if it has one. */
export interface DocumentScope {
  /** Source ids (`ReferenceSource.id`) of the bibliographies, in the order the document names them. */
  bibliographyIds?: readonly string[];
  /** The document's (or its project's) own numbered reference list; an empty list counts as none. */
  ownList?: readonly Reference[];
}

export class KnowledgeBase {
  private readonly scopes = new Map<string, DocumentReferences>();
  private readonly ownListScopes = new WeakMap<readonly Reference[], Map<string, DocumentReferences>>();

  private constructor(
    readonly dataset: Dataset,
    readonly review: SourceEntries,
    readonly links: ReviewLinks,
    private readonly bibliographies: ReadonlyMap<string, SourceEntries>,
  ) {}

  static create(dataset: Dataset, bibliographies: readonly BibliographyInput[] = []): KnowledgeBase {
    const references = reviewReferences(dataset);
    const review = new SourceEntries(reviewSource, references, {
      extraText: (reference) => dataset.reference(reference.number!)?.citedFor,
    });
    const links = new ReviewLinks(references);
    const entries = new Map(bibliographies.map((input) => [input.source.id, linkedEntries(links, input)]));
    return new KnowledgeBase(dataset, review, links, entries);
  }

  /** The knowledge base with this bibliography added, or replacing the one with the same id; others are reused. */
  withBibliography(input: BibliographyInput): KnowledgeBase {
    const entries = new Map(this.bibliographies);
    entries.set(input.source.id, linkedEntries(this.links, input));
    return new KnowledgeBase(this.dataset, this.review, this.links, entries);
  }

  withoutBibliography(id: string): KnowledgeBase {
    if (!this.bibliographies.has(id)) return this;
    const entries = new Map(this.bibliographies);
    entries.delete(id);
    return new KnowledgeBase(this.dataset, this.review, this.links, entries);
  }

  bibliography(id: string): SourceEntries | undefined {
    return this.bibliographies.get(id);
  }

  get bibliographyIds(): string[] {
    return [...this.bibliographies.keys()];
  }

  /** The references with `reviewNumber` set where they are papers the review cites (for a document's own list). */
  linkToReview(references: readonly Reference[]): Reference[] {
    return this.links.link(references);
  }

  /** What a document with this scope can cite; cached per scope (per own-list array, by identity). */
  scopeFor(scope: DocumentScope = {}): DocumentReferences {
    const ids = scope.bibliographyIds ?? [];
    const key = ids.join('\n');
    const ownList = scope.ownList && scope.ownList.length > 0 ? scope.ownList : undefined;
    let cache: Map<string, DocumentReferences> = this.scopes;
    if (ownList) {
      cache = this.ownListScopes.get(ownList) ?? new Map();
      this.ownListScopes.set(ownList, cache);
    }
    let references = cache.get(key);
    if (!references) {
      const own = ownList && new SourceEntries(ownList[0].source, this.links.link(ownList));
      references = new DocumentReferences(this, ids, own);
      cache.set(key, references);
    }
    return references;
  }
}

function linkedEntries(links: ReviewLinks, input: BibliographyInput): SourceEntries {
  // Linking keeps the order, so an index built over the references read is the index of the linked ones.
  const references = input.linked ? input.references : links.link(input.references);
  return new SourceEntries(input.source, references, {}, input.searchIndex);
}

/** The references one document can cite, resolved and ranked under its scope. */
export class DocumentReferences implements RankingScope {
  readonly dataset: Dataset;
  /** Resolution order: the own list, the bibliographies as named, the review. */
  readonly sources: readonly SourceEntries[];
  readonly numbered: SourceEntries;
  /** Bibliographies the document names that the knowledge base has not loaded. */
  readonly missingBibliographyIds: readonly string[];
  private readonly bibliographies: readonly SourceEntries[];
  private shadowed?: ReadonlySet<number>;
  private lastSentence?: { sentence: string; context: SentenceContext };

  constructor(
    knowledge: KnowledgeBase,
    bibliographyIds: readonly string[],
    private readonly ownList: SourceEntries | undefined,
  ) {
    this.dataset = knowledge.dataset;
    const seen = new Set<string>();
    const bibliographies: SourceEntries[] = [];
    const missing: string[] = [];
    for (const id of bibliographyIds) {
      if (seen.has(id)) continue;
      seen.add(id);
      const entries = knowledge.bibliography(id);
      if (entries) bibliographies.push(entries);
      else missing.push(id);
    }
    this.bibliographies = bibliographies;
    this.missingBibliographyIds = missing;
    this.sources = [...(ownList ? [ownList] : []), ...bibliographies, knowledge.review];
    this.numbered = ownList ?? knowledge.review;
  }

  /** Whether `[n]` counts in the document's own list or the review's. */
  get numbering(): 'own-list' | 'review' {
    return this.ownList ? 'own-list' : 'review';
  }

  /**
   * What `[n]` cites: entry n of the document's own numbered list when it has one, else the review's reference n (for
   * drafts written on the review). The reference's `source` says which.
   */
  resolveNumber(number: number): Reference | undefined {
    return this.numbered.byNumberOf(number);
  }

  /**
   * What a key (`\cite{key}`, `[@key]`) cites: the document's own `\bibitem{key}`, else the first bibliography, in the document's order, that defines it, else
   * the review's key. A key in two bibliographies resolves to the first; the duplicate is for the readers to report.
   */
  resolveKey(key: string): Reference | undefined {
    // A `\bibitem{key}` of the document's own list defines its key; a Markdown entry's key is only its number.
    if (this.ownList && !/^\d+$/.test(key)) {
      const own = this.ownList.byKeyOf(key);
      if (own) return own;
    }
    for (const bibliography of this.bibliographies) {
      const reference = bibliography.byKeyOf(key);
      if (reference) return reference;
    }
    return this.sources[this.sources.length - 1].byKeyOf(key);
  }

  /** Every bibliography in scope that defines the key, in the order the document names them (the first is used). */
  bibliographyDefinitionsOf(key: string): Reference[] {
    const found: Reference[] = [];
    for (const bibliography of this.bibliographies) {
      const reference = bibliography.byKeyOf(key);
      if (reference) found.push(reference);
    }
    return found;
  }

  /** Whether the document's own list (`\bibitem{key}`) defines the key, which then wins over every bibliography. */
  ownListDefines(key: string): boolean {
    return this.ownList !== undefined && !/^\d+$/.test(key) && this.ownList.byKeyOf(key) !== undefined;
  }

  /** Every entry of every source in scope, in resolution order (the review's duplicates of linked entries included). */
  *allReferences(): Iterable<Reference> {
    for (const source of this.sources) yield* source.references;
  }

  /** Review numbers that another entry in scope is the same paper as; ranking lists the writer's entry instead. */
  get shadowedReviewNumbers(): ReadonlySet<number> {
    if (!this.shadowed) {
      const numbers = new Set<number>();
      for (const source of this.sources) {
        if (source.source.kind === 'review') continue;
        for (const number of source.linkedReviewNumbers()) numbers.add(number);
      }
      this.shadowed = numbers;
    }
    return this.shadowed;
  }

  /** The sentence's scores against this scope; the last sentence is kept, as it stays the same while a citation is typed. */
  sentenceContext(sentence: string): SentenceContext {
    if (this.lastSentence?.sentence !== sentence) {
      this.lastSentence = { sentence, context: scoreSentence(this.dataset, this.sources, sentence) };
    }
    return this.lastSentence.context;
  }

  /** The scope's references ranked for completion and the picker; see ranking.ts for the order. */
  rank(options: RankOptions): RankResult {
    return rankReferences(this, options);
  }
}
