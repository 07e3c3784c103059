/**
 * The embedded launcher: the whole product in one process on embedded defaults.
 * `startEmbedded` is also what end-to-end tests and benchmarks use to run the stack.
 */
export { startEmbedded, type EmbeddedStack, type EmbeddedUrls } from './start-embedded.js';
export { loadConfig, type EmbeddedConfig } from './config.js';
