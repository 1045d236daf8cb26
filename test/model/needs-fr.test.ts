/**
 * What a template still needs, and where a result's numbers come from, in French: the interface's
 * translator is passed in; without one the sentences stay the English ones the other tests read.
 */
import { describe, expect, it } from 'vitest';
import { i18nFor } from '../../src/i18n';
import type { ModelState } from '../../src/model/describe';
import { modelHooks } from '../../src/model/hooks';
import { bringText, needSentence, type MissingNeed } from '../../src/model/needs';
import { provenanceStatement, provenanceText } from '../../src/model/provenance';
import { MODEL_TABLES } from '../../src/model/tables';

const fr = i18nFor('fr').t;
const en = i18nFor('en').t;
const SHA = '0123456789abcdef'.repeat(4);

const need = (table: MissingNeed['table'], tableMissing: boolean, columns: string[]): MissingNeed => ({ table, tableMissing, columns, bring: MODEL_TABLES.find((t) => t.name === table)!.bring });

describe('needs in French', () => {
  it('says how to bring each table, in English exactly as the model says it', () => {
    for (const t of MODEL_TABLES) {
      expect(bringText(t.name)).toBe(t.bring);
      expect(bringText(t.name, en)).toBe(t.bring);
      expect(bringText(t.name, fr)).toMatch(/^import/);
    }
    expect(bringText('surveys', fr)).toBe("importez un export d'enquête (partenaire, date de réponse, score de 0 à 10)");
  });

  it('says what a template is missing: a whole table, or some columns', () => {
    const table = need('surveys', true, ['partner_id', 'score']);
    expect(needSentence(table)).toBe('needs `surveys` (partner_id, score), which your data does not have yet: import a survey export (partner, answer date, a score from 0 to 10).');
    expect(needSentence(table, en)).toBe(needSentence(table));
    expect(needSentence(table, fr)).toBe(
      "a besoin de `surveys` (partner_id, score), que vos données n'ont pas encore : importez un export d'enquête (partenaire, date de réponse, score de 0 à 10).",
    );
    const one = need('partners', false, ['tier']);
    expect(needSentence(one)).toBe(`needs \`partners.tier\`, which your partners do not have: map that column in the Data panel, or ${MODEL_TABLES[1]!.bring}.`);
    expect(needSentence(one, fr)).toMatch(/^a besoin de `partners.tier`, que votre table partners n'a pas : associez cette colonne dans le panneau Données, ou importez votre liste de partenaires/);
    const two = need('deals', false, ['amount', 'status']);
    expect(needSentence(two)).toMatch(/^needs `deals.amount`, `deals.status`, which your deals do not have: map those columns in the Data panel, or import an export/);
    expect(needSentence(two, fr)).toMatch(/^a besoin de `deals.amount`, `deals.status`, que votre table deals n'a pas : associez ces colonnes dans le panneau Données, ou importez un export/);
  });
});

describe('a missing table, for a cell, in French', () => {
  const state = (choice: ModelState['choice']) => ({ choice, currency: null, demoAvailable: true, tables: [] }) as unknown as ModelState;

  it('says that the cell needs it and how to bring it', () => {
    expect(modelHooks(state('demo'), []).explainMissing!('surveys')).toEqual({
      message: 'This cell needs `surveys`, and the demo data does not have it.',
      hint: 'Switch to your data in the Data panel, or import a survey export (partner, answer date, a score from 0 to 10).',
    });
    expect(modelHooks(state('mine'), []).explainMissing!('surveys')).toEqual({
      message: 'This cell needs `surveys`, and your data does not have it yet.',
      hint: 'To bring it, import a survey export (partner, answer date, a score from 0 to 10); or switch to the demo data in the Data panel.',
    });
    expect(modelHooks(state('mine'), [], fr).explainMissing!('surveys')).toEqual({
      message: "Cette cellule a besoin de `surveys`, et vos données ne l'ont pas encore.",
      hint: "Pour l'ajouter, importez un export d'enquête (partenaire, date de réponse, score de 0 à 10) ; ou passez sur les données de démo dans le panneau Données.",
    });
    expect(modelHooks(state('demo'), [], fr).explainMissing!('surveys')!.hint).toBe(
      "Passez sur vos données dans le panneau Données, ou importez un export d'enquête (partenaire, date de réponse, score de 0 à 10).",
    );
    // The user's own table of that name is theirs: nothing is missing.
    expect(modelHooks(state('mine'), ['Surveys'], fr).explainMissing!('surveys')).toBeNull();
  });
});

describe('provenance in French', () => {
  const one = { demo: false, files: [{ name: 'export.csv', rows: 2400, sha256: SHA }], tables: [] };
  const mixed = { demo: true, files: [one.files[0]!, { name: 'b.csv', rows: 1, sha256: SHA }], tables: ['targets', 'quotas'] };

  it('names the data of a result (the badge)', () => {
    expect(provenanceText(one)).toBe('your data: export.csv, 2,400 rows');
    expect(provenanceText(one, en)).toBe('your data: export.csv, 2,400 rows');
    expect(provenanceText(one, fr)).toBe('vos données : export.csv, 2\u202f400 lignes');
    expect(provenanceText({ demo: true, files: [], tables: [] }, fr)).toBe('données de démo');
    expect(provenanceText(mixed)).toBe('demo data + your data: export.csv (2,400 rows), b.csv (1 row) + your tables targets, quotas');
    expect(provenanceText(mixed, fr)).toBe('données de démo + vos données : export.csv (2\u202f400 lignes), b.csv (1 ligne) + vos tables targets, quotas');
  });

  it('states the data of a snapshot, each file with its SHA-256', () => {
    expect(provenanceStatement(mixed)).toBe(`demo data + your data: export.csv, 2,400 rows, SHA-256 ${SHA}; b.csv, 1 row, SHA-256 ${SHA} + your tables targets, quotas`);
    expect(provenanceStatement({ ...one, tables: ['targets'] }, fr)).toBe(`vos données : export.csv, 2\u202f400 lignes, SHA-256 ${SHA} + votre table targets`);
  });
});
