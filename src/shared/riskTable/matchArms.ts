import { deltaE, parseColor, rgbToLab } from '../trace/color'

/**
 * Which traced curve each row of a risk table belongs to. By colour when the rows have one (a
 * label printed in the curve's colour, or a line beside it): the assignment with the least total
 * colour difference (CIELAB ΔE), each pair within MAX_DELTA_E. Otherwise by the numbers: a curve
 * can only carry a row whose share still at risk, n(t)/n(0), is at most its survival S(t) (the
 * censored leave the risk set too) — the check that finds tables paired with the wrong curve
 * (DESIGN.md, Guyot). The numbers decide only when one assignment fits clearly better than every
 * other; else the rows are matched in order and the match says so, for a person to check.
 */
export interface MatchRow {
  color?: string
  cells: { time: number; nRisk: number }[]
}

export interface MatchCurve {
  color: string
  /** Survival at time t (a proportion), from the traced curve. */
  survivalAt: (t: number) => number
}

export interface ArmMatch {
  /** For each row, the index of its curve, or null when it has none. */
  curveOf: (number | null)[]
  by: 'color' | 'numbers' | 'order'
}

export const MAX_DELTA_E = 25

function permutations(n: number, k: number): number[][] {
  if (k === 0) return [[]]
  const out: number[][] = []
  for (const rest of permutations(n, k - 1)) {
    for (let i = 0; i < n; i++) if (!rest.includes(i)) out.push([...rest, i])
  }
  return out
}

/** How far a row's share at risk rises above a curve's survival: 0 when it never does. */
function misfit(row: MatchRow, curve: MatchCurve): number {
  const first = row.cells.find((c) => c.time === 0) ?? row.cells[0]
  if (!first || first.nRisk <= 0) return 0
  return row.cells.reduce((sum, c) => {
    const over = c.nRisk / first.nRisk - curve.survivalAt(c.time)
    return sum + Math.max(0, over) ** 2
  }, 0)
}

export function matchArms(rows: readonly MatchRow[], curves: readonly MatchCurve[]): ArmMatch {
  const k = Math.min(rows.length, curves.length)
  // Up to 6 curves: 720 assignments at most.
  const options = curves.length <= 6 ? permutations(curves.length, k) : [rows.map((_, i) => i)]
  const pad = (p: number[]) => rows.map((_, i) => (i < p.length ? p[i] : null))
  if (k > 0 && rows.slice(0, k).every((r) => r.color)) {
    const labs = curves.map((c) => rgbToLab(...parseColor(c.color)))
    const dist = (r: number, c: number) => deltaE(rgbToLab(...parseColor(rows[r].color!)), labs[c])
    let best: number[] | null = null
    let bestCost = Infinity
    for (const p of options) {
      if (p.some((c, r) => dist(r, c) > MAX_DELTA_E)) continue
      const cost = p.reduce((s, c, r) => s + dist(r, c), 0)
      if (cost < bestCost) {
        best = p
        bestCost = cost
      }
    }
    if (best) return { curveOf: pad(best), by: 'color' }
  }
  if (k >= 2) {
    const scored = options
      .map((p) => ({ p, cost: p.reduce((s, c, r) => s + misfit(rows[r], curves[c]), 0) }))
      .sort((a, b) => a.cost - b.cost)
    // Clearly better: the runner-up has at least a 0.01 squared excess more (a share 0.1 above S).
    if (scored.length > 1 && scored[1].cost - scored[0].cost >= 0.01) {
      return { curveOf: pad(scored[0].p), by: 'numbers' }
    }
  }
  return { curveOf: pad(rows.slice(0, k).map((_, i) => i)), by: 'order' }
}
