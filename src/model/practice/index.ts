/**
 * The practice library's public API, free of Node-only modules (safe for the web app's bundle).
 * Loading the built-in library from disk is in `src/catalog/` (server and command line).
 */
export { parsePractices } from './parse.ts';
export { practicesFor, searchPractices } from './search.ts';
export * from './types.ts';
