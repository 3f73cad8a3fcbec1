/**
 * The search index of one source: an inverted index from folded words to the entries holding them, per field band,
 * over a sorted vocabulary (binary search finds the words a typed prefix begins). Built once per source reading and
 * never changed; a library of 10^5 entries answers a keystroke without looking at every entry.
 */
import { contentWords, foldText, foldedWords, forEachFoldedWord, wordForms } from './text';
import type { CslName, Reference } from './model';

/**
 * Where a query word matched, best first: the first author's family name or the key name the paper; another author
 * or the year narrow it; a title or journal word describes it; the abstract and keywords only mention it.
 */
export const matchBands = ['first-author-or-key', 'author-or-year', 'title', 'abstract'] as const;
export type MatchBand = (typeof matchBands)[number];
const bandCount = matchBands.length;
const titleBand = 2;
const abstractBand = 3;

/** How many bands a query word of this length searches: one letter is an author's initial, not a title word. */
export function bandsForWordLength(length: number): number {
  return length <= 1 ? 2 : length === 2 ? 3 : bandCount;
}

/** A word of this length or more may be a typo: with no word beginning with it, near spellings match instead. */
export const fuzzyMinimumLength = 4;
export function allowedEdits(length: number): number {
  return length >= 7 ? 2 : 1;
}

export interface SearchIndexOptions {
  /** More text to search as abstract-band words (the review indexes why it cites each reference). */
  extraText?: (reference: Reference) => string | undefined;
}

/**
 * A match's rank: its band (0 = first author or key … 3 = abstract) doubled, plus one when a word only matched
 * fuzzily. Lower is better.
 */
/** Ranks are band × 2 + fuzzy; these read them back. */
export function bandOfRank(rank: number): MatchBand {
  return matchBands[rank >> 1];
}
export function isFuzzyRank(rank: number): boolean {
  return (rank & 1) === 1;
}

/**
 * What a search index is made of, as flat data: typed arrays and one string, so an index built in a worker thread
 * crosses to the main thread by transfer (the arrays' buffers move, nothing is copied) plus one string copy, instead
 * of a structured clone of 10^5..10^6 objects. Word ids are positions in the sorted vocabulary.
 */
export interface SearchIndexData {
  /** How many entries the index was built over (the references it is used with must be the same, in order). */
  entryCount: number;
  /** The vocabulary, sorted, joined by "\n" (words never hold one). */
  words: string;
  /** Per band, compressed rows: entries holding word `id` are `postings[band][offsets[band][id] .. offsets[band][id + 1])`. */
  offsets: Int32Array[];
  postings: Int32Array[];
  /** Ids of the words of the name and title bands without digits: where a typo is looked up. */
  fuzzyIds: Int32Array;
  /** Per entry, a bit for each letter a–z that begins one of its first-author or key words (for one-letter queries). */
  initials: Int32Array;
}

/** The buffers of an index's data, to pass as the transfer list of `postMessage`. */
export function searchIndexBuffers(data: SearchIndexData): ArrayBuffer[] {
  return [...data.offsets, ...data.postings, data.fuzzyIds, data.initials].map((array) => array.buffer as ArrayBuffer);
}

/**
 * Builds the index data over the references. One pass over the entries collects (word, band, entry) triples in flat
 * typed arrays; a counting pass then lays them out as compressed rows. No array per word: at 10^5 entries there are
 * 10^5..10^6 words.
 */
export function buildSearchIndexData(references: readonly Reference[], options: SearchIndexOptions = {}): SearchIndexData {
  const builder = new SearchIndexBuilder(options);
  builder.add(references);
  return builder.finish();
}

/**
 * The index built a slice of entries at a time (`add`, in order), then laid out once (`finish`): a worker thread indexes
 * each chunk of references just after sending it, while the main thread takes that chunk in.
 */
export class SearchIndexBuilder {
  private readonly idsByWord = new Map<string, number>();
  private slots: Int32Array = new Int32Array(1 << 16); // word id × bands + band
  private owners: Int32Array = new Int32Array(1 << 16); // the entry
  private count = 0;
  private lastOwner: Int32Array = new Int32Array(1 << 14).fill(-1); // per slot, the last entry added, to skip repeats within one
  private initials: Int32Array = new Int32Array(1 << 10);
  private entries = 0;

  constructor(private readonly options: SearchIndexOptions = {}) {}

