/** The few parts of citeproc-js (npm `citeproc`, untyped) the style module uses. */
declare module 'citeproc' {
  interface CiteprocSys {
    retrieveLocale(lang: string): string | undefined;
    retrieveItem(id: string): unknown;
  }

  interface BibliographyMeta {
    /** One array per entry, in the order the entries are returned: the ids of the items it formats. */
    entry_ids: string[][];
    bibliography_errors?: unknown[];
  }

  class Engine {
    constructor(sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean);
    setOutputFormat(format: string): void;
    updateItems(ids: string[]): void;
    /** `false` when the style has no bibliography element. */
    makeBibliography(): [BibliographyMeta, string[]] | false;
  }

  /** Output formats by name (`text`, `html`, `rtf`…); one is a table of string functions citeproc calls. */
  const Output: { Formats: Record<string, Record<string, unknown>> };

  const CSL: { Engine: typeof Engine; Output: typeof Output };
  export = CSL;
}
