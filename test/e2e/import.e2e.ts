/**
 * Importing partner exports in the built app (issue 3): the French Windows-1252 export dropped on the page
 * is read right with no override, previewed, imported, mapped onto `deals` and queried; its UTF-16 and
 * UTF-8-with-BOM twins store the same values; a binary file and an empty file each get a message naming the
 * problem and lose nothing; importing a file again asks before replacing. No request leaves the origin.
 *
 * Expected values are worked out by hand from test/fixtures/french-export-1252.csv:
 *   Société Générale;Intégra Conseil;1234,56;03/04/2024;Gagné;Licence Entreprise
 *   Crédit Agricole;Réseau Ouest;980,5;15/04/2024;Perdu;Support
 *   Électricité de France;Intégra Conseil;12500;28/02/2024;En cours;Formation
 *   Bœuf & Cie;Numérique Sud;75,25;01/12/2023;Gagné;Licence PME
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openApp, cell, resultRows, screenshot, type AppSession } from './browser';
import { addSqlCell, ready } from './workspace-helpers';
import { closeDialog, dialog, dropFiles, fixture, importAndSkipMapping, previewRows, tableNames } from './import-helpers';

let app: AppSession;

beforeAll(async () => {
  app = await openApp();
  await ready(app.page);
});

afterAll(async () => {
  await app?.close();
});

/** The values every variant of the French export must store, by date, rendered by DuckDB as text. */
const FRENCH_ROWS = [
  ['Bœuf & Cie', 'Numérique Sud', 'DATE', '2023-12-01', '75.25', 'Gagné', 'Licence PME'],
  ['Électricité de France', 'Intégra Conseil', 'DATE', '2024-02-28', '12500.00', 'En cours', 'Formation'],
  ['Société Générale', 'Intégra Conseil', 'DATE', '2024-04-03', '1234.56', 'Gagné', 'Licence Entreprise'],
  ['Crédit Agricole', 'Réseau Ouest', 'DATE', '2024-04-15', '980.50', 'Perdu', 'Support'],
];
const frenchQuery = (table: string) =>
  `SELECT "Client", "Partenaire", typeof("Date de clôture") AS t, CAST("Date de clôture" AS VARCHAR) AS d, printf('%.2f', "Montant (€)") AS m, "Statut", "Produit" FROM ${table} ORDER BY "Date de clôture"`;
const COLUMNS = 'Client VARCHAR, Partenaire VARCHAR, Montant (€) DOUBLE, Date de clôture DATE, Statut VARCHAR, Produit VARCHAR';

