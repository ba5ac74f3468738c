/**
 * The situational advisor's public API, free of Node-only modules (safe for the web app's bundle).
 * Loading the built-in data files from disk is in `src/catalog/` (server and command line).
 */
export {
  type AdviseOptions,
  advise,
  callOf,
  completeRatings,
  intensityOf,
  labelOf,
  MAX_BEHAVIOURS,
  MIN_BEHAVIOURS,
  type ProfileForAdvice,
  situationCalls,
} from './advise.ts';
export { parseProfileForAdvice, parseSituation } from './input.ts';
export { parseAdvisorRules, parseExamples } from './parse.ts';
export * from './types.ts';
