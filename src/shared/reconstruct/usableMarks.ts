import type { IpdRow, IntervalReport, MarksNotUsed, ReconstructWarning } from './types'

/**
 * Below this share of the censorings the risk table implies before the curve's end, an arm's
 * marks as a whole are taken for stray ink (or marks the tracer could not read) and none is
 * used. A figure that draws censor marks draws one per censoring; reading a small share means the
 * ones read say little about where the others were. On generated figures (styledFigureSpec,
 * development seeds 3000–3119 and 4000–4119), 0.1 caught 36 of the 55 arms with no marks drawn
 * that had marks read, 0.2 caught 51 (e.g. seed 3107, JAMA, arm 0: 2 marks for 62 censorings),
 * with the same IAE and marks-better/worse counts (check seeds 5000–5119: 27 of 28).
 */
const MIN_SHARE_OF_CENSORINGS = 0.2

/**
 * An interval's marks are set aside as missed only when they are at most this share of the
 * censorings the reconstruction without marks finds there. Setting them aside whenever they were
 * fewer at all (a mark short in a crowded run, one hidden in a drop) lost them where they helped:
 * development seeds 3000–3119 and 4000–4119 (censorMarks' inputs dumped from the tracer of
 * 2026-12-06 16:12 UTC, IPD error as the bench's), arms reconstructed better with marks 31 and
 * 29 → 76 and 84, worse 4 and 6 → 2 and 2, mean IAE with marks 0.00244 and 0.00268 → 0.00224
 * and 0.00239 (0.00260 and 0.00280 without marks); check seeds 5000–5119: better 36 → 77, worse
 * 2 → 2, IAE 0.00272 → 0.00253. With no share at all (every interval used): better 82 and 90,
 * worse 4 and 2.
 */
const MISSED_SHARE = 0.5

/**
 * The censor marks a reconstruction can rely on, and where it set marks aside and why. Per
 * interval (between two risk-table times, and after the last), the marks are compared with the
 * censorings the reconstruction without marks (`plain`, its intervals and IPD) finds there from
 * the risk table:
 * - none implied (a closed interval): marks there are stray ink or belong to another arm, and are
 *   not used (reason `stray`); the risk table is what says nobody was censored there;
 * - marks for at most MISSED_SHARE of the censorings: most were missed (hidden in a drop, under
 *   another curve, merged in a dense run, or not read by the tracer); placing the few found and
 *   spreading the rest evenly says little about where the censorings were; not used (reason
 *   `missed`);
 * - otherwise the marks are used: those found are placed, the rest spread evenly, and the misfit
 *   check in reconstruct.ts still falls back to the drops where the curve through them fits worse.
 * An arm whose marks are fewer than MIN_SHARE_OF_CENSORINGS of its censorings uses none (reason
 * `few`, over the whole curve). `marks` are sorted, finite times; censorings at the curve's end
 * (those still at risk when it stops) are not counted, as no mark stands for them. Marks outside
 * every interval are kept: the reconstruction ignores them as before.
 */
export function usableMarks(
  marks: readonly number[],
  plain: { ipd: readonly IpdRow[]; intervals: readonly IntervalReport[] },
): { marks: number[]; notUsed: MarksNotUsed[] } {
  const end = plain.ipd.reduce((m, r) => Math.max(m, r.time), 0)
  const censored = plain.ipd.filter((r) => r.event === 0 && r.time < end).map((r) => r.time)
  const inside = (iv: { from: number; to: number | null }) => (t: number) =>
    t >= iv.from && (iv.to === null || t < iv.to)
  const covered = (t: number) => plain.intervals.some((iv) => inside(iv)(t))
  const outside = marks.filter((t) => !covered(t))
  const counted = marks.length - outside.length
  if (counted > 0 && counted < MIN_SHARE_OF_CENSORINGS * censored.length) {
    const first = plain.intervals[0]
    return {
      marks: outside,
      notUsed: [
        {
          from: first.from,
          to: plain.intervals[plain.intervals.length - 1].to,
          reason: 'few',
          marks: counted,
          censorings: censored.length,
        },
      ],
    }
  }
  const kept: number[] = []
  const notUsed: MarksNotUsed[] = []
  for (const iv of plain.intervals) {
    const here = marks.filter(inside(iv))
    if (here.length === 0) continue
    const c = censored.filter(inside(iv)).length
    const entry = { from: iv.from, to: iv.to, marks: here.length, censorings: c }
    if (c === 0 && iv.to !== null) notUsed.push({ ...entry, reason: 'stray' })
    else if (here.length <= MISSED_SHARE * c) notUsed.push({ ...entry, reason: 'missed' })
    else kept.push(...here)
  }
  kept.push(...outside)
  kept.sort((x, y) => x - y)
  return { marks: kept, notUsed }
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString()
}

