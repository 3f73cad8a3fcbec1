/**
 * The review's 54 references lowered into the one reference model, so they rank, resolve and link like any
 * bibliography's entries. Names are read from the Vancouver author list as the review prints it.
 */
import type { Dataset } from '../dataset';
import type { Reference as ReviewReference } from '../datasetTypes';
import type { CslItem, CslName, Reference, ReferenceSource } from './model';

export const reviewSource: ReferenceSource = { kind: 'review', id: 'review', label: 'the review' };

const cache = new WeakMap<Dataset, readonly Reference[]>();

/** The review's references as `Reference`s, in the review's numbering; each links to itself (`reviewNumber`). */
export function reviewReferences(dataset: Dataset): readonly Reference[] {
  let references = cache.get(dataset);
  if (!references) {
    references = Object.freeze(dataset.references.map(lowerReviewReference));
    cache.set(dataset, references);
  }
  return references;
}

export function lowerReviewReference(reference: ReviewReference): Reference {
  const item: CslItem = {
    id: reference.key,
    type: 'article-journal',
    author: parseVancouverAuthors(reference.authors, reference.firstAuthor),
    issued: { 'date-parts': [[reference.year]] },
    title: reference.title,
    'container-title': reference.journal,
  };
  if (/,\s*et\.? al\.?\s*$/i.test(reference.authors)) item.moreAuthors = true;
  if (reference.volume) item.volume = reference.volume;
  if (reference.issue) item.issue = reference.issue;
  if (reference.pages) item.page = reference.pages;
  return { source: reviewSource, key: reference.key, number: reference.number, item, reviewNumber: reference.number };
}

/** Initials as Vancouver prints them after the family name: "AR", "K-W", "JD", "NIMD". */
const initialsPattern = /^\p{Lu}{1,5}(?:-\p{Lu}{1,2})?$/u;

/**
 * Reads a printed author list: "Caseiro AR, Pedrosa SS, …, et al" → Caseiro (A. R.), Pedrosa (S. S.), …; "et al"
 * and a stray "and" are dropped. Names written given-first ("Fábio G. Teixeira") are read that way; the first author
 * takes the family name the review gives (`firstAuthor`), which settles names such as "Tuz Zohora F". A name that
 * fits neither shape is kept as a literal.
 */
export function parseVancouverAuthors(printed: string, firstAuthor?: string): CslName[] {
  const names: CslName[] = [];
  const parts = printed
    .split(/\s*,\s*|\s+and\s+|\s+&\s+/)
    .map((part) => part.replace(/^and\s+|\s+and$/, '').trim())
    .filter((part) => part.length > 0 && part !== 'and' && !/^et\.? al\.?$/i.test(part));
  for (const part of parts) {
    if (names.length === 0 && firstAuthor && part.startsWith(firstAuthor)) {
      const given = part.slice(firstAuthor.length).trim();
      names.push(given ? { family: firstAuthor, given: spelledInitials(given) } : { family: firstAuthor });
      continue;
    }
    names.push(parseOneName(part));
  }
  return names;
}

function parseOneName(name: string): CslName {
  const words = name.split(/\s+/);
  const last = words[words.length - 1];
  if (words.length > 1 && initialsPattern.test(last)) {
    return { family: words.slice(0, -1).join(' '), given: spelledInitials(last) };
  }
  // Given names first, with at least one initial: "Fábio G. Teixeira".
  if (words.length > 1 && words.slice(0, -1).some((word) => /^\p{Lu}\.$/u.test(word))) {
    return { family: last, given: words.slice(0, -1).join(' ') };
  }
  return { literal: name };
}

/** "AR" → "A. R.", "K-W" → "K.-W.", "G." stays; anything else (a full given name) is kept as printed. */
export function spelledInitials(given: string): string {
  if (!initialsPattern.test(given)) return given;
  return given
    .split('-')
    .map((part) => [...part].map((letter) => `${letter}.`).join(' '))
    .join('-');
}
