/**
 * Hover: on a citation of up to three references, each in full and what the review cites it for; on a longer range,
 * one line per reference (the full entry is a hover on that one away). On a factor or EV type (under any spelling),
 * what it is, what the review says of it (each quote once, with the strength of its evidence), and its references.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Position } from 'vscode-languageserver-types';
import type { DatasetTerm } from '../dataset';
import type { EvidenceStrength, Statement } from '../datasetTypes';
import { describeStrength } from '../claims/strengthWording';
import { isNoncanonicalSpelling } from '../rules/noncanonicalTerm';
import type { Citation } from '../manuscript/types';
import { citationAt } from '../manuscript';
import { escapeMarkdown, formatReferenceNumbers } from '../format';
import type { FeatureContext } from './context';

/** A hover lists at most this many references; the review has 54, so a longer list is a mistake to point out. */
const maxReferencesShown = 54;
/** A citation of more references than this is shown one line per reference instead of in full. */
const maxReferencesInFull = 3;
/** Titles in the one-line form are cut at a word boundary near this length. */
const shortTitleLength = 60;
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
  const keys = citation.keys.slice(0, maxReferencesShown);
  const known = [...numbers.filter((number) => dataset.reference(number)), ...keys.filter((key) => dataset.referenceByKey(key))];
  const inFull = known.length <= maxReferencesInFull;
  const oneLines: string[] = [];
  const showReference = (number: number) =>
    inFull ? sections.push(referenceSection(context, number)) : oneLines.push(referenceLine(context, number));
  for (const number of numbers) {
    const reference = dataset.reference(number);
    if (reference) showReference(reference.number);
    else sections.push(`**[${number}]** is not a reference of the review: its references are numbered 1–${total}.`);
  }
  const ownEntries = new Map(context.config.bibliography.map((entry) => [entry.key.toLowerCase(), entry]));
  for (const key of keys) {
    const reference = dataset.referenceByKey(key);
    const own = ownEntries.get(key.toLowerCase());
    if (reference) showReference(reference.number);
    else if (own) {
      const described = [own.authors, own.year && `(${own.year})`, own.title].filter(Boolean).join(' ');
      sections.push(
        `\`${escapeMarkdown(key)}\`${described ? ` ${escapeMarkdown(described)}` : ''}  \nFrom your bibliography; not one of the review's references.`,
      );
    } else sections.push(`\`${escapeMarkdown(key)}\` is not the key of any of the review's references, nor of a bibliography this document names.`);
  }
  if (oneLines.length) {
    sections.push(`${oneLines.join('  \n')}\n\n*Hover a single reference for its full entry.*`);
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

/** "**[13]** Ranganath 2012, Harnessing the mesenchymal stem cell secretome for the…": number, first author, year, short title. */
function referenceLine(context: FeatureContext, number: number): string {
  const reference = context.dataset.reference(number)!;
  return `**[${reference.number}]** ${escapeMarkdown(`${reference.firstAuthor} ${reference.year}, ${shortTitle(reference.title)}`)}`;
}

function shortTitle(title: string): string {
  if (title.length <= shortTitleLength) return title;
  const cut = title.slice(0, shortTitleLength);
  const space = cut.lastIndexOf(' ');
  const words = (space > shortTitleLength / 2 ? cut.slice(0, space) : cut).split(' ');
  // "…secretome for the…" reads as cut mid-phrase; end on a word that carries meaning.
  while (words.length > 1 && /^(the|a|an|of|for|and|or|in|on|to|with|from|by|at|as)$/i.test(words[words.length - 1])) words.pop();
  return `${words.join(' ').replace(/[\s,:;.–-]+$/, '')}…`;
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
    // Only a spelling the noncanonical-term rule flags is called one: "Exosomes" opening a sentence is the canonical form.
    contents: { kind: MarkupKind.Markdown, value: termHoverMarkdown(context, mention.term, isNoncanonicalSpelling(mention) ? mention.written : undefined) },
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
  const lines = [`${heading}  \n*${escapeMarkdown(kindAndCategory(term))}*`, escapeMarkdown(term.summary)];
  if (written && written !== term.canonical) {
    lines.push(`Written here as “${escapeMarkdown(written)}”; the canonical form is **${escapeMarkdown(term.canonical)}**.`);
  }
  if (term.cargo?.length) lines.push(`**Cargo:** ${term.cargo.map(escapeMarkdown).join(', ')}`);
  if (term.roles?.length) lines.push(`**Roles:** ${term.roles.map(escapeMarkdown).join('; ')}`);

  const statements = term.statements.map((id) => dataset.statement(id)).filter((statement) => statement !== undefined);
  if (statements.length) {
    lines.push(
      '**What the review says**\n\n' +
        distinctQuotes(statements)
          .map(({ quote, refs, strengths }) => `- ${escapeMarkdown(quote)} ${formatReferenceNumbers(refs)} (${strengths.map(describeStrength).join('; ')})`)
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

/** "growth factor, secreted factor", but "extracellular vesicle type" once when the kind already says the category. */
function kindAndCategory(term: DatasetTerm): string {
  const kind = term.kind.trim();
  const category = categoryNames[term.category];
  if (kind.toLowerCase().includes(category) || category.includes(kind.toLowerCase())) return kind.length >= category.length ? kind : category;
  return `${kind}, ${category}`;
}

/**
 * Statements that quote the same sentence, each quote once: the review's "FGF and BMPs … encourage both the
 * proliferation and differentiation of stem cells" backs four statements but is one piece of evidence. A quote that is
 * part of another shown quote is that one.
 */
export function distinctQuotes(statements: readonly Statement[]): Array<{ quote: string; refs: number[]; strengths: EvidenceStrength[] }> {
  const normal = (quote: string) => quote.replace(/\s+/g, ' ').trim().toLowerCase();
  const longestFirst = [...statements].sort((a, b) => b.quote.length - a.quote.length);
  const shown: Array<{ key: string; quote: string; refs: number[]; strengths: EvidenceStrength[]; order: number }> = [];
  for (const statement of longestFirst) {
    const key = normal(statement.quote);
    let entry = shown.find((candidate) => candidate.key.includes(key));
    if (!entry) {
      entry = { key, quote: statement.quote, refs: [], strengths: [], order: statements.indexOf(statement) };
      shown.push(entry);
    }
    entry.order = Math.min(entry.order, statements.indexOf(statement));
    for (const number of statement.refs) if (!entry.refs.includes(number)) entry.refs.push(number);
    if (!entry.strengths.includes(statement.strength)) entry.strengths.push(statement.strength);
  }
  // In the order of the term's statements, which follows the review.
  return shown.sort((a, b) => a.order - b.order).map(({ quote, refs, strengths }) => ({ quote, refs, strengths }));
}
