/**
 * Writing the reference list for the numbered citations in use, in a CSL style. A draft that cites the review's
 * numbers gets its own list: citations renumbered by first use and a References section at the end (Markdown
 * `## References` with `1. …`, plain text the same, LaTeX `thebibliography` before `\end{document}`), so it stands on
 * its own. A manuscript with a list has it refreshed in place: renumbered and reordered by first use, and each cited
 * entry that is one of the review's papers written anew in the style from the writer's fields, the review's filling
 * only what the writer's entry lacks (ownEntryMerge.ts; other entries keep their text). Keys
 * (`\cite{k}`, `[@k]`) are never touched: their lists come from BibTeX or Pandoc.
 */
import type { Dataset } from '../dataset';
import { formatReference } from '../knowledge/format';
import type { Reference } from '../knowledge/model';
import type { ReferenceListEntry } from '../manuscript/types';
import { citationWritingOf, firstUseOf } from '../project/firstUse';
import { escapeLatex, escapeMarkdown } from '../style/escaping';
import type { ProjectFile } from '../project/model';
import type { FeatureContext } from './context';
import { mergedWithWriter, withWriterIdentifiers } from './ownEntryMerge';
import { listSome, placeOf, ProjectEditBuilder, type ProjectEditResult } from './projectEdit';
import { finish, listFileText, planRenumbering, rewriteCitations, rewriteList, unrenumberableMessage } from './renumber';

/** The server command that writes the list for the project of the document given as its one argument (a URI). */
export const writeReferenceListCommand = 'secretome.server.writeReferenceList';

/** How the entry text is escaped: for the Markdown list, a LaTeX `\bibitem`, or plain text. */
export type ReferenceListOutput = 'markdown' | 'latex' | 'text';

/**
 * What writing the list needs from a CSL formatter (core/style's ReferenceFormatter has this shape): entry i is the
 * text of references[i], in the order given, without a leading number.
 */
export interface ReferenceListFormatter {
  readonly styleName: string;
  formatList(references: readonly Reference[], output?: ReferenceListOutput): string[];
}

/** Until the CSL formatter is wired in: the entries as knowledge/format.ts writes them (the review's printed form). */
export function standInFormatter(dataset: Dataset): ReferenceListFormatter {
  return {
    styleName: 'the review’s printed style',
    formatList: (references) => references.map((reference) => formatReference(reference, dataset).replace(/\s*\n\s*/g, ' ')),
  };
}

export function writeReferenceList(context: FeatureContext, formatter: ReferenceListFormatter): ProjectEditResult {
  if (context.project.ownListFile) return refreshList(context, formatter);
  return writeNewList(context, formatter);
}

function outputOf(file: ProjectFile): ReferenceListOutput {
  return file.manuscript.language === 'latex' ? 'latex' : file.manuscript.language === 'markdown' ? 'markdown' : 'text';
}

/** The review's reference `number`, whatever the document's numbering. */
function reviewReference(context: FeatureContext, number: number): Reference | undefined {
  const review = context.references.sources[context.references.sources.length - 1];
  return review?.source.kind === 'review' ? review.byNumberOf(number) : undefined;
}

function refreshList(context: FeatureContext, formatter: ReferenceListFormatter): ProjectEditResult {
  const plan = planRenumbering(context);
  if ('refused' in plan) return plan.refused;
  const builder = new ProjectEditBuilder();
  rewriteCitations(builder, context.project.files, plan.use, plan.writing, plan.newNumber);
  const cited = new Set(plan.use.order);
  const linked = new Map<ReferenceListEntry, { merged: Reference; own: Reference }>();
  for (const entry of plan.newOrder) {
    if (!cited.has(entry.number)) continue;
    const own = context.references.resolveNumber(entry.number);
    const printed = own?.reviewNumber === undefined ? undefined : reviewReference(context, own.reviewNumber);
    const merged = printed && mergedWithWriter(printed, own!);
    if (merged) linked.set(entry, { merged, own: own! });
  }
  const formatted = new Map<ReferenceListEntry, string>();
  const linkedEntries = [...linked.entries()];
  const output = outputOf(plan.listFile);
  const escape = output === 'latex' ? escapeLatex : output === 'markdown' ? escapeMarkdown : (text: string) => text;
  formatter.formatList(linkedEntries.map(([, { merged }]) => merged), output).forEach((text, index) => {
    const [entry, { own }] = linkedEntries[index]!;
    formatted.set(entry, withWriterIdentifiers(text, own.item, listFileText(plan.listFile, entry), escape));
  });
  rewriteList(builder, plan.listFile, plan.newOrder, (entry) => formatted.get(entry) ?? listFileText(plan.listFile, entry));
  return finish(builder, plan.use, `The reference list is up to date: numbered by first use, in ${formatter.styleName}.`);
}

