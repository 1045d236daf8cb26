/**
 * What the runner shows on a cell, in the reader's language (issue 19.1): given the interface's
 * translator (`RunnerOptions.t`), each error a cell can end with — the engine's, a cell kind's said
 * CellInputError, the guard's refusals, the graph's problems, a cell waiting for another — and the
 * notices a run writes are in French; without it, English as before. Real runner, real DuckDB-WASM.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { Runner } from '../../src/notebook/runner';
import { makeCell, type Cell } from '../../src/notebook/model';
import { cellKinds } from '../../src/app/kinds';
import { i18nFor, errorText } from '../../src/i18n';
import { parseNotebook } from '../../src/notebook/format';
import { emptyBin } from '../../src/store/bin';
import type { CellState } from '../../src/notebook/state';

const fr = i18nFor('fr').t;
let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});

beforeEach(async () => {
  await emptyBin(engine);
  await engine.query(`
    CREATE SCHEMA IF NOT EXISTS cells; CREATE SCHEMA IF NOT EXISTS longtail;
    CREATE OR REPLACE TABLE main.sales AS SELECT * FROM (VALUES (1, 10.5), (2, 20.0), (3, 5.25)) t(id, amount);`);
});

/** Runs the cells in French and in English; the state of each, by name or position. */
async function runBoth(make: () => Cell[], confirm?: boolean): Promise<{ fr: CellState[]; en: CellState[] }> {
  const out: { fr: CellState[]; en: CellState[] } = { fr: [], en: [] };
  for (const lang of ['fr', 'en'] as const) {
    const cells = make();
    const runner = new Runner(engine, () => cells, cellKinds(lang === 'fr' ? { t: () => fr } : {}), {
      ...(lang === 'fr' ? { t: () => fr } : {}),
      ...(confirm === undefined ? {} : { confirmDestructive: async () => confirm }),
    });
    await runner.init();
    await runner.runAll();
    out[lang] = cells.map((c) => runner.state(c.id));
  }
  return out;
}

