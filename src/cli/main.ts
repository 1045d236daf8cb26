/**
 * `longtail run NOTEBOOK.md …`: the command line, one host of the notebook core beside the browser
 * editor and the snapshot viewer. This module reads the arguments and the notebook (fast: --help loads
 * nothing else); command.ts opens the engine, puts the data in, runs and writes. Built by `npm install`
 * into node_modules/.longtail/cli/main.mjs (see bin/longtail.mjs).
 */
import { readFileSync } from 'node:fs';
import { parseNotebook } from '../notebook/format';
import type { Notebook } from '../notebook/model';
import { parseCommand, UsageError, type RunOptions } from './args';
import { HELP } from './help';
import { EXIT, type Host } from './host';

export { EXIT, type Host };

function setInputs(notebook: Notebook, inputs: ReadonlyMap<string, string>): void {
  for (const [name, value] of inputs) {
    const cell = notebook.cells.find((c) => c.kind === 'input' && c.name.toLowerCase() === name.toLowerCase());
    if (!cell) {
      const names = notebook.cells.filter((c) => c.kind === 'input').map((c) => c.name);
      throw new UsageError(`--set ${name}: the notebook has no input cell named ${name}${names.length ? ` (its inputs: ${names.join(', ')})` : ' (it has no input cells)'}.`);
    }
    cell.attrs = [...cell.attrs.filter((a) => a.key !== 'value'), { key: 'value', value }];
  }
}

export async function main(argv: readonly string[], host: Host): Promise<number> {
  const log = (line: string) => host.stderr(line.endsWith('\n') ? line : `${line}\n`);
  let options: RunOptions;
  let notebook: Notebook;
  try {
    const command = parseCommand(argv, host.cwd);
    if (command.kind === 'help') {
      host.stdout(HELP);
      return EXIT.ok;
    }
    if (command.kind === 'version') {
      host.stdout(`longtail ${host.version}\n`);
      return EXIT.ok;
    }
    options = command.options;
    notebook = parseNotebook(readFileSync(options.notebook, 'utf8'));
    setInputs(notebook, options.inputs);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    log(`longtail: ${err.message}`);
    return EXIT.usage;
  }

  const { runCommand } = await import('./command');
  return runCommand(options, notebook, host, log);
}
