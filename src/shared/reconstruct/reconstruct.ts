import { curveAccuracy, kmStep } from './accuracy'
import { censoringFromDrops } from './censoringFromDrops'
import { type Drop, findDrops } from './drops'
import { checkFeasibility, survivalBefore } from './feasibility'
import { preprocessPoints } from './preprocess'
import { roundHalfEven } from './rounding'
import { marksWarning, usableMarks } from './usableMarks'
import type {
  IntervalReport,
  IpdRow,
  ReconstructInput,
  ReconstructMethod,
  ReconstructResult,
  MarksNotUsed,
  ReconstructWarning,
  RiskRow,
} from './types'

/** Guyot's adjustment loop converges in a few steps; past this the censoring count is bisected. */
const MAX_ADJUSTMENTS = 50

interface Simulation {
  nEnd: number
  km: number
  /** Events at each drop, in order. */
  events: number[]
  /** Number at risk just before each drop. */
  atRisk: number[]
  /** The censoring times that found somebody still at risk to censor. */
  censored: number[]
}

/**
 * One pass of Guyot et al.'s inner loop over the drops of an interval: starting from `nStart` at
 * risk and the reconstructed KM value `km`, each drop takes d = round(n · (1 − S/KM̂)) events
 * (R's rounding; KM̂ is the reconstructed curve so far, which keeps rounding errors from
 * accumulating), after removing the censorings placed before it. Censorings at a drop's time
 * count as at risk there, as in `survfit`. Bounded: one step per drop and censoring.
 */
function simulate(
  nStart: number,
  km0: number,
  drops: readonly Drop[],
  censor: readonly number[],
): Simulation {
  let n = nStart
  let km = km0
  let ci = 0
  const events: number[] = []
  const atRisk: number[] = []
  const censored: number[] = []
  const censorOne = (t: number) => {
    if (n > 0) {
      n--
      censored.push(t)
    }
  }
  for (const drop of drops) {
    while (ci < censor.length && censor[ci] < drop.time) censorOne(censor[ci++])
    atRisk.push(n)
    let d = 0
    if (n > 0 && km > 0) {
      d = Math.min(n, Math.max(0, roundHalfEven(n * (1 - drop.sAfter / km))))
      km *= 1 - d / n
      n -= d
    }
    events.push(d)
  }
  while (ci < censor.length) censorOne(censor[ci++])
  return { nEnd: n, km, events, atRisk, censored }
}

/**
 * How far a simulated interval's Kaplan–Meier curve lies from the digitized one: the area between
 * them (survival × time, from each drop to the next or to the interval's end `b`) and the gap
 * after the last drop, which every later interval inherits. Both 0 without drops.
 */
function misfit(
  km0: number,
  ds: readonly Drop[],
  sim: Simulation,
  b: number,
): { area: number; end: number } {
  let km = km0
  let area = 0
  let end = 0
  ds.forEach((drop, j) => {
    const n = sim.atRisk[j]
    if (n > 0) km *= 1 - sim.events[j] / n
    end = Math.abs(km - drop.sAfter)
    area += end * ((j + 1 < ds.length ? ds[j + 1].time : b) - drop.time)
  })
  return { area, end }
}

/**
 * Whether the curve through the marks (`m`) fits the digitized drops no worse than the one without
 * them (`p`), and if not, by how much (survival): the excess of the mean gap over an interval
 * `width` long, and of the gap after its last drop. The marks are used only where it is no worse:
 * allowing even 0.0005 more (a fifth of a pixel on a 400-pixel plot) made 9 arms of each set of
 * development seeds (3000–3119 and 4000–4119, about 283 arms) worse than no marks, not 4.
 */
function excessMisfit(
  m: { area: number; end: number },
  p: { area: number; end: number },
  width: number,
): { mean: number; end: number } | null {
  if (m.area <= p.area && m.end <= p.end) return null
  return { mean: Math.max(0, (m.area - p.area) / width), end: Math.max(0, m.end - p.end) }
}

/** `count` censoring times spread evenly inside (from, to), as Guyot et al. (2012) place them. */
function evenTimes(from: number, to: number, count: number): number[] {
  const out: number[] = []
  for (let j = 1; j <= count; j++) out.push(from + (j * (to - from)) / (count + 1))
  return out
}

