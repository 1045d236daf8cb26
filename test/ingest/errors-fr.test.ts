/**
 * The import's messages in French (issue 19.1): every ImportError carries its message and hint as said
 * messages (catalogue key and values) and the dialog says them in the interface's language; detection
 * notes and the reasons rows are refused likewise. Each case runs the real import on the Node engine and
 * checks the French, written out by hand, and that the English is the text it always was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { i18nFor, said, sayIn, type Said } from '../../src/i18n';
import { applyColumnEdits, SIZE_LIMITS, importFile, inspectFile, mappingWarnings, mappingWarningsSaid, previewImport, proposeMapping, reasonSaid, redetect, type CsvSettings, type Inspection } from '../../src/ingest';
import { bytesSaid, formatBytes, fromEngine, ImportError, invalidJson } from '../../src/ingest/errors';
import { checkText } from '../../src/ingest/detect-encoding';
import { checkSize } from '../../src/ingest/limits';
import { IngestHost } from '../../src/ingest/worker/host';
import { IngestWorkerClient } from '../../src/ingest/worker/client';
import type { IngestReply, IngestRequest } from '../../src/ingest/worker/protocol';
import { createTestEngine, fixture } from './helpers';

const fr = i18nFor('fr').t;
const en = i18nFor('en').t;

let engine: Engine;
beforeAll(async () => {
  engine = await createTestEngine();
});

/** The error's message and hint in French, and the English made from the same said forms. */
async function failure(p: Promise<unknown> | (() => unknown)): Promise<{ fr: { message: string; hint: string }; en: { message: string; hint: string }; err: ImportError }> {
  let err: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ImportError);
  const e = err as ImportError;
  expect(e.said).toBeTruthy();
  expect(e.hintSaid).toBeTruthy();
  return {
    fr: { message: sayIn(fr, e.said!), hint: sayIn(fr, e.hintSaid!) },
    en: { message: sayIn(en, e.said!), hint: sayIn(en, e.hintSaid!) },
    err: e,
  };
}

const noteIn = (insp: Inspection, setting: string) => {
  const n = insp.notes.find((x) => x.setting === setting)!;
  return { fr: sayIn(fr, n.said!), en: n.message };
};

