// Every optimizer method the lab runs (spec §2 `optimizer.method`), one descriptor each: a method
// missing here is a compile error, never a silent fallback.
import type { OptimizerMethod } from '../../types';
import type { MethodDescriptor } from './descriptor';
import { flow } from './flow';
import { gd } from './gd';
import { grouprmsprop } from './grouprmsprop';

export type { MethodDescriptor } from './descriptor';

/** One descriptor per method: a missing method does not compile. */
export type MethodTable = { readonly [M in OptimizerMethod]: MethodDescriptor };

export const METHODS: MethodTable = { gd, flow, grouprmsprop };

/** The descriptor of `method`; throws on a name outside the table (a file that skipped validation). */
export function methodOf(method: OptimizerMethod): MethodDescriptor {
  if (!Object.prototype.hasOwnProperty.call(METHODS, method)) throw new Error(`unknown optimizer method "${method}"`);
  return METHODS[method];
}
