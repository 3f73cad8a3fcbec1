/** How rules quote the review and write citations, so every message and fix reads the same way. */
import type { Dataset } from '../dataset';
import type { Statement } from '../datasetTypes';
import { formatReferenceNumbers } from '../format';
import type { Sentence } from '../manuscript/types';
import type { CitationStyle, RelativeEdit } from './types';

/** Longer than every quote of the review's dataset (its longest sentence is 243 characters): quotes are shown whole. */
const MAX_QUOTE_LENGTH = 260;

/** “The review's words” [refs]; only a quote longer than any of the review's sentences is cut. */
export function quoteStatement(statement: Statement): string {
  const quote = statement.quote.length > MAX_QUOTE_LENGTH ? `${statement.quote.slice(0, MAX_QUOTE_LENGTH - 1).trimEnd()}…` : statement.quote;
  return `“${quote}” ${formatReferenceNumbers(statement.refs)}`;
}

/** "Caseiro 2019" or "[45]" when the dataset has no short form. */
export function describeReference(dataset: Dataset, number: number): string {
  const reference = dataset.reference(number);
  return reference ? `[${number}] ${dataset.shortCitation(reference)}` : `[${number}]`;
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
export function describeCitedFor(dataset: Dataset, numbers: readonly number[]): string {
  const byPurpose = new Map<string, number[]>();
  for (const number of numbers) {
    const reference = dataset.reference(number);
    if (!reference) continue;
    const group = byPurpose.get(reference.citedFor) ?? [];
    group.push(number);
    byPurpose.set(reference.citedFor, group);
  }
  const clauses = [...byPurpose].map(
    ([purpose, group]) => `${formatReferenceNumbers(group)} ${group.length > 1 ? 'are' : 'is'} cited for ${purpose}`,
  );
  return listAtMost(clauses);
}

/** A citation for the given references in the document's own style. */
export function writeCitation(dataset: Dataset, numbers: readonly number[], style: CitationStyle, command = 'cite'): string {
  if (style === 'numeric') return formatReferenceNumbers(numbers);
  const keys = numbers.map((number) => dataset.reference(number)?.key).filter((key): key is string => Boolean(key));
  if (style === 'latex') return `\\${command}{${keys.join(',')}}`;
  return `[${keys.map((key) => `@${key}`).join('; ')}]`;
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
