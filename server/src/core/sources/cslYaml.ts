/**
 * A CSL-YAML file read into the reference model: a `references:` list (Pandoc's form, also inside `---` front
 * matter) or a top-level list of items. The `yaml` package gives each item's position; a syntax error becomes one
 * problem at its line, and the items YAML could still make sense of are read.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type YAMLSeq } from 'yaml';
import type { Reference, SourceProblem, SourceReading } from '../knowledge/model';
import { acceptCslItem, isRecord } from './cslItem';
import { lineCounter } from './lines';
import { defaultReadingLimits, sourceOf, tooLarge, type ReadingLimits } from './limits';

export function readCslYaml(text: string, uri: string, limits: Partial<ReadingLimits> = {}): SourceReading {
  const { maxEntries, maxTextLength } = { ...defaultReadingLimits, ...limits };
  if (text.length > maxTextLength) return tooLarge(uri, text.length, maxTextLength);
  const source = sourceOf(uri);
  // An empty file is an empty bibliography, as an empty .bib is.
  if (text.trim() === '') return { references: [], problems: [] };
  const lines = lineCounter(text);
  const at = (offset: number) => ({ uri, ...lines.position(offset) });
  const problems: SourceProblem[] = [];

  // Several documents: front matter `---` … `---` followed by Markdown, or a plain list. The first with a list counts.
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { prettyErrors: false }) as Document.Parsed[];
  } catch (error) {
    return { references: [], problems: [{ location: at(0), severity: 'error', code: 'bad-yaml', message: `${source.label} cannot be read as YAML: ${(error as Error).message}` }] };
  }
  if (!Array.isArray(documents)) documents = [documents];
  let list: YAMLSeq | undefined;
  let listDocument: Document.Parsed | undefined;
  for (const document of documents) {
    const contents = document.contents;
    const candidate = isSeq(contents) ? contents : isMap(contents) ? contents.get('references', true) : undefined;
    if (isSeq(candidate)) {
      list = candidate;
      listDocument = document;
      break;
    }
  }
  for (const document of listDocument ? [listDocument] : documents.slice(0, 1)) {
    for (const error of document.errors) {
      const offset = error.pos[0];
      const position = lines.position(offset);
      problems.push({
        location: { uri, ...position },
        severity: 'error',
        code: 'bad-yaml',
        message: `${source.label} is not valid YAML at line ${position.line + 1}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      });
    }
  }
  if (!list || !listDocument) {
    if (problems.length === 0) {
      problems.push({ location: at(0), severity: 'error', code: 'bad-yaml', message: `${source.label} has no list of references: expected "references:" followed by items, or a list of items` });
    }
    return { references: [], problems };
  }

  const references: Reference[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < list.items.length; index++) {
    const node = list.items[index] as Node | null;
    const offset = node && node.range ? idOffset(node) : 0;
    const location = at(offset);
    if (references.length >= maxEntries) {
      problems.push({ location, severity: 'error', code: 'too-many-entries', message: `the file has more than ${maxEntries.toLocaleString('en')} items; the rest, from here on, are not read` });
      break;
    }
    let raw: unknown;
    try {
      raw = node && typeof node.toJS === 'function' ? node.toJS(listDocument, { maxAliasCount: 1000 }) : node;
    } catch (error) {
      problems.push({ location, severity: 'error', code: 'bad-entry', message: `item ${index + 1} cannot be read: ${(error as Error).message}` });
      continue;
    }
    if (!isRecord(raw)) {
      problems.push({ location, severity: 'error', code: 'bad-entry', message: `item ${index + 1} is not a mapping of fields; it is skipped` });
      continue;
    }
    const problem = acceptCslItem(raw, index, location, source, seen, references);
    if (problem) problems.push(problem);
  }
  return { references, problems };
}

/** Where an item's `id` key is written, or where the item starts. */
function idOffset(node: Node): number {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && pair.key.value === 'id' && pair.key.range) return pair.key.range[0];
    }
  }
  return node.range![0];
}
