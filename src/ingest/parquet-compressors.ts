/**
 * The Parquet compressions hyparquet does not read by itself (it has Snappy and none): Zstandard, which
 * DuckDB, Polars and pandas (PyArrow) write by default, and gzip. Both decoders are plain JavaScript
 * (fzstd, and fflate, already here for the workspace archive); nothing to compile at start.
 */
import { decompress as zstd } from 'fzstd';
import { gunzipSync } from 'fflate';
import type { Compressors } from 'hyparquet';

export const PARQUET_COMPRESSORS: Compressors = {
  ZSTD: (input) => zstd(input),
  GZIP: (input) => gunzipSync(input),
};
