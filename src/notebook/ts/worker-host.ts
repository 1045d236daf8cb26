/**
 * The page's side of the worker that runs TypeScript cells: starts it, hands it one cell at a time,
 * answers its requests, and — on Stop or when the time limit passes — terminates it. A terminated
 * worker is simply replaced by a fresh one at the next run: it held nothing but the code it was running
 * (the data lives in the engine, on this side), so nothing else is lost.
 */
import type { HostMessage, ReturnedValue, WorkerDisplay, WorkerError, WorkerMessage } from './protocol';
import { english, said, type Said } from '../../i18n/said';

/** A running worker, whatever its kind (a Web Worker in the browser, a worker thread in Node tests). */
export interface CellWorker {
  post(message: HostMessage, transfer?: Transferable[]): void;
  /** Registers the handlers, once, right after creation. */
  listen(onMessage: (message: WorkerMessage) => void, onCrash: (reason: string) => void): void;
  terminate(): void;
}

/**
 * Makes a worker for the host. In the browser it is `sandboxedWorkerFactory(document)` (sandbox.ts):
 * every run in a fresh worker of an opaque-origin frame, so no run sees another's built-ins; Node tests
 * give worker threads.
 */
export type CellWorkerFactory = () => CellWorker;

export type SqlRequest = Extract<WorkerMessage, { type: 'sql' }>;

export interface RunRequest {
  code: string;
  names: string[];
  values: unknown[];
  /** Time limit of the run, counted once the worker is ready (starting one is not the cell's fault). */
  timeoutMs: number;
  /** Answers a `sql` call: rows, or a thrown error whose message the cell sees. */
  onSql(request: SqlRequest): Promise<Record<string, unknown>[]>;
  onDisplay(display: WorkerDisplay): void;
}

export type RunOutcome = { ok: true; value: ReturnedValue } | { ok: false; error: WorkerError };

/** The run was ended from outside: by Stop, by the time limit, or because the worker died. */
export class RunAborted extends Error {
  /** The message as said (i18n/said.ts); `message` is its English. */
  readonly said: Said;

  constructor(
    readonly reason: 'stopped' | 'timeout' | 'crashed',
    message: Said,
  ) {
    super(english(message));
    this.said = message;
    this.name = 'RunAborted';
  }
}

interface Current {
  runId: number;
  request: RunRequest;
  settle(outcome: RunOutcome | RunAborted): void;
}

interface Live {
  port: CellWorker;
  /** Resolves on the worker's `ready` message, rejects if it dies first. */
  ready: Promise<void>;
}

export class CellWorkerHost {
  private worker: Live | null = null;
  private current: Current | null = null;
  private nextRunId = 1;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly factory: CellWorkerFactory) {}

  /** Runs one cell; runs queue behind each other. Rejects with `RunAborted` when ended from outside. */
  run(request: RunRequest): Promise<RunOutcome> {
    const job = this.chain.then(() => this.start(request));
    this.chain = job.catch(() => undefined);
    return job;
  }

  /** Ends the run in progress, if any. True when there was one. */
  stop(): boolean {
    return this.abort(new RunAborted('stopped', said('core.notebook.kept_stopped')));
  }

  /** Terminates the worker for good (the next run starts a new one). */
  dispose(): void {
    this.stop();
    this.worker?.port.terminate();
    this.worker = null;
  }

  private live(): Live {
    if (this.worker) return this.worker;
    const port = this.factory();
    let ready!: () => void;
    let failed!: (err: Error) => void;
    const live: Live = { port, ready: new Promise<void>((res, rej) => ((ready = res), (failed = rej))) };
    live.ready.catch(() => undefined);
    port.listen(
      (m) => (m.type === 'ready' ? ready() : this.receive(live, m)),
      (reason) => {
        const err = new RunAborted('crashed', said('core.notebook.ts.crashed', { reason }));
        failed(err);
        if (this.worker === live) this.abort(err);
      },
    );
    this.worker = live;
    return live;
  }

  private abort(reason: RunAborted): boolean {
    const cur = this.current;
    if (!cur) return false;
    // An infinite loop never yields, so the only way out is to end the thread.
    this.worker?.port.terminate();
    this.worker = null;
    cur.settle(reason);
    return true;
  }

  private start(request: RunRequest): Promise<RunOutcome> {
    return new Promise<RunOutcome>((resolve, reject) => {
      const runId = this.nextRunId++;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cur: Current = {
        runId,
        request,
        settle: (outcome) => {
          clearTimeout(timer);
          if (this.current === cur) this.current = null;
          if (outcome instanceof RunAborted) reject(outcome);
          else resolve(outcome);
        },
      };
      this.current = cur;
      const live = this.live();
      live.ready.then(
        () => {
          if (this.current !== cur) return; // stopped while the worker was starting
          timer = setTimeout(
            () => this.abort(new RunAborted('timeout', said('core.notebook.ts.timeout', { seconds: String(Math.round(request.timeoutMs / 100) / 10) }))),
            request.timeoutMs,
          );
          try {
            live.port.post({ type: 'run', runId, code: request.code, names: request.names, values: request.values });
          } catch (err) {
            // Values the structured clone cannot copy: nothing started, so nothing to end.
            cur.settle({ ok: false, error: { name: 'DataCloneError', message: (err as Error).message, at: null, phase: 'compile' } });
          }
        },
        (err: RunAborted) => {
          if (this.current === cur) cur.settle(err);
        },
      );
    });
  }

  private receive(from: Live, m: Exclude<WorkerMessage, { type: 'ready' }>): void {
    const cur = this.current;
    // Messages from a worker already replaced, or about an earlier run, are stale.
    if (from !== this.worker || !cur || m.runId !== cur.runId) return;
    switch (m.type) {
      case 'sql':
        cur.request.onSql(m).then(
          (rows) => this.reply(cur, { type: 'sql-result', runId: m.runId, requestId: m.requestId, rows }),
          (err: unknown) =>
            this.reply(cur, { type: 'sql-error', runId: m.runId, requestId: m.requestId, message: err instanceof Error ? err.message : String(err) }),
        );
        break;
      case 'display':
        cur.request.onDisplay(m.display);
        break;
      case 'done':
        cur.settle({ ok: true, value: m.value });
        break;
      case 'failed':
        cur.settle({ ok: false, error: m.error });
        break;
    }
  }

  private reply(run: Current, message: HostMessage): void {
    if (this.current === run) this.worker?.port.post(message);
  }
}
