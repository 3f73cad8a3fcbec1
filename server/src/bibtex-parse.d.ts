/** Types for bibtex-parse 2.x (the package ships none): only what the command-line linter uses. */
declare module 'bibtex-parse' {
  export interface BibtexEntry {
    key: string;
    type: string;
    [field: string]: unknown;
  }
  /** Parses BibTeX source into its entries; throws on a syntax error. */
  export function entries(bibtex: string): BibtexEntry[];
}
