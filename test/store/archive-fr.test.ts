/**
 * The workspace archive's refusals, and the store's other errors, said in French: each error carries its
 * said form (errorText shows it in the reader's language) while its message stays the English it was.
 * Real DuckDB engines; the store in memory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { errorText, i18nFor } from '../../src/i18n';
import { exportWorkspace, importWorkspace, readArchive, type ArchiveManifest } from '../../src/store/archive';
import { restoreFromBin } from '../../src/store/bin';
import { columnsOf, fingerprintTable } from '../../src/store/fingerprint';
import { MemoryKv } from '../../src/store/memory-kv';
import { tableToParquet } from '../../src/store/parquet';
import { tableNames } from '../../src/store/tables';
import { resetToWorkshop } from '../../src/store/workshop';
import { WorkspaceStore } from '../../src/store/workspace-store';

const fr = i18nFor('fr').t;
const en = i18nFor('en').t;

/** What the French reader and the English one read of the error `p` rejects with, and its message. */
async function said(p: Promise<unknown>): Promise<{ fr: string; en: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return { fr: errorText(fr, err), en: errorText(en, err), message: (err as Error).message };
}

/** Checks the French text and that the English is the message, unchanged. */
async function expectSaid(p: Promise<unknown>, french: string, english: string): Promise<void> {
  expect(await said(p)).toEqual({ fr: french, en: english, message: english });
}

let a: Engine;
let b: Engine;
let archive: Uint8Array;

beforeAll(async () => {
  [a, b] = await Promise.all([createNodeEngine(), createNodeEngine()]);
  await a.query(`CREATE TABLE deals (deal_id VARCHAR, amount DECIMAL(18,2), status VARCHAR);
    INSERT INTO deals VALUES ('d1', 1200.50, 'won'), ('d2', 800.00, 'lost');
    CREATE VIEW won AS SELECT deal_id, amount FROM deals WHERE status = 'won'`);
  const store = await WorkspaceStore.open(new MemoryKv());
  await store.create('notes.md', '# Notes\n');
  await store.create('review.md', '# Review\n');
  ({ bytes: archive } = await exportWorkspace(a, store));
});

async function freshStore(): Promise<WorkspaceStore> {
  for (const t of await tableNames(b)) await b.query(`DROP TABLE main."${t}"`);
  await b.query(`CREATE TABLE old_t AS SELECT 1 AS x`);
  return WorkspaceStore.open(new MemoryKv());
}

/** The archive with its files changed by `change` (the manifest given as an object). */
function edited(change: (files: Record<string, Uint8Array>, m: ArchiveManifest) => void): Uint8Array {
  const files = unzipSync(archive);
  const m = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as ArchiveManifest;
  change(files, m);
  files['manifest.json'] = new TextEncoder().encode(JSON.stringify(m));
  return zipSync(files);
}

