// Public API of the text stage: decode, normalise, clean, segment. Pure functions, no I/O.
export { canonicalCharset, decode, looksBinary, sniffCharset } from './decode.js';
export type { DecodeResult, SniffResult } from './decode.js';
export { foldForMatching, normalise } from './normalise.js';
export type { NormaliseResult } from './normalise.js';
export { composeMaps, identityMap, isIdentity, OffsetMapBuilder, toOriginal, toOriginalEnd } from './offsetmap.js';
export type { OffsetMap } from './offsetmap.js';
export { clean, isBoilerplateLine, lineKey, stripGluedPagination } from './clean.js';
export type { CleanResult, RemovedSpan } from './clean.js';
export { segment, SINGLE_ITEM_MAX } from './segment.js';
export type { Segment, SegmentOptions } from './segment.js';
