import type { IpdRow, IntervalReport, ReconstructWarning } from './types'

/** An interval's marks, beside the censorings the reconstruction without marks puts there. */
interface Shortfall {
  from: number
  to: number | null
  marks: number
  censored: number
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString()
}

/**
 * The censor marks a reconstruction can rely on: those of each interval (between two risk-table
 * times, and after the last) that has at least as many marks as censorings — the censorings
 * being those the reconstruction without marks (`plain`, its intervals and IPD) finds there from
 * the risk table. Fewer marks than censorings means marks were missed (hidden in a drop, under
 * another curve, merged in a dense run, or not read by the tracer); placing the ones found and
 * spreading the rest evenly then puts censorings where they were not and overrides what the drop
 * sizes say, which made the reconstruction worse than using no marks for about one arm in ten
 * (`npm run bench`, censor-mark table). Such intervals are reconstructed as without marks, and a
 * warning says where. `marks` are sorted, finite times; censorings at the curve's end (those still
 * at risk when it stops) are not counted, as no mark stands for them.
 */
export function usableMarks(
  marks: readonly number[],
  plain: { ipd: readonly IpdRow[]; intervals: readonly IntervalReport[] },
): { marks: number[]; warning: ReconstructWarning | null } {
  const end = plain.ipd.reduce((m, r) => Math.max(m, r.time), 0)
  const censored = plain.ipd.filter((r) => r.event === 0 && r.time < end).map((r) => r.time)
  const kept: number[] = []
  const short: Shortfall[] = []
  for (const iv of plain.intervals) {
    const inside = (t: number) => t >= iv.from && (iv.to === null || t < iv.to)
    const here = marks.filter(inside)
    if (here.length === 0) continue
    const c = censored.filter(inside).length
    if (here.length >= c) kept.push(...here)
    else short.push({ from: iv.from, to: iv.to, marks: here.length, censored: c })
  }
  // Marks before the first interval or outside every interval are kept: the reconstruction
  // ignores them as before.
  const covered = (t: number) =>
    plain.intervals.some((iv) => t >= iv.from && (iv.to === null || t < iv.to))
  kept.push(...marks.filter((t) => !covered(t)))
  kept.sort((x, y) => x - y)
  if (short.length === 0) return { marks: kept, warning: null }
  const where = short
    .map(
      (s) =>
        `${s.to === null ? `after ${fmt(s.from)}` : `${fmt(s.from)}–${fmt(s.to)}`} (${s.marks} for ${s.censored})`,
    )
    .join(', ')
  return {
    marks: kept,
    warning: {
      code: 'marks-incomplete',
      message: `censor marks not used where they are fewer than the censorings the risk table implies, so some were missed: ${where}; the censorings there are placed as without marks`,
    },
  }
}
