/**
 * Saving a drawn chart as a file. PNG and SVG both come from the Vega view itself (no screenshot, no
 * server): PNG at twice the screen size so it stays sharp on slides, SVG as it was drawn. The file is
 * named after the cell.
 */

/** What export needs of a Vega view. */
export interface ImageSource {
  toImageURL(type: string, scaleFactor?: number): Promise<string>;
  toSVG(scaleFactor?: number): Promise<string>;
}

export type ImageFormat = 'png' | 'svg';

/** "revenue by region" → "revenue-by-region.png"; never an empty or path-like name. */
export function exportFileName(name: string, format: ImageFormat): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'chart'}.${format}`;
}

/** The chart as a file's contents. */
export async function chartBlob(view: ImageSource, format: ImageFormat): Promise<Blob> {
  if (format === 'svg') return new Blob([await view.toSVG()], { type: 'image/svg+xml;charset=utf-8' });
  // toImageURL gives a data: URL; decode it so the download is a real file, not a long link.
  const url = await view.toImageURL('png', 2);
  const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: 'image/png' });
}

/** Offers a blob as a download (the browser's own save), then lets the object URL go. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
