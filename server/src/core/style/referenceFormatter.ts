/**
 * References written in a CSL style by citeproc-js (npm `citeproc`), the CSL processor Zotero and Mendeley use: a
 * numbered reference list (entry i is reference i, in citation order, without its number: the caller writes "1. "
 * or "[1] " as the document's list does) and single entries. Plain text, Markdown-safe by default, or LaTeX-safe.
 * Pure: the style and locale come in as XML strings; the engines for a style are built once and reused.
 */
/*! Bundled: citeproc-js (npm citeproc 2.4.63, unmodified), Copyright (c) 2009-2019 Frank Bennett, used under the
 * Common Public Attribution License 1.0 (offered under CPAL 1.0 or AGPL 3.0); its source is the npm package and
 * https://github.com/Juris-M/citeproc-js. Bundled data: the CSL style "NLM/Vancouver" and the en-US locale of the
 * Citation Style Language project, CC BY-SA 3.0. See README.md, "Licences of bundled components". */
import CSL from 'citeproc';
import type { CslItem, Reference } from '../knowledge/model';
import { escapeLatex, escapeMarkdown } from './escaping';
import { bundledLocales } from './bundledStyles';
import { tagNestingProblem } from './xmlShape';

/** A CSL style: its XML, and the name messages give it ("vancouver", "styles/nature.csl"). */
export interface CitationStyle {
  xml: string;
  name: string;
}

/** How the text is escaped for the document it goes into: Markdown (the default), LaTeX, or not at all. */
export type ReferenceOutput = 'markdown' | 'latex' | 'text';

export interface ReferenceFormatter {
  /** The style's name, as given. */
  readonly styleName: string;
  /** Entry i is the text of references[i], in the given (citation) order, without a leading number. */
  formatList(references: readonly Reference[], output?: ReferenceOutput): string[];
  /** One reference's entry, without a leading number. */
  formatOne(reference: Reference, output?: ReferenceOutput): string;
}

/** A style citeproc-js cannot use: not CSL, malformed XML, or no bibliography. The message says which style and why. */
export class CitationStyleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CitationStyleError';
  }
}

/**
 * A formatter for `style` (throws CitationStyleError when citeproc-js cannot use it). `locale` is a CSL locale tag
 * ("en-US", the default; only en-US is bundled, and citeproc falls back to it for any other).
 */
export function createReferenceFormatter(style: CitationStyle, locale = 'en-US'): ReferenceFormatter {
  const engines = stylesFor(style, locale);
  return {
    styleName: style.name,
    formatList: (references, output = 'markdown') =>
      engines.list(references).map((text, index) => escaped(text || fallbackText(references[index]), output)),
    formatOne: (reference, output = 'markdown') => escaped(engines.one(reference) || fallbackText(reference), output),
  };
}

/** Engines by locale and style XML; building one parses the style (about 0.2 s for Vancouver), so few are kept. */
const styleCache = new Map<string, StyleEngines>();
const maxCachedStyles = 4;

function stylesFor(style: CitationStyle, locale: string): StyleEngines {
  const cacheKey = `${locale}\u0000${style.xml}`;
  let engines = styleCache.get(cacheKey);
  if (engines) {
    // Most recently used last, so the oldest is dropped first.
    styleCache.delete(cacheKey);
  } else {
    engines = new StyleEngines(style, locale);
  }
  styleCache.set(cacheKey, engines);
  if (styleCache.size > maxCachedStyles) styleCache.delete(styleCache.keys().next().value as string);
  return engines;
}

type Engine = InstanceType<typeof CSL.Engine>;

/**
 * One style's citeproc engines. In a numeric style whose entries do not depend on each other (no year suffixes,
 * no "———" for a repeated author), each entry's text is kept by item: refreshing a list formats only the references
 * that are new or changed. Otherwise the whole list's last result is kept. Single entries (hovers) have an engine of
 * their own, so a hover never makes the list engine drop and re-register the whole list.
 */
class StyleEngines {
  private readonly items = new Map<string, Record<string, unknown>>();
  private readonly listEngine: Engine;
  private oneEngine: Engine | undefined;
  private lastList: { key: string; texts: string[] } | undefined;
  /** Entry texts by item (content hash), for styles whose entries stand alone; single entries for the others. */
  private readonly texts = new Map<string, string>();
  /** Whether entries start with their citation number, which the caller writes itself. */
  private readonly numbered: boolean;
  private readonly entriesStandAlone: boolean;

