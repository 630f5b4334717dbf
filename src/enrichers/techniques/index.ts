// Public API of the techniques enricher.
export { techniquesEnricher, techniqueLanguage } from './enricher.js';
export type { TechniquesOptions } from './enricher.js';
