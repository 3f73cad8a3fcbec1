/** The nav-* fixture projects as core tests see them: their files as documents, the project, the bibliography loaded. */
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig, type Config } from '../../server/src/core/config';
import { readBibliographySource } from '../../server/src/core/sources';
import type { ManuscriptProject } from '../../server/src/core/project/model';

export const fixtureRoot = path.resolve(__dirname, '../fixtures/projects');

export interface FixtureProject {
  service: LanguageService;
  config: Config;
  project: ManuscriptProject;
  /** The project's documents by path relative to the fixture folder ("content/01.introduction.md"). */
  documents: Map<string, TextDocument>;
  bibliographyUri: string;
  bibliographyText: string;
}

/** A fixture project: `files` in reading order, `bibliography` loaded as the one every file uses. */
export function fixtureProject(folder: string, files: string[], bibliography: string, kind: ManuscriptProject['kind']): FixtureProject {
  const uriOf = (file: string) => `file:///w/${folder}/${file}`;
  const documents = new Map<string, TextDocument>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(fixtureRoot, folder, file), 'utf8');
    documents.set(file, TextDocument.create(uriOf(file), file.endsWith('.tex') ? 'latex' : 'markdown', 1, text));
  }
  const bibliographyUri = uriOf(bibliography);
  const bibliographyText = fs.readFileSync(path.join(fixtureRoot, folder, bibliography), 'utf8');
  const service = createLanguageService({ dataset: loadBundledDataset() });
  const reading = readBibliographySource(bibliographyText, bibliographyUri);
  service.setBibliography({ source: reading.references[0]!.source, references: reading.references });
  const project: ManuscriptProject = { id: uriOf(files[0]!), kind, label: folder, documents: [...documents.values()], problems: [] };
  const config = resolveConfig({ sources: { bibliographyIds: [bibliographyUri], project } });
  return { service, config, project, documents, bibliographyUri, bibliographyText };
}

export function markdownProject(): FixtureProject {
  return fixtureProject('nav-markdown', ['content/01.introduction.md', 'content/02.results.md', 'content/03.discussion.md'], 'content/refs.bib', 'manubot');
}

export function latexProject(): FixtureProject {
  return fixtureProject('nav-latex', ['main.tex', 'chapters/introduction.tex', 'chapters/methods.tex'], 'refs.bib', 'latex');
}

/** The position of the `occurrence`-th (from 0) `needle` in the document, plus `shift` characters. */
export function positionOf(document: TextDocument, needle: string, shift = 0, occurrence = 0) {
  let at = -1;
  for (let index = 0; index <= occurrence; index++) {
    at = document.getText().indexOf(needle, at + 1);
    if (at === -1) throw new Error(`${needle} (occurrence ${occurrence}) not in ${document.uri}`);
  }
  return document.positionAt(at + shift);
}
