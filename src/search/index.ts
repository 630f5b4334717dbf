// Public API of search: the query language, its compilation to FTS5, and the text analysis that
// indexing and querying share. Pure functions, no I/O; the store runs what compileQuery returns.
export { DEFAULT_NEAR_DISTANCE, FILTER_FIELDS, formatQueryError, isQueryDate, dateAfter, KNOWN_FIELDS, MAX_NEAR_DISTANCE, parseQuery, QueryError } from './parse.js';
export type { AndNode, FilterField, FilterNode, NearNode, NotNode, OrNode, PhraseNode, QueryNode, QuerySpan, TermNode } from './parse.js';
export { clearStemCache, foldToken, hasWords, indexLanguageFor, indexStem, scriptOf, stemCacheSize, stemmedText, stemTerm, stemWord, tokenize } from './analyze.js';
export type { Script, StemLanguage, Token } from './analyze.js';
export { compileAst, compileQuery, foldYo, FTS_COLUMNS, ftsString, highlightSpans } from './compile.js';
export type { CompiledQuery, HighlightPlan, HighlightSpan, MatchMode, SearchFilters } from './compile.js';
