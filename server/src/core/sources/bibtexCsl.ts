/** A BibTeX or BibLaTeX entry's fields (raw LaTeX) as a CSL item: types mapped, text decoded, names split, dates read. */
import type { CslDate, CslItem } from '../knowledge/model';
import { parseNames } from './bibtexNames';
import { decodeLatex } from './latex';

/** BibTeX/BibLaTeX entry types and the CSL type each is. */
const cslTypes: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  mvbook: 'book',
  inbook: 'chapter',
  bookinbook: 'chapter',
  suppbook: 'chapter',
  booklet: 'pamphlet',
  collection: 'book',
  mvcollection: 'book',
  incollection: 'chapter',
  suppcollection: 'chapter',
  dataset: 'dataset',
  manual: 'report',
  misc: 'document',
  online: 'webpage',
  electronic: 'webpage',
  www: 'webpage',
  patent: 'patent',
  periodical: 'periodical',
  suppperiodical: 'article-journal',
  proceedings: 'book',
  mvproceedings: 'book',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  reference: 'book',
  mvreference: 'book',
  inreference: 'entry-encyclopedia',
  report: 'report',
  techreport: 'report',
  software: 'software',
  thesis: 'thesis',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  unpublished: 'manuscript',
  letter: 'personal_communication',
  standard: 'standard',
  artwork: 'graphic',
  audio: 'song',
  music: 'song',
  video: 'motion_picture',
  movie: 'motion_picture',
  performance: 'performance',
  review: 'review',
  jurisdiction: 'legal_case',
  legislation: 'legislation',
  legal: 'legislation',
  web_page: 'webpage',
  webpage: 'webpage',
  magazine_article: 'article-magazine',
  film: 'motion_picture',
};

const monthNumbers: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/**
 * What an abstract contributes: its opening words, which the search indexes (knowledge/search.ts reads 40). Decoding
 * and holding whole abstracts would double the time and memory of a large library for text nothing shows.
 */
export const abstractWordsKept = 60;

function openingOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let end = 0;
  for (let words = 0; words < abstractWordsKept && end !== -1; words++) end = raw.indexOf(' ', end + 1);
  const decoded = decodeLatex(end === -1 ? raw : raw.slice(0, end)).trim();
  return decoded === '' ? undefined : decoded;
}

export function cslItemOf(key: string, type: string, fields: ReadonlyMap<string, string>): CslItem {
  const item: CslItem = { id: key, type: cslTypes[type] ?? 'document' };
  const text = (name: string) => {
    const raw = fields.get(name);
    if (raw === undefined) return undefined;
    const decoded = decodeLatex(raw);
    return decoded === '' ? undefined : decoded;
  };
  const withSub = (main: string | undefined, sub: string | undefined) => (main && sub ? `${main}${/[.:?!]$/.test(main) ? '' : ':'} ${sub}` : main);
  const set = <K extends keyof CslItem>(name: K, value: CslItem[K] | undefined) => {
    if (value !== undefined) item[name] = value;
  };

  set('title', withSub(text('title'), text('subtitle')));
  const container =
    withSub(text('journaltitle') ?? text('journal'), text('journalsubtitle')) ??
    withSub(text('booktitle'), text('booksubtitle')) ??
    withSub(text('maintitle'), text('mainsubtitle')) ??
    text('eventtitle');
  if (container && !(item.type === 'book' && container === item.title)) set('container-title', container);
  const author = fields.get('author');
  if (author !== undefined) {
    const names = parseNames(author);
    if (names.length > 0) item.author = names;
    // "… and others" is BibTeX's "et al.": parseNames drops it, the item keeps that the list goes on.
    if (names.length > 0 && /\band\s+others\s*$/i.test(author)) item.moreAuthors = true;
  }
  const editor = fields.get('editor');
  if (editor !== undefined) {
    const names = parseNames(editor);
    if (names.length > 0) item.editor = names;
  }
  set('issued', dateOf(fields));
  set('volume', text('volume'));
  if (item.type === 'article-journal' || item.type === 'periodical') set('issue', text('number') ?? text('issue'));
  else {
    set('issue', text('issue'));
    set('number', text('number'));
  }
  set('page', text('pages'));
  set('publisher', text('publisher') ?? text('school') ?? text('institution') ?? text('organization'));
  const doi = identifier(fields.get('doi'));
  if (doi) set('DOI', doi.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, ''));
  const eprintType = fields.get('eprinttype')?.toLowerCase().trim();
  set('PMID', identifier(fields.get('pmid')) ?? (eprintType === 'pubmed' ? identifier(fields.get('eprint')) : undefined));
  set('PMCID', identifier(fields.get('pmcid')) ?? (eprintType === 'pmc' || eprintType === 'pmcid' ? identifier(fields.get('eprint')) : undefined));
  set('ISBN', identifier(fields.get('isbn')));
  set('URL', identifier(fields.get('url')));
  set('abstract', openingOf(fields.get('abstract')));
  set('keyword', text('keywords'));
  set('note', text('note'));
  return item;
}

/** A DOI, URL or number as written: braces and LaTeX escapes removed, but no other decoding (`--` stays). */
function identifier(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const value = raw
    .replace(/\\url\s*/g, '')
    .replace(/\\([_%&#$~])/g, '$1')
    .replace(/[{}]/g, '')
    .trim();
  return value === '' ? undefined : value;
}

/** `date = {2019-05-01}` (BibLaTeX, EDTF ranges `2019/2020`), else `year` with `month` and `day`. */
function dateOf(fields: ReadonlyMap<string, string>): CslDate | undefined {
  const date = fields.get('date')?.replace(/[{}]/g, '').trim();
  if (date) {
    const parts = date.split('/').map((part) => /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(part.trim()));
    if (parts[0]) {
      return {
        'date-parts': parts.filter((match): match is RegExpExecArray => match !== null).map((match) => match.slice(1).filter((part) => part !== undefined).map(Number)),
      };
    }
    return { literal: decodeLatex(date) };
  }
  const yearText = fields.get('year')?.replace(/[{}]/g, '').trim();
  if (!yearText) return undefined;
  const year = /^\d{1,4}$/.test(yearText) ? Number(yearText) : undefined;
  if (year === undefined) {
    const embedded = /(?<!\d)(\d{4})(?!\d)/.exec(yearText);
    return embedded ? { 'date-parts': [[Number(embedded[1])]], raw: decodeLatex(yearText) } : { literal: decodeLatex(yearText) };
  }
  const parts = [year];
  const monthText = fields.get('month')?.replace(/[{}]/g, '').trim().toLowerCase();
  const month = monthText ? (/^\d{1,2}$/.test(monthText) ? Number(monthText) : monthNumbers[monthText.slice(0, 3)]) : undefined;
  if (month !== undefined && month >= 1 && month <= 12) {
    parts.push(month);
    const day = Number(fields.get('day')?.replace(/[{}]/g, '').trim());
    if (Number.isInteger(day) && day >= 1 && day <= 31) parts.push(day);
  }
  return { 'date-parts': [parts] };
}
