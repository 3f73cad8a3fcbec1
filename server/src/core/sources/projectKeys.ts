/**
 * Citation keys the rest of a manuscript's project defines. A Manubot manuscript is one folder of chapters
 * (`01.abstract.md`, `02.intro.md`, … `90.back-matter.md`), and its `[@tag:x]: doi:…` lines usually sit in one of
 * them (the back matter): a chapter that cites `@tag:x` is correct when any chapter defines it. Read through the
 * injected WorkspaceFileSystem, so it runs wherever the core does.
 */
import { URI, Utils } from 'vscode-uri';
import { findKeyDefinitions } from '../manuscript/definitions';
import type { WorkspaceFileSystem } from '../workspace';

/** Manubot's chapter names: a number, a dot, a name, `.md`. */
const chapterName = /^\d+\.[^/]*\.md$/i;
/** A project of more chapters than this is not scanned: a manuscript has tens of chapters, not thousands. */
const maxChapters = 200;
/** Chapters larger than this are not scanned. */
const maxChapterBytes = 5 * 1024 * 1024;

/** Keys per chapter, kept while the chapter's modification time and size stay the same. */
export class ProjectKeyCache {
  private readonly keys = new Map<string, { stamp: string; keys: string[] }>();

  get(uri: string, stamp: string): string[] | undefined {
    const cached = this.keys.get(uri);
    return cached?.stamp === stamp ? cached.keys : undefined;
  }

  set(uri: string, stamp: string, keys: string[]): void {
    if (this.keys.size > 2000) this.keys.clear();
    this.keys.set(uri, { stamp, keys });
  }
}

/**
 * The keys (as cited: "tag:Abe") that the other chapters of the document's Manubot project define. A document that
 * is not a numbered chapter has no project keys. Chapters that cannot be read are passed over.
 */
export async function projectKeysFor(uri: string, files: WorkspaceFileSystem, cache: ProjectKeyCache): Promise<string[]> {
  const document = URI.parse(uri);
  const name = Utils.basename(document);
  if (!chapterName.test(name)) return [];
  const folder = Utils.dirname(document);
  let entries: Array<{ name: string; kind: string }>;
  try {
    entries = await files.list(folder.toString());
  } catch {
    return [];
  }
  const chapters = entries.filter((entry) => entry.kind === 'file' && chapterName.test(entry.name) && entry.name !== name).slice(0, maxChapters);
  const keys = new Set<string>();
  for (const chapter of chapters) {
    const chapterUri = Utils.joinPath(folder, chapter.name).toString();
    for (const key of await chapterKeys(chapterUri, files, cache)) keys.add(key);
  }
  return [...keys];
}

async function chapterKeys(uri: string, files: WorkspaceFileSystem, cache: ProjectKeyCache): Promise<string[]> {
  try {
    const stat = await files.stat(uri);
    if (stat.size > maxChapterBytes) return [];
    const stamp = `${stat.mtime}:${stat.size}`;
    const cached = cache.get(uri, stamp);
    if (cached) return cached;
    const keys = [...findKeyDefinitions(await files.read(uri)).keys()];
    cache.set(uri, stamp, keys);
    return keys;
  } catch {
    return [];
  }
}
