/**
 * Lona itself, as the command line and the tests see it (ARCHITECTURE.md
 * "The OS"): booting a system, sessions that evaluate source in a process,
 * and where Lona's own files are.
 */
export { System, type Console } from './system.js';
export { Session, describeOutcome, type FormOutcome, type EvalTextOptions, type TextOutcome } from './session.js';
export { Process } from './process.js';
export { PACKAGE_ROOT, STD_DIR, VERSION } from './std-dir.js';
export { NATIVES } from './natives.js';
export { OutcomePrinter, PRINT_LIMITS, TEST_REDUCTION_LIMIT, promptName } from './outcome-printer.js';
export { LiveLoader } from './loader/live-loader.js';
export { isSpecFile } from './loader/source-tree.js';
export { loadText, describeLoadFailure, type TextLoad } from './loader/load-text.js';
export { routeConsole } from './session-console.js';
