/**
 * A snapshot that cannot be read, said in French: the error says where in the data the problem is and
 * what it is, part by part in the reader's language, while its message stays the English it always was.
 * The snapshot viewer shows it so (src/ui/snapshot/viewer.ts).
 */
import { describe, expect, it } from 'vitest';
import { errorText, i18nFor } from '../../src/i18n';
import { PAYLOAD_ELEMENT_ID } from '../../src/snapshot/html';
import { parsePayload, readSnapshotHtml, SnapshotFormatError } from '../../src/snapshot/parse';

const fr = i18nFor('fr').t;
const en = i18nFor('en').t;

const base = () => ({
  format: 'longtail-snapshot',
  version: 1,
  title: 'T',
  fileName: 'f.md',
  createdAt: '2026-01-01T00:00:00.000Z',
  frontMatter: null,
  cells: [] as unknown[],
  fingerprints: [] as unknown[],
  hidden: { code: true, cells: [], pseudonymised: null, capped: [] },
  provenance: null,
  currency: null,
  partners: null,
});

const result = (over: Record<string, unknown> = {}) => ({
  columns: [{ name: 'a', kind: 'string', sqlType: 'VARCHAR' }],
  rowCount: 1,
  rows: [['x']],
  totals: null,
  note: null,
  displays: [],
  elapsedMs: 0,
  finishedAt: 0,
  generatedSql: null,
  ...over,
});
const sqlCell = (over: Record<string, unknown> = {}) => ({ kind: 'sql', name: 'c', attrs: [], source: null, reads: [], status: 'done', error: null, result: result(), ...over });

function thrown(read: () => unknown): { fr: string; en: string; message: string } {
  try {
    read();
  } catch (err) {
    expect(err).toBeInstanceOf(SnapshotFormatError);
    return { fr: errorText(fr, err), en: errorText(en, err), message: (err as Error).message };
  }
  throw new Error('no error');
}

const UNREADABLE_FR = "Ce fichier n'est pas un instantané Longtail lisible";
const UNREADABLE_EN = 'This file is not a readable Longtail snapshot';

