/**
 * The manuscript's own reference list as references of the shared model: each entry found by
 * manuscript/referenceList.ts is read heuristically into CSL fields. Vancouver (`Caseiro AR, Pedrosa SS.
 * Title. PLoS ONE. 2019;14(11):1-33.`), APA-like (`Smith, J., & Doe, A. (2020). Title. Journal, 12(3), 45–67.`)
 * and `\bibitem` texts are understood; what cannot be read is left absent, and an entry without a title keeps
 * its text as written in `note`. Identifiers (DOI, PMID, PMCID, URL) are found anywhere in the entry.
 */
import type { CslItem, CslName, Reference, ReferenceSource, SourceProblem, SourceReading } from '../knowledge/model';
import type { ManuscriptLanguage, ManuscriptReferenceList } from '../manuscript/types';

export function manuscriptListSource(uri: string): ReferenceSource {
  return { kind: 'manuscript-list', id: uri, label: "the manuscript's reference list" };
}

/** The references of a manuscript's own list; a number or key defined twice is a problem, the first one kept. */
export function readManuscriptList(text: string, language: ManuscriptLanguage, list: ManuscriptReferenceList, uri: string): SourceReading {
  const source = manuscriptListSource(uri);
  const references: Reference[] = [];
  const problems: SourceProblem[] = [];
  const seen = new Set<string>();
  for (const entry of list.entries) {
    const key = entry.key ?? String(entry.number);
    const location = { uri, line: entry.line, character: entry.start - (text.lastIndexOf('\n', entry.start - 1) + 1) };
    if (seen.has(key)) {
      const what = entry.key === undefined ? `Reference ${key}` : `The key “${key}”`;
      problems.push({ location, severity: 'warning', code: 'duplicate-key', message: `${what} appears twice in the reference list; the first is used.` });
      continue;
    }
    seen.add(key);
    const item: CslItem = { id: key, ...parseReferenceText(language === 'latex' ? plainLatex(entry.text) : entry.text) };
    references.push({ source, key, number: entry.number, item, location });
  }
  return { references, problems };
}

export type ParsedFields = Omit<CslItem, 'id'>;