/**
 * The number of censorings in an interval that brings the reconstructed number at risk at its end
 * to the published one. Starts from Guyot's first guess and applies his adjustment (add the
 * surplus at risk), which can cycle or stall with rounding; it is bounded here, and then the
 * count is bisected (the number at risk at the end falls as censorings are added). Returns the
 * count whose result is closest to the target, preferring an exact match.
 */
function solveCensoring(
  firstGuess: number,
  maxCensor: number,
  target: number,
  endAtRisk: (c: number) => number,
): number {
  const clamp = (c: number) => Math.min(maxCensor, Math.max(0, c))
  let best = clamp(firstGuess)
  let bestGap = Math.abs(endAtRisk(best) - target)
  const seen = new Set<number>()
  let c = best
  for (let it = 0; it < MAX_ADJUSTMENTS && bestGap > 0 && !seen.has(c); it++) {
    seen.add(c)
    const gap = endAtRisk(c) - target
    if (Math.abs(gap) < bestGap) {
      best = c
      bestGap = Math.abs(gap)
    }
    if (gap === 0) break
    c = clamp(c + gap)
  }
  if (bestGap === 0) return best
  let lo = 0
  let hi = maxCensor
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (endAtRisk(mid) > target) lo = mid + 1
    else hi = mid
  }
  for (const cand of [lo - 1, lo]) {
    if (cand < 0 || cand > maxCensor) continue
    const gap = Math.abs(endAtRisk(cand) - target)
    if (gap < bestGap || (gap === bestGap && cand < best)) {
      best = cand
      bestGap = gap
    }
  }
  return best
}

/**
 * The kmpool placement of an interval's censorings (censoringFromDrops.ts), guided by Guyot's
 * even spread `even`; null when the drops admit no path to the published end.
 */
function placeByDrops(
  nStart: number,
  km0: number,
  ds: readonly Drop[],
  even: Simulation,
  censored: number,
  a: number,
  b: number,
  target: number,
): Simulation | null {
  const elapsed = ds.map((d) => (b > a ? (d.time - a) / (b - a) : 0))
  const placed = censoringFromDrops(nStart, target, ds, even.atRisk, censored, elapsed)
  if (!placed) return null
  const before: number[] = []
  let prev = a
  ds.forEach((drop, j) => {
    before.push(...evenTimes(prev, drop.from > prev ? drop.from : drop.time, placed.before[j]))
    prev = drop.to
  })
  // The events are then counted by Guyot's loop over these censorings, which keeps the curve
  // anchored to the digitized survival; censorings after the last drop, which change no event,
  // take up any difference from the published number at risk.
  const lastDrop = prev
  for (let extra = placed.after, it = 0; it < 3; it++) {
    const sim = simulate(nStart, km0, ds, [
      ...before,
      ...evenTimes(lastDrop, b, Math.max(0, extra)),
    ])
    if (sim.nEnd === target) return sim
    extra += sim.nEnd - target
    if (extra < 0) return null
  }
  return null
}

/**
 * `count` censoring times in [from, to) placed at the censor marks drawn there (`marks`, sorted),
 * or spread evenly as Guyot et al. (2012) do where there are none. The published number at risk
 * sets the count; the marks set where: with fewer censorings than marks, every k-th mark is taken
 * so that they keep the marks' spread (overlapping marks hide some, stray ones add some); with
 * more, the marks are all used and the rest spread evenly over the interval.
 */
function censorTimesIn(
  from: number,
  to: number,
  count: number,
  marks: readonly number[],
): number[] {
  const inside = marks.filter((t) => t >= from && t < to)
  if (inside.length === 0 || count <= 0) return evenTimes(from, to, count)
  if (count <= inside.length) {
    return Array.from(
      { length: count },
      (_, j) => inside[Math.floor(((j + 0.5) * inside.length) / count)],
    )
  }
  return [...inside, ...evenTimes(from, to, count - inside.length)].sort((x, y) => x - y)
}

