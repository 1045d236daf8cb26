/** What `longtail --help` prints: everything the command line does, in one screen. */
export const JSON_ROW_LIMIT = 10_000;

export const HELP = `longtail — run a Longtail notebook without a browser, on native DuckDB

Usage
  longtail run NOTEBOOK.md [options]
  longtail --help | --version

Runs every cell of the notebook (in dependency order, as "Run all" does in the app), shows progress on
stderr, cell by cell, and writes what you ask for.

Data
  (no --data)             the demo workspace, as the app builds it on a first visit
  -d, --data FILE         import FILE as a drop in the app would: format, encoding, delimiter, decimal
                          comma and date format detected; its columns mapped onto the partner model
                          (deals, partners, …) from its headers and its rows added to that table, so a
                          template runs on your export unchanged (partners are derived from the deals
                          when no partner file is given). Repeat for several files (two exports of one
                          table are appended). CSV/TSV/TXT, Excel .xlsx, Parquet, JSON.
      --skip-bad-rows     import the rows that can be read and report the others (default: refuse a
                          file with unreadable rows and say which)
      --database PATH     open a DuckDB database file (.duckdb; created if missing) and run on the
                          tables in it (no demo); --data files are imported into it
      --database md:NAME  a MotherDuck database: the one case where Longtail reaches the network, as
                          DuckDB itself does for md: (not tested by Longtail's own tests)

Inputs
      --set NAME=VALUE    set the input cell NAME before the run, e.g. --set as_of=2025-12-31
                          (repeatable); other inputs keep the value written in the notebook

Output
      --json OUT.json     each named cell's status, error, columns (name, type) and rows: at most
                          ${JSON_ROW_LIMIT.toLocaleString('en')} rows per cell, with rowCount and truncated
      --snapshot OUT.html the one-file HTML snapshot the app's Share writes (results and charts frozen,
                          readable offline); with --hide-code and --pseudonymise as in the app

Engine
      --engine native     DuckDB ${'(@duckdb/node-api)'}, the default: no size limit but your disk and memory
      --engine wasm       DuckDB-WASM, the engine the browser runs (same limits as the app)
      --threads N         native DuckDB's worker threads (default: one per core)
      --memory-limit SIZE native DuckDB's memory, e.g. 8GB (default: 80 % of RAM); beyond it, DuckDB
                          spills to its temporary folder on disk

What it never does
  Reach the network (unless --database md:…), or let the notebook's SQL read or write any file but its
  data: native DuckDB is confined to a private temporary folder and its configuration locked.
  TypeScript cells run in a worker thread without network, process or file access.

Exit status
  0  every cell ran
  1  a cell failed or needs data not given (each is named, with its error), a --data file could not
     be imported, or an output could not be written
  2  the command itself is wrong: an unknown option, a missing file, a bad value

Examples
  longtail run notebooks/rfm.md --json rfm.json
  longtail run notebooks/long-tail.md --data export-opportunites.csv --data partenaires.xlsx \\
           --snapshot long-tail.html --set window_days=365
`;
