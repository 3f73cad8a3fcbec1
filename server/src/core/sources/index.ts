/**
 * The one way into the bibliography readers: text and URI in, the references and problems of that file out. The
 * format comes from the file's extension (.bib, .json, .yaml/.yml), or from its first characters when the
 * extension says nothing.
 */
import type { SourceReading } from '../knowledge/model';
import { readBibtex } from './bibtex';
import { readCslJson } from './cslJson';
import { readCslYaml } from './cslYaml';
import type { ReadingLimits } from './limits';

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml';
export type { ReadingLimits } from './limits';
export { defaultReadingLimits } from './limits';

/** The format a file name says, or undefined for an extension no reader knows. */
export function formatOfName(uri: string): BibliographyFormat | undefined {
  const extension = /\.([A-Za-z]+)$/.exec(uri.replace(/[?#].*$/, ''))?.[1].toLowerCase();
  if (extension === 'bib' || extension === 'bibtex' || extension === 'biblatex') return 'bibtex';
  if (extension === 'json') return 'csl-json';
  if (extension === 'yaml' || extension === 'yml') return 'csl-yaml';
  return undefined;
}

/** A guess from the text itself: JSON starts with a bracket, BibTeX has an `@type{`, anything else is tried as YAML. */
function formatOfText(text: string): BibliographyFormat {
  const start = text.trimStart()[0];
  if (start === '[' || start === '{') return 'csl-json';
  if (/^[ \t]*@[A-Za-z]+[ \t]*[{(]/m.test(text.slice(0, 100_000))) return 'bibtex';
  return 'csl-yaml';
}

export function readBibliographySource(text: string, uri: string, format?: BibliographyFormat, limits: Partial<ReadingLimits> = {}): SourceReading {
  // A byte-order mark is not part of the first entry; a space in its place keeps every offset.
  const content = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  switch (format ?? formatOfName(uri) ?? formatOfText(content)) {
    case 'bibtex':
      return readBibtex(content, uri, limits);
    case 'csl-json':
      return readCslJson(content, uri, limits);
    case 'csl-yaml':
      return readCslYaml(content, uri, limits);
  }
}