/**
 * A misfit smaller than this (survival: mean gap over the stretch, gap after its last drop) is
 * below what a reviewer could see or fix on the figure (a third of a pixel and 2 pixels on a
 * 400-pixel plot); on the development seeds 3000–3119 and 4000–4119 four fifths of the misfits
 * were this small (median 0.00015 and 0.0004). The marks are still not used there, but it is
 * reported only in `marksNotUsed`.
 */
const SMALL_MISFIT = { mean: 0.001, end: 0.005 }

function worthACheck(s: MarksNotUsed): boolean {
  if (s.reason === 'missed') return false
  // Marks short of the censorings (more than MISSED_SHARE of them) whose curve misfits: the
  // reconstruction there is the usual one, as where marks were missed; nothing more to check.
  if (s.reason === 'misfit' && s.censorings !== undefined && s.marks < s.censorings) return false
  if (s.reason !== 'misfit' || s.excess === undefined) return true
  return s.excess.mean > SMALL_MISFIT.mean || s.excess.end > SMALL_MISFIT.end
}

function where(s: MarksNotUsed): string {
  return s.to === null ? `after ${fmt(s.from)}` : `${fmt(s.from)}–${fmt(s.to)}`
}

function why(s: MarksNotUsed): string {
  const n = `${s.marks} mark${s.marks === 1 ? '' : 's'}`
  switch (s.reason) {
    case 'stray':
      return `${n} where the risk table implies no censoring`
    case 'missed':
      return `${n} for ${s.censorings} censorings`
    case 'misfit':
      return `the curve through ${s.marks === 1 ? 'the mark' : `its ${n}`} fits the digitized drops worse than without`
    case 'few':
      return `${n} for the ${s.censorings} censorings the risk table implies, too few to rely on: stray ink, or marks the tracer could not read`
  }
}

function list(parts: readonly string[]): string {
  return parts.length === 1
    ? parts[0]
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

/**
 * One warning (code `marks-not-used`) per arm where marks were read but set aside in a way worth
 * a reviewer's check: stray marks (where the risk table implies no censoring), too few marks for
 * the arm, or a curve through the marks that fits the digitized drops visibly worse (over
 * SMALL_MISFIT) where the marks were not short of the censorings (short ones that misfit are
 * likely missed marks: on development seeds 3000–3119 and 4000–4119, once MISSED_SHARE let such
 * intervals reach the misfit check, warning on them took the arms warned from 80 and 78 of 284
 * to 128 and 130). Its one sentence names those stretches with why, then the stretches where
 * merely fewer marks were read than the risk table implies censorings (marks missed: the
 * reconstruction there is the usual one without marks, nothing to check by itself). All the
 * stretches are in its `marks` field; null when none is worth a check.
 */
export function marksWarning(notUsed: readonly MarksNotUsed[]): ReconstructWarning | null {
  const sorted = [...notUsed].sort((x, y) => x.from - y.from)
  const check = sorted.filter(worthACheck)
  if (check.length === 0) return null
  const missed = sorted.filter((s) => s.reason === 'missed')
  const few = check.find((s) => s.reason === 'few')
  const head = few
    ? `censor marks not used anywhere (${why(few)})`
    : `censor marks not used at ${list(check.map((s) => `${where(s)} (${why(s)})`))}`
  const tail =
    missed.length === 0
      ? ''
      : `, nor at ${list(missed.map((s) => `${where(s)} (${why(s)})`))}, where fewer were read than the censorings the risk table implies`
  return {
    code: 'marks-not-used',
    message: `${head}${tail}; the censorings ${few ? '' : 'there '}are placed as without marks`,
    marks: sorted,
  }
}
