/** How much of each result a snapshot embeds: enough to read, small enough to e-mail. */
export interface SnapshotLimits {
  /** Results of up to this many rows are embedded whole… */
  fullRows: number;
  /** …as long as they also hold at most this many values (rows × columns). */
  fullValues: number;
  /** Larger results embed their first rows only, plus totals over all rows. */
  previewRows: number;
  /** A chart with more data rows than this keeps only its static drawing. */
  chartRows: number;
  /** Values embedded over the whole snapshot: past this, further results keep their first rows only. */
  totalValues: number;
  /**
   * With a page per partner, results naming partners are embedded whole up to this many rows and
   * values each, and this many values over the snapshot (a separate budget from totalValues).
   */
  partnerRows: number;
  partnerValues: number;
  partnerTotalValues: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = {
  fullRows: 1000,
  fullValues: 20_000,
  previewRows: 100,
  chartRows: 5000,
  totalValues: 250_000,
  partnerRows: 20_000,
  partnerValues: 400_000,
  partnerTotalValues: 2_000_000,
};

/** True when a result of this shape is embedded whole. */
export function embedsWhole(rowCount: number, columnCount: number, limits: SnapshotLimits): boolean {
  return rowCount <= limits.fullRows && rowCount * Math.max(1, columnCount) <= limits.fullValues;
}
