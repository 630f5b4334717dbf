// Public API of the language enricher.
export { DEFAULT_LANGUAGES, detectLanguage, letterStats, UNDETERMINED } from './detect.js';
export type { LanguageGuess, LetterStats } from './detect.js';
export { scriptRuns, MIN_RUN_LETTERS } from './scripts.js';
export type { Script, ScriptRun, ScriptRunOptions } from './scripts.js';
export { languageSpans } from './spans.js';
export type { LanguageSpan } from './spans.js';
export { languageEnricher, itemLanguage } from './enricher.js';
export type { LanguageOptions } from './enricher.js';
