import { describe, expect, it } from 'vitest';
import { searchCommands, type Command } from '../../src/app/commands';

const cmd = (title: string, group: string): Command => ({ id: title, title, group, run: () => undefined });
const all = [
  cmd('Run all cells', 'Notebook'),
  cmd('Save as a .md file', 'Notebook'),
  cmd('Long tail', 'Open template'),
  cmd('Cohort retention', 'Open template'),
  cmd('Switch to the demo data', 'Data'),
  cmd('Réinitialiser l’atelier', 'Atelier'),
];
const titles = (q: string) => searchCommands(all, q).map((c) => c.title);

describe('finding a command', () => {
  it('lists everything, in order, before anything is typed', () => {
    expect(titles('')).toEqual(all.map((c) => c.title));
  });
  it('matches the start of words of the title, then of the group', () => {
    expect(titles('run')).toEqual(['Run all cells']);
    expect(titles('tail')).toEqual(['Long tail']);
    // "template" is only in the group: both templates, in their order.
    expect(titles('templ')).toEqual(['Long tail', 'Cohort retention']);
    expect(titles('open coh')).toEqual(['Cohort retention']);
  });
  it('ignores case and accents, and needs every word', () => {
    expect(titles('REINIT')).toEqual(['Réinitialiser l’atelier']);
    expect(titles('demo switch')).toEqual(['Switch to the demo data']);
    expect(titles('demo save')).toEqual([]);
  });
  it('ranks a match at the start of the title first', () => {
    expect(titles('da')).toEqual(['Switch to the demo data']);
    expect(searchCommands([cmd('Open the Data panel', 'Data'), cmd('Data panel', 'View')], 'data').map((c) => c.title)).toEqual(['Data panel', 'Open the Data panel']);
  });
});
