// Public API of the entity recogniser.
export { recogniseEntities } from './recognise.js';
export type { EntityMention, EntityType } from './recognise.js';
export { canonicalKey, EntityCatalogue, latinFold, transliterate } from './canonical.js';
export type { CatalogueEntity } from './canonical.js';
export { lemmatisePhrase, lemmatiseWord } from './russian.js';
export { evaluateNer, readConll, readFactRu, FACTRU_TYPES } from './eval.js';
export type { NerDoc, NerReport, NerSpan, PRF } from './eval.js';
