/**
 * The typed settings the core works with. The server turns `secretome.*` workspace settings into a Config
 * (server/src/settings.ts) and passes it into every call; the core keeps no settings of its own.
 */
import type { ManuscriptProject } from './project/model';
import type { ManuscriptLanguage } from './manuscript/types';

export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleConfig {
  enabled: boolean;
  severity: RuleSeverity;
}

export interface Config {
  completion: {
    /** Offer reference completion inside [..], \cite{..} and [@..]. */
    citations: boolean;
    /** Offer factor and EV-type names while typing words. */
    terms: boolean;
    /** At most this many reference items in one list. */
    maxItems: number;
  };
  hover: {
    enabled: boolean;
  };
  lint: {
    enabled: boolean;
    languages: ManuscriptLanguage[];
    /** Per rule code, e.g. "unsupported-claim". Rules absent here use their defaults. */
    rules: Record<string, Partial<RuleConfig>>;
    /** Cap on diagnostics per document; one extra diagnostic says the cap was reached. */
    maxDiagnostics: number;
    /**
     * Who decides that an uncited sentence needs a citation: the claim rules alone ("rules"), or the learned
     * citation-worthiness model at one of its operating points (claims/citationWorthiness.ts).
     */
    citationNeeded: { sensitivity: CitationSensitivity };
    /**
     * Where the rules are documented, one section per rule code: each diagnostic's code links to `<this>#<code>`.
     * The VS Code client passes the docs/rules.md the extension ships; without it diagnostics carry no link.
     */
    rulesDocumentation?: string;
  };
  sources: DocumentSources;
  /**
   * secretome.bibliographies: bibliography files (paths or globs, relative to the workspace folder) every manuscript
   * uses besides those it names. The server may read them even outside the workspace: the user named them.
   */
  bibliographies: string[];
  /**
   * secretome.manuscript: the manuscript's root file or folder, relative to the workspace folder; empty when the
   * project is found from the files. Read by the caller that finds projects (server/src/project.ts).
   */
  manuscript: string;
  /**
   * secretome.citationStyle: the CSL style reference lists are written in, a bundled style's name ("vancouver", the
   * default) or a workspace-relative path to a .csl file (core/style/styleSetting.ts reads and checks it).
   */
  citationStyle: string;
}

/**
 * What one document cites from, besides the review: the bibliographies it uses (their source ids, in the order it
 * names them; the caller has given their contents to the language service) and the citation keys the rest of its
 * project defines (Manubot's `[@tag:x]: doi:…` lines in another chapter). Worked out per document by the caller.
 */
export interface DocumentSources {
  bibliographyIds: string[];
  /** Keys defined elsewhere in the manuscript's project, as cited ("tag:Abe"). */
  projectKeys: string[];
  /** The manuscript project the document belongs to, every file in its current text; absent: the document alone. */
  project?: ManuscriptProject;
}

/** "rules": the claim rules alone (the default); the others let the model decide, from fewest findings to most. */
export type CitationSensitivity = 'rules' | 'precise' | 'balanced' | 'thorough';
export const citationSensitivities: readonly CitationSensitivity[] = ['rules', 'precise', 'balanced', 'thorough'];

export const defaultConfig: Config = {
  completion: { citations: true, terms: true, maxItems: 54 },
  hover: { enabled: true },
  lint: {
    enabled: true,
    languages: ['markdown', 'latex', 'plaintext'],
    rules: {},
    maxDiagnostics: 200,
    citationNeeded: { sensitivity: 'precise' },
  },
  sources: { bibliographyIds: [], projectKeys: [] },
  bibliographies: [],
  manuscript: '',
  citationStyle: 'vancouver',
};

/** Fills the gaps in a partial config from the defaults, so callers may pass only what they change. */
export function resolveConfig(partial?: DeepPartial<Config>): Config {
  return {
    completion: { ...defaultConfig.completion, ...partial?.completion },
    hover: { ...defaultConfig.hover, ...partial?.hover },
    lint: {
      ...defaultConfig.lint,
      ...partial?.lint,
      languages: (partial?.lint?.languages as ManuscriptLanguage[] | undefined) ?? defaultConfig.lint.languages,
      rules: { ...(partial?.lint?.rules as Record<string, Partial<RuleConfig>> | undefined) },
      citationNeeded: { ...defaultConfig.lint.citationNeeded, ...partial?.lint?.citationNeeded },
    },
    sources: { ...defaultConfig.sources, ...(partial?.sources as Partial<DocumentSources> | undefined) },
    bibliographies: (partial?.bibliographies as string[] | undefined) ?? defaultConfig.bibliographies,
    manuscript: partial?.manuscript ?? defaultConfig.manuscript,
    citationStyle: partial?.citationStyle ?? defaultConfig.citationStyle,
  };
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
