import { describe, it, expect } from 'vitest';
import { isQuotaError, storageFullMessage } from '../../src/store/quota';

describe('storage full', () => {
  it('recognises the browsers\' and DuckDB\'s out-of-space errors, and only those', () => {
    expect(isQuotaError(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toBe(true);
    expect(isQuotaError(new Error("Failed to execute 'write' on 'FileSystemSyncAccessHandle': No space available for this operation"))).toBe(true);
    expect(isQuotaError(new Error('Catalog Error: Table with name x does not exist!'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('says nothing was lost and names the three largest things to delete', () => {
    const MB = 1024 * 1024;
    const msg = storageFullMessage(
      [
        { kind: 'notebook', name: 'welcome.md', bytes: 2048 },
        { kind: 'table', name: 'deals', bytes: 80 * MB },
        { kind: 'table', name: 'activities', bytes: 210 * MB },
        { kind: 'table', name: 'empty', bytes: 0 },
        { kind: 'table', name: 'partners', bytes: 3 * MB },
      ],
      { used: 300 * MB, quota: 300 * MB, persisted: false },
    );
    expect(msg).toBe(
      "The browser's storage for Longtail is full (300.0 MB used of 300.0 MB). Nothing was lost: your latest changes stay in this tab " +
        'and are saved as soon as there is room. To make room, delete what you no longer need, largest first: ' +
        'table activities (210.0 MB), table deals (80.0 MB), table partners (3.0 MB). Export the workspace first if you may need them again.',
    );
  });
});
