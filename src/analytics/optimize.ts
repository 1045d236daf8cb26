/**
 * Minimisation for the maximum-likelihood fits of the customer-base models.
 *
 * - `minimizeBounded`: quasi-Newton (BFGS) within a box, for objectives that also give their gradient.
 *   The fits use it: with analytic gradients it needs tens of evaluations where a simplex needs
 *   thousands, which is what lets a fit on 40 000 partners run in a fraction of the SQL that feeds it.
 *   A few Newton steps (Hessian from differences of the analytic gradient) then polish the optimum to
 *   many more digits than the published estimates carry.
 * - `minimize`: derivative-free Nelder–Mead, for objectives without a gradient; the tests use it as the
 *   second, independent method the gradient-based fits must agree with.
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

// ------------------------------------------------------------------------------ bounded quasi-Newton

/** An objective and its gradient at one point. */
export interface ValueAndGradient {
  value: number;
  gradient: number[];
}

export interface BoundedOptions {
  /** Lower and upper bound of every coordinate (default: LOG_PARAMETER_BOUND either side). */
  lower?: number;
  upper?: number;
  /**
   * Converged when every component of the projected gradient (components pushing against an active
   * bound left out) is at most this times max(1, |value|) … A log-likelihood summed over many rows
   * carries rounding noise in proportion to its size, so the tolerance is relative.
   */
  gradientTolerance?: number;
  /** Quasi-Newton iterations allowed. */
  maxIterations?: number;
}

export interface BoundedResult {
  x: number[];
  value: number;
  gradient: number[];
  /** Quasi-Newton iterations, then Newton polishing steps accepted. */
  iterations: number;
  newtonSteps: number;
  /** Objective evaluations (each gives value and gradient). */
  evaluations: number;
  converged: boolean;
}

const ARMIJO = 1e-4;
const CURVATURE = 0.9;

/**
 * Minimises f within the box [lower, upper]ⁿ by BFGS on the coordinates free to move, with a strong-Wolfe
 * line search that stops where a coordinate reaches its bound (it then stays there while the gradient
 * pushes it outwards: the active set). Non-finite values count as +∞. After convergence, Newton steps
 * on the free coordinates, with the Hessian from central differences of the gradient, are taken while
 * they shrink the gradient: they fix the last digits BFGS leaves loose along flat directions.
 */
