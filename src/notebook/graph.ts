/**
 * The dataflow graph of a notebook: which cell reads which, in what order they run, and what is wrong
 * with the wiring (duplicate names, cycles, unknown names). Pure: it knows nothing of engines or UI.
 * Names compare case-insensitively, as DuckDB compares identifiers.
 */
import { english, said, type Said } from '../i18n/said';
export interface GraphNode {
  id: string;
  /** The relation the cell defines ('' if none). */
  name: string;
  /** Relation names the cell reads (from the engine, or the fallback lexer). */
  reads: readonly string[];
}

export interface GraphProblem {
  kind: 'duplicate' | 'cycle' | 'unknown' | 'shadows-table';
  message: string;
  /** For `unknown`: the names that are neither a table nor a cell. */
  names?: string[];
}

export interface Graph {
  /** Cell ids each cell depends on directly. */
  deps: Map<string, string[]>;
  /** Cell ids that depend directly on each cell. */
  dependants: Map<string, string[]>;
  /** Problems per cell id; a cell with a problem does not run. */
  problems: Map<string, GraphProblem>;
  /** All runnable cells, dependencies first; ties keep notebook order. */
  order: string[];
  /** Each problem's message as said (i18n/said.ts), to be shown in the reader's language; `message` is its English. */
  said: Map<string, Said>;
}

/** A said message folded into one: "a, b, c" from the parts a, b, c. */
function joined(parts: readonly Said[]): Said {
  return parts.slice(0, -1).reduceRight((rest, first) => said('core.notebook.list_join', { first, rest }), parts[parts.length - 1]!);
}

const key = (s: string) => s.toLowerCase();

export function buildGraph(nodes: readonly GraphNode[], baseTables: Iterable<string>): Graph {
  const base = new Set([...baseTables].map(key));
  const problems = new Map<string, GraphProblem>();
  const byName = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    if (!n.name) continue;
    const list = byName.get(key(n.name)) ?? [];
    list.push(n);
    byName.set(key(n.name), list);
  }
  const saidProblems = new Map<string, Said>();
  const problem = (id: string, kind: GraphProblem['kind'], message: Said, names?: string[]) => {
    problems.set(id, { kind, ...(names ? { names } : {}), message: english(message) });
    saidProblems.set(id, message);
  };
  for (const [, list] of byName) {
    if (list.length > 1) {
      for (const n of list) problem(n.id, 'duplicate', said('core.notebook.duplicate', { count: list.length, name: n.name }));
    }
  }
  for (const n of nodes) {
    if (n.name && base.has(key(n.name)) && !problems.has(n.id)) problem(n.id, 'shadows-table', said('core.notebook.shadows_table', { name: n.name }));
  }

  const deps = new Map<string, string[]>();
  const dependants = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const n of nodes) {
    const d: string[] = [];
    const unknown: string[] = [];
    for (const r of n.reads) {
      const defs = byName.get(key(r));
      if (defs) {
        for (const def of defs) if (!d.includes(def.id)) d.push(def.id);
      } else if (!base.has(key(r))) unknown.push(r);
    }
    deps.set(n.id, d);
    for (const x of d) dependants.get(x)?.push(n.id);
    if (unknown.length && !problems.has(n.id)) {
      problem(n.id, 'unknown', said('core.notebook.unknown_names', { count: unknown.length, names: unknown.map((u) => `"${u}"`).join(', ') }), unknown);
    }
  }

  // Cycles: Tarjan's strongly connected components; every member of a cycle gets the problem.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const nameOf = new Map<string, string | Said>(nodes.map((n) => [n.id, n.name || said('core.notebook.unnamed')]));
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of deps.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      const selfLoop = comp.length === 1 && (deps.get(v) ?? []).includes(v);
      if (comp.length > 1 || selfLoop) {
        const members = new Set(comp);
        const first = nodes.find((n) => members.has(n.id))!.id;
        const steps: Said[] = [];
        const visited = new Set<string>();
        for (let cur = first; !visited.has(cur); ) {
          visited.add(cur);
          const next = (deps.get(cur) ?? []).find((d) => members.has(d))!;
          steps.push(said('core.notebook.cycle_step', { from: nameOf.get(cur)!, to: nameOf.get(next)! }));
          cur = next;
        }
        for (const c of comp) problem(c, 'cycle', said('core.notebook.cycle', { steps: joined(steps) }));
      }
    }
  };
  for (const n of nodes) if (!idx.has(n.id)) strong(n.id);

  // Topological order (Kahn), stable in notebook order; cells in cycles are left out.
  const position = new Map(nodes.map((n, k) => [n.id, k]));
  const remaining = new Map(nodes.map((n) => [n.id, (deps.get(n.id) ?? []).length]));
  const ready = nodes.filter((n) => remaining.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const v = ready.shift()!;
    order.push(v);
    for (const w of dependants.get(v) ?? []) {
      const r = remaining.get(w)! - 1;
      remaining.set(w, r);
      if (r === 0) ready.push(w);
    }
  }
  return { deps, dependants, problems, order, said: saidProblems };
}

/** The cell and everything downstream of it, in run order. */
export function downstream(graph: Graph, id: string): string[] {
  const seen = new Set<string>([id]);
  const queue = [id];
  while (queue.length) {
    for (const w of graph.dependants.get(queue.shift()!) ?? []) {
      if (!seen.has(w)) {
        seen.add(w);
        queue.push(w);
      }
    }
  }
  return graph.order.filter((x) => seen.has(x));
}

/** Everything a cell needs, transitively, in run order (without the cell itself). */
export function upstream(graph: Graph, id: string): string[] {
  const seen = new Set<string>();
  const queue = [id];
  while (queue.length) {
    for (const w of graph.deps.get(queue.shift()!) ?? []) {
      if (!seen.has(w)) {
        seen.add(w);
        queue.push(w);
      }
    }
  }
  return graph.order.filter((x) => seen.has(x));
}
