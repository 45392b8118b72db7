/**
 * Every intrinsic (pure ones from lonala, OS ones from here) as one shared
 * `Native` function value per name. Sharing matters: compiled inline ops
 * guard on the identity of the native a var held at compile time, and a
 * cached image refers to natives by name.
 */
import { Native } from '../machine/index.js';
import { INTRINSICS } from '../lonala/index.js';
import { osIntrinsics } from './intrinsics/index.js';

export const NATIVES: ReadonlyMap<string, Native> = new Map(
  [...INTRINSICS.values(), ...osIntrinsics].map((spec) => [spec.name, new Native(spec)]),
);
