/** The compiler's public API: top-level compilation and compile errors. */
export { compileTopLevel, SPECIAL_FORMS, type CompileEnv, type CodeObjectResult } from './compiler.js';
export { positionOf } from './compile-error.js';
