/**
 * Which columns of a result name a partner of the model: its `partner_id` column, and the name column
 * beside it. The result grid links them to the partner's page; snapshots alias them (pseudonym.ts) and
 * join them to the partners' sector, region and tier to narrow what an executive reads.
 */

/** `partner_id`, `partnerid`, `PartnerId`. */
export const PARTNER_ID_COLUMN = /^partner_?id$/i;
/** The name of the partner a row's `partner_id` names. */
export const PAIRED_NAME_COLUMN = /^(name|partner_?name)$/i;
/** A column that names a partner by itself, without an id beside it. */
export const PARTNER_NAME_COLUMN = /^(partner_?name|partner)$/i;

export interface PartnerColumns {
  /** Index of the id column; -1 when there is none. */
  id: number;
  /** Index of the name column (beside the id, or standing alone); -1 when there is none. */
  name: number;
}

export function partnerColumns(names: readonly string[]): PartnerColumns {
  const id = names.findIndex((n) => PARTNER_ID_COLUMN.test(n));
  const name = names.findIndex((n) => (id >= 0 ? PAIRED_NAME_COLUMN : PARTNER_NAME_COLUMN).test(n));
  return { id, name };
}

/**
 * The partner id a grid cell links to: the row's id for the id column and for the name beside it;
 * null for any other cell, a row without an id, or a name with no id column (a name alone may be
 * ambiguous, and the partner page is chosen by id).
 */
export function linkedPartner(cols: PartnerColumns, column: number, row: readonly unknown[]): string | null {
  if (cols.id < 0 || (column !== cols.id && column !== cols.name)) return null;
  const id = row[cols.id];
  if (id === null || id === undefined || typeof id === 'object') return null;
  const text = String(id);
  return text === '' ? null : text;
}
