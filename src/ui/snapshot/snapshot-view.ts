/** What the snapshot viewer shows: the notebook, one partner's page, or every listed partner's page (to print). */
export type SnapshotView = { kind: 'notebook' } | { kind: 'partner'; id: string } | { kind: 'pages' };
