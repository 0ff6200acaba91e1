import { describe, expect, it } from 'vitest'
import { tracedStyled } from './helpers'
import { axisMap } from '../../src/shared/trace'
import { type ColumnRuns, RUN_UNDER } from '../../src/shared/trace/columnRuns'
import { awayFromLine, faintBesideLine, outsidePlot } from '../../src/shared/trace/traceAudit'
import type { Calibration } from '../../src/shared/trace/types'
import { isFlagged } from './wholeness'

/** A plot 100 px per month and 400 px per unit of survival: time 0 at x 100, survival 0 at row 500. */
const calibration: Calibration = {
  x1: { px: 100, py: 500, value: 0 },
  x2: { px: 1100, py: 500, value: 10 },
  y1: { px: 100, py: 500, value: 0 },
  y2: { px: 100, py: 100, value: 1 },
  yScale: 'proportion',
  timeUnit: 'months',
}

describe('trace audit: a trace outside the plot', () => {
  const map = axisMap(calibration)
  const at = (time: number, y: number) => ({ x: 100 + 100 * time, y })

  it('finds the corners below survival 0, not a drop onto the axis', () => {
    // A drop to survival 0 (row 500) drawn 3 px wide ends within its width (and 2 px) of the
    // axis row, here 4 px below it where the tracer followed the drop's end onto the axis line.
    const onAxis = [at(0, 100), at(4, 100), at(4, 300), at(8, 300), at(8, 504)]
    expect(outsidePlot(onAxis, map, 3)).toBeNull()
    // The same trace carried on down a tick mark to the labels beneath the axis, 25 px below.
    const below = [...onAxis.slice(0, 4), at(8.2, 525), at(9, 525)]
    expect(outsidePlot(below, map, 3)).toEqual({ first: 4, last: 5 })
    // Above survival 1 too (a legend or title over the plot).
    expect(outsidePlot([at(0, 80), at(2, 80), at(2, 300)], map, 3)).toEqual({
      first: 0,
      last: 1,
    })
  })

  it('warns of a black arm traced on down the time axis past its end (random 3078 A)', () => {
    // Arm A is black, the colour of the axis, its ticks and labels; its trace went down a tick
    // and on along the labels below survival 0, ending 1.3 months after the arm's last ink.
    const [{ curve, whole }] = tracedStyled(3078, 'random')
    if (whole.whole) return
    expect(isFlagged(curve)).toBe(true)
    const w = curve.warnings.find((x) => x.code === 'beyond-axes')
    expect(w?.message).toMatch(/#000000 goes outside the plot.* between time [\d.]+ and [\d.]+/)
  })
})

/**
 * Column runs by hand: in every column of 0…99, the runs given as [top, bottom, peak, flags]
 * (image rows, the run's largest coverage, columnRuns' flags).
 */
function runsOf(perColumn: [number, number, number, number][]): ColumnRuns {
  const columns = 100
  const n = columns * perColumn.length
  const runs: ColumnRuns = {
    x0: 0,
    columns,
    start: new Int32Array(columns + 1),
    top: new Float64Array(n),
    bottom: new Float64Array(n),
    centre: new Float64Array(n),
    mass: new Float64Array(n),
    peak: new Float64Array(n),
    r0: new Int32Array(n),
    r1: new Int32Array(n),
    flags: new Uint8Array(n),
    under: new Int16Array(n).fill(-1),
    gridRows: [],
    gridColumns: [],
  }
  for (let c = 0; c < columns; c++) {
    runs.start[c] = c * perColumn.length
    perColumn.forEach(([top, bottom, peak, flags], i) => {
      const j = c * perColumn.length + i
      runs.top[j] = top
      runs.bottom[j] = bottom
      runs.centre[j] = (top + bottom) / 2
      runs.mass[j] = bottom - top
      runs.peak[j] = peak
      runs.r0[j] = Math.floor(top)
      runs.r1[j] = Math.ceil(bottom) - 1
      runs.flags[j] = flags
    })
  }
  runs.start[columns] = n
  return runs
}

describe('trace audit: a trace that leaves its line for other ink', () => {
  // The line: 3 px of full coverage at rows 100–103; its confidence band's lower edge, pale ink
  // of the same colour, at rows 115–125.
  const line: [number, number, number, number] = [100, 103, 1, 0]
  const band: [number, number, number, number] = [115, 125, 0.3, 0]
  const flat = (y: number) => [
    { x: 0, y },
    { x: 99, y },
  ]

  it('measures the stretch along the band while the line runs above it', () => {
    // The path from x 0 to 99 spans columns 0…98.
    expect(awayFromLine(flat(120), runsOf([line, band]), 3)).toEqual({
      columns: 99,
      first: 0,
      last: 98,
    })
    // Along another curve's ink too.
    expect(awayFromLine(flat(120), runsOf([line, [118, 121, 1, RUN_UNDER]]), 3).columns).toBe(99)
  })

  it('does not count a trace on its line, beside no ink, or far from its line', () => {
    expect(awayFromLine(flat(101.5), runsOf([line, band]), 3).columns).toBe(0)
    // No ink under the trace: beside its ink (besideInk), not following other ink.
    expect(awayFromLine(flat(140), runsOf([line, band]), 3).columns).toBe(0)
    // Own ink over AWAY_PX away is not the line this trace left (another part of the figure).
    expect(awayFromLine(flat(190), runsOf([line, [185, 195, 0.3, 0]]), 3).columns).toBe(0)
  })

  it("takes another curve's ink for the line hidden under it, for a line wide enough", () => {
    // The line is hidden under another curve's (rows 100–103 its ink, RUN_UNDER); the trace runs
    // along the band 17 px under it.
    const hidden: [number, number, number, number] = [100, 103, 1, RUN_UNDER]
    expect(awayFromLine(flat(120), runsOf([hidden, band]), 3).columns).toBe(99)
    // A 1.5 px line's own ink may itself be fainter than core: the trace may be on it.
    expect(awayFromLine(flat(120), runsOf([hidden, band]), 1.5).columns).toBe(0)
  })

  it('neither counts nor breaks at columns where the trace rests on no ink', () => {
    // The band breaks for 10 columns (40–49), where the path bridges it; the line shows above.
    const runs = runsOf([line, band])
    for (let c = 40; c < 50; c++) {
      runs.top[2 * c + 1] = 300
      runs.bottom[2 * c + 1] = 301
    }
    expect(awayFromLine(flat(120), runs, 3)).toEqual({ columns: 89, first: 0, last: 98 })
  })

  it('warns of a survminer arm traced along its band under a later arm (survminer 4000, Strata 1)', () => {
    // Strata 1's line runs under Strata 2's and 3's, which survminer draws after it; its trace
    // left it for the faint ink beside it, 5–10 px off for 24 and 28 columns (image columns
    // 204–227 and 384–411), and its status said whole with no warning.
    const { curve, whole } = tracedStyled(4000, 'survminer')[0]
    if (whole.whole) return
    expect(isFlagged(curve)).toBe(true)
    expect(curve.warnings.map((w) => w.code)).toContain('away-from-line')
  })

  it('warns of a survminer arm traced along its confidence band (survminer 3024, Strata 2)', () => {
    // Strata 2's trace left its 3.75 px line at 15 months and ran along the lower edge of the
    // arm's own band, 19 px under the line, for 4 months; its status said whole.
    const { curve, whole } = tracedStyled(3024, 'survminer')[1]
    if (whole.whole) return
    expect(isFlagged(curve)).toBe(true)
    const w = curve.warnings.find((x) => x.code === 'away-from-line')
    expect(w?.message).toMatch(
      /#00ba38 leaves its line between time [\d.]+ and [\d.]+ \(\d+ columns\)/,
    )
  })
})

describe('trace audit: a plateau on faint ink a few pixels off its line', () => {
  // The line: 3 px of full coverage at rows 100–103; faint ink of the same colour 3 px under it
  // (the anti-aliased foot of a mark, a band's edge), rows 106–108.
  const line: [number, number, number, number] = [100, 103, 1, 0]
  const foot: [number, number, number, number] = [106, 108, 0.4, 0]
  const flat = (y: number) => [
    { x: 0, y },
    { x: 99, y },
  ]

  it('measures the stretch on the faint ink while the line runs just above it', () => {
    // The path from x 0 to 99 spans columns 0…98.
    expect(faintBesideLine(flat(107), runsOf([line, foot]), 3)).toEqual({
      columns: 99,
      first: 0,
      last: 98,
    })
  })

  it('does not count a trace on its line, on its edge, far from it, or beside another curve', () => {
    expect(faintBesideLine(flat(101.5), runsOf([line, foot]), 3).columns).toBe(0)
    // On core ink, beside more core ink of its colour (a mark's bar, a second stroke): on a line.
    expect(faintBesideLine(flat(101.5), runsOf([line, [108, 111, 1, 0]]), 3).columns).toBe(0)
    // Faint ink touching the line is its own anti-aliased edge.
    expect(faintBesideLine(flat(104), runsOf([line, [103.5, 105, 0.4, 0]]), 3).columns).toBe(0)
    // Over FAINT_WIDTHS line widths and FAINT_PX away (16 px here) is awayFromLine's business.
    expect(faintBesideLine(flat(122), runsOf([line, [121, 123, 0.4, 0]]), 3).columns).toBe(0)
    // Core ink of another curve is not this curve's line.
    expect(faintBesideLine(flat(107), runsOf([[100, 103, 1, RUN_UNDER], foot]), 3).columns).toBe(0)
  })

  it('warns of plateaus read off the line that nothing else flagged (lancet 4030 B, survminer 4003)', () => {
    // Lancet 4030 B: dense tick marks at the start; the trace ran along their tops, 3 px above
    // the line, for a month. Survminer 4003 Strata 3: a plateau read on a band's faint edge.
    // Both were silent (not whole, status whole, no warning) before this check.
    for (const [seed, style, arm] of [
      [4030, 'lancet', 1],
      [4003, 'survminer', 2],
    ] as const) {
      const { curve, whole } = tracedStyled(seed, style)[arm]
      if (whole.whole) continue
      expect(isFlagged(curve), `${style} ${seed} arm ${arm}`).toBe(true)
      const w = curve.warnings.find((x) => x.code === 'faint-beside-line')
      expect(w?.message).toMatch(
        /runs on faint ink a few pixels off its line between time [\d.]+ and [\d.]+ \(\d+ columns\)/,
      )
    }
  })
})
