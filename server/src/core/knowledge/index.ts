/** The knowledge layer's public surface: the reference model, the knowledge base, and the ranking over it. */
export * from './model';
export { KnowledgeBase, DocumentReferences, type BibliographyInput, type DocumentScope } from './knowledgeBase';
export { type RankedReference, type RankOptions, type RankResult } from './ranking';
export { matchBands, type MatchBand } from './search';
export { reviewReferences, reviewSource, parseVancouverAuthors } from './reviewSource';
export { ReviewLinks } from './linking';
export { foldText } from './text';
