/**
 * The import dialog's problems in French (issue 19.1): the controller keeps the said forms of what went
 * wrong — a file that is not data, a table name it cannot take, rows that do not convert into the model,
 * mapped columns of the wrong type — and messageIn / hintIn say them in the interface's language while
 * `message` and `hint` stay the English they were. Runs on the Node engine with the fixtures.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { FileImportController } from '../../src/app/import-controller';
import { hintIn, messageIn, problemOf } from '../../src/app/problem';
import { i18nFor, said, sayIn } from '../../src/i18n';
import { installDemo } from '../../src/model/demo';
import { loadDemo } from '../../src/demo/load';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const file = (name: string) => new File([readFileSync(FIXTURES + name)], name);
const fr = i18nFor('fr').t;
const en = i18nFor('en').t;

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`CREATE SCHEMA IF NOT EXISTS model; CREATE SCHEMA IF NOT EXISTS cells; SET search_path = 'main,model,cells'`);
  await installDemo(engine, (e, schema) => loadDemo(e, { scale: 0.03, seed: 7 }, schema));
});

describe('the file import controller, in French', () => {
  it('a file that is not data fails at inspection, said in French', async () => {
    const imp = new FileImportController(engine, file('binary.csv'));
    await imp.inspect();
    expect(imp.step).toBe('failed');
    const problem = imp.problem!;
    expect(messageIn(problem, fr)).toBe("binary.csv n'est pas un fichier texte.");
    expect(hintIn(problem, fr)).toBe('Importez un export texte (CSV, TSV), un classeur Excel .xlsx, un fichier Parquet ou JSON.');
    expect(problem.message).toBe('binary.csv is not a text file.');
    expect([messageIn(problem, en), hintIn(problem, en)]).toEqual([problem.message, problem.hint]);
  });

  it("a table name it cannot take: empty, needing quotes, the model's own", async () => {
    const imp = new FileImportController(engine, file('crm-deals-fr.csv'), { after: () => () => undefined });
    await imp.inspect();
    expect(imp.nameProblemSaid()).toBeNull();
    imp.setTableName(' ');
    expect(sayIn(fr, imp.nameProblemSaid()!)).toBe('Donnez un nom à la table.');
    expect(imp.nameProblem()).toBe('Give the table a name.');
    imp.setTableName('2024 ventes');
    expect(sayIn(fr, imp.nameProblemSaid()!)).toBe('Utilisez seulement des lettres, des chiffres et _, sans commencer par un chiffre, et pas un mot-clé SQL.');
    expect(imp.nameProblem()).toBe('Use letters, digits and _ only, not starting with a digit, and not an SQL keyword.');
    imp.setTableName('deals');
    expect(sayIn(fr, imp.nameProblemSaid()!)).toBe(
      "deals est une table du modèle partenaires : l'étape suivante y ajoute vos lignes. Donnez un autre nom à cet import (par exemple deals_import).",
    );
    expect(imp.nameProblem()).toBe("deals is the partner model's own table: the next step adds your rows to it. Name this import differently (e.g. deals_import).");
  });

  it('a mapped column of the wrong type is warned of, and its rows refused, in French', async () => {
    const imp = new FileImportController(engine, file('crm-deals-fr.csv'), { after: () => () => undefined });
    await imp.inspect();
    imp.setTableName('crm_fr');
    expect(await imp.runImport([])).toBe('crm_fr');
    await imp.setMappedColumn('amount', 'Produit');
    expect(imp.warningsSaid.map((w) => sayIn(fr, w))).toEqual([
      "amount : « Produit » contient du texte, pas un nombre. Corrigez son type dans les réglages de l'import, ou associez une autre colonne.",
    ]);
    expect(imp.warnings).toEqual(['amount: "Produit" holds text, not a number. Fix its type in the import settings, or map another column.']);
    expect(await imp.addToModel()).toBeNull();
    const problem = imp.mappingProblem!;
    expect(messageIn(problem, fr)).toMatch(/^Vos lignes ne peuvent pas être ajoutées à deals : /);
    expect(hintIn(problem, fr)).toBe("Associez cette colonne à une autre, ou changez son type dans les réglages de l'import.");
    expect(problem.message).toMatch(/^Your rows cannot be added to deals: /);
    expect(problem.hint).toBe('Map that column to another one, or change its type in the import settings.');
  });
});

describe('problemOf', () => {
  it('keeps the said form of any error that has one, and the English of those that do not', () => {
    const saidErr = Object.assign(new Error('Give the table a name.'), { said: said('core.app.table_name.empty') });
    expect(messageIn(problemOf(saidErr), fr)).toBe('Donnez un nom à la table.');
    const plain = problemOf(new Error('Binder Error: boom'));
    expect(messageIn(plain, fr)).toBe('Binder Error: boom');
    expect(hintIn(plain, fr)).toBe("Réessayez ; si l'échec persiste, exportez de nouveau le fichier.");
  });
});