export function minimizeBounded(fg: (x: readonly number[]) => ValueAndGradient, x0: readonly number[], options: BoundedOptions = {}): BoundedResult {
  const n = x0.length;
  const lower = options.lower ?? -LOG_PARAMETER_BOUND;
  const upper = options.upper ?? LOG_PARAMETER_BOUND;
  const gTol = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  let evaluations = 0;
  const evaluate = (x: readonly number[]): ValueAndGradient => {
    evaluations++;
    const r = fg(x);
    return Number.isFinite(r.value) && r.gradient.every(Number.isFinite) ? r : { value: Infinity, gradient: r.gradient };
  };
  const clamp = (v: number) => Math.min(upper, Math.max(lower, v));

  let x = x0.map(clamp);
  let cur = evaluate(x);
  if (!Number.isFinite(cur.value)) throw new RangeError('minimizeBounded: the objective is not finite at the starting point.');
  const freeOf = (x: readonly number[], g: readonly number[]) =>
    x.map((v, i) => !((v <= lower && g[i]! > 0) || (v >= upper && g[i]! < 0)));
  const projectedNorm = (x: readonly number[], g: readonly number[]) => {
    const free = freeOf(x, g);
    return g.reduce((m, v, i) => (free[i] ? Math.max(m, Math.abs(v)) : m), 0);
  };
  const tolerance = (f: number) => gTol * Math.max(1, Math.abs(f));

  let H = identity(n);
  let fresh = true;
  let iterations = 0;
  let converged = false;
  let stalled = false;
  let snapped = false;
  while (iterations < maxIterations) {
    if (projectedNorm(x, cur.gradient) <= tolerance(cur.value)) {
      converged = true;
      break;
    }
    iterations++;
    const free = freeOf(x, cur.gradient);
    // H mixes coordinates: a free coordinate sitting on its bound may still be pointed outwards.
    const inward = (d: number[]) => d.map((v, i) => ((x[i]! <= lower && v < 0) || (x[i]! >= upper && v > 0) ? 0 : v));
    let d = inward(direction(H, cur.gradient, free));
    let slope = dot(cur.gradient, d);
    if (!(slope < 0)) {
      H = identity(n);
      fresh = true;
      d = inward(direction(H, cur.gradient, free));
      slope = dot(cur.gradient, d);
    }
    // Largest step before a free coordinate reaches its bound.
    let tMax = Infinity;
    d.forEach((di, i) => {
      if (di > 0) tMax = Math.min(tMax, (upper - x[i]!) / di);
      else if (di < 0) tMax = Math.min(tMax, (lower - x[i]!) / di);
    });
    // A fresh direction is the (scaled) gradient: its first trial moves no coordinate by more than 1.
    const t0 = Math.min(tMax, fresh ? 1 / Math.max(...d.map(Math.abs)) : 1);
    const step = lineSearch(evaluate, x, cur, d, slope, t0, tMax, clamp);
    if (!step) {
      // Not even the gradient direction lowers f: the values are down to their rounding noise (a sum
      // over 10⁴ rows carries ~10⁻¹⁰ of it), where only the gradient still points the way: Newton below.
      if (fresh) {
        // Against a bound the values are often flat to rounding (a likelihood running to a limit, where
        // ln Γ of arguments near e¹⁵ leaves ~10⁻⁸ of noise): put the coordinates within 10⁻⁴ of it on it,
        // once, if that costs at most 10⁻⁶ of the value, and go on with the others.
        const near = x.map((v) => (v - lower < 1e-4 ? lower : upper - v < 1e-4 ? upper : v));
        if (!snapped && near.some((v, i) => v !== x[i])) {
          snapped = true;
          const at = evaluate(near);
          if (at.value <= cur.value + 1e-6 * Math.max(1, Math.abs(cur.value))) {
            x = near;
            cur = at;
            H = identity(n);
            continue;
          }
        }
        stalled = true;
        break;
      }
      H = identity(n);
      fresh = true;
      continue;
    }
    const s = step.x.map((v, i) => v - x[i]!);
    const y = step.at.gradient.map((v, i) => v - cur.gradient[i]!);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (fresh) H = scaled(identity(n), sy / dot(y, y));
      H = bfgsUpdate(H, s, y, sy);
      fresh = false;
    }
    x = step.x;
    cur = step.at;
  }

  // Newton polishing, only near the optimum (far away, the Hessian need not be positive). Its steps are
  // judged by the gradient, which stays accurate where the values are lost in rounding.
  let newtonSteps = 0;
  if (converged || stalled) {
    for (let k = 0; k < 6; k++) {
      const free = freeOf(x, cur.gradient);
      const idx = free.flatMap((f, i) => (f ? [i] : []));
      if (idx.length === 0) break;
      const hess = idx.map(() => new Array<number>(idx.length).fill(0));
      const h = 1e-5;
      idx.forEach((j, b) => {
        const up = [...x];
        const down = [...x];
        up[j] = x[j]! + h;
        down[j] = x[j]! - h;
        const gu = evaluate(up).gradient;
        const gd = evaluate(down).gradient;
        idx.forEach((i, a) => (hess[a]![b] = (gu[i]! - gd[i]!) / (2 * h)));
      });
      for (let a = 0; a < idx.length; a++) for (let b = 0; b < a; b++) hess[a]![b] = hess[b]![a] = (hess[a]![b]! + hess[b]![a]!) / 2;
      const delta = solvePositiveDefinite(hess, idx.map((i) => -cur.gradient[i]!));
      if (!delta) break;
      const next = [...x];
      idx.forEach((i, a) => (next[i] = clamp(x[i]! + delta[a]!)));
      const at = evaluate(next);
      if (!(projectedNorm(next, at.gradient) < projectedNorm(x, cur.gradient)) || !(at.value <= cur.value + tolerance(cur.value))) break;
      x = next;
      cur = at;
      newtonSteps++;
      if (Math.max(...delta.map(Math.abs)) < 1e-13) break;
    }
    converged = projectedNorm(x, cur.gradient) <= tolerance(cur.value);
  }
  return { x, value: cur.value, gradient: cur.gradient, iterations, newtonSteps, evaluations, converged };
}