function writeNewList(context: FeatureContext, formatter: ReferenceListFormatter): ProjectEditResult {
  const files = context.project.files;
  const use = firstUseOf(files);
  if (use.order.length === 0) {
    return {
      outcome: 'unchanged',
      message: 'The manuscript cites no numbered references, so there is no list to write (the lists of keys come from BibTeX or Pandoc).',
    };
  }
  const broken = unrenumberableMessage(files, use);
  if (broken) return { outcome: 'refused', message: broken.replace('Nothing was renumbered', 'No list was written') };
  const references: Reference[] = [];
  const missing: string[] = [];
  for (const number of use.order) {
    const reference = context.references.resolveNumber(number);
    if (reference) references.push(reference);
    else {
      const first = use.first.get(number)!;
      missing.push(`[${number}] (${placeOf(files[first.fileIndex]!.document, first.entry.start)})`);
    }
  }
  if (missing.length > 0) {
    const count = context.references.numbered.references.length;
    return {
      outcome: 'refused',
      message: `No list was written: ${listSome(missing)} ${missing.length === 1 ? 'is' : 'are'} not one of the review's ${count} references. Correct or remove ${missing.length === 1 ? 'that citation' : 'those citations'} first.`,
    };
  }
  const newNumber = new Map(use.order.map((number, index) => [number, index + 1]));
  const builder = new ProjectEditBuilder();
  const target = listPlace(files);
  const output = outputOf(target.file);
  const keys = bibitemKeys(references);
  if (output === 'latex') {
    // LaTeX numbers a thebibliography itself: `[12]` becomes `\cite{fei2024}`, so the text and the list stay linked.
    const keyOf = new Map(use.order.map((number, index) => [number, keys[index]!]));
    const inLatex = (cited: { fileIndex: number }) => files[cited.fileIndex]!.manuscript.language === 'latex';
    for (const { fileIndex, citation, numbers } of use.citations.filter(inLatex)) {
      if (numbers.length > 0) builder.replace(files[fileIndex]!.document, { start: citation.start, end: citation.end }, `\\cite{${numbers.map((number) => keyOf.get(number)).join(',')}}`);
    }
    const others = { ...use, citations: use.citations.filter((cited) => !inLatex(cited)) };
    rewriteCitations(builder, files, others, citationWritingOf(files, others.citations), newNumber);
  } else rewriteCitations(builder, files, use, citationWritingOf(files, use.citations), newNumber);
  const texts = formatter.formatList(references, output);
  const newline = target.newline;
  const section = listSection(keys, texts, output, target.withHeading, newline);
  builder.replace(target.file.document, { start: target.at, end: target.at }, target.before + section + target.after);
  const { documents } = builder.counts;
  return {
    outcome: 'edit',
    message: `Wrote the reference list (${references.length} reference${references.length === 1 ? '' : 's'}, ${formatter.styleName}) and renumbered the citations by first use, in ${documents} file${documents === 1 ? '' : 's'}.`,
    edit: builder.build(),
  };
}

interface ListPlace {
  file: ProjectFile;
  at: number;
  /** Text before and after the section, so it stands in its own paragraph. */
  before: string;
  after: string;
  /** False when a References heading with no entries is already there. */
  withHeading: boolean;
  /** The file's line break: `\r\n` when it uses them. */
  newline: string;
}

/**
 * Where a new list goes: under an empty References heading if there is one; in LaTeX before the `\end{document}` of
 * the file that has it; else at the end of the project's last file.
 */
function listPlace(files: readonly ProjectFile[]): ListPlace {
  const newlineOf = (file: ProjectFile) => (file.manuscript.text.includes('\r\n') ? '\r\n' : '\n');
  for (const file of files) {
    const start = file.manuscript.referenceListStart;
    if (start === undefined || file.manuscript.language === 'latex') continue;
    const text = file.manuscript.text;
    const newline = newlineOf(file);
    const lineEnd = text.indexOf('\n', start);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    return { file, at, before: lineEnd < 0 ? newline.repeat(2) : newline, after: at < text.length ? newline : '', withHeading: false, newline };
  }
  const last = files[files.length - 1]!;
  if (last.manuscript.language === 'latex') {
    for (const file of files) {
      const end = uncommentedEndDocument(file.manuscript.text);
      const newline = newlineOf(file);
      if (end >= 0) return { file, at: end, before: atLineStart(file.manuscript.text, end) ? '' : newline, after: '', withHeading: true, newline };
    }
  }
  const text = last.manuscript.text;
  const newline = newlineOf(last);
  // Line breaks already at the end: the section follows one blank line.
  const trailing = /(?:\r?\n)*$/.exec(text)![0].split('\n').length - 1;
  return { file: last, at: text.length, before: newline.repeat(Math.max(0, 2 - trailing)), after: '', withHeading: true, newline };
}

function uncommentedEndDocument(text: string): number {
  for (let found = text.lastIndexOf('\\end{document}'); found >= 0; found = text.lastIndexOf('\\end{document}', found - 1)) {
    const lineStart = text.lastIndexOf('\n', found - 1) + 1;
    if (!/(^|[^\\])%/.test(text.slice(lineStart, found))) return found;
    if (found === 0) break;
  }
  return -1;
}

function atLineStart(text: string, offset: number): boolean {
  return offset === 0 || text[offset - 1] === '\n';
}

function listSection(keys: readonly string[], texts: readonly string[], output: ReferenceListOutput, withHeading: boolean, newline: string): string {
  const lines: string[] = [];
  if (output === 'latex') {
    lines.push(`\\begin{thebibliography}{${'9'.repeat(String(keys.length).length)}}`);
    keys.forEach((key, index) => lines.push(`\\bibitem{${key}} ${texts[index] ?? ''}`));
    lines.push('\\end{thebibliography}');
    return lines.join(newline) + newline;
  }
  if (withHeading) lines.push(output === 'markdown' ? '## References' : 'References', '');
  texts.forEach((text, index) => lines.push(`${index + 1}. ${text}`));
  return lines.join(newline) + newline;
}

/**
 * The `\bibitem` keys `\cite`s can use, one per reference in order: the reference's key without characters LaTeX
 * keys cannot hold, made distinct ("-2") if two come out the same.
 */
function bibitemKeys(references: readonly Reference[]): string[] {
  const taken = new Set<string>();
  return references.map((reference, index) => {
    const base = reference.key.replace(/[\s{}%,\\#~]/g, '') || `ref${index + 1}`;
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    taken.add(key);
    return key;
  });
}
