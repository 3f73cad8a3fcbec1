/**
 * Citation-worthiness corpus rows written back as the manuscripts they came from (Markdown: a heading where the
 * section changes, a paragraph per corpus paragraph) and linted as the writer would see them: which sentences
 * unsupported-claim flags at a sensitivity, against the authors' own citations. Used by the held-out test
 * (test/core/citationNeededProse.test.ts) and by `npm run train` for the whole dev split.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadBundledDataset } from '../../server/src/core/bundledDataset';
import { resolveConfig, type CitationSensitivity } from '../../server/src/core/config';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';

export interface CorpusRow {
  doc: string;
  para: number;
  label: 0 | 1;
  section: string;
  text: string;
}

/** Rows of a `doc para sent label section text` TSV (with its header line), in file order. */
export function parseCorpusRows(tsv: string): CorpusRow[] {
  return tsv
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [doc, para, , label, section, text] = line.split('\t');
      return { doc, para: Number(para), label: label === '1' ? 1 : 0, section, text };
    });
}

interface Rebuilt {
  text: string;
  sentences: { start: number; row: CorpusRow }[];
}

/** Each document of the rows as Markdown, with where each sentence starts. */
export function manuscriptsOf(rows: readonly CorpusRow[]): Rebuilt[] {
  const documents: Rebuilt[] = [];
  let current: Rebuilt | undefined;
  let section: string | undefined;
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    if (!current || previous.doc !== row.doc) {
      current = { text: '', sentences: [] };
      documents.push(current);
      section = undefined;
    }
    if (previous?.doc === row.doc && previous.para === row.para) current.text = current.text.replace(/\n\n$/, ' ');
    else if (row.section !== section) {
      current.text += `## ${row.section}\n\n`;
      section = row.section;
    }
    current.sentences.push({ start: current.text.length, row });
    current.text += row.text + '\n\n';
  });
  return documents;
}

export interface ProseScore {
  flagged: number;
  precision: number;
  recall: number;
}

let shared: LanguageService | undefined;

/** unsupported-claim's findings on the rebuilt manuscripts at one sensitivity, scored against the labels. */
export function scoreFlagging(rows: readonly CorpusRow[], sensitivity: CitationSensitivity): ProseScore {
  shared ??= createLanguageService({ dataset: loadBundledDataset() });
  const config = resolveConfig({ lint: { citationNeeded: { sensitivity }, maxDiagnostics: 1_000_000 } });
  let flagged = 0;
  let truePositives = 0;
  let cited = 0;
  manuscriptsOf(rows).forEach((manuscript, index) => {
    const document = TextDocument.create(`file:///corpus/${index}.md`, 'markdown', 1, manuscript.text);
    const starts = new Set(
      shared!
        .doValidate(document, config)
        .filter((diagnostic) => diagnostic.code === 'unsupported-claim')
        .map((diagnostic) => document.offsetAt(diagnostic.range.start)),
    );
    for (const { start, row } of manuscript.sentences) {
      const isFlagged = starts.has(start);
      if (isFlagged) flagged++;
      if (row.label) cited++;
      if (isFlagged && row.label) truePositives++;
    }
  });
  return { flagged, precision: flagged ? truePositives / flagged : 1, recall: cited ? truePositives / cited : 0 };
}
