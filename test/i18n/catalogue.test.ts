// The two catalogues hold the same keys, each used somewhere in src/ (quoted, as t('key') or in a key
// table), with the same placeholders and plural forms. A missing or unused key fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, type Message } from '../../src/i18n';

const SRC = new URL('../../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return p.endsWith(path.join('i18n', 'messages')) ? [] : sources(p);
    return /\.(ts|svelte)$/.test(f) ? [p] : [];
  });
}

const placeholders = (m: Message): string[] =>
  [...new Set((typeof m === 'string' ? [m] : Object.values(m)).flatMap((s) => [...(s ?? '').matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].sort();

describe('the message catalogues', () => {
  const en = CATALOGUES.en;
  const fr = CATALOGUES.fr;

  it('have the same keys, in English and in French', () => {
    expect(Object.keys(fr).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in fr))).toEqual([]);
    expect(Object.keys(en).length).toBeGreaterThan(50);
  });

  it('leave no message empty, and give each translation the same placeholders and a plural when English has one', () => {
    for (const key of Object.keys(en)) {
      const [e, f] = [en[key]!, fr[key]!];
      expect({ key, placeholders: placeholders(f) }).toEqual({ key, placeholders: placeholders(e) });
      expect({ key, plural: typeof f === 'object' }).toEqual({ key, plural: typeof e === 'object' });
      for (const text of typeof f === 'string' ? [f] : Object.values(f)) expect({ key, empty: !text?.trim() }).toEqual({ key, empty: false });
    }
  });

  it('hold only keys some code uses', () => {
    const code = sources(SRC).map((p) => readFileSync(p, 'utf8')).join('\n');
    const unused = Object.keys(en).filter((k) => !code.includes(`'${k}'`) && !code.includes(`"${k}"`) && !code.includes(`\`${k}\``));
    expect(unused).toEqual([]);
  });

  it('are translated: most French messages differ from the English ones', () => {
    const same = Object.keys(en).filter((k) => JSON.stringify(en[k]) === JSON.stringify(fr[k]));
    // Words French shares with English (Champions, engagement, pipeline, Table, Source…) only.
    expect(same.length).toBeLessThan(Object.keys(en).length / 10);
  });
});
