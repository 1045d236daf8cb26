/**
 * A TypeScript cell's errors in the reader's language (issue 19.1): a syntax error and a refused
 * import found before anything runs, and an error the code threw — the position and the hint in
 * French, the browser's or sucrase's own words as they are; the English unchanged.
 */
import { describe, expect, it } from 'vitest';
import { transpileCell } from '../../../src/notebook/ts/transpile';
import { runtimeError, type TsCellError } from '../../../src/notebook/ts/errors';
import { errorText, hintText, i18nFor } from '../../../src/i18n';

const fr = i18nFor('fr').t;
const hintFr = (e: TsCellError) => hintText(fr, e);

function thrown(source: string): TsCellError {
  try {
    transpileCell(source);
  } catch (e) {
    return e as TsCellError;
  }
  throw new Error('no error');
}

describe('TypeScript cell errors in French', () => {
  it('an import, refused before anything runs', () => {
    const e = thrown("import x from 'y';\nreturn 1;");
    expect(errorText(fr, e)).toBe('Ligne 1, colonne 1 : Une cellule ne peut pas importer de modules.');
    expect(hintFr(e)).toBe("Longtail garde vos données sur cet ordinateur : les cellules n'ont pas accès au réseau. La bibliothèque d'analyse est déjà disponible sous le nom `analytics`.");
    expect(e.message).toBe('Line 1, column 1: A cell cannot import modules.');
    expect(e.hint).toBe('Longtail keeps your data on this machine: network access is disabled in cells. The analytics library is already in scope as `analytics`.');
  });

  it("a syntax error: sucrase's words, the place and the hint in French", () => {
    const e = thrown('const a = ;');
    expect(errorText(fr, e)).toMatch(/^Ligne 1, colonne \d+ : Unexpected token/);
    expect(hintFr(e)).toMatch(/^Le code TypeScript n'a pas pu être lu à la ligne 1, colonne \d+\. En général, il manque une parenthèse, une virgule ou un guillemet\.$/);
    expect(e.message).toMatch(/^Line 1, column \d+: Unexpected token/);
  });

  it('an error the code threw, at its place in the source', () => {
    const e = runtimeError({ name: 'TypeError', message: 'x is not a function', at: null, phase: 'run' }, []);
    expect(errorText(fr, e)).toBe('TypeError: x is not a function');
    expect(hintFr(e)).toBe('Le code a levé une erreur. Rien d\'autre n\'a été modifié : les autres résultats et vos données sont intacts.');
    expect(e.hint).toBe('The code threw an error. Nothing else was changed: other results and your data are as they were.');
  });
});
