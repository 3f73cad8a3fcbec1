/** The manuscript model: prose, sentences and citations of a Markdown, LaTeX or plain-text document. */
export * from './types';
export { findCitations, LATEX_CITE_COMMANDS, MAX_EXPANDED_RANGE } from './citations';
