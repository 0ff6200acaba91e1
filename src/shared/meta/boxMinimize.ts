/**
 * Minimum of a smooth function of a few parameters inside a box lower ≤ x ≤ upper, for the
 * least-squares distribution fits of the QE method (R fits them with `optim(method =
 * "L-BFGS-B")`). Nelder–Mead (Lagarias et al. 1998 coefficients 1, 2, 0.5, 0.5) on unbounded
 * variables u with x = lower + (upper − lower)·(1 + sin u)/2, so that every trial point is inside
 * the box and a minimum on its edge is reached; restarted from the best point until a restart no
 * longer improves it, which guards against the simplex collapsing early. Finite bounds only.
 * Returns the minimizing x and the value there.
 */
export function boxMinimize(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
): { x: number[]; value: number } {
  const d = start.length
  const toX = (u: readonly number[]) =>
    u.map((ui, i) => lower[i] + ((upper[i] - lower[i]) * (1 + Math.sin(ui))) / 2)
  const toU = (x: readonly number[]) =>
    x.map((xi, i) => {
      const t =
        (2 * (Math.min(Math.max(xi, lower[i]), upper[i]) - lower[i])) / (upper[i] - lower[i]) - 1
      return Math.asin(Math.min(1, Math.max(-1, t)))
    })
  const g = (u: readonly number[]) => {
    const v = f(toX(u))
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY
  }
  let best = toU(start)
  let bestValue = g(best)
  for (let restart = 0; restart < 20; restart++) {
    const simplex: number[][] = [best.slice()]
    for (let i = 0; i < d; i++) {
      const p = best.slice()
      p[i] += 0.25
      simplex.push(p)
    }
    let values = simplex.map(g)
    for (let iter = 0; iter < 4000; iter++) {
      const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b])
      const s = order.map((i) => simplex[i])
      const v = order.map((i) => values[i])
      simplex.splice(0, simplex.length, ...s)
      values = v
      const spread = Math.abs(values[d] - values[0])
      let size = 0
      for (let i = 1; i <= d; i++)
        for (let j = 0; j < d; j++) size = Math.max(size, Math.abs(simplex[i][j] - simplex[0][j]))
      if (size < 1e-13 || (spread <= 1e-15 * Math.abs(values[0]) && size < 1e-9)) break
      const centroid = new Array(d).fill(0)
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += simplex[i][j] / d
      const along = (t: number) => centroid.map((c, j) => c + t * (simplex[d][j] - c))
      const reflected = along(-1)
      const fr = g(reflected)
      if (fr < values[0]) {
        const expanded = along(-2)
        const fe = g(expanded)
        if (fe < fr) {
          simplex[d] = expanded
          values[d] = fe
        } else {
          simplex[d] = reflected
          values[d] = fr
        }
      } else if (fr < values[d - 1]) {
        simplex[d] = reflected
        values[d] = fr
      } else {
        const contracted = fr < values[d] ? along(-0.5) : along(0.5)
        const fc = g(contracted)
        if (fc < Math.min(fr, values[d])) {
          simplex[d] = contracted
          values[d] = fc
        } else {
          for (let i = 1; i <= d; i++) {
            simplex[i] = simplex[i].map((x, j) => simplex[0][j] + 0.5 * (x - simplex[0][j]))
            values[i] = g(simplex[i])
          }
        }
      }
    }
    let i0 = 0
    for (let i = 1; i <= d; i++) if (values[i] < values[i0]) i0 = i
    const improved = values[i0] < bestValue * (1 - 1e-12) - 1e-300
    if (values[i0] <= bestValue) {
      best = simplex[i0]
      bestValue = values[i0]
    }
    if (!improved && restart > 0) break
  }
  return { x: toX(best), value: bestValue }
}
