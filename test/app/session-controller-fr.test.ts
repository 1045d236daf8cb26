/**
 * The session gives the runner the interface's language of the moment (issue 19.1): a cell's error
 * is written in French while the app is in French, in English once the user switches, and a
 * notebook file that cannot be read says why in the banner in the same language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { cellKinds } from '../../src/app/kinds';
import { SessionController } from '../../src/app/session-controller';
import { i18nFor, type Lang } from '../../src/i18n';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query('CREATE TABLE visits AS SELECT * FROM (VALUES (1, 12), (2, 7)) t(reseller, n)');
});

describe('the session in French', () => {
  it("writes a cell's error in the language of the moment", async () => {
    let lang: Lang = 'fr';
    const s = new SessionController(engine, cellKinds({ t: () => i18nFor(lang).t }), { i18n: () => i18nFor(lang) });
    await s.init();
    await s.open('# V\n\n```sql total\nSELECT sum(nn) AS total FROM visits\n```\n', 'v.md');
    const id = s.notebook.cells.find((c) => c.name === 'total')!.id;
    expect(s.states[id]?.error).toEqual({
      kind: 'missing-column',
      message: "Il n'y a pas de colonne « nn » ici.",
      hint: "Il n'y a pas de colonne « nn » dans ce que lit cette requête. Vouliez-vous dire « n » ?",
      excerpt: 'Ligne 1 : SELECT sum(nn) AS total FROM visits\n                     ^',
    });
    lang = 'en';
    await s.runAll();
    expect(s.states[id]?.error?.message).toBe('There is no column "nn" here.');
  });

  it('says in the banner why a notebook file cannot be opened', async () => {
    const s = new SessionController(engine, cellKinds(), { i18n: () => i18nFor('fr') });
    await s.init();
    expect(await s.open('# V\n\n```sql q\nSELECT 1\n', 'casse.md')).toBe(false);
    expect(s.banner?.message).toBe(
      "Impossible d'ouvrir casse.md : Ligne 3 : la cellule sql « q » n'est jamais fermée. Ajoutez une ligne ``` après son code. Votre carnet actuel n'a pas changé.",
    );
  });
});
