/**
 * Hover: on a citation, each reference in full (ranges expanded) and what the review cites it for; on a factor or
 * EV type (under any spelling), what it is, what the review says it does, and its references.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Position } from 'vscode-languageserver-types';
import type { DatasetTerm } from '../dataset';
import type { Citation } from '../manuscript/types';
import { citationAt } from '../manuscript';
import { escapeMarkdown, formatReferenceNumbers } from '../format';
import type { FeatureContext } from './context';

/** A hover lists at most this many references; the review has 54, so a longer list is a mistake to point out. */
const maxReferencesShown = 54;
/** Term hovers look at this much text either side of the cursor: longer than any spelling. */
const termWindow = 120;

export function doHover(context: FeatureContext, position: Position): Hover | null {
  const offset = context.document.offsetAt(position);
  const citation = citationAt(context.manuscript, offset);
  if (citation) return citationHover(context, citation);
  return termHover(context, offset);
}

function citationHover(context: FeatureContext, citation: Citation): Hover {
  const { dataset, document } = context;
  const sections: string[] = [];
  const total = dataset.references.length;

  for (const entry of citation.entries) {
    if (entry.problem === 'absurd-range' && entry.from !== undefined && entry.to !== undefined) {
      const span = Math.abs(entry.to - entry.from) + 1;
      sections.push(
        `\`${escapeMarkdown(entry.text)}\` spans ${span.toLocaleString('en-US')} numbers; the review has ${total} references (1–${total}).`,
      );
    } else if (entry.problem === 'reversed-range') {
      sections.push(`\`${escapeMarkdown(entry.text)}\` is a reversed range: write the smaller number first.`);
    }
  }

  const numbers = citation.numbers.slice(0, maxReferencesShown);
  for (const number of numbers) {
    const reference = dataset.reference(number);
    sections.push(
      reference
        ? referenceSection(context, reference.number)
        : `**[${number}]** is not a reference of the review: its references are numbered 1–${total}.`,
    );
  }
  const ownEntries = new Map(context.config.bibliography.map((entry) => [entry.key.toLowerCase(), entry]));
  for (const key of citation.keys.slice(0, maxReferencesShown)) {
    const reference = dataset.referenceByKey(key);
    const own = ownEntries.get(key.toLowerCase());
    if (reference) sections.push(referenceSection(context, reference.number));
    else if (own) {
      const described = [own.authors, own.year && `(${own.year})`, own.title].filter(Boolean).join(' ');
      sections.push(
        `\`${escapeMarkdown(key)}\`${described ? ` ${escapeMarkdown(described)}` : ''}  \nFrom your bibliography; not one of the review's references.`,
      );
    } else sections.push(`\`${escapeMarkdown(key)}\` is not the key of any of the review's references, nor of a bibliography this document names.`);
  }
  if (sections.length === 0) sections.push('This citation is empty.');

  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    range: { start: document.positionAt(citation.start), end: document.positionAt(citation.end) },
  };
}

function referenceSection(context: FeatureContext, number: number): string {
  const reference = context.dataset.reference(number)!;
  return [
    `**[${reference.number}]** ${escapeMarkdown(context.dataset.formatReference(reference))}`,
    `*Cited in the review* ${escapeMarkdown(reference.citedIn)} *for* ${escapeMarkdown(reference.citedFor)}. Key: \`${reference.key}\``,
  ].join('\n\n');
}

function termHover(context: FeatureContext, offset: number): Hover | null {
  const { document, dataset } = context;
  const text = document.getText();
  const windowStart = Math.max(0, offset - termWindow);
  const windowText = text.slice(windowStart, Math.min(text.length, offset + termWindow));
  const mention = dataset
    .findTermMentions(windowText, windowStart)
    .find((candidate) => candidate.start <= offset && offset < candidate.end);
  if (!mention) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: termHoverMarkdown(context, mention.term, mention.written) },
    range: { start: document.positionAt(mention.start), end: document.positionAt(mention.end) },
  };
}

const categoryNames: Record<DatasetTerm['category'], string> = {
  factor: 'secreted factor',
  component: 'secretome component',
  ev: 'extracellular vesicle type',
  concept: 'concept',
};

/** What a term is and what the review says of it; completion shows the same text as an item's documentation. */
export function termHoverMarkdown(context: FeatureContext, term: DatasetTerm, written?: string): string {
  const { dataset } = context;
  const heading = term.fullName ? `**${escapeMarkdown(term.canonical)}**: ${escapeMarkdown(term.fullName)}` : `**${escapeMarkdown(term.canonical)}**`;
  const lines = [`${heading}  \n*${escapeMarkdown(term.kind)}, ${categoryNames[term.category]}*`, escapeMarkdown(term.summary)];
  if (written && written !== term.canonical) {
    lines.push(`Written here as “${escapeMarkdown(written)}”; the canonical form is **${escapeMarkdown(term.canonical)}**.`);
  }
  if (term.cargo?.length) lines.push(`**Cargo:** ${term.cargo.map(escapeMarkdown).join(', ')}`);
  if (term.roles?.length) lines.push(`**Roles:** ${term.roles.map(escapeMarkdown).join('; ')}`);

  const statements = term.statements.map((id) => dataset.statement(id)).filter((statement) => statement !== undefined);
  if (statements.length) {
    lines.push(
      '**What the review says**\n\n' +
        statements
          .map((statement) => `- ${escapeMarkdown(statement.quote)} ${formatReferenceNumbers(statement.refs)} (${strengthLabel(statement.strength)})`)
          .join('\n'),
    );
  }
  if (term.refs.length) {
    lines.push(
      '**References**\n\n' +
        term.refs
          .map((number) => dataset.reference(number))
          .filter((reference) => reference !== undefined)
          .map((reference) => `- [${reference.number}] ${escapeMarkdown(dataset.shortCitation(reference))}: ${escapeMarkdown(reference.title)}`)
          .join('\n'),
    );
  }
  return lines.join('\n\n');
}

function strengthLabel(strength: string): string {
  switch (strength) {
    case 'preclinical':
      return 'preclinical evidence';
    case 'clinical-trial':
      return 'clinical trial';
    case 'under-investigation':
      return 'still under investigation';
    case 'recommendation':
      return 'a need the review states';
    default:
      return 'reported by the review';
  }
}
