/**
 * Where the store's errors reach the screen: the workspace controller's notices say them in the
 * interface's language of the moment (errorText), and in English exactly as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceController } from '../../src/app/workspace-controller';
import { i18nFor, type Lang } from '../../src/i18n';
import { newProfile, nodeHost } from './host';

const started: WorkspaceController[] = [];
afterEach(async () => {
  for (const w of started.splice(0)) await w.flush();
});

describe("the workspace controller's store errors in French", () => {
  it('says a file that is not an export, and a workshop never saved, in the language of the moment', async () => {
    let lang: Lang = 'fr';
    const ws = new WorkspaceController(nodeHost(newProfile()), { i18n: () => i18nFor(lang) });
    started.push(ws);
    await ws.start(
      () => undefined,
      () => undefined,
    );
    const notExport = Object.assign(new Blob(['hello']), { name: 'hello.longtail.zip' });
    expect(await ws.importFromFile(notExport)).toBe(false);
    expect(ws.notice).toEqual({ kind: 'error', message: "Ce fichier n'est pas un export d'espace de travail Longtail (ce n'est pas une archive zip)." });
    expect(await ws.resetToWorkshop()).toBe(false);
    expect(ws.notice?.message).toBe(
      "Aucun atelier n'est enregistré dans ce navigateur : préparez l'espace de travail, puis choisissez « Enregistrer l'espace de travail comme atelier ».",
    );

    lang = 'en';
    expect(await ws.importFromFile(notExport)).toBe(false);
    expect(ws.notice).toEqual({ kind: 'error', message: 'This file is not a Longtail workspace export (it is not a zip archive).' });
    expect(await ws.resetToWorkshop()).toBe(false);
    expect(ws.notice?.message).toBe('No workshop is saved in this browser: prepare the workspace, then "Save as workshop".');
  });
});
