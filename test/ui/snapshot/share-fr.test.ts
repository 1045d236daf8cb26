/**
 * The share dialog's words in French: a missing viewer said in the interface's language (its message
 * stays for developers), and the file's size written as the workspace panel writes sizes (bytesIn).
 */
import { describe, expect, it } from 'vitest';
import { errorText, i18nFor } from '../../../src/i18n';
import { bytesIn } from '../../../src/store/quota';
import { ViewerMissingError } from '../../../src/ui/snapshot/share';

describe('the share dialog in French', () => {
  it('says the viewer is missing in the language of the interface', () => {
    const err = new ViewerMissingError();
    expect(errorText(i18nFor('fr').t, err)).toBe(
      "La visionneuse d'instantanés ne fait pas partie de cette version. Construisez Longtail avec `npm run build`, qui construit d'abord la visionneuse.",
    );
    expect(err.message).toBe('The snapshot viewer is not part of this build. Build Longtail with `npm run build`, which builds the viewer first.');
  });

  it('writes sizes as the workspace panel does, which the e2e test reads in English ("Size: 1.2 MB")', () => {
    const [fr, en] = [i18nFor('fr'), i18nFor('en')];
    const sizes = [1, 900, 2048, 1_288_490, 23_500_000];
    expect(sizes.map((n) => bytesIn(fr, n))).toEqual(['1 octet', '900 octets', '2,0 ko', '1,2 Mo', '22,4 Mo']);
    expect(sizes.map((n) => bytesIn(en, n))).toEqual(['1 bytes', '900 bytes', '2.0 kB', '1.2 MB', '22.4 MB']);
    expect(`Size: ${bytesIn(en, 1_288_490)}`).toMatch(/Size: ([\d.]+) (bytes|kB|MB|GB)/);
  });
});