describe('a workspace archive refused, in French', () => {
  it('says a file is not an export', async () => {
    await expectSaid(
      readArchive(new TextEncoder().encode('hello')),
      "Ce fichier n'est pas un export d'espace de travail Longtail (ce n'est pas une archive zip).",
      'This file is not a Longtail workspace export (it is not a zip archive).',
    );
    await expectSaid(
      readArchive(zipSync({ 'readme.txt': new TextEncoder().encode('hi') })),
      "Ce fichier zip ne contient pas de manifest.json lisible : ce n'est pas un export d'espace de travail Longtail.",
      'This zip file has no readable manifest.json: it is not a Longtail workspace export.',
    );
    await expectSaid(
      readArchive(zipSync({ 'manifest.json': new TextEncoder().encode('{"format":"other"}') })),
      "Ce fichier zip n'est pas un export d'espace de travail Longtail.",
      'This zip file is not a Longtail workspace export.',
    );
    await expectSaid(
      readArchive(edited((_, m) => ((m as { version: number }).version = 2))),
      "Cet export vient d'une version plus récente de Longtail (format 2) : mettez Longtail à jour pour l'importer.",
      'This export was made by a newer Longtail (format version 2); update Longtail to import it.',
    );
  });

  it('says which file is missing or damaged', async () => {
    await expectSaid(
      readArchive(edited((files) => delete files['notebooks/review.md'])),
      "L'export annonce notebooks/review.md mais ne le contient pas.",
      'The export lists notebooks/review.md but does not contain it.',
    );
    await expectSaid(
      readArchive(edited((files, m) => delete files[m.tables[0]!.path])),
      "L'export annonce tables/01-deals.parquet mais ne le contient pas.",
      'The export lists tables/01-deals.parquet but does not contain it.',
    );
    await expectSaid(
      readArchive(edited((files) => (files['notebooks/notes.md'] = new TextEncoder().encode('# Edited\n')))),
      'notebooks/notes.md ne correspond pas à son empreinte : le fichier est endommagé ou a été modifié.',
      'notebooks/notes.md does not match its fingerprint: the file is damaged or was edited.',
    );
  });

  it('says a table or a view does not hold what was exported, the workspace unchanged', async () => {
    await a.query(`CREATE OR REPLACE TABLE tampered AS SELECT * REPLACE (CASE WHEN deal_id = 'd2' THEN 801.00 ELSE amount END AS amount) FROM deals`);
    const tampered = await tableToParquet(a, { schema: 'main', name: 'tampered' }, await columnsOf(a, { schema: 'main', name: 'tampered' }));
    const store = await freshStore();
    await expectSaid(
      importWorkspace(b, store, edited((files, m) => (files[m.tables[0]!.path] = tampered))),
      "Une fois chargée, la table deals ne correspond pas à son empreinte : l'export est endommagé. Votre espace de travail n'a pas été modifié.",
      'Table deals does not match its fingerprint after loading: the export is damaged. Your workspace is unchanged.',
    );
    await expectSaid(
      importWorkspace(b, store, edited((_, m) => (m.views[0]!.sql = "CREATE VIEW won AS SELECT deal_id, amount FROM deals WHERE status = 'lost'"))),
      "La vue won ne montre pas les mêmes lignes qu'au moment de l'export. Votre espace de travail n'a pas été modifié.",
      'View won does not show the same rows as on export. Your workspace is unchanged.',
    );
    // A Parquet file of other columns: said by the Parquet reader (the table's staged name varies).
    await a.query(`CREATE OR REPLACE TABLE other AS SELECT 1 AS x`);
    const other = await tableToParquet(a, { schema: 'main', name: 'other' }, await columnsOf(a, { schema: 'main', name: 'other' }));
    const wrong = await said(importWorkspace(b, store, edited((files, m) => (files[m.tables[0]!.path] = other))));
    expect(wrong.fr).toMatch(/^Le fichier Parquet de __longtail_import_\w+ a les colonnes \(x\) au lieu de \(deal_id, amount, status\)\.$/);
    expect(wrong.message).toMatch(/^The Parquet file for __longtail_import_\w+ has columns \(x\) where \(deal_id, amount, status\) were expected\.$/);
    expect(wrong.en).toBe(wrong.message);
    expect(await tableNames(b)).toEqual(['old_t']);
    expect(store.notebooks).toEqual([]);
  });

  it('says why a table or a view of the manifest is refused, before anything of it runs', async () => {
    const store = await freshStore();
    const cases: [(m: ArchiveManifest) => void, string, string][] = [
      [(m) => (m.tables[0]!.name = ''), "L'export contient une table sans nom.", 'The export lists a table without a name.'],
      [
        (m) => (m.tables[0]!.schema = 'pg_catalog'),
        "La table deals se trouve dans un schéma que Longtail n'utilise pas (pg_catalog).",
        'Table deals is in a schema Longtail does not use (pg_catalog).',
      ],
      [(m) => ((m.tables[0] as { columns: unknown }).columns = null), "La table deals n'indique aucune colonne.", 'Table deals lists no columns.'],
      [
        (m) => (m.tables[0]!.columns[0]!.type = 'VARCHAR DEFAULT (1)'),
        'La colonne deal_id de la table deals a un type que Longtail ne sait pas lire (VARCHAR DEFAULT (1)).',
        'Column deal_id of table deals has a type Longtail cannot read (VARCHAR DEFAULT (1)).',
      ],
      [(m) => ((m.views[0] as { sql: unknown }).sql = 42), "L'export contient une vue sans nom ou sans définition.", 'The export lists a view without a name or a definition.'],
    ];
    const view = (problemFr: string, problemEn: string) =>
      [
        `La définition de la vue won est refusée : ${problemFr}. Seul un SELECT portant sur les tables de l'archive elle-même peut être importé.`,
        `The definition of view won is refused: ${problemEn}. Only a SELECT over the archive's own tables can be imported.`,
      ] as const;
    const views: [string, readonly [string, string]][] = [
      ['CREATE VIEW won AS SELECT 1; DROP TABLE old_t;', view('elle contient 2 instructions là où un seul CREATE VIEW était attendu', 'it holds 2 statements where one CREATE VIEW was expected')],
      ["COPY (SELECT * FROM deals) TO 'x.csv'", view("ce n'est pas une instruction CREATE VIEW", 'it is not a CREATE VIEW statement')],
      ['CREATE VIEW elsewhere AS SELECT * FROM deals', view('elle ne crée pas la vue won', 'it does not create the view won')],
      ['CREATE VIEW won (a) AS SELECT 1', view("elle n'est pas de la forme CREATE VIEW … AS SELECT …", 'it is not of the form CREATE VIEW … AS SELECT …')],
      ['CREATE VIEW won AS DELETE FROM deals', view("sa définition n'est pas une requête", 'its definition is not a query')],
      [
        "CREATE VIEW won AS SELECT * FROM read_text('http://127.0.0.1:4399/x')",
        view("elle appelle read_text(…), qui lit en dehors des tables de l'archive", "it calls read_text(…), which reads outside the archive's tables"),
      ],
      ['CREATE VIEW won AS SELECT * FROM old_t', view("elle lit old_t, que l'archive ne contient pas", 'it reads old_t, which the archive does not hold')],
    ];
    for (const [sql, texts] of views) cases.push([(m) => (m.views[0]!.sql = sql), ...texts]);
    for (const [change, french, english] of cases) {
      const shown = await said(importWorkspace(b, store, edited((_, m) => change(m))));
      // The import adds that nothing changed.
      expect(shown, english).toEqual({
        fr: `${french} Votre espace de travail n'a pas été modifié.`,
        en: `${english} Your workspace is unchanged.`,
        message: `${english} Your workspace is unchanged.`,
      });
    }
    expect(await tableNames(b)).toEqual(['old_t']);
  });
});