/** Reads the fields of one reference written as text. Never throws; absent what it cannot read. */
export function parseReferenceText(written: string): ParsedFields {
  const text = written.replace(/\s+/g, ' ').trim();
  const fields: ParsedFields = {};
  const doi = DOI.exec(text);
  if (doi) fields.DOI = trimTrailing(doi[1]!);
  const pmid = PMID.exec(text);
  if (pmid) fields.PMID = pmid[1]!;
  const pmcid = PMCID.exec(text);
  if (pmcid) fields.PMCID = pmcid[1]!;
  const url = [...text.matchAll(URL_PATTERN)].map((match) => trimTrailing(match[0])).find((candidate) => !/doi\.org\//i.test(candidate));
  if (url) fields.URL = url;

  // Identifiers and access notes are not part of the citation proper.
  const body = text
    .replace(/\s*(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*|DOI\s*)10\.\d{4,9}\/\S+/gi, '')
    .replace(URL_PATTERN, '')
    .replace(/\s*\b(?:PMID|PMCID):?\s*(?:PMC)?\d+\.?/gi, '')
    .replace(/\s*(?:Available (?:from|at)|Retrieved from|Accessed)[^.]*\.?/gi, '')
    .trim();
  // Markdown emphasis marks the journal (`*Proteomics*`) in many hand-written lists; remember where, then drop it.
  const plain = body.replace(/(\*{1,2}|_{1,2})([^*_]+?)\1/g, (_all, _marker: string, inner: string) => `\u0001${inner}\u0002`);
  const apa = APA_YEAR.exec(plain);
  if (apa) readApa(plain, apa, fields);
  else readVancouver(plain.replace(/[\u0001\u0002]/g, ''), fields);
  // Vancouver marks an item read online with "[Internet]" after the journal: a medium, not part of its name.
  if (fields['container-title']) fields['container-title'] = fields['container-title'].replace(/\s*\[Internet\]$/i, '');
  for (const field of ['title', 'container-title', 'volume', 'issue', 'page'] as const) {
    const value = fields[field]?.replace(/[\u0001\u0002]/g, '').trim();
    if (value) fields[field] = value;
    else delete fields[field];
  }
  if (fields['container-title'] && !fields.volume && /^[^:]+:\s*[^:]+$/.test(fields['container-title'])) {
    // `Geneva: WHO; 2018.` names a place and a publisher, not a journal.
    fields.publisher = fields['container-title'];
    delete fields['container-title'];
  }
  if (!fields.title) fields.note = text;
  if (fields['container-title'] && (fields.volume || fields.page)) fields.type = 'article-journal';
  return fields;
}

const DOI = /\b(10\.\d{4,9}\/[^\s"<>]+)/;
const PMID = /\bPMID:?\s*(\d{1,9})\b/i;
const PMCID = /\b(PMC\d+)\b/;
const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
/** `Smith, J. (2020).` or `(2020a)`: the year in parentheses right after the authors. */
const APA_YEAR = /\((\d{4})[a-z]?(?:,[^)]*)?\)\.?/;
/** `2019;14(11):1-33`, `2019 Nov;14(11):e0225`, `2019;14:1-33`, `2019:1-33`. */
const VANCOUVER_SOURCE = /\b(\d{4})(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*(?:;\s*(\w+)(?:\s*\(([^)]+)\))?)?(?::\s*([\w]+(?:\s*[-–]\s*\w+)?))?/;

function readApa(body: string, year: RegExpExecArray, fields: ParsedFields): void {
  fields.issued = { 'date-parts': [[Number(year[1])]] };
  const authorText = body.slice(0, year.index);
  const authors = parseNames(authorText);
  if (authors.length > 0) {
    fields.author = authors;
    if (endsInEtAl(authorText)) fields.moreAuthors = true;
  }
  const rest = body.slice(year.index + year[0].length).trim();
  // The journal is the emphasis followed by its volume (`*Bacillus subtilis*` in a title is not), else the last one.
  const emphases = [...rest.matchAll(/\u0001([^\u0002]*)\u0002/g)];
  const emphasis = emphases.find((match) => /^[.,]?\s*\d/.test(rest.slice(match.index + match[0].length))) ?? emphases[emphases.length - 1];
  if (emphasis && emphasis.index > 0) {
    // `Title. *Journal* 12(3): 45-67` or `Title *Journal*. 64 (2000): 515-547`.
    fields.title = rest.slice(0, emphasis.index).trim().replace(/[.,]$/, '');
    fields['container-title'] = emphasis[1]!.trim().replace(/,$/, '');
    const numbers = /^[.,]?\s*(\w+)\s*(?:\(([^)]+)\))?\s*[:,]?\s*(\w+(?:\s*[-–]\s*\w+)?)?/.exec(rest.slice(emphasis.index + emphasis[0].length));
    if (numbers && /\d/.test(numbers[1]!)) {
      fields.volume = numbers[1]!;
      if (numbers[2] && numbers[2] !== year[1]) fields.issue = numbers[2];
      if (numbers[3]) fields.page = numbers[3].replace(/\s+/g, '');
    }
    return;
  }
  const sentences = splitSentences(rest);
  if (sentences[0]) fields.title = sentences[0];
  const source = sentences[1];
  if (!source) return;
  // `Journal, 12(3), 45–67` or `Journal, 12, 45-67`.
  const parts = /^(.*?),\s*(\w+)(?:\s*\(([^)]+)\))?(?:,\s*([\w]+(?:\s*[-–]\s*\w+)?))?\.?$/.exec(source);
  if (parts && /\d/.test(parts[2]!)) {
    fields['container-title'] = parts[1]!;
    fields.volume = parts[2]!;
    if (parts[3]) fields.issue = parts[3];
    if (parts[4]) fields.page = parts[4].replace(/\s+/g, '');
  } else {
    fields['container-title'] = source.replace(/\.$/, '');
  }
}

function readVancouver(body: string, fields: ParsedFields): void {
  const sentences = splitSentences(body);
  const sourceIndex = sentences.findIndex((sentence, index) => index > 0 && VANCOUVER_SOURCE.test(sentence) && /^\d{4}\b/.test(sentence.replace(/^.*?(?=\d{4})/, '')));
  if (sentences.length >= 2) {
    const authors = parseNames(sentences[0]!);
    if (authors.length > 0) {
      fields.author = authors;
      if (endsInEtAl(sentences[0]!)) fields.moreAuthors = true;
    }
  }
  const yearAt = sourceIndex >= 0 ? sourceIndex : -1;
  if (yearAt >= 0) {
    const sentence = sentences[yearAt]!;
    const match = VANCOUVER_SOURCE.exec(sentence)!;
    fields.issued = { 'date-parts': [[Number(match[1])]] };
    if (match[2]) fields.volume = match[2];
    if (match[3]) fields.issue = match[3];
    if (match[4]) fields.page = match[4].replace(/\s+/g, '');
    // `PLoS ONE. 2019;…` puts the journal in the sentence before; `PLoS ONE 2019;…` in the same one.
    const before = sentence.slice(0, match.index).trim();
    const container = before || (yearAt >= 3 ? sentences[yearAt - 1] : undefined);
    if (container) fields['container-title'] = container.replace(/[.,;]$/, '');
    const titleIndex = before ? yearAt - 1 : yearAt - 2;
    if (titleIndex >= 1) fields.title = sentences.slice(1, titleIndex + 1).join('. ');
  } else {
    const year = /\b(1[89]\d{2}|20\d{2})\b/.exec(body);
    if (year) fields.issued = { 'date-parts': [[Number(year[1])]] };
    if (sentences.length >= 2) fields.title = sentences[1];
  }
}

