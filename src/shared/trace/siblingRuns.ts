import {
  type ColumnRuns,
  RUN_ALTERNATE,
  RUN_FOLLOWED,
  RUN_NEXT_TO_OTHER,
  RUN_NOT_OWN,
  RUN_SIBLING,
  RUN_UNDER,
} from './columnRuns'

/** Runs up to this many typical run heights tall are horizontal line, whose ink can be weighed. */
const FLAT_HEIGHTS = 2.5
/** A run peaking at this coverage has a fully inked pixel; when this share of flat runs do, the lines are solid. */
const SOLID_PEAK = 0.9
const SOLID_SHARE = 0.2
/** How far above its strength a sibling's pixel may read (anti-aliasing and compression noise). */
const PEAK_NOISE = 0.15
/** Bins of the log-ink histogram. */
const BINS = 64
/** Two groups of runs are two curves when the log of their ink ratio is within this share of the expected one. */
const SEPARATION = 0.5
/** Runs up to this many times the typical ink of this curve's own are weighed against a lighter sibling's. */
const OWN_SPREAD = 1.5
/**
 * The lighter group of runs is this curve's own line when it holds at least this share of them:
 * the greys it was made for hold 48–74%; a 2-px grey line's anti-aliased edges, 29% (bench
 * development seed 37), whose heavy group is the grey's own line.
 */
const DARKER_OWN_SHARE = 0.4
/** Fewer runs than this that only this curve can have made do not say how much ink it leaves. */
const MIN_OWN = 20

/**
 * Otsu's threshold (IEEE Trans SMC 1979;9:62) of a sample: the cut that maximises the variance
 * between the two groups it makes, with the groups' means. Null for fewer than two values or a
 * sample without spread.
 */
function otsu(xs: readonly number[]): { cut: number; low: number; high: number } | null {
  if (xs.length < 2) return null
  const lo = Math.min(...xs)
  const hi = Math.max(...xs)
  if (!(hi > lo)) return null
  const counts = new Float64Array(BINS)
  for (const x of xs) counts[Math.min(BINS - 1, Math.floor(((x - lo) / (hi - lo)) * BINS))]++
  const centre = (b: number) => lo + ((b + 0.5) * (hi - lo)) / BINS
  let total = 0
  for (let b = 0; b < BINS; b++) total += counts[b] * centre(b)
  let n0 = 0
  let s0 = 0
  let best = -1
  let result: { cut: number; low: number; high: number } | null = null
  for (let b = 0; b + 1 < BINS; b++) {
    n0 += counts[b]
    s0 += counts[b] * centre(b)
    const n1 = xs.length - n0
    if (n0 === 0 || n1 === 0) continue
    const m0 = s0 / n0
    const m1 = (total - s0) / n1
    const between = n0 * n1 * (m0 - m1) ** 2
    if (between > best) {
      best = between
      result = { cut: lo + ((b + 1) * (hi - lo)) / BINS, low: m0, high: m1 }
    }
  }
  return result
}

/**
 * Sets aside the runs of a lighter sibling curve: one drawn in a lighter shade of the same ink
 * (grey beside black), which no single pixel can tell apart, since a half-covered black pixel is
 * the grey's full colour. SurvdigitizeR separates such curves by lightness alone, which
 * anti-aliasing defeats for thin lines. Measured in this curve's colour, the lighter curve's
 * pixels never exceed its `strength`, and a run of it holds about `strength` times the ink of one
 * of this curve's own for equal line widths. So: when this curve's lines are wide enough to have
 * fully inked pixels (a good share of flat runs peak near 1), flat runs that peak no higher than
 * the sibling's strength are the sibling's; otherwise (lines of a pixel or so) the
 * logarithms of the ink of the flat runs holding no more than about this curve's own (censor
 * marks hold more) are split in two by Otsu's threshold and, when the two groups
 * differ by about the expected ratio (within a factor of its square root), the lighter group is
 * the sibling's. Tall runs (vertical segments, marks) are left to the path's continuity.
 * `darkerStrengths` are this curve's strengths in the colours of darker siblings (grey in black):
 * a thin darker line read in this colour holds more ink per run than this curve's own, and its
 * runs, along a plateau, are set aside alike.
 */
