/**
 * One source's references, ready to answer: by key, by number, by the review paper they are, and (built on first use)
 * by search. Immutable; a knowledge base holds one per source and rebuilds only the one whose file changed.
 */
import { SearchIndex, type SearchIndexOptions } from './search';
import type { Reference, ReferenceSource } from './model';

export class SourceEntries {
  readonly references: readonly Reference[];
  private readonly byKey = new Map<string, Reference>();
  private readonly byLowerKey = new Map<string, Reference>();
  private readonly byNumber = new Map<number, Reference>();
  private readonly entriesByReviewNumber = new Map<number, number[]>();
  /** Later entries whose key an earlier entry of the same source already has (the reader reports them). */
  readonly duplicateKeys: readonly Reference[];
  /** Per entry, its review number and its own number (0 when none): read per search hit without touching the entry. */
  readonly reviewNumbers: Int32Array;
  readonly numbers: Int32Array;
  private index?: SearchIndex;

  constructor(
    readonly source: ReferenceSource,
    /** Already linked to the review. */
    references: readonly Reference[],
    private readonly searchOptions: SearchIndexOptions = {},
  ) {
    this.references = references;
    this.reviewNumbers = Int32Array.from(references, (reference) => reference.reviewNumber ?? 0);
    this.numbers = Int32Array.from(references, (reference) => reference.number ?? 0);
    const duplicates: Reference[] = [];
    references.forEach((reference, entry) => {
      if (this.byKey.has(reference.key)) duplicates.push(reference);
      else this.byKey.set(reference.key, reference);
      const lower = reference.key.toLowerCase();
      if (!this.byLowerKey.has(lower)) this.byLowerKey.set(lower, reference);
      if (reference.number !== undefined && !this.byNumber.has(reference.number)) this.byNumber.set(reference.number, reference);
      if (reference.reviewNumber !== undefined) {
        const entries = this.entriesByReviewNumber.get(reference.reviewNumber);
        if (entries) entries.push(entry);
        else this.entriesByReviewNumber.set(reference.reviewNumber, [entry]);
      }
    });
    this.duplicateKeys = duplicates;
  }

  /** The entry with this key: exactly, else ignoring case (BibTeX compares keys without case). */
  byKeyOf(key: string): Reference | undefined {
    return this.byKey.get(key) ?? this.byLowerKey.get(key.toLowerCase());
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
    this.index ??= new SearchIndex(this.references, this.searchOptions);
    return this.index;
  }
}
