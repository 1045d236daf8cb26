// A snapshot is written in the language chosen at share time and says so: <html lang>, its title and
// its no-script note in that language, and the language kept in the payload for its viewer.
import { describe, expect, it } from 'vitest';
import { snapshotHtml } from '../../src/snapshot/html';
import { parsePayload, readSnapshotHtml } from '../../src/snapshot/parse';
import type { SnapshotPayload } from '../../src/snapshot/payload';

const payload = (lang?: 'en' | 'fr'): SnapshotPayload => ({
  format: 'longtail-snapshot',
  version: 1,
  title: 'Segmentation RFM',
  fileName: 'rfm.md',
  createdAt: '2026-01-02T03:04:05.000Z',
  frontMatter: null,
  cells: [{ kind: 'markdown', text: '# Qui sont mes champions ?' }],
  fingerprints: [],
  hidden: { code: true, cells: [], pseudonymised: null, capped: [] },
  provenance: null,
  currency: 'EUR',
  partners: null,
  ...(lang ? { lang } : {}),
});
const viewer = { js: 'void 0;', css: '' };

describe('the language of a snapshot', () => {
  it('writes a French snapshot as French', () => {
    const html = snapshotHtml(payload('fr'), viewer);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<title>Segmentation RFM — instantané Longtail</title>');
    expect(html).toContain("Cet instantané Longtail affiche son carnet avec JavaScript.");
    expect(readSnapshotHtml(html).lang).toBe('fr');
  });

  it('writes an English one as English, the default when no language is given', () => {
    for (const p of [payload('en'), payload()]) {
      const html = snapshotHtml(p, viewer);
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<title>Segmentation RFM — Longtail snapshot</title>');
    }
  });

  it('reads a language it does not know, or none, as English (older snapshots, edited files)', () => {
    expect(parsePayload({ ...payload(), lang: 'de' }).lang ?? 'en').toBe('en');
    expect(parsePayload({ ...payload(), lang: '<script>' }).lang ?? 'en').toBe('en');
    expect(parsePayload(payload()).lang).toBeUndefined();
    expect(snapshotHtml(parsePayload({ ...payload(), lang: 'de' }), viewer)).toContain('<html lang="en">');
    expect(parsePayload(payload('fr')).lang).toBe('fr');
  });
});