/**
 * Strong-Wolfe line search along d (Nocedal & Wright, algorithms 3.5 and 3.6), over (0, tMax]. At tMax a
 * coordinate reaches its bound: that step is taken as soon as it decreases f enough, curvature or not.
 * Returns null when no step decreases f.
 */
function lineSearch(
  evaluate: (x: readonly number[]) => ValueAndGradient,
  x: readonly number[],
  at0: ValueAndGradient,
  d: readonly number[],
  slope0: number,
  t0: number,
  tMax: number,
  clamp: (v: number) => number,
): { x: number[]; at: ValueAndGradient } | null {
  const f0 = at0.value;
  const point = (t: number) => x.map((v, i) => (t === tMax && d[i] !== 0 ? clamp(v + t * d[i]!) : v + t * d[i]!));
  const probe = (t: number) => {
    const p = point(t);
    const at = evaluate(p);
    return { t, x: p, at, slope: dot(at.gradient, d) };
  };
  type Probe = ReturnType<typeof probe>;
  const armijo = (p: Probe) => p.at.value <= f0 + ARMIJO * p.t * slope0;
  /** lo: the best step so far that decreases f enough (null: t = 0); hi: the other end of the bracket. */
  const zoom = (lo: Probe | null, hi: number): Probe | null => {
    let loT = lo?.t ?? 0;
    let loF = lo?.at.value ?? f0;
    let best = lo;
    for (let k = 0; k < 30; k++) {
      const t = (loT + hi) / 2;
      if (t === loT || t === hi) break;
      const p = probe(t);
      if (!armijo(p) || p.at.value >= loF) hi = t;
      else {
        if (Math.abs(p.slope) <= -CURVATURE * slope0) return p;
        if (p.slope * (hi - loT) >= 0) hi = loT;
        loT = t;
        loF = p.at.value;
        best = p;
      }
    }
    return best;
  };
  let prev: Probe | null = null;
  let t = Math.min(t0, tMax);
  for (let k = 0; k < 60; k++) {
    const p = probe(t);
    if (!armijo(p) || (prev && p.at.value >= prev.at.value)) return finish(zoom(prev, t));
    if (Math.abs(p.slope) <= -CURVATURE * slope0) return finish(p);
    if (p.slope >= 0) return finish(zoom(p, prev?.t ?? 0) ?? p);
    if (t >= tMax) return finish(p);
    prev = p;
    t = Math.min(2 * t, tMax);
  }
  return finish(prev);

  function finish(p: Probe | null): { x: number[]; at: ValueAndGradient } | null {
    return p && p.at.value < f0 ? { x: p.x, at: p.at } : null;
  }
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function scaled(m: number[][], k: number): number[][] {
  return m.map((row) => row.map((v) => v * k));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** −H·g on the free coordinates, 0 on the others. */
function direction(H: number[][], g: readonly number[], free: readonly boolean[]): number[] {
  return g.map((_, i) => {
    if (!free[i]) return 0;
    let s = 0;
    for (let j = 0; j < g.length; j++) if (free[j]) s -= H[i]![j]! * g[j]!;
    return s;
  });
}

/** The BFGS update of an inverse Hessian: (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / (yᵀ s). */
function bfgsUpdate(H: number[][], s: readonly number[], y: readonly number[], sy: number): number[][] {
  const n = s.length;
  const rho = 1 / sy;
  const Hy = H.map((row) => dot(row, y));
  const yHy = dot(y, Hy);
  return H.map((row, i) =>
    row.map((v, j) => v - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!),
  ).slice(0, n);
}

/** Solves A·x = b by Cholesky; null when A is not positive definite. */
function solvePositiveDefinite(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        L[i]![i] = Math.sqrt(s);
      } else L[i]![j] = s / L[j]![j]!;
    }
  }
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
    z[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k]![i]! * x[k]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}
