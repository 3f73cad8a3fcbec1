/** How rules quote the review and write citations, so every message and fix reads the same way. */
import type { Dataset } from '../dataset';
import type { Statement } from '../datasetTypes';
import { formatReferenceNumbers } from '../format';
import type { DocumentReferences } from '../knowledge';
import { firstAuthorOf, shortCitation, yearOf } from '../knowledge/format';
import type { Reference } from '../knowledge/model';
import type { Sentence } from '../manuscript/types';
import type { CitationStyle, RelativeEdit } from './types';

/** Longer than every quote of the review's dataset (its longest sentence is 243 characters): quotes are shown whole. */
const MAX_QUOTE_LENGTH = 260;

/** Whether `[n]` in the document means something else than the review's reference n. */
function ownNumbering(references: DocumentReferences | undefined): boolean {
  return references?.numbering === 'own-list';
}

/**
 * Review reference numbers as a message shows them: "[11-18]" where the document cites the review's numbers, "the
 * review's [11-18]" where it has its own numbered list, so they are never read as the document's entries.
 */
export function reviewNumbersText(numbers: readonly number[], references?: DocumentReferences): string {
  const written = formatReferenceNumbers(numbers);
  return ownNumbering(references) ? `the review's ${written}` : written;
}

/** “The review's words” [refs] (or “…” (the review's [refs])); only a quote longer than any of the review's sentences is cut. */
export function quoteStatement(statement: Statement, references?: DocumentReferences): string {
  const quote = statement.quote.length > MAX_QUOTE_LENGTH ? `${statement.quote.slice(0, MAX_QUOTE_LENGTH - 1).trimEnd()}…` : statement.quote;
  return ownNumbering(references) ? `“${quote}” (${reviewNumbersText(statement.refs, references)})` : `“${quote}” ${formatReferenceNumbers(statement.refs)}`;
}

/** "[45] Caseiro 2019" (or "Caseiro 2019 (the review's [45])" in a document with its own numbering); "[45]" when the dataset has no short form. */
export function describeReference(dataset: Dataset, number: number, references?: DocumentReferences): string {
  const reference = dataset.reference(number);
  if (!reference) return reviewNumbersText([number], references);
  return ownNumbering(references) ? `${dataset.shortCitation(reference)} (the review's [${number}])` : `[${number}] ${dataset.shortCitation(reference)}`;
}

/** Review papers by first author and year, at most three named: "Caseiro et al. 2019; Lee 2020; Ma & Li 2021 and 6 more". */
export function reviewPapersNamed(references: DocumentReferences, numbers: readonly number[]): string {
  const review = references.sources[references.sources.length - 1];
  const named: string[] = [];
  for (const number of numbers) {
    const reference = review.byNumberOf(number);
    if (reference) named.push(authorYear(reference));
  }
  return listAtMost(named);
}

function authorYear(reference: Reference): string {
  const authors = reference.item.author ?? [];
  const first = firstAuthorOf(reference) ?? reference.key;
  const second = authors.length === 2 && authors[1] ? ` & ${authors[1].family ?? authors[1].literal ?? ''}` : '';
  const who = authors.length > 2 ? `${first} et al.` : `${first}${second}`;
  const year = yearOf(reference);
  return year ? `${who} ${year}` : who;
}

/** A message names at most this many references (or groups of them); the rest are counted. */
export const MAX_REFERENCES_NAMED = 3;

/** "a; b; c and 5 more": the first few items in full, the rest counted, so a range never floods a message. */
export function listAtMost(items: readonly string[], separator = '; '): string {
  if (items.length <= MAX_REFERENCES_NAMED) return items.join(separator);
  return `${items.slice(0, MAX_REFERENCES_NAMED).join(separator)} and ${items.length - MAX_REFERENCES_NAMED} more`;
}

/**
 * What the review cites each reference for, one clause per distinct purpose: "[11-18] are cited for …" once, not
 * "[n] is cited for …" eight times.
 */
export function describeCitedFor(dataset: Dataset, numbers: readonly number[], references?: DocumentReferences): string {
  const byPurpose = new Map<string, number[]>();
  for (const number of numbers) {
    const reference = dataset.reference(number);
    if (!reference) continue;
    const group = byPurpose.get(reference.citedFor) ?? [];
    group.push(number);
    byPurpose.set(reference.citedFor, group);
  }
  const clauses = [...byPurpose].map(
    ([purpose, group]) =>
      `${reviewNumbersText(group, references)} ${group.length > 1 ? 'are' : 'is'} cited for ${ownNumbering(references) ? asReviewNumbers(purpose) : purpose}`,
  );
  return listAtMost(clauses);
}

/** The review's own bracketed numbers inside its wording ("cited within [44-45]") marked as the review's. */
function asReviewNumbers(text: string): string {
  return text.replace(/\[(\d[\d,\s–-]*)\]/g, "the review's [$1]");
}

