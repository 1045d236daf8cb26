/**
 * A snapshot's words in its own language: what narrowing did to a result, a table shown and a chart,
 * the notes of a partner's page, and the notes written when the snapshot is built. The English ones,
 * without a translator, are those the other tests read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Column } from '../../src/engine/values';
import { i18nFor } from '../../src/i18n';
import type { Cell } from '../../src/notebook/model';
import { buildSnapshot, describeCell } from '../../src/snapshot/build';
import { DRAWING_REASON, NO_FILTERS, narrowingText, narrowRows, narrowSpec, partnerIndex, type SnapshotFilters } from '../../src/snapshot/narrow';
import { partnerPage } from '../../src/snapshot/partner-page';
import type { CodeSnapshotCell, FrozenPartners, JsonValue, SnapshotPayload, SnapshotResult } from '../../src/snapshot/payload';
import { narrowedCell } from '../../src/snapshot/view';
import { runNotebook, snapCell } from './helpers';

const fr = i18nFor('fr').t;
const en = i18nFor('en').t;

const s = (name: string): Column => ({ name, kind: 'string', sqlType: 'VARCHAR' });
const n = (name: string): Column => ({ name, kind: 'number', sqlType: 'DOUBLE' });
const f = (o: Partial<SnapshotFilters>): SnapshotFilters => ({ ...NO_FILTERS, ...o });

const FROZEN: FrozenPartners = {
  columns: [s('partner_id'), s('name'), s('sector'), s('region'), s('tier'), s('country'), s('since')],
  rows: [
    ['P1', 'Alpha', 'Software', 'North', 'Gold', 'FR', null],
    ['P2', 'Beta', 'Retail', 'South', 'Silver', null, null],
  ],
};
const index = partnerIndex(FROZEN);

const result = (columns: Column[], rows: JsonValue[][], rowCount = rows.length, displays: SnapshotResult['displays'] = []): SnapshotResult => ({
  columns, rows, rowCount, totals: null, note: null, displays, elapsedMs: 0, finishedAt: 0, generatedSql: null, provenance: null,
});
const cell = (name: string, r: SnapshotResult): CodeSnapshotCell => ({ kind: 'sql', name, attrs: [], source: null, reads: [], status: 'done', error: null, result: r });
const payload = (cells: CodeSnapshotCell[]): SnapshotPayload => ({
  format: 'longtail-snapshot', version: 1, title: 'T', fileName: 't.md', createdAt: '2026-01-01T00:00:00Z', frontMatter: null,
  cells, fingerprints: [], hidden: { code: true, cells: [], pseudonymised: null, capped: [] }, provenance: null, currency: 'EUR', partners: FROZEN,
});

describe('narrowing in French', () => {
  const bySector = { columns: [s('sector'), n('revenue')], rows: [['Software', 300], ['Retail', 75]] as JsonValue[][] };

  it('says what was narrowed, and what was not and why', () => {
    const r = narrowRows(bySector.columns, bySector.rows, 2, index, f({ sector: 'Retail', region: 'North', tier: 'Gold', from: '2025-Q1' }));
    const english = ['Narrowed by sector: 1 of 2 rows.', 'Not narrowed by region and tier: its rows name no partner.', 'Not narrowed by period: its rows have no quarter or date.'];
    expect(narrowingText(r, { rows: 1, of: 2 })).toEqual(english);
    expect(narrowingText(r, { rows: 1, of: 2 }, en)).toEqual(english);
    expect(narrowingText(r, { rows: 1, of: 2 }, fr)).toEqual([
      'Filtré par secteur : 1 sur 2 lignes.',
      'Non filtré par région et niveau : ses lignes ne citent aucun partenaire.',
      "Non filtré par période : ses lignes n'ont ni trimestre ni date.",
    ]);
    expect(narrowingText({ applied: ['sector', 'region', 'period'], skipped: [] }, { rows: 1, of: 1 }, fr)).toEqual(['Filtré par secteur, région et période : 1 sur 1 ligne.']);
  });

  it('says why a capped result, a chart without data, a chart in part and a drawing are not narrowed', () => {
    const capped = narrowRows(bySector.columns, bySector.rows, 2000, index, f({ sector: 'Retail' }));
    expect(narrowingText(capped)).toEqual(['Not narrowed by sector: only its first 2 of 2,000 rows are in this snapshot.']);
    expect(narrowingText(capped, undefined, fr)).toEqual(["Non filtré par secteur : cet instantané n'en contient que les premières lignes (2 sur 2\u202f000)."]);
    expect(narrowingText(narrowSpec({ mark: 'bar' }, index, f({ tier: 'Gold' })), undefined, fr)).toEqual(['Non filtré par niveau : ses données ne sont pas dans cet instantané.']);
    const layered = {
      datasets: { rev: [{ partner_id: 'P1', revenue: 1 }], months: [{ month: Date.UTC(2025, 0, 1), revenue: 10 }] },
      layer: [
        { data: { name: 'rev' }, mark: 'bar', encoding: { y: { field: 'revenue', type: 'quantitative' } } },
        { data: { name: 'months' }, mark: 'rule', encoding: { y: { field: 'revenue', type: 'quantitative' } } },
      ],
    } as Record<string, JsonValue>;
    const some = narrowSpec(layered, index, f({ sector: 'Software' }));
    expect(narrowingText(some)).toEqual(['Not narrowed by sector: some of its data cannot be: its rows name no partner.']);
    expect(narrowingText(some, undefined, fr)).toEqual(["Non filtré par secteur : une partie de ses données ne peut pas l'être : ses lignes ne citent aucun partenaire."]);
    const drawing = { applied: [], skipped: [{ dimension: 'period' as const, reason: DRAWING_REASON }] };
    expect(narrowingText(drawing)).toEqual(['Not narrowed by period: this chart is a drawing, its data too large to embed.']);
    expect(narrowingText(drawing, undefined, fr)).toEqual(['Non filtré par période : ce graphique est une image, ses données étant trop volumineuses pour être incluses.']);
    // A reason that was not made here is kept as it is.
    expect(narrowingText({ applied: [], skipped: [{ dimension: 'tier', reason: 'a reason of its own' }] }, undefined, fr)).toEqual(['Non filtré par niveau : a reason of its own.']);
  });

  it('narrows a cell, its table shown and its text, and tells whether its result was narrowed in any language', () => {
    const shown = { kind: 'table' as const, columns: [s('partner_id'), n('x')], rows: [['P1', 1], ['P2', 2]] as JsonValue[][], rowCount: 2 };
    const c = cell('revenue', result([s('partner_id'), n('revenue')], [['P1', 1], ['P2', 2]], 2, [shown, { kind: 'markdown', text: 'All partners.' }]));
    const english = narrowedCell(c, index, f({ sector: 'Software' }));
    expect(english.lines).toEqual(['Narrowed by sector: 1 of 2 rows.', 'Its table: narrowed by sector.', 'Its text is about all its rows: it is not narrowed.']);
    expect(english.applied).toBe(true);
    const french = narrowedCell(c, index, f({ sector: 'Software' }), fr);
    expect(french.lines).toEqual(['Filtré par secteur : 1 sur 2 lignes.', "Le tableau qu'elle affiche : filtré par secteur.", "Son texte porte sur toutes ses lignes : il n'est pas filtré."]);
    expect(french.applied).toBe(true);
    expect(french.rows).toBe(1);
    const months = cell('by_month', result([s('month'), n('revenue')], [['x', 1]]));
    expect(narrowedCell(months, index, f({ sector: 'Software' }), fr)).toMatchObject({ applied: false, lines: ['Non filtré par secteur : ses lignes ne citent aucun partenaire.'] });
    expect(narrowedCell(months, index, NO_FILTERS, fr).applied).toBe(false);
  });
});

describe("a partner's page in French", () => {
  it('says when a result is in the snapshot in part, and how long tables are cut', () => {
    const health = cell('health', result([s('partner_id'), n('score')], [['P2', 40]], 2000));
    const p = payload([health]);
    expect(partnerPage(p, index, 'P1', NO_FILTERS)!.sections).toEqual([
      { kind: 'missing', cell: 'health', note: "health is in this snapshot by its first 1 of 2,000 rows, without this partner's." },
    ]);
    expect(partnerPage(p, index, 'P1', NO_FILTERS, 8, fr)!.sections).toEqual([
      { kind: 'missing', cell: 'health', note: 'health figure dans cet instantané par ses premières lignes (1 sur 2\u202f000), sans celles de ce partenaire.' },
    ]);
    expect(partnerPage(p, index, 'P2', NO_FILTERS, 8, fr)!.sections[0]!).toMatchObject({
      kind: 'record',
      note: "health figure dans cet instantané par ses premières lignes (1 sur 2\u202f000) : ce partenaire peut en avoir d'autres.",
    });
    const deals = cell('', result([s('deal_id'), s('partner_id'), s('closed_at')], Array.from({ length: 6 }, (_, k) => [`D${k}`, 'P1', `2025-0${k + 1}-10`] as JsonValue[])));
    const english = partnerPage(payload([deals]), index, 'P1', f({ from: '2025-Q1' }), 4)!.sections[0]!;
    expect(english).toMatchObject({ kind: 'table', cell: 'result', note: 'Narrowed by period. The first 4 of 6 rows; the notebook view has them all.' });
    const french = partnerPage(payload([deals]), index, 'P1', f({ from: '2025-Q1' }), 4, fr)!.sections[0]!;
    expect(french).toMatchObject({ kind: 'table', cell: 'résultat', note: 'Filtré par période. Les 4 premières lignes sur 6 ; la vue du carnet les montre toutes.' });
  });

  it("heads a scorecard's columns in the snapshot's language", () => {
    const cols = [s('partner_id'), s('quarter'), s('metric_label'), n('value'), n('target'), s('target_status')];
    const sc = cell('scorecard', result(cols, [['P1', '2025-Q4', 'Won deals', 6, 5, 'on target']]));
    const names = (t?: typeof fr) => {
      const section = partnerPage(payload([sc]), index, 'P1', NO_FILTERS, 8, t)!.sections[0]!;
      return section.kind === 'table' ? section.columns.map((c) => c.name) : [];
    };
    expect(names()).toEqual(['figure', '2025-Q4', 'target', 'against target']);
    expect(names(fr)).toEqual(['indicateur', '2025-Q4', 'objectif', "par rapport à l'objectif"]);
  });
});

describe('a snapshot built in French', () => {
  const code = (kind: Cell['kind'], name: string): Cell => ({ id: name || kind, kind, name, source: '', attrs: [] });

  it('describes the cells it leaves out', () => {
    expect(describeCell(code('sql', 'secret'))).toBe('SQL cell "secret"');
    expect(describeCell(code('analysis', ''))).toBe('an unnamed analysis cell');
    expect(describeCell(code('markdown', ''))).toBe('a text cell');
    expect(describeCell(code('sql', 'secret'), fr)).toBe('cellule SQL « secret »');
    expect(describeCell(code('chart', ''), fr)).toBe('une cellule graphique sans nom');
    expect(describeCell(code('markdown', ''), fr)).toBe('une cellule de texte');
  });

  it("writes its notes in the language chosen when it is shared", async () => {
    const engine = await createNodeEngine();
    try {
      await engine.query(`CREATE TABLE deals AS SELECT 'D' || i AS deal_id, CAST(i AS DOUBLE) AS amount FROM range(5) t(i)`);
      const ran = await runNotebook(engine, '```sql all_deals\nSELECT * FROM deals ORDER BY deal_id\n```\n\n```sql secret\nSELECT 1 AS x\n```\n');
      const secret = ran.notebook.cells.find((c) => c.name === 'secret')!.id;
      const options = { hideCode: false, hiddenCells: new Set([secret]), pseudonymise: false, limits: { fullRows: 3, previewRows: 2 } };
      const source = { notebook: ran.notebook, fileName: 'n.md', states: ran.states };
      const english = await buildSnapshot(engine, source, options);
      expect(snapCell(english, 'all_deals').result!.note).toBe('This snapshot holds the first 2 of 5 rows; the totals cover all 5.');
      expect(english.hidden.cells).toEqual(['SQL cell "secret"']);
      const french = await buildSnapshot(engine, source, { ...options, lang: 'fr' });
      expect(snapCell(french, 'all_deals').result!.note).toBe("Cet instantané contient les premières lignes (2 sur 5) ; les totaux portent sur l'ensemble des 5.");
      expect(french.hidden.cells).toEqual(['cellule SQL « secret »']);
    } finally {
      await engine.close();
    }
  });
});
