/**
 * The stand-in for apache-arrow's null test (no `new Function`, see vite.config.ts) answers as arrow's
 * own compiled `switch` does, for the null lists arrow's builders use and for odd values.
 */
import { describe, expect, it } from 'vitest';
import { createIsValidFunction as arrowOwn } from 'apache-arrow/builder/valid';
import { createIsValidFunction } from '../../src/engine/arrow-is-valid';

const VALUES: unknown[] = [null, undefined, 0, -0, 1, NaN, Infinity, '', 'N/A', 'null', 0n, 1n, false, true, {}, [], Symbol.iterator];

describe('isValid without eval', () => {
  it('gives the same answer as arrow for every null list and value', () => {
    const lists: (unknown[] | null | undefined)[] = [undefined, null, [], [null], [null, undefined], [null, 'N/A', NaN], [NaN], [0], [0n, ''], [false]];
    for (const nulls of lists) {
      const ours = createIsValidFunction(nulls);
      const theirs = arrowOwn(nulls as never) as (v: unknown) => boolean;
      for (const v of VALUES) expect(ours(v), `${String(nulls)} / ${String(v)}`).toBe(theirs(v));
    }
  });
});
