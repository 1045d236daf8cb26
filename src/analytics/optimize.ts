/**
 * Derivative-free minimisation (Nelder–Mead) for the maximum-likelihood fits of the customer-base
 * models. Their likelihoods are smooth but their gradients need digamma functions and care at the
 * boundaries; a simplex search on unconstrained (log) parameters is simpler and, restarted until it stops
 * improving, reaches the optimum to many more digits than the published estimates carry.
 */

export interface MinimizeOptions {
  /** Edge of the starting simplex along each axis (in the units of x). */
  step?: number;
  /**
   * Converged when the simplex's values span at most this, times the best value's magnitude when that
   * is above 1 … (A log-likelihood summed over 40 000 partners is about 10⁶, where one rounding step is
   * 2·10⁻¹⁰: an absolute 10⁻¹⁰ could never be met, and the fit would spend its whole budget.)
   */
  fTolerance?: number;
  /** … and its vertices lie within this distance of the best one, on every axis. */
  xTolerance?: number;
  /** Function evaluations allowed for all runs together. */
  maxEvaluations?: number;
  /** Fresh simplices started from the best point after the first run. */
  maxRestarts?: number;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  evaluations: number;
  /** Runs of the simplex method (1 + restarts actually made). */
  runs: number;
  /** False when the budget ran out before any run shrank its simplex to the tolerances. */
  converged: boolean;
}

/**
 * Fits that search on the logs of positive parameters keep them within e^±15 (3·10⁻⁷ … 3·10⁶). With few
 * or very alike histories a likelihood can keep rising towards a limit (in BG/NBD, r, α → ∞ when every
 * customer buys at the same rate, or a, b → ∞ when all are equally likely to stop); the search then ends
 * at this wall with a usable, if extreme, fit instead of running until its budget is spent.
 */
export const LOG_PARAMETER_BOUND = 15;

/** True when a vector of log-parameters leaves the box; objectives return +∞ there. */
export function outsideLogBound(v: readonly number[]): boolean {
  return v.some((x) => Math.abs(x) > LOG_PARAMETER_BOUND);
}

interface Vertex {
  x: number[];
  f: number;
}

/** Standard Nelder–Mead coefficients: reflection, expansion, contraction, shrink. */
const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

/**
 * Minimises f over ℝⁿ. Non-finite values (a parameter outside the model's domain, an overflow) count as
 * +∞, so the simplex simply moves away from them. A simplex can stall on a ridge far from the optimum;
 * restarting from the best vertex with a full-size simplex, until a run no longer improves the value,
 * is the usual remedy.
 */
export function minimize(f: (x: number[]) => number, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const step = options.step ?? 0.5;
  const fTol = options.fTolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-9;
  const maxEvaluations = options.maxEvaluations ?? 50_000;
  const maxRestarts = options.maxRestarts ?? 10;
  const tolerance = (f: number) => fTol * Math.max(1, Math.abs(f));
  let evaluations = 0;
  const evaluate = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };

  let best: Vertex = { x: [...x0], f: evaluate([...x0]) };
  let runs = 0;
  let converged = false;
  let firstRunCost = Infinity;
  while (runs <= maxRestarts && evaluations < maxEvaluations) {
    runs++;
    // A restart gets at most the effort of the first run: against a wall of +∞ (a parameter bound) a
    // simplex can shuffle along the wall for ever, gaining digits nobody needs.
    const until = Math.min(maxEvaluations, evaluations + firstRunCost);
    const before = evaluations;
    const run = simplexRun(evaluate, best, step, tolerance, xTol, () => evaluations < until);
    if (runs === 1) firstRunCost = evaluations - before;
    const improved = best.f - run.best.f;
    if (run.best.f <= best.f) best = run.best;
    // A restart only ever polishes a converged point, so one converged run is enough.
    converged ||= run.converged;
    if (!run.converged || !(improved > tolerance(best.f))) break;
  }
  return { x: best.x, value: best.f, evaluations, runs, converged };
}

function simplexRun(
  evaluate: (x: number[]) => number,
  start: Vertex,
  step: number,
  fTol: (f: number) => number,
  xTol: number,
  budgetLeft: () => boolean,
): { best: Vertex; converged: boolean } {
  const n = start.x.length;
  const simplex: Vertex[] = [start];
  for (let i = 0; i < n; i++) {
    // Step away from a wall (a region of +∞) rather than into it: a restart at the edge of the domain
    // would otherwise begin with a vertex the simplex can never use.
    const up = [...start.x];
    up[i] = up[i]! + step;
    const fUp = evaluate(up);
    if (fUp < Infinity) {
      simplex.push({ x: up, f: fUp });
      continue;
    }
    const down = [...start.x];
    down[i] = down[i]! - step;
    simplex.push({ x: down, f: evaluate(down) });
  }
  const along = (from: number[], to: number[], t: number): number[] => from.map((v, i) => v + t * (to[i]! - v));

  while (budgetLeft()) {
    simplex.sort((p, q) => p.f - q.f);
    const lo = simplex[0]!;
    const hi = simplex[n]!;
    const spread = Math.max(...simplex.map((v) => Math.max(...v.x.map((c, i) => Math.abs(c - lo.x[i]!)))));
    if (hi.f - lo.f <= fTol(lo.f) && spread <= xTol) return { best: lo, converged: true };

    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i]! += simplex[k]!.x[i]! / n;

    const reflected = along(centroid, hi.x, -REFLECT);
    const fr = evaluate(reflected);
    if (fr < lo.f) {
      const expanded = along(centroid, hi.x, -EXPAND);
      const fe = evaluate(expanded);
      simplex[n] = fe < fr ? { x: expanded, f: fe } : { x: reflected, f: fr };
      continue;
    }
    if (fr < simplex[n - 1]!.f) {
      simplex[n] = { x: reflected, f: fr };
      continue;
    }
    // Contract towards the better of the worst vertex and its reflection.
    const outside = fr < hi.f;
    const contracted = along(centroid, outside ? reflected : hi.x, CONTRACT);
    const fc = evaluate(contracted);
    if (fc < (outside ? fr : hi.f)) {
      simplex[n] = { x: contracted, f: fc };
      continue;
    }
    for (let k = 1; k <= n; k++) {
      const x = along(lo.x, simplex[k]!.x, SHRINK);
      simplex[k] = { x, f: evaluate(x) };
    }
  }
  simplex.sort((p, q) => p.f - q.f);
  return { best: simplex[0]!, converged: false };
}