/** How many of the time-sorted `ipd` have a time before `t` (binary search). */
function countBefore(ipd: readonly IpdRow[], t: number): number {
  let lo = 0
  let hi = ipd.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (ipd[mid].time < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString()
}

/**
 * Reconstructs individual patient data from a digitized Kaplan–Meier curve and what was published
 * with it, by the algorithm of Guyot, Ades, Ouwens & Welton (BMC Med Res Methodol 2012;12:9),
 * with a risk table, a risk table and total events, total N only, or total N and total events.
 *
 * Per interval between risk times, the censorings are counted so that the reconstructed number
 * at risk at the interval's end equals the published one, and placed evenly in the interval; the
 * events at each drop follow from the ratio of digitized to reconstructed survival. In the last
 * interval (no number at risk at its end) the censoring of the earlier intervals is carried on,
 * unless total events are known, which then set it; who is left at the end of the curve is
 * censored there. With total N only, nobody is censored before the end of the curve (as
 * IPDfromKM), or with total events, the censorings that make the event count right are spread
 * evenly.
 *
 * `method: 'kmpool'` (the default) differs from the published algorithm where the clicks say more:
 * - a drop clicked at both ends of its vertical segment is placed at the mean of the two clicks'
 *   times, halving click jitter in time;
 * - where clicks skip steps (a fall between two clicks further apart than a vertical segment), the
 *   fall's events are spread evenly over the stretch between the clicks instead of all being put
 *   at its end: the true steps lie somewhere inside, and putting them all at the end holds the
 *   reconstructed curve above the true one for the whole stretch;
 * - the last interval carries on the earlier censoring as a rate per patient-time at risk rather
 *   than a count per interval length, so that fewer patients late in follow-up are not assigned
 *   as many censorings as the crowded early intervals.
 * The benchmark (`npm run bench`) shows the effect on each data set.
 *
 * With `censorTimes` (the censor marks read off the figure), an interval's censorings go to its
 * marks (censorTimesIn) rather than being spread evenly or inferred from the drops, and after the
 * last risk time the marks count them. Intervals without marks are reconstructed as without, and
 * so are those with fewer marks than the censorings found there without them (marks were
 * missed), with marks where those imply none (stray), every interval of an arm with too few marks
 * for its censorings (usableMarks.ts), and those where the curve through the marks
 * lies further from the digitized drops than the curve without them (misfit: by area or by the
 * level after the last drop); after the last risk time, where the marks set the count, the same
 * check compares them with the estimate without marks. Marks read off generated figures
 * (development seeds 3000–3119 and 4000–4119, about 280 arms each) made 20 and 21 arms worse than
 * no marks by more than 0.0005 IAE without this check and 5 and 4 with it (mean IAE 0.00364 and
 * 0.00341 without, 0.00356 and 0.00332 with; 0.00370 and 0.00342 with no marks); with the last
 * two risk-table rows removed (marks then count the censorings of the tail), 43 and 48 without,
 * 1 and 2 with. Each such stretch is in the report's `marksNotUsed`; one `marks-not-used` warning
 * per arm names them where a reviewer has something to check (usableMarks.ts, marksWarning).
 *
 * Input is checked before any arithmetic (see feasibility.ts); every loop is bounded; the same
 * input gives the same IPD. Throws a ReconstructError for input no reconstruction can honour.
 */
export function reconstruct(input: ReconstructInput): ReconstructResult {
  const method: ReconstructMethod = input.options?.method ?? 'kmpool'
  const pre = preprocessPoints(input.points, input.options)
  const points = pre.points
  const risk: RiskRow[] = (input.risk ?? []).map((r) => ({ time: r.time, nRisk: r.nRisk }))
  checkFeasibility(points, risk, input.totalN, input.totalEvents)
  const warnings: ReconstructWarning[] = [...pre.warnings]

  // The table the intervals are built from, starting at time 0; `source[i]` is the input row.
  const table: RiskRow[] = []
  const source: (number | null)[] = []
  if (risk.length === 0 || risk[0].time > 0) {
    let n0 = input.totalN
    if (n0 === undefined) {
      const s = survivalBefore(points, risk[0].time)
      n0 = Math.max(risk[0].nRisk, Math.ceil(risk[0].nRisk / Math.max(s, 1e-9) - 1e-9))
      warnings.push({
        code: 'estimated-n',
        message: `the risk table starts at time ${fmt(risk[0].time)}: ${n0} patients at time 0 estimated, assuming no censoring before it; give the total N to fix it`,
        riskRow: 0,
      })
    }
    table.push({ time: 0, nRisk: n0 })
    source.push(null)
  }
  risk.forEach((r, i) => {
    table.push(r)
    source.push(i)
  })
  const firstZero = table.findIndex((r) => r.nRisk === 0)
  const rows = firstZero >= 0 ? table.slice(0, firstZero + 1) : table

  const drops = findDrops(
    points,
    method,
    pre.timeTolerance,
    rows.map((r) => r.time),
  )
  let marks = [...(input.censorTimes ?? [])].filter(Number.isFinite).sort((x, y) => x - y)
  const notUsed: MarksNotUsed[] = []
  const marksIn = (from: number, to: number) => marks.filter((t) => t >= from && t < to).length
  if (marks.length > 0) {
    // Marks are used only in the intervals where none were missed and the risk table implies
    // some censoring (usableMarks.ts).
    const plain = reconstruct({ ...input, censorTimes: undefined })
    const usable = usableMarks(marks, { ipd: plain.ipd, intervals: plain.report.intervals })
    marks = usable.marks
    notUsed.push(...usable.notUsed)
  }
  const curveEnd = points[points.length - 1].time
  const ipd: IpdRow[] = []
  const intervals: IntervalReport[] = []
  let n = rows[0].nRisk
  let km = 1
  let dropAt = 0
  let eventsSoFar = 0
  let censoredSoFar = 0
  let personTime = 0

  const emit = (ds: readonly Drop[], sim: Simulation) => {
    ds.forEach((drop, j) => {
      const d = sim.events[j]
      for (let e = 0; e < d; e++) {
        ipd.push({ time: drop.from + ((e + 0.5) * (drop.to - drop.from)) / d, event: 1 })
      }
    })
    for (const t of sim.censored) ipd.push({ time: t, event: 0 })
  }

  for (let i = 0; i + 1 < rows.length; i++) {
    const a = rows[i].time
    const b = rows[i + 1].time
    const target = rows[i + 1].nRisk
    const ds: Drop[] = []
    while (dropAt < drops.length && drops[dropAt].time < b) ds.push(drops[dropAt++])
    const ratio = survivalBefore(points, b) / Math.max(survivalBefore(points, a), 1e-12)
    const solve = (place: (c: number) => number[]) => {
      const endAtRisk = (c: number) => simulate(n, km, ds, place(c)).nEnd
      const c = solveCensoring(roundHalfEven(n * ratio - target), n, target, endAtRisk)
      return { c, sim: simulate(n, km, ds, place(c)) }
    }
    const even = solve((c) => evenTimes(a, b, c))
    let sim = even.sim
    if (method === 'kmpool' && sim.nEnd === target) {
      sim = placeByDrops(n, km, ds, sim, even.c, a, b, target) ?? sim
    }
    if (marksIn(a, b) > 0) {
      // Marks say where the censorings were; the drop sizes only infer it. But marks read wrongly
      // (stray ink, missed ones) put censorings where they were not: the marks are used only
      // where the curve they give follows the digitized drops as closely as without them.
      const marked = solve((c) => censorTimesIn(a, b, c, marks)).sim
      const m = misfit(km, ds, marked, b)
      const p = misfit(km, ds, sim, b)
      const excess = excessMisfit(m, p, b - a)
      if (marked.nEnd === sim.nEnd && excess === null) sim = marked
      else
        notUsed.push({
          from: a,
          to: b,
          reason: 'misfit',
          marks: marksIn(a, b),
          censorings: sim.censored.length,
          excess: excess ?? undefined,
        })
    }
    emit(ds, sim)
    const events = sim.events.reduce((s, d) => s + d, 0)
    intervals.push({
      from: a,
      to: b,
      nRiskStart: n,
      publishedEnd: target,
      reconstructedEnd: sim.nEnd,
      events,
      censored: sim.censored.length,
    })
    const row = source[i + 1]
    if (sim.nEnd !== target) {
      warnings.push({
        code: 'risk-mismatch',
        message:
          sim.nEnd > target
            ? `at time ${fmt(b)} ${sim.nEnd} remain at risk where ${target} were published: the curve falls too little before it for that many to have left`
            : `at time ${fmt(b)} ${sim.nEnd} remain at risk where ${target} were published: the curve falls too much before it for that many to remain`,
        ...(row === null ? {} : { riskRow: row }),
      })
    }
    personTime += ((n + sim.nEnd) / 2) * (b - a)
    eventsSoFar += events
    censoredSoFar += sim.censored.length
    n = sim.nEnd
    km = sim.km
  }

  const last = rows[rows.length - 1]
  const rest = drops.slice(dropAt)
  if (n > 0) {
    const a = last.time
    const end = Math.max(curveEnd, a)
    const lastIntervals = intervals.length
    let c: number
    if (input.totalEvents !== undefined) {
      const wanted = input.totalEvents - eventsSoFar
      const eventsWith = (cc: number) =>
        simulate(n, km, rest, censorTimesIn(a, end, cc, marks)).events.reduce((s, d) => s + d, 0)
      c = solveCensoring(0, n, wanted, eventsWith)
    } else if (lastIntervals === 0 || end <= a) {
      c = 0
    } else if (method === 'guyot') {
      const meanPerInterval = censoredSoFar / lastIntervals
      const width = intervals[lastIntervals - 1].to! - intervals[lastIntervals - 1].from
      c = roundHalfEven((meanPerInterval * (end - a)) / width)
    } else {
      const rate = personTime > 0 ? censoredSoFar / personTime : 0
      const sEnd = rest.length > 0 ? rest[rest.length - 1].sAfter : km
      const meanAtRisk = (n * (1 + Math.min(1, sEnd / Math.max(km, 1e-12)))) / 2
      c = roundHalfEven(rate * meanAtRisk * (end - a))
    }
    c = Math.min(Math.max(0, c), n)
    let place = (cc: number) => censorTimesIn(a, end, cc, marks)
    const here = marks.filter((t) => t >= a && t < end).length
    if (input.totalEvents === undefined && lastIntervals > 0 && here > 0 && end > a) {
      // Marks drawn after the last risk time count the censorings there, where the curve
      // through them follows the digitized drops as closely as the estimate without them does.
      const counted = Math.min(here, n)
      const m = misfit(km, rest, simulate(n, km, rest, place(counted)), end)
      const p = misfit(km, rest, simulate(n, km, rest, evenTimes(a, end, c)), end)
      const excess = excessMisfit(m, p, end - a)
      if (excess === null) c = counted
      else {
        notUsed.push({ from: a, to: null, reason: 'misfit', marks: here, excess })
        place = (cc: number) => evenTimes(a, end, cc)
      }
    }
    const sim = simulate(n, km, rest, place(c))
    emit(rest, sim)
    for (let k = 0; k < sim.nEnd; k++) ipd.push({ time: end, event: 0 })
    const events = sim.events.reduce((s, d) => s + d, 0)
    intervals.push({
      from: a,
      to: null,
      nRiskStart: n,
      publishedEnd: null,
      reconstructedEnd: sim.nEnd,
      events,
      censored: sim.censored.length + sim.nEnd,
    })
    eventsSoFar += events
  } else if (rest.length > 0) {
    warnings.push({
      code: 'drops-after-end',
      message: `the curve falls after time ${fmt(last.time)}, when the table has nobody left at risk; those drops were ignored`,
      point: rest[0].index,
    })
  }

  const marksNote = marksWarning(notUsed)
  if (marksNote) warnings.push(marksNote)
  if (input.totalEvents !== undefined && eventsSoFar !== input.totalEvents) {
    warnings.push({
      code: 'events-mismatch',
      message: `${eventsSoFar} events reconstructed where ${input.totalEvents} were published; the curve and the total do not agree`,
    })
  }
  ipd.sort((x, y) => x.time - y.time || y.event - x.event)
  const events = ipd.reduce((s, r) => s + r.event, 0)
  const riskReport = risk.map((r) => ({
    time: r.time,
    published: r.nRisk,
    reconstructed: ipd.length - countBefore(ipd, r.time),
  }))
  const accuracy = curveAccuracy(points, kmStep(ipd), pre.timeTolerance)
  return {
    ipd,
    report: {
      method,
      n: ipd.length,
      events,
      censored: ipd.length - events,
      preprocessing: pre.steps,
      intervals,
      risk: riskReport,
      accuracy,
      warnings,
      ...(input.censorTimes === undefined ? {} : { marksNotUsed: notUsed }),
    },
  }
}
