/**
 * The ingest worker's script (built as one classic script, started from a blob: URL so that it runs
 * under the page's Content Security Policy: see browser.ts). Sniffing a CSV's first megabytes, parsing a
 * JSON array or a workbook, reading Parquet row groups: none of it runs on the page's thread, so the
 * page answers input whatever file is dropped on it.
 */
import { IngestHost } from './host';
import type { IngestReply, IngestRequest } from './protocol';

const scope = self as unknown as {
  postMessage(message: IngestReply): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<IngestRequest>) => void): void;
};

const host = new IngestHost();
scope.addEventListener('message', (e) => {
  void host.handle(e.data).then((reply) => scope.postMessage(reply));
});
scope.postMessage({ id: 0, ready: true });