describe('import', () => {
  it('reads the French Windows-1252 export dropped on the page with no override, maps it onto deals, and queries it', async () => {
    const { page } = app;
    await dropFiles(page, [fixture('french-export-1252.csv')]);
    await expect(dialog(page).locator('h2').innerText()).resolves.toBe('Import french-export-1252.csv');
    const rows = await previewRows(page);

    // The detected settings, untouched.
    expect(await page.locator('[data-testid="import-encoding"]').inputValue()).toBe('windows-1252');
    expect(await page.locator('[data-testid="import-delimiter"]').inputValue()).toBe(';');
    expect(await page.locator('[data-testid="import-decimal"]').inputValue()).toBe(',');
    expect(await page.locator('[data-testid="import-date-format"]').inputValue()).toBe('%d/%m/%Y');
    expect(await page.locator('[data-testid="import-header"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="import-table-name"]').inputValue()).toBe('french_export_1252');
    const names = await page.locator('[data-testid^="import-column-name-"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(names).toEqual(['Client', 'Partenaire', 'Montant (€)', 'Date de clôture', 'Statut', 'Produit']);
    const types = await page.locator('[data-testid^="import-column-type-"]').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
    expect(types).toEqual(['VARCHAR', 'VARCHAR', 'DOUBLE', 'DATE', 'VARCHAR', 'VARCHAR']);
    // The rows as DuckDB will store them: decimal commas are numbers, 03/04/2024 is the 3rd of April.
    expect(rows).toEqual([
      ['Société Générale', 'Intégra Conseil', '1234.56', '2024-04-03', 'Gagné', 'Licence Entreprise'],
      ['Crédit Agricole', 'Réseau Ouest', '980.5', '2024-04-15', 'Perdu', 'Support'],
      ['Électricité de France', 'Intégra Conseil', '12500.0', '2024-02-28', 'En cours', 'Formation'],
      ['Bœuf & Cie', 'Numérique Sud', '75.25', '2023-12-01', 'Gagné', 'Licence PME'],
    ]);
    expect(await page.locator('[data-testid="import-error"], [data-testid="import-preview-error"]').count()).toBe(0);

    // Keyboard focus on the first setting, as a user tabbing through the dialog would see it.
    await page.locator('[data-testid="import-encoding"]').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-encoding');
    await screenshot(page, 'import-preview');

    await page.locator('[data-testid="import-confirm"]').click();
    await expect(page.locator('[data-testid="import-summary"]').innerText({ timeout: 30_000 })).resolves.toMatch(/Imported 4 rows into french_export_1252\./);

    // The mapping step proposes deals, with the French headers in place of the canonical names.
    await page.locator('[data-testid="mapping-step"]').waitFor();
    expect(await page.locator('[data-testid="mapping-table"]').inputValue()).toBe('deals');
    const mapped = async (c: string) => page.locator(`[data-testid="mapping-column-${c}"]`).inputValue();
    expect(await mapped('amount')).toBe('Montant (€)');
    expect(await mapped('closed_at')).toBe('Date de clôture');
    expect(await mapped('partner_id')).toBe('Partenaire');
    expect(await mapped('end_customer')).toBe('Client');
    expect(await mapped('status')).toBe('Statut');
    expect(await mapped('deal_id')).toBe('');
    const statuses = await page.locator('[data-testid="mapping-step"] .status').evaluateAll((els) =>
      els.map((e) => [e.querySelector('label')!.textContent, (e.querySelector('select') as HTMLSelectElement).value]),
    );
    expect(statuses).toEqual([['En cours', 'open'], ['Gagné', 'won'], ['Perdu', 'lost']]);
    // The rows land on the model's own deals (not a view beside the demo's), and the notebooks switch to them.
    await expect(page.locator('[data-testid="mapping-create"]').innerText()).resolves.toBe('Add to deals');
    await page.locator('[data-testid="mapping-create"]').click();
    await expect(page.locator('[data-testid="import-done"]').innerText()).resolves.toMatch(/^Added to deals: every template now reads your data\./);
    await closeDialog(page);
    await page.waitForSelector('[data-testid="data-switch"][data-choice="mine"]');
    expect(await tableNames(page)).toEqual(expect.arrayContaining(['french_export_1252', 'deals']));

    // Won 1234.56 + 75.25, lost 980.5, open 12500.
    const perStatus = await addSqlCell(page, "SELECT status, count(*) AS n, printf('%.2f', sum(amount)) AS total FROM deals GROUP BY status ORDER BY status");
    expect(await resultRows(page, perStatus)).toEqual([
      ['lost', '1', '980.50'],
      ['open', '1', '12500.00'],
      ['won', '2', '1309.81'],
    ]);
    const stored = await addSqlCell(page, frenchQuery('french_export_1252'));
    expect(await resultRows(page, stored)).toEqual(FRENCH_ROWS);
  });

  it('stores the same values from the UTF-16 LE, UTF-16 BE and UTF-8-with-BOM exports', async () => {
    const { page } = app;
    const variants = [
      ['french-export-utf16le.csv', 'utf-16le', 'french_export_utf16le'],
      ['french-export-utf16be.csv', 'utf-16be', 'french_export_utf16be'],
      ['french-export-utf8-bom.csv', 'utf-8', 'french_export_utf8_bom'],
    ] as const;
    await page.locator('[data-testid="file-input"]').setInputFiles(variants.map(([f]) => fixture(f)));
    await expect(dialog(page).locator('h2').innerText()).resolves.toBe('Import 3 files');
    for (const [k, [, encoding, table]] of variants.entries()) {
      await page.locator(`[data-testid="import-file-tab-${k}"]`).click();
      const rows = await previewRows(page);
      expect(await page.locator('[data-testid="import-encoding"]').inputValue()).toBe(encoding);
      expect(await page.locator('[data-testid="import-delimiter"]').inputValue()).toBe(';');
      expect(await page.locator('[data-testid="import-decimal"]').inputValue()).toBe(',');
      expect(await page.locator('[data-testid="import-date-format"]').inputValue()).toBe('%d/%m/%Y');
      expect(await page.locator('[data-testid="import-table-name"]').inputValue()).toBe(table);
      expect(rows[3]).toEqual(['Bœuf & Cie', 'Numérique Sud', '75.25', '2023-12-01', 'Gagné', 'Licence PME']);
      await expect(importAndSkipMapping(page)).resolves.toMatch(new RegExp(`Imported 4 rows into ${table}\\.`));
    }
    await closeDialog(page);

    for (const [, , table] of variants) {
      const name = await addSqlCell(page, frenchQuery(table));
      expect(await resultRows(page, name)).toEqual(FRENCH_ROWS);
    }
    // Column names and types too, and every column of every row (EXCEPT compares whole rows).
    const shape = await addSqlCell(
      page,
      "SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index) AS cols FROM duckdb_columns() WHERE table_name LIKE 'french_export%' GROUP BY 1 ORDER BY 1",
    );
    expect(await resultRows(page, shape)).toEqual([
      ['french_export_1252', COLUMNS],
      ['french_export_utf16be', COLUMNS],
      ['french_export_utf16le', COLUMNS],
      ['french_export_utf8_bom', COLUMNS],
    ]);
    const diff = await addSqlCell(
      page,
      'SELECT count(*) AS differing FROM ((FROM french_export_1252 EXCEPT ALL FROM french_export_utf16le) UNION ALL (FROM french_export_utf16le EXCEPT ALL FROM french_export_1252) UNION ALL (FROM french_export_1252 EXCEPT ALL FROM french_export_utf16be) UNION ALL (FROM french_export_utf16be EXCEPT ALL FROM french_export_1252) UNION ALL (FROM french_export_1252 EXCEPT ALL FROM french_export_utf8_bom) UNION ALL (FROM french_export_utf8_bom EXCEPT ALL FROM french_export_1252))',
    );
    expect(await resultRows(page, diff)).toEqual([['0']]);
  });

  it('names the problem with a binary file and an empty file, and keeps the tables imported before', async () => {
    const { page } = app;
    const before = await tableNames(page);
    await dropFiles(page, [fixture('binary.csv'), fixture('empty.csv')]);
    await expect(dialog(page).locator('h2').innerText()).resolves.toBe('Import 2 files');

    const problem = page.locator('[data-testid="import-dialog"] [data-testid="import-error"]');
    await page.locator('[data-testid="import-file-tab-0"]').click();
    await expect(problem.locator('.message').innerText({ timeout: 30_000 })).resolves.toMatch(/^binary\.csv is not a text file\./);
    expect((await problem.locator('.hint').innerText()).length).toBeGreaterThan(10);
    await expect(page.locator('[data-testid="import-file-tab-0"] .state').innerText()).resolves.toBe('cannot import');

    await page.locator('[data-testid="import-file-tab-1"]').click();
    await expect(problem.locator('.message').innerText({ timeout: 30_000 })).resolves.toBe('empty.csv is empty (0 bytes).');
    expect((await problem.locator('.hint').innerText()).length).toBeGreaterThan(10);
    await expect(page.locator('[data-testid="import-file-tab-1"] .state').innerText()).resolves.toBe('cannot import');
    expect(await page.locator('[data-testid="import-confirm"]').count()).toBe(0);
    await closeDialog(page);

    expect(await tableNames(page)).toEqual(before);
    const still = await addSqlCell(page, "SELECT (SELECT count(*) FROM french_export_1252) AS fr, (SELECT count(*) FROM french_export_utf16le) AS le, (SELECT printf('%.2f', sum(amount)) FROM deals WHERE status = 'won') AS won");
    expect(await resultRows(page, still)).toEqual([['4', '4', '1309.81']]);
  });

  it('asks whether to replace or keep both when a table of the same name exists; keep both makes a second table', async () => {
    const { page } = app;
    await dropFiles(page, [fixture('french-export-1252.csv')]);
    await previewRows(page);
    expect(await page.locator('[data-testid="import-table-name"]').inputValue()).toBe('french_export_1252');
    const clash = page.locator('[data-testid="import-clash"]');
    await expect(clash.locator('legend').innerText()).resolves.toBe('A table named french_export_1252 already exists.');
    const choices = await clash.locator('label').evaluateAll((ls) => ls.map((l) => l.textContent!.replace(/\s+/g, ' ').trim()));
    expect(choices).toEqual(['Replace it', 'Keep both: import as french_export_1252_2']);
    await page.locator('[data-testid="import-clash-replace"]').check();
    await page.locator('[data-testid="import-clash-keep-both"]').check();
    expect(await page.locator('[data-testid="import-clash-replace"]').isChecked()).toBe(false);

    await page.locator('[data-testid="import-confirm"]').click();
    await expect(page.locator('[data-testid="import-summary"]').innerText({ timeout: 30_000 })).resolves.toMatch(/Imported 4 rows into french_export_1252_2\./);
    // The same bytes as before: the fingerprint says nothing changed.
    await expect(page.locator('[data-testid="import-diff"]').innerText()).resolves.toMatch(/^Same file as the previous import/);
    await page.locator('[data-testid="mapping-skip"]').click();
    await closeDialog(page);

    expect(await tableNames(page)).toEqual(expect.arrayContaining(['french_export_1252', 'french_export_1252_2']));
    const both = await addSqlCell(page, 'SELECT (SELECT count(*) FROM french_export_1252) AS first, (SELECT count(*) FROM french_export_1252_2) AS second, (SELECT count(*) FROM (FROM french_export_1252 EXCEPT ALL FROM french_export_1252_2)) AS differing');
    expect(await resultRows(page, both)).toEqual([['4', '4', '0']]);
  });

  it('requested nothing outside the app\'s origin', () => {
    expect(app.requests.length).toBeGreaterThan(0);
    expect(app.foreign()).toEqual([]);
  });
});