describe("the store's other errors, in French", () => {
  it('says a notebook is gone, cannot be restored, is already there, or cannot be read back', async () => {
    const kv = new MemoryKv();
    const store = await WorkspaceStore.open(kv);
    await expectSaid(store.read('nope'), "Ce carnet n'est plus dans l'espace de travail.", 'This notebook is no longer in the workspace.');
    await expectSaid(store.save('nope', 'x'), "Ce carnet n'est plus dans l'espace de travail.", 'This notebook is no longer in the workspace.');
    await expectSaid(store.restore('nope'), 'Ce carnet ne peut plus être restauré.', 'This notebook can no longer be restored.');
    const entry = await store.create('a.md', '# A\n');
    await expectSaid(store.create('b.md', '# B\n', { id: entry.id }), "Ce carnet est déjà dans l'espace de travail.", 'This notebook is already in the workspace.');
    await expectSaid(store.create('b', '# B\n'), "Le nom d'un carnet se termine par .md.", 'A notebook name ends with .md.');
    await expectSaid(store.rename(entry.id, ' a.md'), 'Un nom ne peut ni commencer ni se terminer par un espace.', 'A name cannot start or end with a space.');
    await store.create('c.md', '# C\n');
    await expectSaid(store.rename(entry.id, 'C.md'), 'Un carnet nommé C.md existe déjà.', 'A notebook named C.md already exists.');
    kv.data.set(`blob/${entry.sha256}`, new TextEncoder().encode('# Changed\n'));
    await expectSaid(
      store.read(entry.id),
      "Ce carnet n'a pas pu être relu intact depuis le stockage du navigateur.",
      'This notebook could not be read back intact from the browser storage.',
    );
  });

  it('says a version is no longer in the bin, no workshop is saved, a relation is not a table', async () => {
    await expectSaid(
      restoreFromBin(b, { schema: 'main', hiddenAs: '__longtail_deleted_gone' }),
      "Cette version n'est plus dans la corbeille (la corbeille a été vidée, ou un autre espace de travail a été importé).",
      'That version is no longer in the bin (the bin was emptied, or another workspace was imported).',
    );
    await expectSaid(
      resetToWorkshop(b, await WorkspaceStore.open(new MemoryKv()), new MemoryKv()),
      "Aucun atelier n'est enregistré dans ce navigateur : préparez l'espace de travail, puis choisissez « Enregistrer l'espace de travail comme atelier ».",
      'No workshop is saved in this browser: prepare the workspace, then "Save as workshop".',
    );
    await expectSaid(fingerprintTable(b, { schema: 'main', name: 'nothing_here' }), "main.nothing_here n'est pas une table.", 'main.nothing_here is not a table.');
  });
});
