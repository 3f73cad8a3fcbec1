/** Where `npm run train` reads the citation-worthiness corpus: the folder given, else ../shared beside the project (or its worktree's parent). */
import * as fs from 'fs';
import * as path from 'path';

export const projectRoot = path.resolve(__dirname, '..');

export function corpusFolder(given: string | undefined): string {
  const candidates = [path.join(projectRoot, '../shared/corpora/citation-worthiness'), path.join(projectRoot, '../../shared/corpora/citation-worthiness')];
  return path.resolve(given ?? candidates.find((folder) => fs.existsSync(folder)) ?? '../shared/corpora/citation-worthiness');
}