describe('cell errors in French', () => {
  it("the engine's error, and the cell waiting for it", async () => {
    const { fr: f, en } = await runBoth(() => [makeCell('sql', 'SELECT amont FROM sales', 'bad'), makeCell('sql', 'SELECT * FROM bad', 'after')]);
    expect(f[0]!.error).toEqual({
      kind: 'missing-column',
      message: "Il n'y a pas de colonne « amont » ici.",
      hint: "Il n'y a pas de colonne « amont » dans ce que lit cette requête. Vouliez-vous dire « amount » ?",
      excerpt: 'Ligne 1 : SELECT amont FROM sales\n                 ^',
    });
    expect(f[1]!.error).toEqual({
      kind: 'blocked',
      message: "En attente de « bad », qui n'a pas pu s'exécuter.",
      hint: 'Corrigez « bad » et exécutez-la de nouveau ; cette cellule suivra.',
    });
    expect(en[0]!.error?.message).toBe('There is no column "amont" here.');
    expect(en[1]!.error).toEqual({ kind: 'blocked', message: 'Waiting for "bad", which did not run.', hint: 'Fix "bad" and run it again; this cell follows.' });
  });

  it('an undefined $parameter (a said CellInputError)', async () => {
    const { fr: f, en } = await runBoth(() => [makeCell('sql', 'SELECT * FROM sales WHERE id > $min_id', 'q')]);
    expect(f[0]!.error).toEqual({
      kind: 'input',
      message: "$min_id n'est pas défini.",
      hint: 'Ajoutez une cellule de saisie nommée min_id, ou remplacez $min_id par une valeur.',
    });
    expect(en[0]!.error).toEqual({ kind: 'input', message: '$min_id is not defined.', hint: 'Add an input cell named min_id, or replace $min_id with a value.' });
  });

  it('an analysis cell that names no analysis, and one given a wrong value', async () => {
    const { fr: f, en } = await runBoth(() => [makeCell('analysis', 'function: nope', 'a'), makeCell('analysis', 'function: rfm.scores\nas_of: demain', 'b')]);
    expect(f[0]!.error?.message).toBe("Il n'existe pas d'analyse « nope ».");
    expect(f[0]!.error?.hint).toMatch(/^Utilisez l'une de celles-ci : .*rfm\.scores/);
    expect(en[0]!.error?.message).toBe('There is no analysis called "nope".');
    // rfm.scores reads tables this workspace does not have: the graph says so, in the plural.
    expect(f[1]!.error?.message).toBe(
      '"deals", "partners" ne sont ni des tables ni des noms de cellules. Vérifiez l\'orthographe, importez les données, ou donnez ces noms aux cellules qui doivent les produire.',
    );
    expect(en[1]!.error?.message).toBe('"deals", "partners" are neither a table nor the name of a cell. Check the spelling, import the data, or name the cell that should make it.');
    // Its parameters, checked before anything runs.
    const { analysisParams, parseAnalysisBody } = await import('../../src/notebook/kinds/analysis-cell');
    const err = (() => {
      try {
        return analysisParams(parseAnalysisBody('function: rfm.scores\nas_of: demain'), { param: () => undefined });
      } catch (e) {
        return e;
      }
    })();
    expect(errorText(fr, err)).toBe("as_of : « demain » n'est pas une date (AAAA-MM-JJ).");
    expect((err as Error).message).toBe('as_of: "demain" is not a date (YYYY-MM-DD).');
  });

  it('a name that is neither a table nor a cell (a problem of the graph)', async () => {
    const { fr: f, en } = await runBoth(() => [makeCell('sql', 'SELECT * FROM nope', 'q')]);
    expect(f[0]!.error?.message).toBe(
      "\"nope\" n'est ni une table ni le nom d'une cellule. Vérifiez l'orthographe, importez les données, ou donnez ce nom à la cellule qui doit les produire.",
    );
    expect(en[0]!.error?.message).toBe('"nope" is neither a table nor the name of a cell. Check the spelling, import the data, or name the cell that should make it.');
  });

  it('two cells that read each other', async () => {
    const { fr: f, en } = await runBoth(() => [makeCell('sql', 'SELECT * FROM b', 'a'), makeCell('sql', 'SELECT * FROM a', 'b')]);
    expect(f[0]!.error?.message).toBe("Ces cellules se lisent l'une l'autre en boucle (a lit b, b lit a). Rompez la boucle : l'une d'elles doit lire une table à la place.");
    expect(en[0]!.error?.message).toBe('These cells read each other in a circle (a reads b, b reads a). Break the circle so one of them reads a table instead.');
  });

  it("the guard: a change nothing can ask about, one the user declines, and the bin's notice", async () => {
    const refused = await runBoth(() => [makeCell('sql', 'DELETE FROM sales WHERE id = 1', 'q')]);
    expect(refused.fr[0]!.error).toEqual({
      kind: 'input',
      message: 'Cette cellule veut supprimer des lignes de la table sales (3 lignes), et rien ici ne peut vous demander votre accord avant.',
      hint: "Longtail demande votre accord avant qu'une cellule supprime ou réécrive une table importée ou du modèle. Exécutez la cellule dans l'application, ou travaillez sur une copie : CREATE TABLE my_copy AS SELECT * FROM … .",
    });
    expect(refused.en[0]!.error?.message).toBe('This cell would delete rows of table sales (3 rows), and nothing here can ask you first.');

    const declined = await runBoth(() => [makeCell('sql', 'DROP TABLE sales', 'q')], false);
    expect(declined.fr[0]!.error?.message).toBe('Non exécutée : vous avez choisi de garder sales tel quel.');
    expect(declined.en[0]!.error?.message).toBe('Not run: you chose to keep sales as it is.');

    const kept = await runBoth(() => [makeCell('sql', 'DELETE FROM sales WHERE id = 1; SELECT count(*) AS n FROM sales', 'q')], true);
    expect(kept.fr[0]!.result?.notice).toBe(
      "La version précédente de sales (3 lignes) est dans la corbeille : restaurez-la depuis le panneau Espace de travail (Corbeille) tant que vous ne l'avez pas vidée.",
    );
    // The English run deleted from the table the French run had left with 2 rows.
    expect(kept.en[0]!.result?.notice).toBe('The previous version of sales (2 rows) is in the bin: restore it from the Workspace panel (Bin) until you empty the bin.');
  });

  it("a chart cell's spec errors", async () => {
    const { fr: f, en } = await runBoth(() => [makeCell('chart', 'mark: bar', 'c')]);
    expect(f[0]!.error).toEqual({
      kind: 'input',
      message: "Le graphique n'indique pas quel résultat tracer.",
      hint: 'Ajoutez « data: { name: <cellule ou table> } » en haut de la spécification.',
    });
    expect(en[0]!.error).toEqual({ kind: 'input', message: 'The chart does not say which result to draw.', hint: 'Add "data: { name: <cell or table> }" at the top of the spec.' });
  });

  it("a chart of a column the result does not have", async () => {
    const { fr: f } = await runBoth(() => [makeCell('chart', 'data: { name: sales }\nmark: bar\nencoding: { x: { field: partner } }', 'c')]);
    expect(f[0]!.error).toEqual({ kind: 'input', message: 'Le graphique trace « partner », que sales n\'a pas.', hint: 'Ses colonnes sont : id, amount.' });
  });

  it("a TypeScript cell's records that mix types (no worker needed: the error is the page's)", async () => {
    const { recordsToTable } = await import('../../src/notebook/records');
    const { said } = await import('../../src/i18n');
    let err: unknown;
    try {
      recordsToTable([{ a: 1 }, { a: 'x' }], said('core.notebook.records.result_of', { name: 'top' }));
    } catch (e) {
      err = e;
    }
    expect(errorText(fr, err)).toBe('La colonne « a » dans le résultat de top mélange des nombres et du texte (ligne 2).');
    expect((err as Error).message).toBe('Column "a" of the result of top mixes numbers and text (row 2).');
  });
});

describe('other errors said in French', () => {
  it("an input's list of choices that is not one query", async () => {
    const cell = makeCell('input', 'SELECT 1; SELECT 2', 'pick');
    const runner = new Runner(engine, () => [cell], cellKinds(), { t: () => fr });
    await runner.init();
    const err = await runner.inputOptions(cell).catch((e: unknown) => e);
    expect(errorText(fr, err)).toBe("La liste des choix doit venir d'une seule requête (SELECT …).");
    expect((err as Error).message).toBe('The list of choices must come from one query (SELECT …).');
  });

  it('a notebook file with a cell never closed', () => {
    let err: unknown;
    try {
      parseNotebook('# T\n\n```sql q1\nSELECT 1\n');
    } catch (e) {
      err = e;
    }
    expect(errorText(fr, err)).toBe("Ligne 3 : la cellule sql « q1 » n'est jamais fermée. Ajoutez une ligne ``` après son code.");
    expect((err as Error).message).toBe('Line 3: the sql cell "q1" is never closed. Add a line ``` after its code.');
  });
});
