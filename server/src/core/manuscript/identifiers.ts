/**
 * Persistent identifiers written as citation keys, as Pandoc with Manubot writes them: `@doi:10.1038/nbt.3300`,
 * `@pmid:20170387`, `@pmcid:PMC3041534`, `@arxiv:1407.3561v1`, `@isbn:9780262035613`, `@url:https://…`,
 * `@wikidata:Q50051684`, `@tag:name` (defined elsewhere by `[@tag:name]: doi:…`) and `@raw:name`.
 *
 * Only the syntax is checked here, never the network: whether a DOI exists is not this module's question.
 */

export type IdentifierScheme = 'doi' | 'pmid' | 'pmcid' | 'arxiv' | 'isbn' | 'url' | 'wikidata' | 'tag' | 'raw';

export interface CitedIdentifier {
  scheme: IdentifierScheme;
  /** The identifier after its prefix, as written ("10.1038/nbt.3300", "PMC3041534"). */
  value: string;
  wellFormed: boolean;
  /** Why it is not well formed, in words a writer understands. */
  problem?: string;
}

/** Prefixes Manubot accepts (lower-cased), with the scheme each stands for. */
const PREFIXES: ReadonlyMap<string, IdentifierScheme> = new Map([
  ['doi', 'doi'],
  ['pmid', 'pmid'],
  ['pubmed', 'pmid'],
  ['pmcid', 'pmcid'],
  ['pmc', 'pmcid'],
  ['arxiv', 'arxiv'],
  ['isbn', 'isbn'],
  ['url', 'url'],
  ['http', 'url'],
  ['https', 'url'],
  ['wikidata', 'wikidata'],
  ['tag', 'tag'],
  ['raw', 'raw'],
]);

/**
 * Reads `prefix:value` (a citation key without its `@`) as an identifier, or undefined when the prefix is no
 * identifier scheme (an ordinary key such as `smith2020`, or a cross-reference such as `fig:flow`).
 */
export function readIdentifier(key: string): CitedIdentifier | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = key.slice(0, colon).toLowerCase();
  const scheme = PREFIXES.get(prefix);
  if (!scheme) return undefined;
  // `@https://example.org` keeps its prefix: the URL is the whole key.
  const value = prefix === 'http' || prefix === 'https' ? key : key.slice(colon + 1);
  const problem = identifierProblem(scheme, value);
  return problem === undefined ? { scheme, value, wellFormed: true } : { scheme, value, wellFormed: false, problem };
}

/** Whether a key is written as an identifier (`doi:…`, `tag:…`), so that no bibliography needs to define it. */
export function isIdentifierKey(key: string): boolean {
  const colon = key.indexOf(':');
  return colon > 0 && PREFIXES.has(key.slice(0, colon).toLowerCase());
}

const DOI = /^10\.\d{4,9}\/\S+$/;
const PMID = /^[1-9]\d{0,8}$/;
const PMCID = /^PMC\d+$/;
/** arXiv identifiers since 2007 (`1407.3561`, `2101.00001v2`) and before (`hep-th/9901001`, `math.GT/0309136v1`). */
const ARXIV_NEW = /^\d{4}\.\d{4,5}(?:v\d+)?$/;
const ARXIV_OLD = /^[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?$/;
const WIKIDATA = /^Q\d+$/;
const NAME = /^[\w.#$%&+?<>~/:-]+$/;

function identifierProblem(scheme: IdentifierScheme, value: string): string | undefined {
  if (value.length === 0) return 'The identifier is empty.';
  switch (scheme) {
    case 'doi':
      return DOI.test(value) ? undefined : 'A DOI starts with “10.”, four to nine digits and a slash, e.g. 10.1038/nbt.3300.';
    case 'pmid':
      return PMID.test(value) ? undefined : 'A PubMed ID is a number of up to nine digits, e.g. 20170387.';
    case 'pmcid':
      return PMCID.test(value) ? undefined : 'A PubMed Central ID is “PMC” and digits, e.g. PMC3041534.';
    case 'arxiv':
      return ARXIV_NEW.test(value) || ARXIV_OLD.test(value) ? undefined : 'An arXiv ID looks like 1407.3561, 1407.3561v2 or hep-th/9901001.';
    case 'isbn':
      return isbnProblem(value);
    case 'url':
      return urlProblem(value);
    case 'wikidata':
      return WIKIDATA.test(value) ? undefined : 'A Wikidata ID is “Q” and digits, e.g. Q50051684.';
    case 'tag':
    case 'raw':
      return NAME.test(value) ? undefined : 'A tag is made of letters, digits and _ - . : characters.';
  }
}

function isbnProblem(value: string): string | undefined {
  const compact = value.replace(/[-\s]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(compact)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (10 - i) * (compact[i] === 'X' ? 10 : Number(compact[i]));
    return sum % 11 === 0 ? undefined : 'The ISBN-10 check digit does not match; a digit is probably mistyped.';
  }
  if (/^\d{13}$/.test(compact)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(compact[i]);
    return sum % 10 === 0 ? undefined : 'The ISBN-13 check digit does not match; a digit is probably mistyped.';
  }
  return 'An ISBN has 10 or 13 digits (hyphens allowed).';
}

function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'This is not a complete URL; write it with http:// or https://.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'A cited URL starts with http:// or https://.';
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return 'The URL has no domain name.';
  return undefined;
}
