/**
 * The dataflow graph of a notebook: which cell reads which, in what order they run, and what is wrong
 * with the wiring (duplicate names, cycles, unknown names). Pure: it knows nothing of engines or UI.
 * Names compare case-insensitively, as DuckDB compares identifiers.
 */
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
  for (const [, list] of byName) {
    if (list.length > 1) {
      for (const n of list) {
        problems.set(n.id, {
          kind: 'duplicate',
          message: `${list.length} cells are named "${n.name}". Rename all but one: a name must say which result it is.`,
        });
      }
    }
  }
  for (const n of nodes) {
    if (n.name && base.has(key(n.name)) && !problems.has(n.id)) {
      problems.set(n.id, {
        kind: 'shadows-table',
        message: `A table named "${n.name}" already exists in the workspace. Rename this cell so both stay reachable.`,
      });
    }
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
      problems.set(n.id, {
        kind: 'unknown',
        names: unknown,
        message: `${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} neither a table nor the name of a cell. Check the spelling, import the data, or name the cell that should make it.`,
      });
    }
  }

  // Cycles: Tarjan's strongly connected components; every member of a cycle gets the problem.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const nameOf = new Map(nodes.map((n) => [n.id, n.name || '(unnamed)']));
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
        const steps: string[] = [];
        const visited = new Set<string>();
        for (let cur = first; !visited.has(cur); ) {
          visited.add(cur);
          const next = (deps.get(cur) ?? []).find((d) => members.has(d))!;
          steps.push(`${nameOf.get(cur)} reads ${nameOf.get(next)}`);
          cur = next;
        }
        for (const c of comp) {
          problems.set(c, {
            kind: 'cycle',
            message: `These cells read each other in a circle (${steps.join(', ')}). Break the circle so one of them reads a table instead.`,
          });
        }
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
  return { deps, dependants, problems, order };
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
