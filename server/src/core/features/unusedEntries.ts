/**
 * unused-entry: an entry of a bibliography (.bib, CSL-JSON, CSL-YAML) that no file of any manuscript using that
 * bibliography cites. Information, off by default (a library is often shared by many papers): turned on with
 * `secretome.lint.severity.unused-entry` or `secretome.lint.rules`. `\nocite{*}` uses every entry.
 */
import { withoutLatexComments } from '../sources/discovery';
import type { Config, RuleSeverity } from '../config';
import type { Reference } from '../knowledge/model';
import type { ProjectFile } from '../project/model';

export const unusedEntryCode = 'unused-entry';

/** What a manuscript cites by key: the keys (lower case, as BibTeX compares them), and whether `\nocite{*}` takes all. */
export interface CitedKeys {
  keys: ReadonlySet<string>;
  everything: boolean;
}

/** Whether the rule is on and at which severity: on only when the user turns it on, information unless told. */
export function unusedEntrySettings(config: Config): { enabled: boolean; severity: RuleSeverity } {
  const set: { enabled?: unknown; severity?: unknown } = config.lint.rules[unusedEntryCode] ?? {};
  const severity = typeof set.severity === 'string' && ['error', 'warning', 'information', 'hint'].includes(set.severity) ? (set.severity as RuleSeverity) : 'information';
  return { enabled: config.lint.enabled && set.enabled === true, severity };
}

/** The keys the project's files cite (each file's parse, as the language service caches it). */
export function citedKeysOf(files: readonly ProjectFile[]): CitedKeys {
  const keys = new Set<string>();
  let everything = false;
  for (const { manuscript } of files) {
    for (const citation of manuscript.citations) for (const key of citation.keys) keys.add(key.toLowerCase());
    if (manuscript.language === 'latex' && manuscript.text.includes('\\nocite')) everything ||= /\\nocite\s*\{\s*\*\s*\}/.test(withoutLatexComments(manuscript.text));
  }
  return { keys, everything };
}

/** The entries none of the manuscripts using the bibliography cites; none when one of them uses every entry. */
export function unusedEntries(entries: readonly Reference[], uses: readonly CitedKeys[]): Reference[] {
  if (uses.length === 0 || uses.some((use) => use.everything)) return [];
  return entries.filter((entry) => !uses.some((use) => use.keys.has(entry.key.toLowerCase())));
}