describe('files that cannot be imported, in French', () => {
  it('an empty file', async () => {
    const f = await failure(inspectFile(fixture('empty.csv')));
    expect(f.fr).toEqual({
      message: 'empty.csv est vide (0 octet).',
      hint: "Exportez de nouveau les données depuis l'application d'origine ; le téléchargement a peut-être été interrompu.",
    });
    expect(f.err.message).toBe('empty.csv is empty (0 bytes).');
    expect(f.en).toEqual({ message: f.err.message, hint: f.err.hint });
  });

  it('binary junk, and an Excel workbook named .csv', async () => {
    const junk = await failure(inspectFile(fixture('binary.csv')));
    expect(junk.fr).toEqual({
      message: "binary.csv n'est pas un fichier texte.",
      hint: 'Importez un export texte (CSV, TSV), un classeur Excel .xlsx, un fichier Parquet ou JSON.',
    });
    const workbook = await failure(inspectFile(fixture('workbook-named.csv')));
    expect(workbook.fr).toEqual({
      message: "workbook-named.csv n'est pas un fichier texte. On dirait un classeur Excel ou une autre archive zip.",
      hint: "Renommez-le avec l'extension .xlsx et importez-le de nouveau, ou enregistrez-le en CSV depuis Excel.",
    });
    expect(workbook.err.message).toBe('workbook-named.csv is not a text file. It looks like an Excel workbook or another zip archive.');
  });

  it('an old .xls workbook, and a format Longtail does not import', async () => {
    const xls = await failure(inspectFile(new File(['x'], 'ventes.xls')));
    expect(xls.fr).toEqual({
      message: 'ventes.xls est un ancien classeur Excel (.xls), que Longtail ne sait pas lire.',
      hint: 'Ouvrez-le dans Excel ou LibreOffice et enregistrez-le en .xlsx ou en CSV, puis importez ce fichier.',
    });
    const docx = await failure(inspectFile(new File(['x'], 'notes.docx')));
    expect(docx.fr).toEqual({
      message: "Longtail n'importe pas le format de notes.docx.",
      hint: 'Importez des fichiers CSV, TSV, TXT, Excel .xlsx, Parquet, JSON ou NDJSON.',
    });
    expect(docx.err.message).toBe('notes.docx is not a format Longtail imports.');
  });

  it('a header-only file', async () => {
    const insp = await inspectFile(fixture('header-only.csv'));
    const f = await failure(previewImport(engine, insp, insp.settings));
    expect(f.fr).toEqual({
      message: 'header-only.csv contient des noms de colonnes (Client, Montant, Date) mais aucune ligne de données.',
      hint: "Vérifiez les filtres de l'export dans l'application d'origine. Si cette ligne contient des données et non des noms de colonnes, décochez « La première ligne contient les noms de colonnes ».",
    });
    // The checkbox named in the hint is the dialog's own.
    expect(f.fr.hint).toContain(`« ${fr('settings.header')} »`);
  });

  it('a sheet with no rows of data', async () => {
    const insp = await inspectFile(fixture('deals.xlsx'));
    const settings = { ...insp.settings, header: true, columns: insp.settings.columns } as typeof insp.settings;
    // Simulated: the sheet's rows cut to none through a source that yields nothing.
    const empty = { ...insp, source: { async *batches() { yield { rows: [], firstRow: 1, progress: 1, whole: true }; } } } as Inspection;
    const f = await failure(previewImport(engine, empty, { ...settings, header: false } as typeof settings));
    expect(f.fr.message).toBe('deals.xlsx ne contient aucune ligne de données dans la feuille « Deals ».');
    expect(f.fr.hint).toBe('Vérifiez que vous avez choisi le bon fichier ou la bonne feuille.');
    expect(f.err.message).toBe('deals.xlsx has no rows of data in sheet "Deals".');
  });

  it('a file too large for this browser, sizes in French units', () => {
    const fourGb = 4.2 * 1024 ** 3;
    let err: ImportError | null = null;
    try {
      checkSize('huge.csv', fourGb, 'csv', null);
    } catch (e) {
      err = e as ImportError;
    }
    expect(sayIn(fr, err!.said!)).toBe(
      'huge.csv fait 4,2 Go ; un fichier CSV de cette taille ne tient pas dans la mémoire du navigateur : la limite ici est de 2,4 Go (ce navigateur peut accorder environ 4,0 Go de mémoire à Longtail).',
    );
    expect(sayIn(fr, err!.hintSaid!)).toBe(
      'Exportez moins de lignes ou de colonnes (filtrez sur une période, par exemple) ou découpez le fichier, puis importez les morceaux. Les tables déjà chargées sont conservées. Ou exécutez le carnet sur le fichier entier en ligne de commande : npx longtail run NOTEBOOK.md --data huge.csv',
    );
    expect(err!.message).toBe(
      "huge.csv is 4.2 GB; a CSV file of that size does not fit in the browser's memory: the limit here is 2.4 GB (this browser can give Longtail about 4.0 GB of memory).",
    );
    try {
      checkSize('big.json', 300 * 1024 ** 2, 'json', 'array');
    } catch (e) {
      err = e as ImportError;
    }
    expect(sayIn(fr, err!.said!)).toMatch(/la limite ici est de 256,0 Mo/);
    expect(sayIn(fr, err!.hintSaid!)).toBe("Convertissez-le en NDJSON (un objet par ligne) ou en CSV, ou exportez moins de lignes. Les tables déjà chargées sont conservées.");
  });

  it("the engine's out-of-memory error, and its other errors in DuckDB's own words", async () => {
    const oom = await failure(() => {
      throw fromEngine('big.csv', 900 * 1024 ** 2, new Error('Out of Memory Error: could not allocate block of size 256.0 KiB'));
    });
    expect(oom.fr).toEqual({
      message: 'Le navigateur a manqué de mémoire en chargeant big.csv (900,0 Mo).',
      hint: "Exportez moins de lignes ou de colonnes, ou fermez d'autres onglets et réessayez. Les tables déjà chargées sont conservées.",
    });
    const other = await failure(() => {
      throw fromEngine('x.csv', 10, new Error('Conversion Error: boom\nmore'));
    });
    expect(other.fr).toEqual({
      message: 'DuckDB n\'a pas pu charger x.csv : Conversion Error: boom',
      hint: 'Vérifiez les réglages ci-dessus (séparateur, types, format de date). Les tables déjà chargées sont conservées.',
    });
    expect(other.err.message).toBe('DuckDB could not load x.csv: Conversion Error: boom');
  });

  it('JSON nested too deep, and JSON that is not valid', async () => {
    const deep = '[{"a":' + '{"b":'.repeat(200) + '1' + '}'.repeat(200) + '}]';
    const f = await failure(inspectFile(new File([deep], 'deep.json')));
    expect(f.fr).toEqual({
      message:
        "deep.json imbrique ses valeurs sur plus de 64 niveaux (ligne 1) : Longtail lit les enregistrements JSON comme des lignes de champs, et un enregistrement aussi imbriqué n'en est pas une.",
      hint: "Exportez les données sous forme de table à plat (CSV, ou objets JSON dont les champs sont des valeurs ou de petites listes), ou aplatissez d'abord la partie imbriquée.",
    });
    const broken = await failure(inspectFile(new File(['[\n{"a": 1},\n{"a": }\n]'], 'broken.json')));
    expect(broken.fr.message).toMatch(/^broken\.json n'est pas un JSON valide à la ligne 3 : /);
    expect(broken.fr.hint).toBe("Importez un tableau JSON d'objets, ou du NDJSON (un objet par ligne). Vérifiez que l'export est allé jusqu'au bout.");
    // (A file read as an array starts with "[": the top level can only fail to be one when called directly.)
    const object = await failure(() => {
      throw invalidJson('object.json', null, said('core.ingest.detail.not_array'));
    });
    expect(object.fr.message).toBe("object.json n'est pas un JSON valide : le premier niveau n'est pas un tableau.");
    expect(object.err.message).toBe('object.json is not valid JSON: the top level is not an array.');
  });
});

describe('rows that cannot be read, in French', () => {
  it('ragged rows: the line, the count of fields, what to check', async () => {
    const insp = await inspectFile(fixture('ragged.csv'));
    const preview = await previewImport(engine, insp, insp.settings);
    expect(preview.rejected.examples.map((e) => sayIn(fr, reasonSaid(e.reason)!))).toEqual(['elle a 2 champs au lieu des 3 attendus', 'elle a 4 champs au lieu des 3 attendus']);
    const f = await failure(importFile(engine, insp, insp.settings, { table: 'ragged_fr', replace: false }));
    expect(f.fr).toEqual({
      message: '2 lignes de ragged.csv sont illisibles ; la première est la ligne 4 : elle a 2 champs au lieu des 3 attendus.',
      hint: "Vérifiez le séparateur et le guillemet ; si seules quelques lignes n'ont pas le bon nombre de champs, ignorez-les.",
    });
    expect(f.err.message).toBe('2 rows of ragged.csv cannot be read; the first is line 4: it has 2 fields where 3 were expected.');
  });

  it('an invalid byte in a UTF-8 file: Windows-1252 suggested', async () => {
    const insp = await inspectFile(fixture('invalid-utf8.csv'));
    const f = await failure(importFile(engine, insp, insp.settings, { table: 'bad_utf8_fr', replace: false }));
    expect(f.fr).toEqual({
      message: "1 ligne de invalid-utf8.csv est illisible, la ligne 4 : elle contient des octets non valides dans l'encodage UTF-8.",
      hint: "Le fichier n'est probablement pas en UTF-8 : choisissez Windows-1252 dans « Encodage » (l'habitude des exports Excel français), ou ignorez les lignes illisibles.",
    });
    expect(f.err.message).toBe('1 row of invalid-utf8.csv cannot be read; the first is line 4: it has bytes that are not valid UTF-8.');
  });

  it('a value that does not fit its type names its column and value', async () => {
    const insp = await inspectFile(new File(['Client;Montant\nA;12,5\nB;douze\nC;3\n'], 'typed.csv'));
    const settings = { ...insp.settings, columns: insp.settings.columns.map((c, k) => (k === 1 ? { ...c, type: 'DOUBLE' as const } : c)) } as CsvSettings;
    const f = await failure(importFile(engine, insp, settings, { table: 'typed_fr', replace: false }));
    expect(f.fr).toEqual({
      message: "1 ligne de typed.csv est illisible, la ligne 3 : dans la colonne « Montant », « douze » n'est pas un nombre.",
      hint: 'Changez le type de la colonne (en Texte si elle mélange plusieurs sortes de valeurs) ou les réglages de date et de nombre, ou ignorez ces lignes.',
    });
  });

  it('a date that does not fit the chosen format', () => {
    const reason = reasonSaid('in column "Clôture", "31/02/2024" is not a date (dd/mm/yyyy)');
    expect(sayIn(fr, reason!)).toBe("dans la colonne « Clôture », « 31/02/2024 » n'est pas une date (dd/mm/yyyy)");
    expect(sayIn(fr, reasonSaid('in column "t", "x" is not a date and time (yyyy-mm-dd hh:mm:ss)')!)).toBe("dans la colonne « t », « x » n'est pas une date et heure (yyyy-mm-dd hh:mm:ss)");
    expect(sayIn(fr, reasonSaid('it has bytes that are not valid UTF-16 (little-endian)')!)).toBe("elle contient des octets non valides dans l'encodage UTF-16 (petit-boutiste)");
    expect(sayIn(fr, reasonSaid('a quote character appears inside a value that is not quoted')!)).toBe("un guillemet apparaît dans une valeur qui n'est pas entre guillemets");
    // DuckDB's own words have no French.
    expect(reasonSaid('Error in file: something else')).toBeNull();
  });

  it('JSON rows: by line in NDJSON, by record in an array', async () => {
    const lines = await inspectFile(fixture('activities.ndjson'));
    const f = await failure(importFile(engine, lines, lines.settings, { table: 'acts_fr', replace: true }));
    expect(f.fr.message).toBe("1 ligne de activities.ndjson est illisible, la ligne 3 : ce n'est pas un objet JSON valide.");
    expect(f.fr.hint).toBe("Corrigez ces lignes dans le fichier d'origine, ou ignorez-les.");
    const array = await inspectFile(new File(['[{"n": 1}, {"n": "deux"}, {"n": 3}, 4, 5]'], 'mixed.json'));
    const asNumber = { ...array.settings, columns: applyColumnEdits(array.settings.columns, { 0: { type: 'BIGINT' } }) };
    const g = await failure(importFile(engine, array, asNumber, { table: 'mixed_fr', replace: true }));
    expect(g.fr.message).toBe("3 lignes de mixed.json sont illisibles ; la première est l'enregistrement 4 : ce n'est pas un objet.");
    expect(g.err.message).toBe('3 rows of mixed.json cannot be read; the first is data row 4: it is not an object.');
    expect(g.err.rejected!.examples.map((e) => sayIn(fr, reasonSaid(e.reason)!))).toContain("dans la colonne « n », « deux » n'est pas un nombre entier");
  });
});

describe('settings and names, in French', () => {
  it('two columns with one name, a column without one, the same separator twice', async () => {
    const insp = await inspectFile(fixture('ragged.csv'));
    const twice = await failure(previewImport(engine, insp, { ...insp.settings, columns: applyColumnEdits(insp.settings.columns, { 1: { name: 'A' } }) }));
    expect(twice.fr).toEqual({ message: 'Deux colonnes s\'appellent « A ».', hint: 'Donnez à chaque colonne un nom différent (les majuscules et minuscules ne comptent pas).' });
    expect(twice.err.message).toBe('Two columns are named "A".');
    const unnamed = await failure(previewImport(engine, insp, { ...insp.settings, columns: applyColumnEdits(insp.settings.columns, { 2: { name: ' ' } }) }));
    expect(unnamed.fr).toEqual({ message: "La colonne 3 n'a pas de nom.", hint: 'Donnez un nom à chaque colonne.' });
    const same = await failure(previewImport(engine, insp, { ...insp.settings, decimal: ',', thousands: ',' } as CsvSettings));
    expect(same.fr).toEqual({ message: 'Le séparateur décimal et le séparateur de milliers sont le même caractère.', hint: 'Choisissez un autre séparateur de milliers, ou aucun.' });
  });

  it('a table name that needs quotes, one already taken, a cancelled import', async () => {
    const insp = await inspectFile(fixture('pipe.txt'));
    const quoted = await failure(importFile(engine, insp, insp.settings, { table: 'ma table', replace: false }));
    expect(quoted.fr).toEqual({
      message: '« ma table » ne peut pas être un nom de table.',
      hint: 'Utilisez des lettres, des chiffres et _, sans commencer par un chiffre (et pas un mot-clé SQL).',
    });
    await importFile(engine, insp, insp.settings, { table: 'une_fois', replace: false });
    const taken = await failure(importFile(engine, insp, insp.settings, { table: 'une_fois', replace: false }));
    expect(taken.fr).toEqual({ message: 'Une table nommée une_fois existe déjà.', hint: 'Choisissez « La remplacer » ou « Garder les deux », ou saisissez un autre nom.' });
    expect(taken.err).toMatchObject({ message: 'A table named une_fois already exists.', hint: 'Choose "Replace" or "Keep both", or type another name.' });
    const controller = new AbortController();
    controller.abort();
    const cancelled = await failure(importFile(engine, insp, insp.settings, { table: 'annule', replace: false, signal: controller.signal }));
    expect(cancelled.fr).toEqual({ message: "L'import de pipe.txt a été annulé.", hint: 'Rien n\'a été modifié. Importez de nouveau le fichier quand vous serez prêt.' });
  });
});

describe('what detection found, in French', () => {
  it('the encoding: a byte-order mark, valid UTF-8, Windows-1252, a damaged UTF-8 file', async () => {
    expect(noteIn(await inspectFile(fixture('french-export-utf8-bom.csv')), 'encoding')).toEqual({
      fr: "Détecté d'après la marque d'ordre des octets (BOM) UTF-8.",
      en: 'Detected from the UTF-8 byte-order mark.',
    });
    expect(noteIn(await inspectFile(fixture('french-export-utf16le.csv')), 'encoding').fr).toBe("Détecté d'après la marque d'ordre des octets (BOM) UTF-16 (petit-boutiste).");
    expect(noteIn(await inspectFile(fixture('sep-line.csv')), 'encoding').fr).toBe('Détecté : UTF-8 valide.');
    expect(noteIn(await inspectFile(fixture('ragged.csv')), 'encoding').fr).toBe("Détecté : ASCII simple, lu comme de l'UTF-8.");
    expect(noteIn(await inspectFile(fixture('crm-deals-fr.csv')), 'encoding')).toEqual({
      fr: "Détecté : pas de l'UTF-8 (l'octet 0xE9 à la position 26 n'est pas valide en UTF-8), donc Windows-1252 (Europe occidentale).",
      en: 'Detected: not UTF-8 (byte 0xE9 at offset 26 is not valid UTF-8), so Windows-1252 (Western European).',
    });
    expect(noteIn(await inspectFile(fixture('invalid-utf8.csv')), 'encoding').fr).toBe(
      "Détecté : UTF-8, mais 1 octet n'est pas valide en UTF-8 (l'octet 0xE9 à la position 38) ; si les accents s'affichent mal dans l'aperçu, choisissez Windows-1252 dans « Encodage ».",
    );
  });

  it('the first bad byte and its offset, grouped the French way', () => {
    const bytes = new Uint8Array(2000).fill(0x61);
    bytes[1500] = 0xe9;
    bytes[1700] = 0xe9;
    // Many good multi-byte characters before: a damaged UTF-8 file.
    for (let k = 0; k < 40; k += 2) bytes.set([0xc3, 0xa9], k);
    const guess = (checkText(bytes) as { guess: { reason: string; reasonSaid: Said } }).guess;
    expect(guess.reason).toBe('UTF-8, but 2 bytes are not valid UTF-8 (the first: byte 0xE9 at offset 1,500); if accents look wrong in the preview, choose Windows-1252 in "Encoding"');
    expect(sayIn(fr, guess.reasonSaid)).toBe(
      "UTF-8, mais 2 octets ne sont pas valides en UTF-8 (le premier : l'octet 0xE9 à la position 1\u202f500) ; si les accents s'affichent mal dans l'aperçu, choisissez Windows-1252 dans « Encodage »",
    );
  });

  it("Excel's sep= line, an undecided date order, ragged rows, a workbook's sheets", async () => {
    expect(noteIn(await inspectFile(fixture('sep-line.csv')), 'skipLines').fr).toBe("La première ligne, « sep=; », est l'indication de séparateur d'Excel ; elle est ignorée.");
    expect(noteIn(await inspectFile(fixture('ambiguous-dates.csv')), 'dateFormat').fr).toBe(
      "Aucune date de l'échantillon n'a un jour supérieur à 12 : les valeurs ne disent pas si le jour vient avant le mois ; lecture jour en premier (dd/mm/yyyy). Vérifiez une date dans l'aperçu.",
    );
    expect(noteIn(await inspectFile(fixture('ragged.csv')), 'delimiter')).toEqual({
      fr: "2 des 6 premières lignes n'ont pas 3 champs ; elles seront signalées à l'import.",
      en: '2 of the first 6 rows do not have 3 fields; they will be reported when importing.',
    });
    expect(noteIn(await inspectFile(fixture('deals.xlsx')), 'sheet').fr).toBe('Le classeur a 2 feuilles ; la première, « Deals », est choisie.');
  });

  it('numbers that could use either separator; re-detection keeps the notes said', async () => {
    const insp = await inspectFile(new File(['a;b\nx;1,234\ny;5,678\n'], 'amb.csv'));
    expect(noteIn(insp, 'decimal').fr).toBe("Des nombres comme 1,234 peuvent se lire avec l'un ou l'autre séparateur : vérifiez le séparateur décimal et celui des milliers.");
    const again = redetect(insp, { delimiter: ';' });
    expect(again.notes.every((n) => n.said && sayIn(en, n.said) === n.message)).toBe(true);
  });
});

describe('the mapping step, in French', () => {
  it('warns of a column that cannot hold the model type', () => {
    const mapping = proposeMapping(['Montant', 'Date de clôture', 'Client']).mapping;
    const source = [
      { name: 'Montant', type: 'VARCHAR' },
      { name: 'Date de clôture', type: 'TIMESTAMP' },
      { name: 'Client', type: 'VARCHAR' },
    ];
    expect(mappingWarningsSaid(mapping, source).map((w) => sayIn(fr, w))).toEqual([
      "amount : « Montant » contient du texte, pas un nombre. Corrigez son type dans les réglages de l'import, ou associez une autre colonne.",
    ]);
    expect(mappingWarnings(mapping, source)).toEqual(['amount: "Montant" holds text, not a number. Fix its type in the import settings, or map another column.']);
    const gone = mappingWarningsSaid({ ...mapping, columns: { ...mapping.columns, amount: 'Prix' } }, source).map((w) => sayIn(fr, w));
    expect(gone).toEqual(["amount : la colonne « Prix » n'est pas dans la table."]);
  });
});

describe('sizes', () => {
  it('said in English exactly as formatBytes writes them, and in French units', () => {
    for (const n of [0, 1, 200, 1000, 1023, 1024, 1536, 10 * 1024 ** 2 + 5, 1.2 * 1024 ** 2, 1023.96 * 1024 ** 2, 4.2 * 1024 ** 3]) {
      expect(sayIn(en, bytesSaid(n))).toBe(formatBytes(n));
    }
    expect(sayIn(fr, bytesSaid(200))).toBe('200 octets');
    expect(sayIn(fr, bytesSaid(1))).toBe('1 octet');
    expect(sayIn(fr, bytesSaid(1.2 * 1024 ** 2))).toBe('1,2 Mo');
    expect(sayIn(fr, bytesSaid(1536))).toBe('1,5 ko');
    expect(sayIn(fr, bytesSaid(4.2 * 1024 ** 3))).toBe('4,2 Go');
  });
});

/** A Worker running the host in this thread; messages are structured-cloned both ways, as postMessage does. */
class CloningWorker {
  private readonly host = new IngestHost();
  private readonly listeners = new Set<(e: MessageEvent<IngestReply>) => void>();
  addEventListener(type: string, fn: (e: MessageEvent<IngestReply>) => void): void {
    if (type === 'message') this.listeners.add(fn);
  }
  postMessage(m: IngestRequest): void {
    const file = 'file' in m ? m.file : undefined;
    const sent = structuredClone({ ...m, ...(file ? { file: null } : {}) }) as IngestRequest;
    if (file) (sent as { file: unknown }).file = file;
    void this.host.handle(sent).then((reply) => {
      const back = structuredClone(reply);
      for (const fn of this.listeners) fn({ data: back } as MessageEvent<IngestReply>);
    });
  }
  terminate(): void {}
}

describe('through the ingest worker', () => {
  it("an ImportError's said forms cross with it", async () => {
    const inspector = new IngestWorkerClient(() => new CloningWorker() as unknown as Worker);
    const workbook = await failure(inspector.inspect(fixture('workbook-named.csv')));
    expect(workbook.fr.message).toBe("workbook-named.csv n'est pas un fichier texte. On dirait un classeur Excel ou une autre archive zip.");
    expect(workbook.err.message).toBe('workbook-named.csv is not a text file. It looks like an Excel workbook or another zip archive.');
    const big = await failure(inspector.inspect(fixture('hubspot-deals.csv'), { limits: { ...SIZE_LIMITS, memory: 0, csv: 100 } }));
    expect(big.fr.message).toBe("hubspot-deals.csv fait 354 octets ; un fichier CSV de cette taille ne tient pas dans la mémoire du navigateur : la limite ici est de 100 octets.");
    inspector.close();
  });

  it('notes cross with their said forms', async () => {
    const inspector = new IngestWorkerClient(() => new CloningWorker() as unknown as Worker);
    const insp = await inspector.inspect(fixture('deals.xlsx'));
    expect(noteIn(insp, 'sheet').fr).toBe('Le classeur a 2 feuilles ; la première, « Deals », est choisie.');
    inspector.close();
  });
});