  /** Indexes these references as the next entries. */
  add(references: readonly Reference[]): void {
    if (this.entries + references.length > this.initials.length) this.initials = grown(this.initials, this.entries + references.length, 0);
    const idsByWord = this.idsByWord;
    let entry = this.entries;
    const visit = (band: number, word: string) => {
      if (band === 0) this.initials[entry] |= initialBit(word);
      let id = idsByWord.get(word);
      if (id === undefined) {
        // A key with a line break in it is still found by its words; the whole of it cannot be typed anyway.
        if (word.includes('\n')) return;
        id = idsByWord.size;
        idsByWord.set(word, id);
      }
      const slot = id * bandCount + band;
      if (slot >= this.lastOwner.length) this.lastOwner = grown(this.lastOwner, slot + 1, -1);
      if (this.lastOwner[slot] === entry) return;
      this.lastOwner[slot] = entry;
      const count = this.count;
      if (count === this.slots.length) {
        this.slots = grown(this.slots, count + 1, 0);
        this.owners = grown(this.owners, count + 1, 0);
      }
      this.slots[count] = slot;
      this.owners[count] = entry;
      this.count = count + 1;
    };
    for (const reference of references) {
      forEachBandWord(reference, this.options, visit);
      entry++;
    }
    this.entries = entry;
  }

  /** The index over every entry added. */
  finish(): SearchIndexData {
    const { idsByWord, slots, owners, count } = this;
    const words = idsByWord.size;
    const sortedWords = [...idsByWord.keys()].sort();
    // Renumber words by their sorted position, so a prefix's words are one run of ids.
    const sortedIdOf = new Int32Array(words);
    sortedWords.forEach((word, position) => (sortedIdOf[idsByWord.get(word)!] = position));
    for (let at = 0; at < count; at++) {
      const slot = slots[at];
      slots[at] = sortedIdOf[(slot / bandCount) | 0] * bandCount + (slot % bandCount);
    }
    const rowLengths = new Int32Array(words * bandCount);
    for (let at = 0; at < count; at++) rowLengths[slots[at]]++;
    const cursors = new Int32Array(words * bandCount);
    const allOffsets: Int32Array[] = [];
    const allPostings: Int32Array[] = [];
    for (let band = 0; band < bandCount; band++) {
      const offsets = new Int32Array(words + 1);
      let total = 0;
      for (let id = 0; id < words; id++) {
        offsets[id] = total;
        cursors[id * bandCount + band] = total;
        total += rowLengths[id * bandCount + band];
      }
      offsets[words] = total;
      allOffsets.push(offsets);
      allPostings.push(new Int32Array(total));
    }
    // Triples are in entry order, so each row comes out sorted by entry.
    for (let at = 0; at < count; at++) {
      const slot = slots[at];
      allPostings[slot % bandCount][cursors[slot]++] = owners[at];
    }
    // Near spellings are looked for among names and title words only: abstracts add many words and little certainty.
    const fuzzyIds: number[] = [];
    sortedWords.forEach((word, id) => {
      // Keys and years hold digits: near spellings of them mean nothing.
      if (/[0-9]/.test(word)) return;
      const slot = id * bandCount;
      if (rowLengths[slot] + rowLengths[slot + 1] + rowLengths[slot + titleBand] > 0) fuzzyIds.push(id);
    });
    return {
      entryCount: this.entries,
      words: sortedWords.join('\n'),
      offsets: allOffsets,
      postings: allPostings,
      fuzzyIds: Int32Array.from(fuzzyIds),
      initials: this.initials.slice(0, this.entries),
    };
  }
}

export class SearchIndex {
  readonly entries: readonly Reference[];
  /** The vocabulary, sorted; a word's id is its position. */
  private readonly sortedWords: string[];
  /** The sorted words of the name and title bands, and their ids: where a typo is looked up. */
  private readonly fuzzyWords: string[];
  private readonly fuzzyIds: Int32Array;
  /** Per band, compressed rows: entries holding word `id` are `postings[band][offsets[band][id] .. offsets[band][id + 1])`. */
  private readonly offsets: Int32Array[];
  private readonly postings: Int32Array[];
  /** Per entry, a bit for each letter a–z that begins one of its first-author or key words (for one-letter queries). */
  private readonly initials: Int32Array;
  /** Scratch marks for one query (the index is immutable; a query is synchronous, so one set of marks suffices). */
  private readonly seen: Uint32Array;
  private readonly seenRank: Uint8Array;
  private epoch = 0;

