/**
 * Engine errors in the reader's language, on real errors of the real engine: the same cases as
 * errors.test.ts, said in French when describeEngineError is given the French translator, and the
 * English (no translator) unchanged. DuckDB's own words, shown as they are, stay DuckDB's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { caretExcerpt, describeEngineError, EngineError, errorParts, remoteRefusal, REMOTE_REFUSAL, type EngineErrorInfo } from '../../src/engine/errors';
import { runSqlText } from '../../src/notebook/kinds/sql-cell';
import { i18nFor } from '../../src/i18n';

const fr = i18nFor('fr').t;
let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`CREATE SCHEMA cells;
    CREATE TABLE deals (deal_id VARCHAR, partner VARCHAR, amount DECIMAL(18,2), stage VARCHAR, closed_at DATE);
    INSERT INTO deals VALUES ('d1', 'Acme', 1200.50, 'won', DATE '2025-03-01');
    CREATE TABLE partners (partner_id VARCHAR, name VARCHAR)`);
});

/** The error a cell's SQL raises, described in French and in English. */
async function both(sql: string): Promise<{ fr: EngineErrorInfo; en: EngineErrorInfo }> {
  const ctx = { engine, param: () => undefined, knownNames: [] };
  try {
    await runSqlText(ctx, sql, 'q6');
  } catch (err) {
    return { fr: describeEngineError(err, fr), en: describeEngineError(err) };
  }
  throw new Error(`no error from ${sql}`);
}

