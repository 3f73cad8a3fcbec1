/**
 * A writer's own list entry that is one of the review's papers, written anew: the review's printed fields fill what
 * the writer's entry lacks, and everything the writer wrote is kept, their value winning where the two disagree (the
 * list is theirs). Only the writer's text and the review's text reach the entry; nothing is looked up or made up.
 */
import type { CslItem, CslName, Reference } from '../knowledge/model';
import { spelledInitials } from '../knowledge/reviewSource';

/** CSL fields read from a writer's entry that the merged item carries over the review's. */
const writerFields = [
  'type',
  'title',
  'container-title',
  'volume',
  'issue',
  'number',
  'page',
  'publisher',
  'issued',
  'DOI',
  'PMID',
  'PMCID',
  'ISBN',
  'URL',
] as const satisfies readonly (keyof CslItem)[];

/**
 * The reference to format for an own-list entry linked to the review's `printed` reference: the review's fields,
 * then the writer's over them. Undefined when the writer's entry could not be read into fields (its text kept as
 * `note`): rewriting it from the review alone would drop what the writer wrote.
 */
export function mergedWithWriter(printed: Reference, own: Reference): Reference | undefined {
  const writer = own.item;
  if (writer.note !== undefined && writer.title === undefined) return undefined;
  const item: CslItem = { ...printed.item };
  for (const field of writerFields) {
    if (writer[field] !== undefined) (item as unknown as Record<string, unknown>)[field] = writer[field];
  }
  if (writer.author && writer.author.length > 0) {
    item.author = writer.author.map(cslName);
    // The writer's author list decides "et al." too: theirs may stop earlier than the review's, or name everyone.
    if (writer.moreAuthors) item.moreAuthors = true;
    else delete item.moreAuthors;
  }
  // The writer's source and place: the entry is theirs, enriched, and is formatted from its fields.
  return { ...own, key: printed.key, item, reviewNumber: printed.reviewNumber };
}

/** Vancouver initials as a CSL given name ("AR" → "A. R."), so a style that initialises names keeps both letters. */
function cslName(name: CslName): CslName {
  return name.given === undefined ? name : { ...name, given: spelledInitials(name.given) };
}

/** An identifier of the writer's entry that the formatted text must still show. */
interface WrittenIdentifier {
  value: string;
  /** How to write it when it cannot be copied from the writer's text. */
  label: string;
}

/**
 * The formatted entry with every identifier the writer's entry has (DOI, PMID, PMCID, ISBN, URL) that the style did
 * not print appended as the writer wrote it, so a style that leaves out, say, URLs of articles does not drop theirs.
 * `writtenText` is the entry's text in the document; `escape` makes a value safe for it when it must be rebuilt.
 */
export function withWriterIdentifiers(formatted: string, own: CslItem, writtenText: string, escape: (text: string) => string): string {
  const identifiers: WrittenIdentifier[] = [];
  if (own.DOI) identifiers.push({ value: own.DOI, label: 'doi:' });
  if (own.PMID) identifiers.push({ value: own.PMID, label: 'PMID: ' });
  if (own.PMCID) identifiers.push({ value: own.PMCID, label: '' });
  if (own.ISBN) identifiers.push({ value: own.ISBN, label: 'ISBN: ' });
  if (own.URL) identifiers.push({ value: own.URL, label: '' });
  // Escapes are the document's, not the identifier's: compare without them.
  const shown = formatted.replace(/\\/g, '').toLowerCase();
  const missing = identifiers.filter((identifier) => !shown.includes(identifier.value.toLowerCase()));
  if (missing.length === 0) return formatted;
  const appended = missing.map((identifier) => writtenFragment(writtenText, identifier.value) ?? `${identifier.label}${escape(identifier.value)}`);
  return `${formatted.trimEnd()} ${appended.join(' ')}`;
}

/**
 * The identifier as the writer's text writes it, with the label or link before it (`doi:`, `https://doi.org/`,
 * `PMID: `, `\url{…}`, `Available from: `); undefined when the text does not hold it verbatim (a LaTeX escape inside it).
 */
function writtenFragment(text: string, value: string): string | undefined {
  const at = text.toLowerCase().indexOf(value.toLowerCase());
  if (at < 0) return undefined;
  const before = text.slice(0, at);
  const prefix = /(?:Available (?:from|at):?\s*)?(?:\\(?:url|doi|href)\{|https?:\/\/(?:dx\.)?doi\.org\/|\b(?:doi|pmid|pmcid|isbn)\s*:?\s*)?$/i.exec(before)![0];
  const closing = prefix.endsWith('{') && text[at + value.length] === '}' ? '}' : '';
  return text.slice(at - prefix.length, at + value.length) + closing;
}