  constructor(
    private readonly style: CitationStyle,
    private readonly locale: string,
  ) {
    if (!/<style\b[^>]*xmlns=["']http:\/\/purl\.org\/net\/xbiblio\/csl["']/.test(style.xml)) {
      throw new CitationStyleError(`${style.name} is not a CSL style: it has no <style xmlns="http://purl.org/net/xbiblio/csl"> element.`);
    }
    const nesting = tagNestingProblem(style.xml);
    if (nesting) throw new CitationStyleError(`${style.name} is not well-formed XML (${nesting}).`);
    const bibliography = /<bibliography\b[\s\S]*<\/bibliography>/.exec(style.xml);
    if (!bibliography) throw new CitationStyleError(`${style.name} has no <bibliography> element, so it cannot write a reference list.`);
    // The number may be written in the layout or in a macro it calls: a numeric style's entries start with it.
    this.numbered =
      /variable=["']citation-number["']/.test(bibliography[0]) ||
      (/citation-format=["']numeric["']/.test(style.xml) && /variable=["']citation-number["']/.test(style.xml));
    this.entriesStandAlone =
      this.numbered && !/subsequent-author-substitute|disambiguate-add-year-suffix|year-suffix/.test(style.xml);
    this.listEngine = this.build();
  }

  list(references: readonly Reference[]): string[] {
    if (references.length === 0) return [];
    if (this.entriesStandAlone) {
      const ids = references.map((reference) => itemId(reference.item));
      const missing = new Map<string, Reference>();
      ids.forEach((id, index) => {
        if (!this.texts.has(id)) missing.set(id, references[index]);
      });
      if (missing.size > 0) {
        const texts = this.bibliography(this.listEngine, [...missing.keys()], [...missing.values()]);
        [...missing.keys()].forEach((id, index) => this.remember(id, texts[index]));
      }
      return ids.map((id) => this.recall(id) ?? '');
    }
    const ids = references.map((reference, index) => `${index}-${itemId(reference.item)}`);
    const key = ids.join('\n');
    if (this.lastList?.key !== key) this.lastList = { key, texts: this.bibliography(this.listEngine, ids, references) };
    return [...this.lastList.texts];
  }

  one(reference: Reference): string {
    const id = itemId(reference.item);
    let text = this.recall(id);
    if (text === undefined) {
      this.oneEngine ??= this.build();
      text = this.bibliography(this.oneEngine, [id], [reference])[0];
      this.remember(id, text);
    }
    return text;
  }

  private recall(id: string): string | undefined {
    const text = this.texts.get(id);
    if (text !== undefined) {
      // Most recently used last, so the oldest is dropped first.
      this.texts.delete(id);
      this.texts.set(id, text);
    }
    return text;
  }

  private remember(id: string, text: string): void {
    this.texts.set(id, text);
    if (this.texts.size > maxCachedTexts) this.texts.delete(this.texts.keys().next().value as string);
  }

  private build(): Engine {
    const sys = {
      // Only en-US is bundled: a style or caller asking for another language gets English terms, not a failure.
      retrieveLocale: (lang: string) => bundledLocales[lang] ?? bundledLocales['en-US'],
      retrieveItem: (id: string) => this.items.get(id),
    };
    try {
      const engine = new CSL.Engine(sys, this.style.xml, this.locale);
      engine.setOutputFormat('text');
      return engine;
    } catch (error) {
      throw new CitationStyleError(`${this.style.name} could not be read as a CSL style (${describe(error)}).`);
    }
  }

  /** citeproc's entries for the references, put back in the references' order (a sorting style reorders them). */
  private bibliography(engine: Engine, ids: readonly string[], references: readonly Reference[]): string[] {
    this.items.clear();
    ids.forEach((id, index) => this.items.set(id, citeprocItem(references[index].item, id)));
    let result: ReturnType<Engine['makeBibliography']>;
    try {
      engine.updateItems([...ids]);
      result = engine.makeBibliography();
    } catch (error) {
      throw new CitationStyleError(`${this.style.name} failed while writing the reference list (${describe(error)}).`);
    } finally {
      this.items.clear();
    }
    if (!result) throw new CitationStyleError(`${this.style.name} has no bibliography, so it cannot write a reference list.`);
    const [meta, entries] = result;
    // A sorting style numbers its entries in its own order: entry k of citeproc's list carries the number k + 1.
    const byId = new Map<string, string>();
    meta.entry_ids.forEach((entryIds, position) => {
      let text = oneLine(entries[position] ?? '');
      if (this.numbered) text = withoutNumber(text, position + 1);
      // citeproc's placeholder for an item with nothing to print: the caller's fallback reads better.
      if (text.startsWith('[CSL STYLE ERROR')) text = '';
      for (const id of entryIds) byId.set(id, text);
    });
    return ids.map((id) => byId.get(id) ?? '');
  }
}

/** Entry texts kept per style: a few manuscripts' lists, a few hundred kilobytes. */
const maxCachedTexts = 5000;

/**
 * An id that changes when the item does, so citeproc never reuses what it registered for another item and a kept
 * text is never given to a changed item.
 */
function itemId(item: CslItem): string {
  const text = JSON.stringify(item);
  // Two 32-bit FNV-1a-style hashes with different multipliers, and the length: a collision is not a practical concern.
  let first = 0x811c9dc5;
  let second = 0x01000193 ^ text.length;
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x5bd1e995);
  }
  return `${text.length.toString(36)}-${(first >>> 0).toString(36)}-${(second >>> 0).toString(36)}`;
}

/**
 * The item as citeproc reads it: its CSL fields under its own id. An author list the source ended in "et al." gets
 * a last name "et al.", so a style that abbreviates long lists (Vancouver: six names, then "et al.") still says
 * that more authors exist, and one that lists every name ends the list the way the source did.
 */
function citeprocItem(item: CslItem, id: string): Record<string, unknown> {
  const { moreAuthors, ...fields } = item;
  const copy: Record<string, unknown> = { ...fields, id, type: item.type ?? 'article-journal' };
  if (moreAuthors && item.author && item.author.length > 0) copy.author = [...item.author, { literal: 'et al.' }];
  return copy;
}

/** citeproc ends each entry with a newline and may break blocks onto lines; an entry is one line of text. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A numeric style starts each entry with its number ("1. ", "[1] ", "(1) ", "1 "): the caller writes its own. */
function withoutNumber(text: string, number: number): string {
  const leadingNumber = new RegExp(`^(?:\\[${number}\\]|\\(${number}\\)|${number}[.)]|${number}(?=\\s))\\s*`);
  return text.replace(leadingNumber, '');
}

/** An entry citeproc writes nothing for (no author, title or container): its text as written, else its key. */
function fallbackText(reference: Reference): string {
  return reference.item.note ?? reference.item.title ?? reference.key;
}

function escaped(text: string, output: ReferenceOutput): string {
  if (output === 'latex') return escapeLatex(text);
  if (output === 'markdown') return escapeMarkdown(text);
  return text;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
