/** A time limit on a promise: a step that never ends is a failure to report, not a run that hangs. */
export class TimeLimitError extends Error {}

export function withTimeLimit<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    const limit = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
    timer = setTimeout(() => reject(new TimeLimitError(`${what} did not finish within ${limit}.`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