export function markSiblingRuns(
  runs: ColumnRuns,
  lighterStrengths: readonly number[],
  darkerStrengths: readonly number[] = [],
): void {
  if (lighterStrengths.length === 0 && darkerStrengths.length === 0) return
  const n = runs.top.length
  const heights: number[] = []
  for (let j = 0; j < n; j++) heights.push(runs.bottom[j] - runs.top[j])
  // Sorted as a typed array: natively, faster than by a comparator.
  const median = (xs: number[]) => Float64Array.from(xs).sort()[xs.length >> 1]
  const typical = median(heights.filter((_, j) => !(runs.flags[j] & RUN_FOLLOWED)))
  const flat: number[] = []
  for (let j = 0; j < n; j++) {
    if (!(runs.flags[j] & RUN_FOLLOWED) && heights[j] <= FLAT_HEIGHTS * typical) flat.push(j)
  }
  const solid = flat.filter((j) => runs.peak[j] >= SOLID_PEAK).length >= SOLID_SHARE * flat.length
  for (const strength of lighterStrengths) {
    // A pixel darker than the sibling can make is this curve's, whatever the run's ink.
    const possible = flat.filter((j) => runs.peak[j] <= strength + PEAK_NOISE)
    if (solid) {
      for (const j of possible) runs.flags[j] |= RUN_SIBLING
      continue
    }
    // The split is made among runs of about this curve's ink or less: the runs that only it can
    // have made (too dark for the sibling) say how much that is, and heavier ones (censor marks,
    // a drop's foot) would otherwise be split off from the line instead of the sibling.
    const own = flat.filter((j) => runs.peak[j] > strength + PEAK_NOISE).map((j) => heights[j])
    const ownTypical = own.length >= MIN_OWN ? median(own) : typical
    const split = otsu(
      flat.filter((j) => heights[j] <= OWN_SPREAD * ownTypical).map((j) => Math.log(runs.mass[j])),
    )
    const expected = Math.abs(Math.log(strength))
    if (!split || Math.abs(split.high - split.low - expected) > SEPARATION * expected) continue
    for (const j of possible) if (Math.log(runs.mass[j]) < split.cut) runs.flags[j] |= RUN_SIBLING
  }
  for (const strength of darkerStrengths) {
    // This curve is the lighter one (grey beside black). The darker line's fully inked pixels
    // are set aside already (coverage.ts), but a line of a pixel or so straddling two rows
    // leaves none: each of its pixels reads as this colour, fully inked, and its run holds about
    // 1/strength times the ink of one of this curve's own. Split as above, the heavier group is
    // the darker curve's when the two differ by about the expected ratio. Runs beside the darker
    // curve's pixels are left out: a thicker darker line's half-inked edges would make a light
    // group of their own, and this curve's own line the heavy one.
    // The groups are compared by their medians: the means are pulled apart by the tails (the
    // light slivers of JPEG-broken runs, the heavy runs of marks), which made two lines whose
    // runs differ by just the expected ratio read as further apart (bench development seed 3035:
    // medians 0.40 apart, means 0.56, expected 0.37).
    const clear = flat.filter((j) => !(runs.flags[j] & RUN_NEXT_TO_OTHER))
    const logs = clear.map((j) => Math.log(runs.mass[j]))
    const split = otsu(logs)
    const expected = Math.abs(Math.log(strength))
    if (!split) continue
    const apart =
      median(logs.filter((x) => x >= split.cut)) - median(logs.filter((x) => x < split.cut))
    if (Math.abs(apart - expected) > SEPARATION * expected) continue
    // A few light runs (the edges of this curve's own thick line) are no line of its own.
    const light = clear.filter((j) => Math.log(runs.mass[j]) < split.cut).length
    if (light < DARKER_OWN_SHARE * clear.length) continue
    for (const j of clear) if (Math.log(runs.mass[j]) >= split.cut) runs.flags[j] |= RUN_SIBLING
  }
}

/** Columns either side within which a darker sibling's run at the same rows unmasks a run. */
const ALTERNATE_REACH = 2
/** Share of a run's height that the darker sibling's run beside it must cover. */
const ALTERNATE_OVERLAP = 0.5

/**
 * Sets aside runs of this curve's colour that are a darker sibling's line read as this curve's
 * (grey beside dark slate): compressed, the darker line's pixels fall on either side of the
 * colour boundary column by column, so that its line reads as the darker curve's in one column
 * and as a fully inked line of this curve's colour in the next, at the same rows (bench
 * development seed 3059: the grey arm's trace went on along the slate arm's line for 90 columns
 * after its own line ended). A run of this curve's own ink (not already doubted) is the darker
 * curve's when, within ALTERNATE_REACH columns of it, a run of one of `darkerOthers` (indices
 * into the coverage map's other curves, as RUN_UNDER runs' `under`) covers at least half of its
 * rows. A curve's own line never shares its rows with the darker one's except where it runs under
 * it, and that stretch is the darker curve's ink to follow, not this curve's own.
 */
export function markAlternatingRuns(runs: ColumnRuns, darkerOthers: readonly number[]): void {
  if (darkerOthers.length === 0) return
  for (let c = 0; c < runs.columns; c++) {
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (runs.flags[j] & RUN_NOT_OWN) continue
      const h = runs.bottom[j] - runs.top[j]
      let found = false
      for (let d = -ALTERNATE_REACH; d <= ALTERNATE_REACH && !found; d++) {
        const k = c + d
        if (d === 0 || k < 0 || k >= runs.columns) continue
        for (let i = runs.start[k]; i < runs.start[k + 1]; i++) {
          if (!(runs.flags[i] & RUN_UNDER) || !darkerOthers.includes(runs.under[i])) continue
          const overlap =
            Math.min(runs.bottom[i], runs.bottom[j]) - Math.max(runs.top[i], runs.top[j])
          if (overlap >= ALTERNATE_OVERLAP * h) {
            found = true
            break
          }
        }
      }
      if (found) runs.flags[j] |= RUN_SIBLING | RUN_ALTERNATE
    }
  }
}
