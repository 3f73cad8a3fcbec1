/**
 * Fields an entry inherits: from its `crossref` parent (BibLaTeX's default rules: missing fields are copied, and a
 * book's or proceedings' title becomes the child's booktitle, a periodical's title its journaltitle…) and from the
 * `xdata` entries it names (every missing field, under its own name). Parents are resolved first, chains are
 * followed to a bounded depth, and loops stop.
 */
import type { RawEntry } from './bibtexSyntax';

/** Fields never inherited through crossref (BibLaTeX's list). */
const notInherited = new Set([
  'ids',
  'crossref',
  'xref',
  'xdata',
  'entryset',
  'entrysubtype',
  'execute',
  'label',
  'options',
  'presort',
  'related',
  'relatedoptions',
  'relatedstring',
  'relatedtype',
  'shorthand',
  'shorthandintro',
  'sortkey',
]);

interface InheritanceRule {
  parents: string[];
  children: string[];
  /** [parent field, child field] */
  fields: [string, string][];
  /** Parent fields not inherited at all for these types. */
  skip: string[];
}

const titleSkips = ['shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle'];

/** BibLaTeX's \DeclareDataInheritance rules for the main fields (biblatex.def). */
const rules: InheritanceRule[] = [
  {
    parents: ['mvbook', 'book'],
    children: ['inbook', 'bookinbook', 'suppbook'],
    fields: [
      ['author', 'author'],
      ['author', 'bookauthor'],
    ],
    skip: [],
  },
  {
    parents: ['book'],
    children: ['inbook', 'bookinbook', 'suppbook'],
    fields: [
      ['title', 'booktitle'],
      ['subtitle', 'booksubtitle'],
      ['titleaddon', 'booktitleaddon'],
    ],
    skip: titleSkips,
  },
  {
    parents: ['mvbook', 'mvcollection', 'mvreference', 'mvproceedings'],
    children: ['book', 'collection', 'reference', 'proceedings', 'inbook', 'bookinbook', 'suppbook', 'incollection', 'inreference', 'suppcollection', 'inproceedings'],
    fields: [
      ['title', 'maintitle'],
      ['subtitle', 'mainsubtitle'],
      ['titleaddon', 'maintitleaddon'],
    ],
    skip: titleSkips,
  },
  {
    parents: ['collection', 'reference'],
    children: ['incollection', 'inreference', 'suppcollection'],
    fields: [
      ['title', 'booktitle'],
      ['subtitle', 'booksubtitle'],
      ['titleaddon', 'booktitleaddon'],
    ],
    skip: titleSkips,
  },
  {
    parents: ['proceedings'],
    children: ['inproceedings'],
    fields: [
      ['title', 'booktitle'],
      ['subtitle', 'booksubtitle'],
      ['titleaddon', 'booktitleaddon'],
    ],
    skip: titleSkips,
  },
  {
    parents: ['periodical'],
    children: ['article', 'suppperiodical'],
    fields: [
      ['title', 'journaltitle'],
      ['subtitle', 'journalsubtitle'],
    ],
    skip: titleSkips,
  },
];

const maxChainDepth = 16;

/** Adds the inherited fields to each entry (in place) and returns the keys whose crossref or xdata names no entry. */
export function inheritFields(entries: readonly RawEntry[], byKey: ReadonlyMap<string, RawEntry>): { entry: RawEntry; missing: string }[] {
  const resolved = new Set<RawEntry>();
  const missing: { entry: RawEntry; missing: string }[] = [];
  const resolve = (entry: RawEntry, depth: number) => {
    if (resolved.has(entry)) return;
    resolved.add(entry); // marked first, so a loop stops here
    if (depth > maxChainDepth) return;
    const xdata = entry.fields.get('xdata');
    if (xdata) {
      for (const name of xdata.split(',')) {
        const parent = byKey.get(name.trim().toLowerCase());
        if (!parent) {
          if (name.trim()) missing.push({ entry, missing: name.trim() });
          continue;
        }
        resolve(parent, depth + 1);
        for (const [field, value] of parent.fields) if (!notInherited.has(field) && !entry.fields.has(field)) entry.fields.set(field, value);
      }
    }
    const crossref = entry.fields.get('crossref')?.trim();
    if (crossref) {
      const parent = byKey.get(crossref.toLowerCase());
      if (!parent) {
        missing.push({ entry, missing: crossref });
        return;
      }
      resolve(parent, depth + 1);
      const rule = rules.filter((candidate) => candidate.parents.includes(parent.type) && candidate.children.includes(entry.type));
      const mapped = new Set<string>();
      for (const { fields, skip } of rule) {
        for (const field of skip) mapped.add(field);
        for (const [from, to] of fields) {
          mapped.add(from);
          const value = parent.fields.get(from);
          if (value !== undefined && !entry.fields.has(to)) entry.fields.set(to, value);
        }
      }
      for (const [field, value] of parent.fields) {
        if (notInherited.has(field) || mapped.has(field) || entry.fields.has(field)) continue;
        entry.fields.set(field, value);
      }
    }
  };
  for (const entry of entries) if (entry.fields.has('crossref') || entry.fields.has('xdata')) resolve(entry, 0);
  return missing;
}
