/** Closure creation: collecting a new closure's captured values. */
import type { Value } from './value.js';
import { CaptureFrom, type CodeObject, type Fn } from './function.js';

/**
 * The captured values of a closure of `proto` created in the frame at `fp`
 * of the running closure `self`, per the proto's capture list.
 */
export function captureEnv(proto: CodeObject, stack: Value[], fp: number, self: Fn): Value[] {
  const caps = proto.captures;
  const env = new Array<Value>(caps.length >> 1);
  for (let i = 0, j = 0; i < caps.length; i += 2, j++) {
    const from = caps[i] as CaptureFrom, index = caps[i + 1];
    env[j] = from === CaptureFrom.Local ? stack[fp + index] : from === CaptureFrom.Env ? self.env[index] : self;
  }
  return env;
}
