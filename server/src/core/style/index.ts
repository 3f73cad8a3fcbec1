/** References written in a CSL style (citeproc-js): the formatter, the bundled styles, and the setting that picks one. */
export { createReferenceFormatter, CitationStyleError, type CitationStyle, type ReferenceFormatter, type ReferenceOutput } from './referenceFormatter';
export { bundledStyles, bundledLocales, defaultStyleName, isBundledStyleName, type BundledStyleName } from './bundledStyles';
export { resolveCitationStyle, maxStyleFileBytes, type ResolvedStyle, type StyleProblem } from './styleSetting';
export { escapeLatex, escapeMarkdown } from './escaping';