/**
 * A citation of review references as written before the document had its own references: the review's numbers or
 * keys. Only for drafts cited in the review's numbering (the citation picker); rules use `citationFor`.
 */
export function writeCitation(dataset: Dataset, numbers: readonly number[], style: CitationStyle, command = 'cite'): string {
  if (style === 'numeric') return formatReferenceNumbers(numbers);
  const keys = numbers.map((number) => dataset.reference(number)?.key).filter((key): key is string => Boolean(key));
  return writeKeys(keys, style, command);
}

function writeKeys(keys: readonly string[], style: CitationStyle, command: string): string {
  if (style === 'latex') return `\\${command}{${keys.join(',')}}`;
  return `[${keys.map((key) => `@${key}`).join('; ')}]`;
}

/**
 * How this document cites the review's papers `reviewNumbers`, or undefined when it can cite none of them. With
 * numbers: the review's own numbers in a draft that cites the review's numbering; in a document with its own numbered
 * list, the numbers of its entries that are those papers (the others dropped). With keys: the writer's bibliography
 * key for the paper, else (in a document with its own list) its `\bibitem` key, else (citing the review) the review's key.
 */
export function citationFor(references: DocumentReferences, reviewNumbers: readonly number[], style: CitationStyle, command = 'cite'): string | undefined {
  const own = ownNumbering(references) ? references.numbered : undefined;
  if (style === 'numeric') {
    if (!own) return reviewNumbers.length > 0 ? formatReferenceNumbers(reviewNumbers) : undefined;
    const numbers = new Set<number>();
    for (const reviewNumber of reviewNumbers) {
      for (const entry of own.entriesForReviewNumber(reviewNumber)) {
        const number = own.references[entry].number;
        if (number !== undefined) numbers.add(number);
      }
    }
    return numbers.size > 0 ? formatReferenceNumbers([...numbers].sort((a, b) => a - b)) : undefined;
  }
  const keys: string[] = [];
  for (const reviewNumber of reviewNumbers) {
    const key = keyFor(references, reviewNumber, own !== undefined);
    if (key && !keys.includes(key)) keys.push(key);
  }
  return keys.length > 0 ? writeKeys(keys, style, command) : undefined;
}

function keyFor(references: DocumentReferences, reviewNumber: number, ownList: boolean): string | undefined {
  for (const source of references.sources) {
    if (source.source.kind === 'review') continue;
    if (source.source.kind === 'manuscript-list' && !ownList) continue;
    for (const entry of source.entriesForReviewNumber(reviewNumber)) {
      const key = source.references[entry].key;
      // A Markdown list entry's key is its number: not something `[@…]` can cite.
      if (!/^\d+$/.test(key)) return key;
    }
  }
  return ownList ? undefined : references.dataset.reference(reviewNumber)?.key;
}

/** How this document cites one reference of its scope (a ranked suggestion), or undefined when it cannot. */
export function citationOfReference(references: DocumentReferences, reference: Reference, style: CitationStyle, command = 'cite'): string | undefined {
  if (reference.source.kind === 'review') return reference.number === undefined ? undefined : citationFor(references, [reference.number], style, command);
  if (style === 'numeric') {
    if (reference.source.id === references.numbered.source.id && reference.number !== undefined) return formatReferenceNumbers([reference.number]);
    return reference.reviewNumber === undefined ? undefined : citationFor(references, [reference.reviewNumber], style, command);
  }
  return /^\d+$/.test(reference.key) ? undefined : writeKeys([reference.key], style, command);
}

/** A reference for a fix's title: "[45] Caseiro 2019" as numbers cite it, "Caseiro et al. 2019 (cas)" as keys do. */
export function describeAnyReference(references: DocumentReferences, reference: Reference, style: CitationStyle): string {
  if (reference.source.kind === 'review' && reference.number !== undefined && style === 'numeric') {
    return describeReference(references.dataset, reference.number, references);
  }
  const short = shortCitation(reference, references.dataset);
  if (style !== 'numeric') return short === reference.key ? short : `${short} (${reference.key})`;
  return reference.number !== undefined && reference.source.id === references.numbered.source.id ? `[${reference.number}] ${short}` : short;
}

/** The sentence's range without trailing spaces and newlines, so a diagnostic underlines words only. */
export function trimmedSentence(sentence: Sentence): { start: number; end: number; text: string } {
  const text = sentence.text.replace(/\s+$/, '');
  const leading = text.length - text.replace(/^\s+/, '').length;
  return { start: sentence.start + leading, end: sentence.start + text.length, text: text.slice(leading) };
}

/**
 * An edit that inserts a citation before the sentence's closing punctuation ("wounds [17]."), relative to the start
 * of the trimmed sentence.
 */
export function insertCitationEdit(trimmedText: string, citation: string): RelativeEdit {
  const closing = /[.!?…]["'”’)]*$/.exec(trimmedText);
  const at = closing ? closing.index : trimmedText.length;
  return { from: at, to: at, expect: '', newText: ` ${citation}` };
}
