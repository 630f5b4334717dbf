// Public API of the rule-based (training-free) technique detector.
export { detectTechniques, classifyFragment } from './detect.js';
export type { DetectedTechnique, DetectOptions, TechniqueLanguage } from './detect.js';
export { rulePredictor } from './predictor.js';
export type { CueRule, CueScope } from './cues.js';