/**
 * Splits at ". " (and "? ", "! ") but not after an initial ("J. ", "A.R. "), "et al." followed by a lower-case
 * word, or common abbreviations, so authors and journal abbreviations stay whole enough.
 */
function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (let j = 0; j < text.length; j++) {
    const c = text[j];
    if ((c === '.' || c === '?' || c === '!') && (j + 1 === text.length || text[j + 1] === ' ')) {
      const word = text.slice(text.lastIndexOf(' ', j - 1) + 1, j);
      if (c === '.' && /^(?:[A-Z]|[A-Z]\.[A-Z]|vol|no|pp|eds?|Ed|St|Dr|Jr|Sr)$/.test(word) && !isAuthorRunEnd(text, j)) continue;
      const sentence = text.slice(start, c === '.' ? j : j + 1).trim();
      if (sentence) sentences.push(sentence);
      start = j + 1;
    }
  }
  const last = text.slice(start).trim().replace(/\.$/, '');
  if (last) sentences.push(last);
  return sentences;
}

/** In `Smith J. Title` the single capital closes the author run: a capitalised word with no comma follows. */
function isAuthorRunEnd(text: string, period: number): boolean {
  const before = text.slice(Math.max(0, period - 40), period);
  return /[A-Za-z\u00C0-\u024F'-]{2,} [A-Z]$/.test(before);
}

/** `Caseiro AR, Pedrosa SS, et al` (or `et al.`, `…`): the writer's list names only the first authors. */
function endsInEtAl(authors: string): boolean {
  return /(?:,|\s)\s*(?:et\.? al\.?|…|\.\.\.)\s*[.,]?\s*$/i.test(authors);
}

/** Names as written, in either `Smith, J., & Doe, A.` or `Smith J, Doe A and Lee C` style. */
function parseNames(written: string): CslName[] {
  if (/[\p{Lu}][\p{Ll}'’-]+,\s*[\p{Lu}]\./u.test(written)) return parseApaNames(written);
  return parseVancouverNames(written.replace(/,?\s+(?:and|&)\s+/g, ', '));
}

/** `Caseiro AR, Pedrosa SS, Ivanova G, et al` → CSL names; institutions stay literal. */
function parseVancouverNames(written: string): CslName[] {
  const names: CslName[] = [];
  for (const part of written.split(/\s*,\s*/)) {
    const name = part.trim().replace(/\.$/, '');
    if (!name || /^et\.? al\.?$/i.test(name)) continue;
    const person = /^(.+?)\s+([A-Z]{1,4}|(?:[A-Z]\.\s?){1,4}(?:-[A-Z]\.)?)$/.exec(name);
    if (person) names.push({ family: person[1]!, given: person[2]!.trim() });
    else names.push({ literal: name });
  }
  return names;
}

/** `Smith, J., Doe, A. B., & Lee, C.` → CSL names. */
function parseApaNames(written: string): CslName[] {
  const tokens = written.replace(/\s*(?:&|\band\b)\s*/g, ', ').split(/\s*,\s*/).map((token) => token.trim()).filter((token) => token && token !== '…' && token !== '...');
  const names: CslName[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const family = tokens[i]!;
    const given = tokens[i + 1];
    if (given && /^(?:[A-Z][a-z]?\.?\s?-?)+$/.test(given)) {
      names.push({ family, given });
      i++;
    } else if (!/^et al\.?$/i.test(family)) {
      names.push({ literal: family.replace(/\.$/, '') });
    }
  }
  return names;
}

function trimTrailing(value: string): string {
  let end = value.length;
  while (end > 0 && '.,;:'.includes(value[end - 1]!)) end--;
  // An unbalanced closing parenthesis belongs to the sentence, not the identifier.
  let result = value.slice(0, end);
  while (result.endsWith(')') && (result.match(/\(/g)?.length ?? 0) < (result.match(/\)/g)?.length ?? 0)) result = result.slice(0, -1);
  return result;
}

/** `\bibitem` text as plain text: `\newblock`, `{\em …}`, `\emph{…}`, `~`, `--` and braces undone. */
function plainLatex(text: string): string {
  return text
    .replace(/%[^\n]*/g, '')
    .replace(/\\newblock\b/g, ' ')
    .replace(/\\(?:em|it|bf|sc|rm|sl)\b\s*/g, '')
    .replace(/\\(?:emph|textit|textbf|textsc|textrm|mbox|url|doi|href)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\textbackslash\{\}/g, '\\')
    .replace(/\\([&_%#$])/g, '$1')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/~/g, ' ')
    .replace(/\\[a-zA-Z]+\s*/g, '')
    .replace(/[{}]/g, '');
}
