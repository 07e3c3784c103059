/**
 * In-memory stand-ins for the Electron APIs in electron-ports.ts, so the main-process logic
 * runs under Node in tests. They record what the code asked for and let a test emit the
 * events Electron would (a second launch, a resume, a click).
 */
export * from './fake-emitter.js';
export * from './fake-electron.js';
export * from './fake-window.js';
