/**
 * What a front end may ask the reader about typed text, without a machine:
 * whether it ends inside an open form (Enter then continues the entry).
 */
import { readAll } from '../lonala/index.js';

/** True when `text` ends inside a form the reader has not seen closed. */
export function formIncomplete(text: string): boolean {
  const { error } = readAll(text);
  return error !== null && error.kind === 'unexpected-eof';
}
