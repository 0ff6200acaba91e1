/**
 * The most common height of a curve's column runs (pixels), in quarter-pixel bins smoothed over
 * their neighbours (weights 1, 2, 1). Horizontal stretches give one run of the line's width per
 * column, so they dominate the mode, where the median would be pulled up by vertical segments and
 * clustered censor marks. Heights of 16 px or more are left out (a drop, a band).
 *
 * Returns the quarter-pixel bins and the index of the mode (1, the first bin the smoothing can
 * centre on, when no height was counted: callers floor the width anyway).
 */
export function heightMode(heights: Iterable<number>): { bins: Float64Array; best: number } {
  const bins = new Float64Array(64)
  for (const h of heights) if (h < 16) bins[Math.floor(h * 4)]++
  let best = 0
  let bestCount = -1
  for (let b = 1; b + 1 < bins.length; b++) {
    const count = bins[b - 1] + 2 * bins[b] + bins[b + 1]
    if (count > bestCount) {
      bestCount = count
      best = b
    }
  }
  return { bins, best }
}
