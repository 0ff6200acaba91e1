/**
 * Checks a reviewer wants to see as they click: a point outside the axes (negative time, survival
 * below 0 or above 1), and two neighbouring points where the curve rises (a KM curve never does):
 * both are flagged, since either may be the misplaced one, and a single stray click flags two
 * points rather than every point after it. Slack absorbs a click's half-pixel error.
 */
export interface PointFlags {
  outside: boolean
  rising: boolean
}

export interface CheckSlack {
  /** In time units. */
  time: number
  /** In survival (proportion). */
  surv: number
}

export function checkPoints(
  points: readonly { time: number; surv: number }[],
  slack: CheckSlack,
): PointFlags[] {
  const order = points.map((_, i) => i).sort((a, b) => points[a].time - points[b].time || a - b)
  const flags = points.map((p) => ({
    outside: p.time < -slack.time || p.surv < -slack.surv || p.surv > 1 + slack.surv,
    rising: false,
  }))
  for (let k = 1; k < order.length; k++) {
    const [before, after] = [order[k - 1], order[k]]
    if (points[after].surv > points[before].surv + slack.surv) {
      flags[before].rising = true
      flags[after].rising = true
    }
  }
  return flags
}

/** The slack of half a pixel along each axis, from the calibration's scale (data units/pixel). */
export function clickSlack(timePerPixel: number, survPerPixel: number): CheckSlack {
  return { time: Math.abs(timePerPixel) * 0.75, surv: Math.abs(survPerPixel) * 0.75 }
}
