import { describe, expect, it } from 'vitest';
import { TimeLimitError, withTimeLimit } from '../../bench/time-limit';

describe('withTimeLimit', () => {
  it('passes on a result that comes in time', async () => {
    await expect(withTimeLimit(Promise.resolve(42), 1000, 'answer')).resolves.toBe(42);
  });

  it('fails with a TimeLimitError naming the step when the limit passes first', async () => {
    const never = new Promise<number>(() => undefined);
    const err = await withTimeLimit(never, 20, 'the import').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeLimitError);
    expect((err as Error).message).toBe('the import did not finish within 20 ms.');
  });
});
