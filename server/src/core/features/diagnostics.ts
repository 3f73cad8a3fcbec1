/**
 * Claim linting as LSP diagnostics: runs the enabled rules (server/src/core/rules), drops what inline comments
 * silence, and is the one place that chooses severity and turns plain findings into Diagnostics.
 */
import { DiagnosticSeverity, type CodeDescription, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Config, RuleSeverity } from '../config';
import { lintManuscriptSteps, projectRules, ruleFor, rules, runToEnd, type Finding, type RuleCode } from '../rules';
import { isSuppressed, parseSuppressions } from '../rules/suppressions';
import type { FeatureContext } from './context';
import { analysisStopMessage, type AnalysisStop } from '../manuscript/limits';

/** Every diagnostic the core publishes carries this source. */
export const DIAGNOSTIC_SOURCE = 'secretome';

/** The code of the one diagnostic that says the cap was reached. */
export const TOO_MANY_CODE = 'too-many-diagnostics';

/** The code of the one diagnostic that says the document went past its analysis budget (manuscript/limits.ts). */
export const BUDGET_CODE = 'analysis-budget';

export function computeDiagnostics(context: FeatureContext): Diagnostic[] {
  return runToEnd(computeDiagnosticsSteps(context));
}

/** computeDiagnostics one paragraph per step (rules/index.ts lintManuscriptSteps), for callers that interleave work. */
export function* computeDiagnosticsSteps(context: FeatureContext): Generator<void, Diagnostic[], void> {
  const { config, manuscript, document, dataset } = context;
  if (!config.lint.enabled || !config.lint.languages.includes(manuscript.language)) return [];
  const enabled = new Set<RuleCode>(rules.filter((rule) => ruleSettings(config, rule.code).enabled).map((rule) => rule.code));
  const projectWide = projectRules.filter((rule) => ruleSettings(config, rule.code).enabled);
  if (enabled.size === 0 && projectWide.length === 0) return [];

  const lineOf = (offset: number) => document.positionAt(offset).line;
  const suppressions = parseSuppressions(manuscript.text, lineOf);
  const cap = Math.max(0, Math.floor(config.lint.maxDiagnostics));
  const keep = (finding: Finding) => !isSuppressed(suppressions, finding.code, finding.start, lineOf(finding.start));
  yield;
  const linted = yield* lintManuscriptSteps(dataset, manuscript, {
    enabled,
    references: context.references,
    projectKeys: config.sources.projectKeys,
    keep,
    limit: cap + 1,
    citationSensitivity: config.lint.citationNeeded.sensitivity,
  });
  const { complete } = linted;
  if (projectWide.length > 0) yield;
  const kept = withProjectFindings(linted.findings, projectWide.length > 0 ? projectFindings(context, projectWide).filter(keep) : []);

  const shown: Diagnostic[] = [];
  for (const finding of kept.slice(0, cap)) {
    shown.push(toDiagnostic(finding, document, ruleSettings(config, finding.code).severity, config.lint.rulesDocumentation));
    // Thousands of findings (an uncapped long document) are converted a few hundred per step.
    if (shown.length % 500 === 0) yield;
  }
  if (kept.length > cap) shown.push(tooMany(complete ? kept.length : undefined, cap, document, kept[Math.max(0, cap - 1)]));
  const stop = manuscript.analysisStop;
  if (stop) shown.push(budgetReached(stop, document));
  return shown;
}

/** Findings of the project-wide rules for this document (the served document's place in its project). */
function projectFindings(context: FeatureContext, active: typeof projectRules): Finding[] {
  const fileIndex = context.project.files.findIndex((file) => file.document.uri === context.document.uri);
  if (fileIndex < 0) return [];
  return active.flatMap((rule) => rule.checkProject({ project: context.project, fileIndex, references: context.references }));
}

/** Both lists in document order (each already is). */
function withProjectFindings(paragraphFindings: Finding[], projectWide: Finding[]): Finding[] {
  if (projectWide.length === 0) return paragraphFindings;
  return [...paragraphFindings, ...projectWide].sort((a, b) => a.start - b.start);
}

/** Said once, where the analysis stopped: what was checked and that the rest was not. */
function budgetReached(stop: AnalysisStop, document: TextDocument): Diagnostic {
  const at = document.positionAt(stop.offset);
  return {
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    code: BUDGET_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: analysisStopMessage(stop),
  };
}

/** A rule's settings: what the user set, else the rule's defaults. */
export function ruleSettings(config: Config, code: string): { enabled: boolean; severity: RuleSeverity } {
  // Settings arrive as loose JSON: a value of the wrong type falls back to the default instead of breaking the rule.
  const set: { enabled?: unknown; severity?: unknown } = config.lint.rules[code] ?? {};
  const fallback = ruleFor(code)?.defaultSeverity ?? 'warning';
  return {
    enabled: typeof set.enabled === 'boolean' ? set.enabled : (ruleFor(code)?.defaultEnabled ?? true),
    severity: typeof set.severity === 'string' && set.severity in SEVERITIES ? (set.severity as RuleSeverity) : fallback,
  };
}

/** The link from a rule's code to its section of the rules documentation, if the client said where that is. */
export function ruleDocumentationLink(rulesDocumentation: string | undefined, code: string): CodeDescription | undefined {
  if (!rulesDocumentation) return undefined;
  return { href: `${rulesDocumentation.replace(/#.*$/, '')}#${encodeURIComponent(code)}` };
}

export function toDiagnostic(finding: Finding, document: TextDocument, severity: RuleSeverity, rulesDocumentation?: string): Diagnostic {
  const codeDescription = ruleDocumentationLink(rulesDocumentation, finding.code);
  const range = { start: document.positionAt(finding.start), end: document.positionAt(finding.end) };
  const relatedInformation: DiagnosticRelatedInformation[] | undefined = finding.related?.map((note) => ({
    location: {
      uri: document.uri,
      range: note.span ? { start: document.positionAt(note.span.start), end: document.positionAt(note.span.end) } : range,
    },
    message: note.message,
  }));
  return {
    range,
    severity: SEVERITIES[severity],
    code: finding.code,
    ...(codeDescription ? { codeDescription } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    ...(relatedInformation && relatedInformation.length > 0 ? { relatedInformation } : {}),
    data: finding.data,
  };
}

const SEVERITIES: Record<RuleSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function tooMany(total: number | undefined, cap: number, document: TextDocument, last: Finding | undefined): Diagnostic {
  const at = document.positionAt(last ? last.end : 0);
  return {
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    code: TOO_MANY_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `Showing ${cap} of ${total ?? `more than ${cap}`} secretome diagnostics; raise secretome.lint.maxDiagnostics to see the rest.`,
  };
}
