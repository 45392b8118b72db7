/**
 * A native that must call Lonala code (apply, eval) returns a CallRequest
 * instead of a value; the processor performs the call in the native's place,
 * as a tail call, so no JS recursion ever runs Lonala code.
 */
import type { Value } from './value.js';

export class CallRequest {
  constructor(readonly fn: Value, readonly args: Value[]) {}
}
