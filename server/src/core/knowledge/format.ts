/**
 * How a reference of any source is written for people: in full (hovers, completion documentation, the picker), in
 * short ("Caseiro et al. 2019, PLoS ONE"), and where it is defined ("refs.bib, line 12"). The review's references
 * keep the review's printed form, so a hover reads as the review's own reference list does.
 */
import type { Dataset } from '../dataset';
import type { CslName, Reference } from './model';

/** "Caseiro AR, Pedrosa SS (2019) Title. PLoS ONE. 14(11):1-33." for the review; the same shape for any CSL item. */
export function formatReference(reference: Reference, dataset: Dataset): string {
  const printed = reviewEntry(reference, dataset);
  if (printed) return dataset.formatReference(printed);
  const { item } = reference;
  const authors = namesText(item.author ?? item.editor ?? []);
  const year = yearOf(reference);
  let text = [authors, year ? `(${year})` : ''].filter(Boolean).join(' ');
  if (item.title) text += `${text ? ' ' : ''}${withFullStop(item.title)}`;
  if (item['container-title']) text += ` ${withFullStop(item['container-title'])}`;
  const locator = [item.volume ?? '', item.issue ? `(${item.issue})` : '', item.page ? `${item.volume || item.issue ? ':' : ''}${item.page}` : ''].join('');
  if (locator) text += ` ${locator}.`;
  if (item.DOI) text += ` doi:${item.DOI}`;
  else if (item.URL) text += ` ${item.URL}`;
  if (!text.trim()) text = item.note ?? reference.key;
  return text.trim();
}

/** "Caseiro et al. 2019, PLoS ONE"; "Smith & Doe 2021"; the key when the entry has no author. */
export function shortCitation(reference: Reference, dataset: Dataset): string {
  const printed = reviewEntry(reference, dataset);
  if (printed) return dataset.shortCitation(printed);
  const names = reference.item.author ?? reference.item.editor ?? [];
  let who = names.length > 0 ? nameOf(names[0]) : '';
  if (names.length === 2) who += ` & ${nameOf(names[1])}`;
  else if (names.length > 2) who += ' et al.';
  const year = yearOf(reference);
  const parts = [[who, year].filter(Boolean).join(' '), reference.item['container-title']].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : reference.key;
}

/** The first author's family name, accents kept ("Türkmen"), or undefined. */
export function firstAuthorOf(reference: Reference): string | undefined {
  const first = (reference.item.author ?? reference.item.editor ?? [])[0];
  return first ? nameOf(first) : undefined;
}

/** The year of publication, from the CSL date parts or a literal date. */
export function yearOf(reference: Reference): string | undefined {
  const issued = reference.item.issued;
  const year = issued?.['date-parts']?.[0]?.[0];
  if (year !== undefined && Number.isFinite(year)) return String(year);
  return /\b(\d{4})\b/.exec(issued?.literal ?? issued?.raw ?? '')?.[1];
}

/** Where the reference is defined, for hovers and messages: "refs.bib, line 12", "the manuscript's reference list, entry 7". */
export function whereDefined(reference: Reference): string {
  switch (reference.source.kind) {
    case 'review':
      return `the review, reference ${reference.number}`;
    case 'manuscript-list':
      return `${reference.source.label}, entry ${reference.number ?? reference.key}`;
    default:
      return reference.location ? `${reference.source.label}, line ${reference.location.line + 1}` : reference.source.label;
  }
}

function reviewEntry(reference: Reference, dataset: Dataset) {
  return reference.source.kind === 'review' && reference.number !== undefined ? dataset.reference(reference.number) : undefined;
}

function nameOf(name: CslName): string {
  if (name.literal) return name.literal;
  return [name['non-dropping-particle'], name.family].filter(Boolean).join(' ') || name.given || '';
}

function namesText(names: readonly CslName[]): string {
  const written = names.slice(0, 6).map((name) => (name.literal ? name.literal : [nameOf(name), initials(name.given)].filter(Boolean).join(' ')));
  if (names.length > 6) written.push('et al.');
  return written.join(', ');
}

function initials(given: string | undefined): string {
  if (!given) return '';
  // Vancouver names already give initials ("AR"): keep them as written.
  if (/^\p{Lu}{1,4}$/u.test(given.trim())) return given.trim();
  return given
    .split(/[\s.]+/)
    .filter(Boolean)
    .map((part) => part.split('-').map((piece) => piece[0]?.toUpperCase() ?? '').join('-'))
    .join('');
}

function withFullStop(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** Where the reference is defined, as a sentence of its own: "Entry 7 of the manuscript's reference list", "Defined in refs.bib, line 12". */
export function definitionSentence(reference: Reference): string {
  switch (reference.source.kind) {
    case 'review':
      return `Reference ${reference.number ?? reference.key} of the review`;
    case 'manuscript-list':
      return reference.number !== undefined ? `Entry ${reference.number} of ${reference.source.label}` : `Defined in ${whereDefined(reference)}`;
    default:
      return `Defined in ${whereDefined(reference)}`;
  }
}

/** Titles in the one-line form are cut at a word boundary near this length. */
const shortTitleLength = 60;

/**
 * "Ranganath 2012, Harnessing the mesenchymal stem cell secretome…": first author, year and a short title, for lists
 * of many references (a hover on a long range). The entry's text as written stands in for a title it lacks.
 */
export function oneLineReference(reference: Reference): string {
  const who = [firstAuthorOf(reference), yearOf(reference)].filter(Boolean).join(' ');
  const title = reference.item.title ?? reference.item.note;
  const parts = [who, title ? shortTitle(title) : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : reference.key;
}

/** A title cut near `length` characters at a word boundary, never ending on "the" or "of", with an ellipsis. */
export function shortTitle(title: string, length = shortTitleLength): string {
  if (title.length <= length) return title;
  const cut = title.slice(0, length);
  const space = cut.lastIndexOf(' ');
  const words = (space > length / 2 ? cut.slice(0, space) : cut).split(' ');
  // "…secretome for the…" reads as cut mid-phrase; end on a word that carries meaning.
  while (words.length > 1 && /^(the|a|an|of|for|and|or|in|on|to|with|from|by|at|as)$/i.test(words[words.length - 1])) words.pop();
  return `${words.join(' ').replace(/[\s,:;.–-]+$/, '')}…`;
}

/**
 * Why the review cites the paper this reference is ("Cited in the review [44-45] for the challenge of …"), for a
 * reference linked to one of the review's papers; undefined for one the review does not know.
 */
export function reviewEvidence(reference: Reference, dataset: Dataset): string | undefined {
  const printed = reference.reviewNumber === undefined ? undefined : dataset.reference(reference.reviewNumber);
  if (!printed) return undefined;
  return `Cited in the review ${printed.citedIn} for ${printed.citedFor}.`;
}

/**
 * The read-only view of one of the review's references that go-to-definition opens (the review is bundled, so its
 * entries live in no file of the workspace): the entry as the review prints it, its key, and what the review cites it for.
 */
export function reviewReferenceView(reference: Reference, dataset: Dataset): string {
  const printed = reviewEntry(reference, dataset);
  const lines = [`# [${reference.number ?? reference.key}] ${shortCitation(reference, dataset)}`, '', formatReference(reference, dataset), ''];
  lines.push(`${definitionSentence(reference)}. Key: \`${printed?.key ?? reference.key}\`.`);
  const evidence = reviewEvidence(reference, dataset);
  if (evidence) lines.push('', evidence);
  lines.push('', '*A read-only view of the bundled review; cite the paper from your own bibliography to edit its entry.*', '');
  return lines.join('\n');
}