  /** An index over the references, built now, or from data built elsewhere over the same references (a worker). */
  constructor(references: readonly Reference[], options: SearchIndexOptions = {}, data?: SearchIndexData) {
    if (data && data.entryCount !== references.length) throw new Error(`the search index was built over ${data.entryCount} entries, not ${references.length}`);
    const built = data ?? buildSearchIndexData(references, options);
    this.entries = references;
    this.sortedWords = built.words.length > 0 ? built.words.split('\n') : [];
    this.offsets = built.offsets;
    this.postings = built.postings;
    this.fuzzyIds = built.fuzzyIds;
    this.fuzzyWords = Array.from(built.fuzzyIds, (id) => this.sortedWords[id]);
    this.initials = built.initials;
    this.seen = new Uint32Array(references.length);
    this.seenRank = new Uint8Array(references.length);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The entries matching every query word (each word a prefix of one of the entry's words, or near one when it is a
   * typo), with their rank: the worst of the words' best bands. `accept` leaves entries out before they count. When
   * there is one word, the search stops after the band in which `enough` entries have matched: entries of later
   * bands rank below them all, so a top-`enough` list never needs them.
   */
  search(words: readonly string[], enough: number, accept: ((entry: number) => boolean) | undefined, visit: (entry: number, rank: number) => void): void {
    if (words.length === 0) return;
    if (words.length === 1) {
      this.matchWord(words[0], enough, accept, visit);
      return;
    }
    const entries: number[] = [];
    const ranks: number[] = [];
    this.matchWord(words[0], Infinity, accept, (entry, rank) => {
      entries.push(entry);
      ranks.push(rank);
    });
    let count = entries.length;
    for (const word of words.slice(1)) {
      if (count === 0) return;
      const epoch = this.markWord(word, accept);
      let kept = 0;
      for (let at = 0; at < count; at++) {
        const entry = entries[at];
        if (this.seen[entry] !== epoch) continue;
        entries[kept] = entry;
        ranks[kept] = Math.max(ranks[at], this.seenRank[entry]);
        kept++;
      }
      count = kept;
    }
    for (let at = 0; at < count; at++) visit(entries[at], ranks[at]);
  }

  /**
   * Whether one of the entry's first-author or key words begins with `letter` (a–z): the first band's answer to a
   * one-letter query, read without the index.
   */
  startsWithLetter(entry: number, letter: string): boolean {
    return (this.initials[entry] & initialBit(letter)) !== 0;
  }

  /** How many entries hold one of the word's forms in their title or abstract (for weighing a sentence's words). */
  documentFrequency(forms: readonly string[]): number {
    let frequency = 0;
    for (const form of forms) {
      const id = this.idOf(form);
      if (id !== -1) frequency += this.rowLength(titleBand, id) + this.rowLength(abstractBand, id);
    }
    return frequency;
  }

  /**
   * Adds, for each entry whose title or abstract holds one of the word's forms, `weight` (a title counts double) to
   * `scores`.
   */
  addSentenceWord(forms: readonly string[], weight: number, scores: EntryScores): void {
    for (const form of forms) this.addSentenceForm(form, weight, scores);
  }

  private addSentenceForm(word: string, weight: number, scores: EntryScores): void {
    const id = this.idOf(word);
    if (id === -1) return;
    for (const [band, bandWeight] of [[titleBand, 1], [abstractBand, 0.5]] as const) {
      const postings = this.postings[band];
      for (let at = this.offsets[band][id], end = this.offsets[band][id + 1]; at < end; at++) {
        const entry = postings[at];
        scores.add(entry, weight * bandWeight);
      }
    }
  }

  private rowLength(band: number, id: number): number {
    return this.offsets[band][id + 1] - this.offsets[band][id];
  }

  /** One word's matches, band by band, best band first; stops early once `enough` entries matched (see `search`). */
  private matchWord(word: string, enough: number, accept: ((entry: number) => boolean) | undefined, visit: (entry: number, rank: number) => void): void {
    const epoch = this.nextEpoch();
    const seen = this.seen;
    let matched = 0;
    const bands = bandsForWordLength(word.length);
    let ids = this.prefixIds(word);
    let fuzzy = 0;
    if (ids.length === 0 && word.length >= fuzzyMinimumLength) {
      ids = this.nearIds(word);
      fuzzy = 1;
    }
    for (let band = 0; band < bands; band++) {
      const offsets = this.offsets[band];
      const postings = this.postings[band];
      const rank = band * 2 + fuzzy;
      for (const id of ids) {
        for (let at = offsets[id], end = offsets[id + 1]; at < end; at++) {
          const entry = postings[at];
          if (seen[entry] === epoch) continue;
          seen[entry] = epoch;
          if (accept && !accept(entry)) continue;
          matched++;
          visit(entry, rank);
        }
      }
      if (matched >= enough) break;
    }
  }

  /** Marks the entries a word matches with the new epoch, each with its best rank in `seenRank`. */
  private markWord(word: string, accept?: (entry: number) => boolean): number {
    const entries: number[] = [];
    const ranks: number[] = [];
    this.matchWord(word, Infinity, accept, (entry, rank) => {
      entries.push(entry);
      ranks.push(rank);
    });
    const epoch = this.nextEpoch();
    entries.forEach((entry, at) => {
      this.seen[entry] = epoch;
      this.seenRank[entry] = ranks[at];
    });
    return epoch;
  }

  private nextEpoch(): number {
    if (this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  /** Ids of the words that begin with `prefix`: a binary search for the first, then the run after it. */
  private prefixIds(prefix: string): number[] {
    const ids: number[] = [];
    for (let at = this.lowerBound(prefix); at < this.sortedWords.length && this.sortedWords[at].startsWith(prefix); at++) ids.push(at);
    return ids;
  }

  /**
   * Ids of the words within a small edit distance of `typed`, or whose beginning is (a typo in a word still being
   * typed). Only words sharing the first letter are compared: typos there are rare, and it keeps the scan short.
   */
  private nearIds(typed: string): number[] {
    const edits = allowedEdits(typed.length);
    const ids: number[] = [];
    const words = this.fuzzyWords;
    let previousStart = '';
    let previousNear = false;
    for (let at = lowerBound(words, typed[0]); at < words.length && words[at][0] === typed[0]; at++) {
      const word = words[at];
      if (word.length < typed.length - edits) continue;
      let near = editDistanceWithin(typed, word, edits);
      if (!near && word.length > typed.length) {
        // Sorted words share beginnings: compare each beginning once.
        const start = word.slice(0, typed.length);
        if (start !== previousStart) {
          previousStart = start;
          previousNear = editDistanceWithin(typed, start, edits);
        }
        near = previousNear;
      }
      if (near) ids.push(this.fuzzyIds[at]);
    }
    return ids;
  }

  private lowerBound(text: string): number {
    return lowerBound(this.sortedWords, text);
  }

  /** The id of exactly this word, or -1. */
  private idOf(word: string): number {
    const at = this.lowerBound(word);
    return this.sortedWords[at] === word ? at : -1;
  }
}

/** The bit of a word's first letter when it is a–z, else none. */
function initialBit(word: string): number {
  const code = word.charCodeAt(0) - 97;
  return code >= 0 && code < 26 ? 1 << code : 0;
}

/** The first position in sorted `words` whose word is not below `text`. */
function lowerBound(words: readonly string[], text: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle] < text) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Calls `visit` with each word an entry is found by and its band (see `matchBands`), folded. */
export function forEachBandWord(reference: Reference, options: SearchIndexOptions, visit: (band: number, word: string) => void): void {
  const addText = (band: number, text: string | undefined) => {
    if (text) forEachFoldedWord(text, (word) => visit(band, word));
  };
  const item = reference.item;
  const names = item.author ?? item.editor ?? [];
  if (names.length > 0) forEachNameWord(names[0], (word) => visit(0, word));
  const key = foldText(reference.key);
  visit(0, key);
  forEachFoldedWord(key, (word) => {
    if (word !== key) visit(0, word);
  });
  for (let at = 1; at < names.length; at++) forEachNameWord(names[at], (word) => visit(1, word));
  const year = item.issued?.['date-parts']?.[0]?.[0];
  if (year !== undefined) visit(1, String(year));
  addText(titleBand, item.title);
  // Journal names repeat across a library: fold each once.
  const container = item['container-title'];
  if (container) for (const word of containerWords(container)) visit(titleBand, word);
  addText(abstractBand, leadingText(item.abstract, abstractWordsIndexed));
  addText(abstractBand, item.keyword);
  addText(abstractBand, options.extraText?.(reference));
}

/**
 * How many words of an abstract are indexed: its opening states what the paper is about, and indexing whole abstracts
 * would multiply the index (and its build time) several times over at 10^5 entries.
 */
export const abstractWordsIndexed = 40;

/** The part of an abstract the index reads (a reader may keep only this of it: nothing else reads abstracts). */
export function indexedAbstract(abstract: string | undefined): string | undefined {
  return leadingText(abstract, abstractWordsIndexed);
}

/** The text up to about its `words`-th word. */
function leadingText(text: string | undefined, words: number): string | undefined {
  if (!text) return text;
  let at = -1;
  for (let count = 0; count < words; count++) {
    at = text.indexOf(' ', at + 1);
    if (at === -1) return text;
  }
  return text.slice(0, at);
}

const containerWordsCache = new Map<string, string[]>();
function containerWords(container: string): string[] {
  let words = containerWordsCache.get(container);
  if (!words) {
    words = foldedWords(container);
    // Bounded, so a library of many one-off containers cannot grow it without limit.
    if (containerWordsCache.size > 10_000) containerWordsCache.clear();
    containerWordsCache.set(container, words);
  }
  return words;
}

/** The words an entry is found by, per band. */
export function bandWords(reference: Reference, options: SearchIndexOptions = {}): string[][] {
  const bands: string[][] = Array.from({ length: bandCount }, () => []);
  forEachBandWord(reference, options, (band, word) => bands[band].push(word));
  return bands;
}

function grown(array: Int32Array, minimum: number, fill: number): Int32Array {
  const bigger = new Int32Array(Math.max(minimum, array.length * 2)).fill(fill, array.length);
  bigger.set(array);
  return bigger;
}

/** The words a name is searched by: its family name (with its particle) or literal, folded; also joined ("gonzalezgonzalez"). */
function forEachNameWord(name: CslName, visit: (word: string) => void): void {
  const particle = name['non-dropping-particle'];
  const family = name.family ?? name.literal;
  const text = particle && family ? `${particle} ${family}` : (particle || family || '');
  let first: string | undefined;
  let joined: string | undefined;
  forEachFoldedWord(text, (word) => {
    visit(word);
    if (first === undefined) first = word;
    else joined = (joined ?? first) + word;
  });
  if (joined !== undefined) visit(joined);
}

/** The query's words, folded (`\cite{Türk` → "turk"). */
export function queryWords(query: string): string[] {
  return foldedWords(query);
}

/** A sentence's distinct content words, each with the spellings that count as it (its singular or plural). */
export function sentenceWords(sentence: string): string[][] {
  return [...new Set(contentWords(sentence))].map(wordForms);
}

/** Rows of the edit-distance table, reused: words are short, and a keystroke may compare thousands. */
let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Whether two words are at most `limit` edits apart (insert, delete, substitute, swap two neighbours). Only the
 * diagonal band of width `limit` either side is computed, and it stops as soon as a row exceeds the limit.
 */
export function editDistanceWithin(a: string, b: string, limit: number): boolean {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return false;
  if (m + 2 > rows[0].length) rows = rows.map(() => new Int32Array(m * 2 + 2));
  const outside = limit + 1;
  let previousPrevious = rows[0];
  let previous = rows[1];
  let current = rows[2];
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    const low = Math.max(1, i - limit);
    const high = Math.min(m, i + limit);
    current[0] = i;
    if (low > 1) current[low - 1] = outside;
    let rowMinimum = low > 1 ? outside : i;
    const ai = a.charCodeAt(i - 1);
    for (let j = low; j <= high; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = previous[j - 1] + (ai === bj ? 0 : 1);
      const up = (j <= i - 1 + limit ? previous[j] : outside) + 1;
      if (up < value) value = up;
      const left = current[j - 1] + 1;
      if (left < value) value = left;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const swapped = previousPrevious[j - 2] + 1;
        if (swapped < value) value = swapped;
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (high < m) current[high + 1] = outside;
    if (rowMinimum > limit) return false;
    const recycled = previousPrevious;
    previousPrevious = previous;
    previous = current;
    current = recycled;
  }
  return previous[m] <= limit;
}

/** Scores per entry of one source: a dense array for speed, and the list of entries that have one. */
export class EntryScores {
  private readonly values: Float64Array;
  private readonly touched: number[] = [];

  constructor(size: number) {
    this.values = new Float64Array(size);
  }

  add(entry: number, amount: number): void {
    if (this.values[entry] === 0) this.touched.push(entry);
    this.values[entry] += amount;
  }

  get(entry: number): number {
    return this.values[entry];
  }

  /** The entries with a score, in the order they got one. */
  get scored(): readonly number[] {
    return this.touched;
  }
}
