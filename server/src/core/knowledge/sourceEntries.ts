/**
 * One source's references, ready to answer: by key, by number, by the review paper they are, and (built on first use)
 * by search. Immutable; a knowledge base holds one per source and rebuilds only the one whose file changed.
 */
import { SearchIndex, type SearchIndexData, type SearchIndexOptions } from './search';
import type { Reference, ReferenceSource } from './model';

export class SourceEntries {
  readonly references: readonly Reference[];
  /** The first entry of each key ignoring case: one map, as keys of one library rarely differ only in case. */
  private readonly byLowerKey = new Map<string, Reference>();
  /** The first entry of each key that differs only in case from an earlier one's ("Smith2020" after "smith2020"). */
  private readonly byCasedKey = new Map<string, Reference>();
  private readonly byNumber = new Map<number, Reference>();
  private readonly entriesByReviewNumber = new Map<number, number[]>();
  /** Later entries whose key an earlier entry of the same source already has (the reader reports them). */
  readonly duplicateKeys: readonly Reference[];
  /** Per entry, its review number and its own number (0 when none): read per search hit without touching the entry. */
  readonly reviewNumbers: Int32Array;
  readonly numbers: Int32Array;
  private index?: SearchIndex;
  /** The index's data when it was built elsewhere (a worker thread); dropped once the index is made from it. */
  private prebuiltIndex?: SearchIndexData;

  constructor(
    readonly source: ReferenceSource,
    /** Already linked to the review. */
    references: readonly Reference[],
    private readonly searchOptions: SearchIndexOptions = {},
    /** The search index, already built over these references in this order (see `buildSearchIndexData`). */
    prebuiltIndex?: SearchIndexData,
  ) {
    this.prebuiltIndex = prebuiltIndex;
    this.references = references;
    // One plain loop: at 10^5 entries this runs on the main thread while requests wait.
    const count = references.length;
    this.reviewNumbers = new Int32Array(count);
    this.numbers = new Int32Array(count);
    const duplicates: Reference[] = [];
    for (let entry = 0; entry < count; entry++) {
      const reference = references[entry];
      if (reference.reviewNumber !== undefined) this.reviewNumbers[entry] = reference.reviewNumber;
      if (reference.number !== undefined) this.numbers[entry] = reference.number;
      const key = reference.key;
      const lower = key.toLowerCase();
      const first = this.byLowerKey.get(lower);
      if (!first) this.byLowerKey.set(lower, reference);
      else if (first.key === key || this.byCasedKey.has(key)) duplicates.push(reference);
      else this.byCasedKey.set(key, reference);
      if (reference.number !== undefined && !this.byNumber.has(reference.number)) this.byNumber.set(reference.number, reference);
      if (reference.reviewNumber !== undefined) {
        const entries = this.entriesByReviewNumber.get(reference.reviewNumber);
        if (entries) entries.push(entry);
        else this.entriesByReviewNumber.set(reference.reviewNumber, [entry]);
      }
    }
    this.duplicateKeys = duplicates;
  }

  /** The entry with this key: exactly, else ignoring case (BibTeX compares keys without case). */
  byKeyOf(key: string): Reference | undefined {
    const first = this.byLowerKey.get(key.toLowerCase());
    if (!first || first.key === key) return first;
    return this.byCasedKey.get(key) ?? first;
  }

  byNumberOf(number: number): Reference | undefined {
    return this.byNumber.get(number);
  }

  /** Positions in `references` of the entries that are review reference `number`. */
  entriesForReviewNumber(number: number): readonly number[] {
    return this.entriesByReviewNumber.get(number) ?? [];
  }

  /** The review numbers some entry of this source links to. */
  linkedReviewNumbers(): Iterable<number> {
    return this.entriesByReviewNumber.keys();
  }

  get search(): SearchIndex {
    if (!this.index) {
      this.index = new SearchIndex(this.references, this.searchOptions, this.prebuiltIndex);
      this.prebuiltIndex = undefined;
    }
    return this.index;
  }
}
