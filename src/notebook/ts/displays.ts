/**
 * What a TypeScript cell shows (`display(…)`, `console.log`) as the `Display` entries the page renders.
 * Tables arrive as records or Arrow bytes and are shown capped; log lines in a row share one text block;
 * a cell that displays without end is cut off with a note rather than flooding the page.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { columnsOf, plainRows } from '../../engine/values';
import type { Display } from '../state';
import type { WorkerDisplay } from './protocol';
import { recordsToTable } from '../records';
import { said } from '../../i18n/said';

export const MAX_DISPLAYS = 100;
export const MAX_TABLE_ROWS = 1000;

function tableDisplay(t: Table): Display {
  return { kind: 'table', columns: columnsOf(t), rows: plainRows(t.slice(0, MAX_TABLE_ROWS)), rowCount: t.numRows };
}

export function toDisplay(d: WorkerDisplay): Display {
  switch (d.kind) {
    case 'rows':
      try {
        return tableDisplay(recordsToTable(d.rows, said('core.notebook.records.displayed_table')));
      } catch (err) {
        return { kind: 'text', text: `Could not show this table: ${(err as Error).message}` };
      }
    case 'arrow':
      return tableDisplay(tableFromIPC(d.ipc));
    case 'log':
      return { kind: 'text', text: d.text };
    default:
      return d;
  }
}

/** Collects a run's displays in order. */
export class DisplayList {
  private readonly items: Display[] = [];
  private lastWasLog = false;
  private dropped = 0;

  add(d: WorkerDisplay): void {
    const prev = this.items[this.items.length - 1];
    if (d.kind === 'log' && this.lastWasLog && prev?.kind === 'text') {
      prev.text += `\n${d.text}`;
      return;
    }
    this.lastWasLog = d.kind === 'log';
    if (this.items.length >= MAX_DISPLAYS) {
      this.dropped++;
      return;
    }
    this.items.push(toDisplay(d));
  }

  list(): Display[] {
    if (!this.dropped) return [...this.items];
    return [...this.items, { kind: 'text', text: `${this.dropped} more displays were not shown (at most ${MAX_DISPLAYS} per run).` }];
  }
}
