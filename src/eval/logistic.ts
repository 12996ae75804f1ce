// Logistic regression by Newton's method (iteratively reweighted least squares) with a small L2
// penalty: few features, many rows, converges in a handful of steps and is deterministic.

export function fitLogistic(rows: readonly number[][], labels: readonly number[], l2 = 1e-3, iterations = 25): number[] {
  const d = (rows[0]?.length ?? 0) + 1; // last weight is the bias
  const w = new Array<number>(d).fill(0);
  const x = (r: readonly number[], j: number) => (j === d - 1 ? 1 : r[j]!);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((r, n) => {
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * x(r, j);
      const p = 1 / (1 + Math.exp(-z));
      const g = p - labels[n]!;
      const h = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        const xj = x(r, j);
        grad[j]! += g * xj;
        for (let k = 0; k <= j; k++) hess[j]![k]! += h * xj * x(r, k);
      }
    });
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) hess[k]![j] = hess[j]![k]!;
      if (j < d - 1) {
        grad[j]! += l2 * rows.length * w[j]!;
        hess[j]![j]! += l2 * rows.length;
      }
    }
    const step = solve(hess, grad);
    let change = 0;
    for (let j = 0; j < d; j++) {
      w[j]! -= step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < 1e-6) break;
  }
  return w;
}

/** Solves A x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pivot;
      if (!f) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/**
 * Conditional (listwise) logit: within each group, softmax over its rows, fitted so the rows
 * labelled 1 get the probability mass. No bias: it cancels within a group. Newton steps with L2.
 * A group's weight (default 1) scales its part of the loss.
 */
export function fitConditionalLogit(groups: readonly { rows: number[][]; labels: number[]; weight?: number }[], l2 = 1e-3, iterations = 30): number[] {
  const d = groups.find((g) => g.rows.length)?.rows[0]?.length ?? 0;
  // The penalty scales with the groups' total weight (their count when none is weighted).
  const total = groups.reduce((n, g) => n + (g.weight ?? 1), 0);
  let w = new Array<number>(d).fill(0);
  const loss = (v: number[]) => {
    let l = 0;
    for (const g of groups) {
      const positives = g.labels.reduce((a, b) => a + b, 0);
      if (!positives || positives === g.rows.length) continue;
      const z = g.rows.map((r) => r.reduce((s, x, j) => s + x * v[j]!, 0));
      const m = Math.max(...z);
      const lse = m + Math.log(z.reduce((a, b) => a + Math.exp(b - m), 0));
      g.labels.forEach((y, i) => (l += y ? ((g.weight ?? 1) * (lse - z[i]!)) / positives : 0));
    }
    return l + 0.5 * l2 * total * v.reduce((a, b) => a + b * b, 0);
  };
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const g of groups) {
      const positives = g.labels.reduce((a, b) => a + b, 0);
      if (!positives || positives === g.rows.length) continue;
      const z = g.rows.map((r) => r.reduce((s, x, j) => s + x * w[j]!, 0));
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, b) => a + b, 0);
      const p = e.map((v) => v / sum);
      const mean = new Array<number>(d).fill(0);
      g.rows.forEach((r, i) => r.forEach((x, j) => (mean[j]! += p[i]! * x)));
      const weight = g.weight ?? 1;
      g.rows.forEach((r, i) => {
        const target = g.labels[i]! / positives;
        for (let j = 0; j < d; j++) {
          grad[j]! += weight * (p[i]! - target) * r[j]!;
          for (let k = 0; k <= j; k++) hess[j]![k]! += weight * p[i]! * r[j]! * r[k]!;
        }
      });
      for (let j = 0; j < d; j++) for (let k = 0; k <= j; k++) hess[j]![k]! -= weight * mean[j]! * mean[k]!;
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) hess[k]![j] = hess[j]![k]!;
      grad[j]! += l2 * total * w[j]!;
      hess[j]![j]! += l2 * total;
    }
    const step = solve(hess, grad);
    // Damped Newton: halve the step until the loss goes down.
    const before = loss(w);
    let t = 1;
    let next = w.map((x, j) => x - step[j]!);
    while (loss(next) > before && t > 1e-4) {
      t /= 2;
      next = w.map((x, j) => x - t * step[j]!);
    }
    const change = Math.max(...next.map((x, j) => Math.abs(x - w[j]!)));
    w = next;
    if (change < 1e-6) break;
  }
  return w;
}