describe('a snapshot that cannot be read, in French', () => {
  it('says a file holds no snapshot, damaged data, another version', () => {
    expect(thrown(() => readSnapshotHtml('<html><body>hello</body></html>'))).toEqual({
      fr: "Ce fichier HTML n'est pas un instantané Longtail : il ne contient aucune donnée d'instantané.",
      en: 'This HTML file is not a Longtail snapshot: it holds no snapshot data.',
      message: 'This HTML file is not a Longtail snapshot: it holds no snapshot data.',
    });
    const damaged = thrown(() => readSnapshotHtml(`<script type="application/json" id="${PAYLOAD_ELEMENT_ID}">{oops</script>`));
    expect(damaged.fr).toMatch(/^Les données de cet instantané sont endommagées : .+\.$/);
    expect(damaged.message).toMatch(/^This snapshot's data is damaged: .+\.$/);
    expect(thrown(() => parsePayload({ ...base(), version: 2 }))).toEqual({
      fr: 'Cet instantané a été écrit par une autre version de Longtail (format 2 ; celle-ci lit le format 1).',
      en: 'This snapshot was written by another version of Longtail (format 2; this one reads 1).',
      message: 'This snapshot was written by another version of Longtail (format 2; this one reads 1).',
    });
  });

  it('says where the problem is and what it is, part by part', () => {
    const cases: [unknown, string, string][] = [
      ['nothing', 'ses données : pas un objet', 'its data is not an object'],
      [{ ...base(), format: 'other' }, "ses données : pas de marque d'instantané Longtail", 'its data is not marked as a Longtail snapshot'],
      [{ ...base(), title: 42 }, 'le titre : pas du texte', 'the title is not text'],
      [{ ...base(), cells: {} }, 'les cellules : pas une liste', 'the cells is not a list'],
      [{ ...base(), cells: [{ kind: 'python', name: 'x' }] }, 'cellule 1 : type inconnu « python »', 'cell 1 has an unknown kind "python"'],
      [{ ...base(), cells: [sqlCell({ name: 'x y' })] }, 'cellule 1, nom : pas un nom de cellule', 'cell 1 name is not a cell name'],
      [{ ...base(), cells: [sqlCell({ status: 'hacked' })] }, 'cellule 1 : statut inconnu « hacked »', 'cell 1 has an unknown status "hacked"'],
      [
        { ...base(), cells: [{ kind: 'markdown', text: 'ok' }, sqlCell({ result: result({ rows: [['x', 'y']] }) })] },
        'cellule 2, résultat, ligne 1 : 2 valeurs pour 1 colonnes',
        'cell 2 result row 1 has 2 values for 1 columns',
      ],
      [{ ...base(), cells: [sqlCell({ result: result({ rows: [[]] }) })] }, 'cellule 1, résultat, ligne 1 : 0 valeur pour 1 colonnes', 'cell 1 result row 1 has 0 values for 1 columns'],
      [
        { ...base(), cells: [sqlCell({ result: result({ columns: [{ name: 'a', kind: 'evil', sqlType: 'x' }] }) })] },
        'cellule 1, résultat, colonne 1 : type inconnu « evil »',
        'cell 1 result column 1 has an unknown kind "evil"',
      ],
      [
        { ...base(), cells: [sqlCell({ result: result({ columns: [{ name: 'a', kind: 'string', sqlType: 3 }] }) })] },
        'cellule 1, résultat, colonne 1, type SQL : pas du texte',
        'cell 1 result column 1 type is not text',
      ],
      [{ ...base(), cells: [sqlCell({ result: result({ totals: [1, 2] }) })] }, 'cellule 1, résultat, totaux : pas autant que de colonnes', 'cell 1 result totals do not match its columns'],
      [{ ...base(), cells: [sqlCell({ result: result({ rowCount: 'many' }) })] }, 'cellule 1, résultat, nombre de lignes : pas un nombre', 'cell 1 result row count is not a number'],
      [
        { ...base(), cells: [sqlCell({ result: result({ displays: [{ kind: 'video' }] }) })] },
        'cellule 1, résultat, affichage 1 : type inconnu',
        'cell 1 result display 1 is of an unknown kind',
      ],
      [{ ...base(), cells: [sqlCell({ error: { message: 7 } })] }, 'cellule 1, erreur : pas du texte', 'cell 1 error is not text'],
      [{ ...base(), cells: [sqlCell({ attrs: [{ key: 1 }] })] }, 'cellule 1, attributs, clé : pas du texte', 'cell 1 attributes key is not text'],
      [{ ...base(), cells: [sqlCell({ source: [] })] }, 'cellule 1, code source : pas du texte', 'cell 1 code is not text'],
      [
        { ...base(), cells: [sqlCell({ result: result({ provenance: { files: [{ name: 'x.csv', rows: -1, sha256: 'a'.repeat(64) }] } }) })] },
        'cellule 1, résultat, source des données, fichier 1, lignes : pas un nombre de lignes',
        'cell 1 result data source file 1 rows is not a row count',
      ],
      [
        { ...base(), provenance: { files: [{ name: 'x.csv', rows: 1, sha256: 'not-a-hash' }] } },
        'la source des données, fichier 1, empreinte SHA-256 : pas une empreinte SHA-256 en hexadécimal',
        'the data source file 1 SHA-256 is not a SHA-256 in hexadecimal',
      ],
      [{ ...base(), fingerprints: [{ method: 'guess' }] }, 'empreinte 1 : méthode inconnue', 'fingerprint 1 has an unknown method'],
      [{ ...base(), fingerprints: [{ method: 'content', table: 't', rows: 1, value: 'v', importedAt: 3 }] }, "empreinte 1, date d'import : pas du texte", 'fingerprint 1 date is not text'],
      [
        { ...base(), partners: { columns: [{ name: 'id', kind: 'string', sqlType: 'VARCHAR' }], rows: [] } },
        'les partenaires : aucune colonne partner_id',
        'the partners have no partner_id column',
      ],
      [{ ...base(), hidden: { cells: [1] } }, 'une cellule masquée : pas du texte', 'a hidden cell is not text'],
      [{ ...base(), hidden: { pseudonymised: 'some' } }, "le nombre d'alias : pas un nombre", 'the alias count is not a number'],
    ];
    for (const [value, french, english] of cases) {
      expect(thrown(() => parsePayload(value)), english).toEqual({
        fr: `${UNREADABLE_FR} (${french}).`,
        en: `${UNREADABLE_EN}: ${english}.`,
        message: `${UNREADABLE_EN}: ${english}.`,
      });
    }
  });

  it('says a value nested too deeply, or one JSON cannot hold', () => {
    let deep: unknown = 1;
    for (let k = 0; k < 70; k++) deep = [deep];
    expect(thrown(() => parsePayload({ ...base(), cells: [sqlCell({ result: result({ rows: [[deep]] }) })] })).fr).toBe(
      `${UNREADABLE_FR} (cellule 1, résultat, ligne 1 : imbrication trop profonde).`,
    );
    expect(thrown(() => parsePayload({ ...base(), cells: [sqlCell({ result: result({ rows: [[() => 1]] }) })] }))).toEqual({
      fr: `${UNREADABLE_FR} (cellule 1, résultat, ligne 1 : valeur impossible en JSON).`,
      en: `${UNREADABLE_EN}: cell 1 result row 1 holds a value JSON cannot hold.`,
      message: `${UNREADABLE_EN}: cell 1 result row 1 holds a value JSON cannot hold.`,
    });
  });

  it('is an error of English text when made from English text, as before', () => {
    const err = new SnapshotFormatError('This file is not a readable Longtail snapshot: the title is not text.');
    expect([err.said, errorText(fr, err)]).toEqual([null, 'This file is not a readable Longtail snapshot: the title is not text.']);
  });
});
