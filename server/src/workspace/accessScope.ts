/**
 * What the server may read for one manuscript: its workspace folders (or, for a file opened on its own, the file's
 * folder), plus what the user named in secretome.bibliographies, even outside them.
 */
import * as path from 'path';
import type { FileAccessScope } from './nodeFileSystem';

export function serverAccessScope(workspaceFolders: readonly string[], manuscriptPath: string, bibliographySetting: readonly string[]): FileAccessScope {
  const roots = workspaceFolders.length > 0 ? [...workspaceFolders] : [path.dirname(manuscriptPath)];
  return { roots, named: namedInSetting(bibliographySetting, roots[0]) };
}

/** The paths a setting names, each up to its first glob character, resolved from `base`. */
export function namedInSetting(entries: readonly string[], base: string): string[] {
  return entries
    .filter((entry) => entry.trim())
    .map((entry) => {
      const segments = entry.trim().replace(/\\/g, '/').split('/');
      const firstGlob = segments.findIndex((segment) => /[*?[]/.test(segment));
      const plain = firstGlob === -1 ? segments : segments.slice(0, firstGlob);
      return path.resolve(base, plain.join('/') || '.');
    });
}
