/**
 * duplicate-key in the bibliography file: an entry whose key a file named before it (by some manuscript) defines as
 * a different paper, so that manuscript never uses this entry. Shown at the shadowed entry, beside the warning the
 * rule (rules/duplicateKey.ts) gives at each citation of the key.
 */
import { samePaper } from '../knowledge/linking';
import type { Reference } from '../knowledge/model';

/** A manuscript (project) and the bibliographies it names, in its order. */
export interface BibliographyUse {
  label: string;
  bibliographyIds: readonly string[];
}

export interface ShadowedEntry {
  /** The entry of the bibliography asked about that is not used. */
  entry: Reference;
  /** The entry used instead, in a file named before. */
  used: Reference;
  /** The manuscripts that name the other file first. */
  by: string[];
}

/**
 * The entries of `bibliographyId` that some use names after another file defining the same key as a different paper.
 * `lookup` finds a key in a bibliography (the knowledge base's index): the cost is one lookup per entry and earlier file.
 */
export function shadowedEntries(
  bibliographyId: string,
  entries: readonly Reference[],
  uses: readonly BibliographyUse[],
  lookup: (bibliographyId: string, key: string) => Reference | undefined,
): ShadowedEntry[] {
  const found = new Map<Reference, ShadowedEntry>();
  for (const use of uses) {
    const index = use.bibliographyIds.indexOf(bibliographyId);
    if (index <= 0) continue;
    const earlier = [...new Set(use.bibliographyIds.slice(0, index))];
    for (const entry of entries) {
      for (const other of earlier) {
        const used = lookup(other, entry.key);
        if (!used) continue;
        // The first earlier file that defines the key is the one used: later ones do not matter to this use.
        if (!samePaper(used.item, entry.item)) {
          const shadowed = found.get(entry) ?? { entry, used, by: [] };
          if (!shadowed.by.includes(use.label)) shadowed.by.push(use.label);
          found.set(entry, shadowed);
        }
        break;
      }
    }
  }
  return [...found.values()];
}

/** "“smith2020” is also defined in refs.bib (line 1), as a different paper, which paper.md uses: it names refs.bib first." */
export function shadowedEntryMessage({ entry, used, by }: ShadowedEntry): string {
  const line = used.location?.line;
  const where = line === undefined ? used.source.label : `${used.source.label} (line ${line + 1})`;
  return `“${entry.key}” is also defined in ${where}, as a different paper, which ${by.join(' and ')} ${by.length === 1 ? 'uses' : 'use'}: ${by.length === 1 ? 'it names' : 'they name'} ${used.source.label} first, so this entry is not used there.`;
}
