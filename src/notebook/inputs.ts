/**
 * Setting input cells' values from outside the notebook: a partner page opened from a partner named in
 * a result starts with its `partner` input set to that partner. The value lives in the cell's `value`
 * attribute, as when the user picks it (src/ui/InputCell.svelte), so the notebook file keeps it.
 */
import type { Cell } from './model';

/** Sets `values[name]` on the input cells of that name; returns the cells whose value changed. */
export function setInputValues(cells: Cell[], values: Readonly<Record<string, string>>): Cell[] {
  const changed: Cell[] = [];
  for (const cell of cells) {
    if (cell.kind !== 'input' || !Object.hasOwn(values, cell.name)) continue;
    const value = values[cell.name]!;
    const a = cell.attrs.find((x) => x.key === 'value');
    if (a?.value === value) continue;
    if (a) a.value = value;
    else cell.attrs.push({ key: 'value', value });
    changed.push(cell);
  }
  return changed;
}
