/**
 * The workspace controller speaks the interface's language of the moment: given a French translator, its
 * notices, progress, undo labels and name problems (and its session's banners) are in French; switched
 * to English while it runs, they are what they always were, word for word. The storage-full message and
 * the import dialog's generic hint follow the same rule.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceController } from '../../src/app/workspace-controller';
import type { SessionController } from '../../src/app/session-controller';
import { GENERIC_HINT, hintIn, problemOf } from '../../src/app/problem';
import { i18nFor, type Lang } from '../../src/i18n';
import { storageFullMessage } from '../../src/store/quota';
import { newProfile, nodeHost } from './host';

const started: WorkspaceController[] = [];
afterEach(async () => {
  for (const w of started.splice(0)) await w.flush();
});

describe('the workspace controller in French', () => {
  it('writes notices, undo labels, name problems and banners in the language of the moment', async () => {
    let lang: Lang = 'fr';
    const ws = new WorkspaceController(nodeHost(newProfile()), { i18n: () => i18nFor(lang) });
    started.push(ws);
    const phases: string[] = [];
    let session: SessionController | null = null;
    await ws.start(
      (text) => phases.push(text),
      (s) => (session = s),
    );
    const s = session! as SessionController;
    expect(phases[0]).toBe('Démarrage du moteur SQL…');
    expect(phases.at(-1)).toBe('Ouverture du carnet…');

    expect(await ws.newNotebook('')).toBe('Donnez un nom au carnet.');
    expect(await ws.newNotebook('a/b')).toBe('Un nom ne peut contenir ni / \\ : * ? " < > | ni caractères de contrôle.');
    expect(await ws.newNotebook('Visites')).toBeNull();
    expect(await ws.newNotebook('visites.md')).toBe('Un carnet nommé visites.md existe déjà.');
    expect(await ws.renameNotebook(ws.currentId!, 'visites')).toBe("Le nom d'un carnet se termine par .md.");

    await s.exclusive(() => s.engine.query('CREATE TABLE visits AS SELECT * FROM (VALUES (1, 12), (2, 7)) t(reseller, n)'));
    await s.refreshTables();
    expect(await ws.renameTable('visits', ' v')).toBe('Un nom ne peut ni commencer ni se terminer par un espace.');
    await ws.exportToFile();
    expect(ws.notice?.message).toMatch(/^Export terminé : 1 carnet et \d+ tables, chacun avec son empreinte\.$/);
    await ws.deleteTable('visits');
    expect(ws.undo?.label).toBe('Table visits mise à la corbeille.');
    await ws.undoDelete();

    const cell = s.append('sql', 'SELECT 1 AS one');
    expect(await s.rename(cell.id, '1st')).toBe('Utilisez des lettres, des chiffres et _, sans commencer par un chiffre.');
    expect(await s.rename(cell.id, 'VISITS')).toBe("Une table s'appelle déjà VISITS.");
    await s.remove(cell.id);
    expect(s.banner?.message).toBe('Cellule « q1 » supprimée.');
    s.undoDelete();

    // The user switches to English: what comes next is in English, exactly as before.
    lang = 'en';
    await ws.exportToFile();
    expect(ws.notice?.message).toMatch(/^Exported 1 notebook and \d+ tables, each with its fingerprint\.$/);
    expect(await s.rename(cell.id, 'VISITS')).toBe('A table is already named VISITS.');
    await ws.deleteTable('visits');
    expect(ws.undo?.label).toBe('Moved table visits to the bin.');
    expect(await ws.newNotebook('visites.md')).toBe('A notebook named visites.md already exists.');
    await s.remove(cell.id);
    expect(s.banner?.message).toBe('Deleted "q1".');
  });

  it('says the storage is full in French, and the same English as ever without a translator', () => {
    const MB = 1024 * 1024;
    const items = [
      { kind: 'notebook' as const, name: 'welcome.md', bytes: 2048 },
      { kind: 'table' as const, name: 'deals', bytes: 80 * MB },
      { kind: 'table' as const, name: 'activities', bytes: 210 * MB },
    ];
    const status = { used: 300 * MB, quota: 300 * MB, persisted: false };
    expect(storageFullMessage(items, status, i18nFor('fr'))).toBe(
      "Le stockage du navigateur réservé à Longtail est plein (300,0 Mo utilisés sur 300,0 Mo). Rien n'est perdu : vos dernières modifications restent dans cet onglet " +
        "et seront enregistrées dès qu'il y aura de la place. Pour faire de la place, supprimez ce dont vous n'avez plus besoin, en commençant par le plus volumineux : " +
        "table activities (210,0 Mo), table deals (80,0 Mo), carnet welcome.md (2,0 ko). Exportez d'abord l'espace de travail si vous risquez d'en avoir encore besoin.",
    );
    const english =
      "The browser's storage for Longtail is full (300.0 MB used of 300.0 MB). Nothing was lost: your latest changes stay in this tab " +
      'and are saved as soon as there is room. To make room, delete what you no longer need, largest first: ' +
      'table activities (210.0 MB), table deals (80.0 MB), notebook welcome.md (2.0 kB). Export the workspace first if you may need them again.';
    expect([storageFullMessage(items, status), storageFullMessage(items, status, i18nFor('en'))]).toEqual([english, english]);
    expect(storageFullMessage([], null)).toBe(
      "The browser's storage for Longtail is full. Nothing was lost: your latest changes stay in this tab and are saved as soon as there is room. " +
        'To make room, delete tables or notebooks you no longer need, or free space on this computer. Export the workspace first if you may need them again.',
    );
  });

  it("gives the import dialog's generic hint in the interface's language", () => {
    const problem = problemOf(new Error('boom'));
    expect(problem.hint).toBe('Try again; if it keeps failing, export the file again.');
    expect(problem.hint).toBe(GENERIC_HINT);
    expect(hintIn(problem, i18nFor('fr').t)).toBe("Réessayez ; si l'échec persiste, exportez de nouveau le fichier.");
    expect(hintIn(problem, i18nFor('en').t)).toBe(GENERIC_HINT);
    expect(hintIn({ message: 'x', hint: 'Their own hint.' }, i18nFor('fr').t)).toBe('Their own hint.');
  });
});

describe('an open template follows the interface language', () => {
  it('is shown again in the new language with its inputs as they were; a notebook of the user is left as written', async () => {
    let lang: Lang = 'en';
    const host = nodeHost(newProfile());
    const english = host.templates;
    const french = english.map((t) => (t.file === 'partner.md' ? { ...t, title: 'Partenaire', text: t.text.replace('# Partner', '# Partenaire').replace('label="Partner"', 'label="Partenaire"') } : t));
    Object.defineProperty(host, 'templates', { get: () => (lang === 'fr' ? french : english) });
    const ws = new WorkspaceController(host, { i18n: () => i18nFor(lang) });
    started.push(ws);
    let session: SessionController | null = null;
    await ws.start(
      () => undefined,
      (s) => (session = s),
    );
    const s = session! as SessionController;
    await ws.openTemplate('partner.md', { partner: 'P7' });
    const who = () => s.notebook.cells.find((c) => c.name === 'who')!;
    expect(s.notebook.cells[0]!.source).toBe('# Partner');

    lang = 'fr';
    await ws.followLanguage();
    expect(s.notebook.cells[0]!.source).toBe('# Partenaire');
    expect(s.notebook.cells.find((c) => c.kind === 'input')!.attrs).toContainEqual({ key: 'value', value: 'P7' });
    expect((await s.engine.query(`SELECT p FROM cells.${who().name}`)).toArray()[0]!.toJSON()).toEqual({ p: 'P7' });
    // Still the template, not a notebook of the user's.
    expect([ws.currentTemplate, ws.notebooks.length]).toEqual(['partner.md', 0]);

    // Edited, it is the user's: a language switch leaves its text alone.
    s.edit(who().id, 'SELECT $partner AS p, 1 AS edited');
    await ws.flush();
    expect(ws.currentTemplate).toBeNull();
    lang = 'en';
    await ws.followLanguage();
    expect(s.notebook.cells[0]!.source).toBe('# Partenaire');
  });
});
