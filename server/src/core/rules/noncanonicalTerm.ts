/** Flags a spelling of a factor or EV term other than the review's canonical one, and known confusions of terms ("TGFb" → "TGF-β"). */
import type { TermMention } from '../dataset';
import type { Finding, Rule, RuleContext } from './types';

export const noncanonicalTerm: Rule = {
  code: 'noncanonical-term',
  summary: "A spelling of a factor or EV term other than the review's canonical one, or a known confusion of terms.",
  defaultSeverity: 'information',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const analysis of context.sentences) {
      for (const mention of analysis.mentions) {
        if (mention.form === 'canonical' || isAcceptedForm(mention)) continue;
        const start = analysis.sentence.start + mention.start;
        const end = analysis.sentence.start + mention.end;
        if (analysis.citations.some((citation) => start < citation.end && end > citation.start)) continue;
        const replacement = replacementFor(mention);
        const message =
          mention.form === 'confusion'
            ? `“${mention.written}” is a known confusion; the review's term is “${replacement}”.`
            : `The review writes “${replacement}”${mention.term.fullName ? ` (${mention.term.fullName})` : ''}, not “${mention.written}”.`;
        findings.push({
          code: 'noncanonical-term',
          start,
          end,
          message,
          data: {
            written: mention.written,
            refs: mention.term.refs,
            fixes: [{ title: `Write “${replacement}”`, edits: [{ from: 0, to: mention.written.length, expect: mention.written, newText: replacement }], preferred: true }],
          },
        });
      }
    }
    return findings;
  },
};

/**
 * Plurals, capitals, the full name and an all-capital abbreviation ("EVs", "MSCs") are ordinary writing, not a
 * different spelling: only forms that spell the term itself differently ("TGFb", "TGF-beta") are flagged.
 */
function isAcceptedForm(mention: TermMention): boolean {
  if (mention.form !== 'variant') return false;
  const written = fold(mention.written);
  const accepted = [mention.term.canonical, mention.term.fullName ?? ''].map(fold).filter(Boolean);
  if (accepted.some((form) => sameModuloPlural(written, form))) return true;
  return isPlainAbbreviation(mention);
}

function isPlainAbbreviation(mention: TermMention): boolean {
  // "EVs" for "extracellular vesicles": every letter is a capital, and the canonical form is a lower-case phrase.
  return /^[A-Z]{2,6}s?$/.test(mention.written) && /^[a-z]/.test(mention.term.canonical);
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[\s\u00a0]+/g, ' ').trim();
}

function sameModuloPlural(a: string, b: string): boolean {
  const strip = (text: string) => text.replace(/(es|s)$/, '');
  return a === b || strip(a) === strip(b);
}

/** The canonical form, capitalised when the writer's word opened with a capital and the term is lower-case. */
function replacementFor(mention: TermMention): string {
  const canonical = mention.term.canonical;
  if (/^[A-Z]/.test(mention.written) && /^[a-z]/.test(canonical) && mention.written.toLowerCase() !== mention.written) {
    return canonical.charAt(0).toUpperCase() + canonical.slice(1);
  }
  return canonical;
}