describe('engine errors in French', () => {
  it('a misspelt keyword, with the caret line labelled in French', async () => {
    const { fr: f, en } = await both('SELEC 1');
    expect(f).toEqual({
      kind: 'syntax',
      message: 'Erreur de syntaxe vers « SELEC ».',
      hint: "La requête SQL n'a pas pu être lue à partir de « SELEC ». Regardez où pointe le ^ : en général, un mot-clé mal orthographié, ou une virgule, une parenthèse ou un guillemet manquant.",
      excerpt: 'Ligne 1 : SELEC 1\n          ^',
    });
    expect(en).toEqual({
      kind: 'syntax',
      message: 'Syntax error at or near "SELEC".',
      hint: 'The SQL could not be read at "SELEC". Look where the caret points: a misspelt keyword, or a missing comma, bracket or quote, is the usual cause.',
      excerpt: 'Line 1: SELEC 1\n        ^',
    });
  });

  it('a statement that ends too early', async () => {
    const { fr: f, en } = await both('SELECT 1 +');
    expect(f).toMatchObject({
      message: "La requête SQL s'arrête trop tôt.",
      hint: "La requête SQL s'arrête avant la fin de l'instruction : il manque quelque chose à la fin (une parenthèse fermante, une valeur après un opérateur, un FROM…).",
    });
    expect(en.message).toBe('The SQL ends too early.');
  });

  it('an unknown column, with the closest names', async () => {
    const { fr: f, en } = await both('SELECT sum(amont) AS total\nFROM deals');
    expect(f).toEqual({
      kind: 'missing-column',
      message: "Il n'y a pas de colonne « amont » ici.",
      hint: "Il n'y a pas de colonne « amont » dans ce que lit cette requête. Vouliez-vous dire « amount », « partner » ?",
      excerpt: 'Ligne 1 : SELECT sum(amont) AS total\n                     ^',
    });
    expect(en.hint).toBe('There is no column "amont" in what this query reads. Did you mean "amount", "partner"?');
  });

  it('an unknown table, with the tables that exist', async () => {
    const { fr: f, en } = await both('SELECT *\nFROM dealz');
    expect(f).toMatchObject({
      kind: 'missing-table',
      message: "Il n'y a pas de table « dealz ».",
      hint: 'Aucune table ni aucun résultat de cellule ne s\'appelle « dealz ». Vouliez-vous dire « deals » ? Les tables disponibles sont « deals », « partners ».',
    });
    expect(en.hint).toBe('There is no table or cell result named "dealz". Did you mean "deals"? The tables here are "deals", "partners".');
  });

  it('a function given the wrong type', async () => {
    const { fr: f, en } = await both('SELECT sum(stage) FROM deals');
    expect(f).toMatchObject({
      message: "sum n'accepte pas VARCHAR.",
      hint: "sum n'accepte pas VARCHAR : une valeur n'a pas le bon type. Convertissez-la d'abord, par exemple CAST(x AS DOUBLE), ou vérifiez le type de la colonne dans le panneau latéral.",
    });
    expect(en.message).toBe('sum does not accept VARCHAR.');
  });

  it("a conversion: DuckDB's own sentence stays as it is, the hint is French", async () => {
    const { fr: f, en } = await both("SELECT CAST('12,5' AS INTEGER) AS n");
    expect(f).toMatchObject({
      kind: 'type',
      message: "Could not convert string '12,5' to INT32",
      hint: "Le texte '12,5' ne peut pas être converti en entier. Utilisez TRY_CAST(… AS INTEGER) pour obtenir NULL à la place de ces valeurs, ou corrigez les données.",
    });
    expect(en.hint).toBe("The text '12,5' is not a valid integer. Use TRY_CAST(… AS INTEGER) to get NULL for such values, or fix the data.");
  });

  it('a function of an extension Longtail does not ship', async () => {
    const { fr: f } = await both("SELECT * FROM read_json('partners.json')");
    expect(f).toEqual({
      kind: 'extension',
      message: "La fonction read_json n'est pas disponible dans Longtail.",
      hint: "read_json fait partie de l'extension json de DuckDB, que Longtail n'inclut pas (il ne télécharge jamais de code). Longtail lit les fichiers par son import : déposez le fichier sur la page (ou + Importer) et il devient une table que vos requêtes SQL peuvent lire.",
    });
  });

  it('a locked setting', async () => {
    const { fr: f, en } = await both('SET autoinstall_known_extensions = true');
    expect(f).toEqual({
      kind: 'setting',
      message: 'Le paramètre autoinstall_known_extensions ne peut pas être modifié.',
      hint: 'Longtail fixe la configuration de DuckDB au démarrage (rien ne doit être téléchargé ni envoyé), puis la verrouille : autoinstall_known_extensions ne peut donc pas être modifié depuis une cellule. SET search_path fonctionne toujours.',
    });
    expect(en.message).toBe('The setting autoinstall_known_extensions cannot be changed.');
  });

  it("Longtail's refusal of a remote file: recognised in the engine's English message, said in French", () => {
    const recorded =
      '{"exception_type":"Invalid","exception_message":"NetworkError: Longtail keeps your data on this machine: `http://127.0.0.1:4399/a` cannot be read from a cell. Import the file instead.","position":"14"}';
    const sql = "SELECT * FROM read_text('http://127.0.0.1:4399/a')";
    const err = new EngineError(errorParts(recorded, sql), sql);
    const said = "Longtail garde vos données sur cet ordinateur : `http://127.0.0.1:4399/a` ne peut pas être lu depuis une cellule. Importez plutôt le fichier.";
    expect(describeEngineError(err, fr)).toEqual({ kind: 'remote', message: said, hint: said });
    expect(remoteRefusal('x').startsWith(REMOTE_REFUSAL)).toBe(true);
    expect(remoteRefusal('x')).toBe('Longtail keeps your data on this machine: `x` cannot be read from a cell. Import the file instead.');
  });

  it('a caret line in French keeps the caret under the place, tabs included', () => {
    expect(caretExcerpt('SELECT\n\tx', 8, fr)).toBe('Ligne 2 : \tx\n          \t^');
    expect(caretExcerpt('SELECT\n\tx', 8)).toBe('Line 2: \tx\n        \t^');
  });
});
