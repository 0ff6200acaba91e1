import { formatColor } from './color'
import { coverageMapsDone } from './coverage'
import { settleSharedMarks } from './sharedMarks'
import { TraceError } from './traceError'
import { runsAlong, runsAlongWithin } from './traceAudit'
import { prepareFigure, traceInFigure } from './traceCurve'
import type { Calibration, Rgb, RgbaImage, TraceOptions, TracedCurve } from './types'

/**
 * Names the curve each `under` stretch followed by its index among `colors` (the curves traced
 * together), where the stretch's colour is one of them; a stretch under any other ink names none.
 */
export function nameUnderArms(curves: TracedCurve[], colors: readonly Rgb[]): void {
  const names = colors.map(formatColor)
  for (const c of curves) {
    for (const s of c.status.stretches) {
      const arm = s.underColor === undefined ? -1 : names.indexOf(s.underColor)
      if (arm >= 0) s.underArm = arm
      else delete s.underArm
    }
  }
}

/**
 * Traces several curves of one figure, each knowing the others' colours (so that a pixel nearer
 * another curve's colour, or a run of a lighter sibling's ink, is not taken for its own, and a
 * curve hidden under another follows that one's ink). Results are in the order of `colors`: each
 * curve traced, or the TraceError that says why it could not be. Black marks on two curves' lines
 * are settled among the curves traced (sharedMarks.ts), and an `under` stretch names the curve it
 * followed by its index in `colors`. A figure the tracer cannot read at all (its calibration)
 * still throws.
 */
export function traceEachCurve(
  image: RgbaImage,
  calibration: Calibration,
  colors: readonly Rgb[],
  options: TraceOptions = {},
): (TracedCurve | TraceError)[] {
  const figure = prepareFigure(image, calibration, options)
  const results = colors.map((color, i) => {
    try {
      return traceInFigure(figure, color, [
        ...(options.otherColors ?? []),
        ...colors.filter((_, j) => j !== i),
      ])
    } catch (e) {
      if (e instanceof TraceError) return e
      throw e
    } finally {
      // The trace is done with its coverage map: the next one may reuse its arrays.
      coverageMapsDone(figure.index)
    }
  })
  retraceAlongOthers(image, calibration, colors, options, results)
  const curves = results.filter(isTraced)
  nameUnderArms(curves, colors)
  settleSharedMarks(curves)
  return results
}

/** Whether a result of traceEachCurve is a curve (not the refusal of one). */
export const isTraced = (r: TracedCurve | TraceError): r is TracedCurve =>
  !(r instanceof TraceError)

/**
 * Pixels beyond a traced line's centre rows that still hold its ink: its anti-aliased and JPEG
 * fringe (a pixel each side).
 */
const FRINGE_PX = 1

/**
 * A re-trace may see fewer columns of its own ink than the first trace, by up to this share of
 * the stretch masked, and still be kept: the first trace counted the other's line there as its
 * own, and the mask takes out the curve's own pixels where its line meets the other's. Measured
 * on NEJM development seeds (not asserted): a red arm re-traced off the orange arm's tail (6368,
 * months 26–34) saw 34 fewer columns of a 141-column stretch (0.24) and came back onto its line
 * (within 2 px of it in 67% of its columns before, 81% after); a blue arm re-traced off the red
 * arm's line (6404, months 23–41) saw 6 fewer of 217 (51% → 92%). Re-traces of JAMA grey dashed
 * arms off the slate line lost 0.30–0.59 (6035, 7313) and of the slate arm off the grey's trace
 * 0.48–0.80: neither is kept.
 */
const SEEN_LOSS = 0.25

/**
 * Traces again, with the other's line left out, a curve whose trace runs along another curve's
 * trace (traceAudit.ts: runsAlong), as the follows-other warning tells the user to do by hand:
 * a NEJM red arm whose line lies under dense black marks was traced onto the orange arm's line
 * beside it, or down onto its tail and along it to its end. The other's traced line (its rows, a
 * line width and a fringe pixel around, over the stretch the two run together) is masked, and
 * the curve traced again; the new trace is kept when it sees about as much of its own ink or more
 * (SEEN_LOSS), is warned of nothing the first was not, and no longer runs with the other's over
 * that stretch. Either curve of a pair may be the one that strayed (the warning goes to the
 * lighter), so both are tried, the other left as first traced; where both re-traces would be
 * kept, the one that sees more own ink than its first trace did is. Replaces the results in place.
 */
function retraceAlongOthers(
  image: RgbaImage,
  calibration: Calibration,
  colors: readonly Rgb[],
  options: TraceOptions,
  results: (TracedCurve | TraceError)[],
): void {
  const first = [...results]
  const curves = first.filter(isTraced)
  const at = first.map((r) => (isTraced(r) ? curves.indexOf(r) : -1))
  const gain = new Array<number>(results.length).fill(-Infinity)
  for (let i = 0; i < first.length; i++) {
    const c = first[i]
    if (!isTraced(c)) continue
    for (let j = 0; j < first.length; j++) {
      const d = first[j]
      if (j === i || !isTraced(d)) continue
      const along = runsAlong(curves, at[i], at[j])
      if (!along) continue
      const mask = options.mask
        ? Uint8Array.from(options.mask)
        : new Uint8Array(image.width * image.height)
      const half = d.lineWidth / 2 + FRINGE_PX
      for (let x = Math.max(0, along.from); x <= along.to && x < image.width; x++) {
        const k = x - along.rows.x0
        const y0 = Math.max(0, Math.floor(along.rows.lo[k] - half))
        const y1 = Math.min(image.height - 1, Math.ceil(along.rows.hi[k] + half))
        for (let y = y0; y <= y1; y++) mask[y * image.width + x] = 1
      }
      let again: TracedCurve
      try {
        const figure = prepareFigure(image, calibration, { ...options, mask })
        again = traceInFigure(figure, colors[i], [
          ...(options.otherColors ?? []),
          ...colors.filter((_, k) => k !== i),
        ])
      } catch (e) {
        if (e instanceof TraceError) continue
        throw e
      }
      const more = again.columnsSeen - c.columnsSeen
      // A re-trace warned of something the first was not has found other ink than its line
      // (random development seed 6342: a grey arm, the black line masked, never fell).
      const before = new Set(c.warnings.map((w) => w.code))
      if (again.warnings.some((w) => !before.has(w.code))) continue
      if (more < -SEEN_LOSS * (along.to - along.from + 1) || more <= gain[i] || more <= gain[j]) {
        continue
      }
      // The re-trace may still run with the other where the two lines truly meet, but not over
      // the stretch it was taken off.
      const pair = curves.map((x, k) => (k === at[i] ? again : x))
      if (runsAlongWithin(pair, at[i], at[j], along.from, along.to)) continue
      if (gain[j] > -Infinity) {
        results[j] = first[j]
        gain[j] = -Infinity
      }
      results[i] = again
      gain[i] = more
    }
  }
}
