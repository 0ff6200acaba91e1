import { runsAlong, runsAlongWithin } from './traceAudit'
import type { TracedCurve } from './types'

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
 * beside it, or down onto its tail and along it to its end.
 *
 * `first` holds the curves traced together (null: a colour not traced). For each pair, the
 * other's traced line (its rows, half its line width and a fringe pixel around, over the stretch
 * the two run together) is added to `mask` (the user's, or none; image pixels, non-zero left
 * out), and `again` traces curve i with it (null when it cannot). The new trace is kept when it
 * sees about as much of its own ink or more (SEEN_LOSS), is warned of nothing the first was not,
 * and no longer runs with the other's over that stretch. Either curve of a pair may be the one
 * that strayed (the warning goes to the lighter), so both are tried, the other left as first
 * traced; where both re-traces would be kept, the one that gains more own ink is. Returns, per
 * curve, the re-trace kept or null.
 */
export function retraceAlongOthers(
  first: readonly (TracedCurve | null)[],
  image: { width: number; height: number },
  mask: Uint8Array | undefined,
  again: (i: number, mask: Uint8Array) => TracedCurve | null,
): (TracedCurve | null)[] {
  const kept: (TracedCurve | null)[] = first.map(() => null)
  const curves = first.filter((c): c is TracedCurve => c !== null)
  const at = first.map((c) => (c ? curves.indexOf(c) : -1))
  const gain = new Array<number>(first.length).fill(-Infinity)
  for (let i = 0; i < first.length; i++) {
    const c = first[i]
    if (!c) continue
    for (let j = 0; j < first.length; j++) {
      const d = first[j]
      if (j === i || !d) continue
      const along = runsAlong(curves, at[i], at[j])
      if (!along) continue
      const masked = mask ? Uint8Array.from(mask) : new Uint8Array(image.width * image.height)
      const half = d.lineWidth / 2 + FRINGE_PX
      for (let x = Math.max(0, along.from); x <= along.to && x < image.width; x++) {
        const k = x - along.rows.x0
        const y0 = Math.max(0, Math.floor(along.rows.lo[k] - half))
        const y1 = Math.min(image.height - 1, Math.ceil(along.rows.hi[k] + half))
        for (let y = y0; y <= y1; y++) masked[y * image.width + x] = 1
      }
      const retraced = again(i, masked)
      if (!retraced) continue
      const more = retraced.columnsSeen - c.columnsSeen
      // A re-trace warned of something the first was not has found other ink than its line
      // (random development seed 6342: a grey arm, the black line masked, never fell).
      const before = new Set(c.warnings.map((w) => w.code))
      if (retraced.warnings.some((w) => !before.has(w.code))) continue
      if (more < -SEEN_LOSS * (along.to - along.from + 1) || more <= gain[i] || more <= gain[j]) {
        continue
      }
      // The re-trace may still run with the other where the two lines truly meet, but not over
      // the stretch it was taken off.
      const pair = curves.map((x, k) => (k === at[i] ? retraced : x))
      if (runsAlongWithin(pair, at[i], at[j], along.from, along.to)) continue
      if (gain[j] > -Infinity) {
        kept[j] = null
        gain[j] = -Infinity
      }
      kept[i] = retraced
      gain[i] = more
    }
  }
  return kept
}
