/**
 * apache-arrow's `createIsValidFunction` without `new Function`. Arrow builds the "is this value not
 * null?" test of its builders (vectorFromArray, tableFromJSON…) by compiling a `switch` from text, which
 * a Content Security Policy without 'unsafe-eval' refuses — the app page's and the TypeScript cells'
 * sandbox's. vite.config.ts puts this module in place of arrow's `builder/valid.mjs` in every bundle.
 * Same answers: false for a value strictly equal to one of `nullValues` (and for NaN when NaN is one).
 */
export function createIsValidFunction(nullValues?: readonly unknown[] | null): (value: unknown) => boolean {
  if (!nullValues || nullValues.length === 0) return () => true;
  const nanIsNull = nullValues.some((x) => x !== x);
  const nulls = nullValues.filter((x) => x === x);
  return function isValid(value: unknown): boolean {
    if (nanIsNull && value !== value) return false;
    for (const n of nulls) if (value === n) return false;
    return true;
  };
}
