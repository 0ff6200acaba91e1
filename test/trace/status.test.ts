import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pathWithDrop, runPerColumn, runsMap } from './helpers'
import { main } from '../../src/cli/main'
import { axisMap, parseColor, traceCurves } from '../../src/shared/trace'
import { type ColumnRuns, RUN_UNDER } from '../../src/shared/trace/columnRuns'
import type { PathStep } from '../../src/shared/trace/monotonePath'
import { traceStatus } from '../../src/shared/trace/traceStatus'
import { expectClose } from '../helpers/close'
import { figureSpec } from '../generator/figureSpec'
import { renderKmFigure, sharedStartSpec } from './figures'

/**
 * Issue 10, whole or flagged: each traced curve says whether it rests on its own ink, with the
 * stretches where it does not, and a trace that ends while its ink goes on is a warning.
 */

/** A mask hiding every pixel between two times (a legend box, a scan defect). */
function maskBetween(fig: ReturnType<typeof renderKmFigure>, from: number, to: number) {
  const map = axisMap(fig.calibration)
  const { width, height } = fig.image
  const mask = new Uint8Array(width * height)
  const x0 = Math.round(map.toPixel(from, 0).px)
  const x1 = Math.round(map.toPixel(to, 0).px)
  for (let y = 0; y < height; y++) for (let x = x0; x < x1; x++) mask[y * width + x] = 1
  return mask
}

describe('trace status', () => {
  it('is whole for curves seen from start to end', () => {
    const fig = renderKmFigure(figureSpec())
    const curves = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )
    for (const c of curves) expect(c.status).toEqual({ status: 'whole', stretches: [] })
  })

  it('lists a stretch with no ink as a gap, with its times', () => {
    const fig = renderKmFigure(figureSpec())
    const mask = maskBetween(fig, 20, 26)
    const curves = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
      { mask },
    )
    for (const c of curves) {
      expect(c.status.status).toBe('gaps')
      expect(c.status.stretches).toHaveLength(1)
      const [gap] = c.status.stretches
      expect(gap.kind).toBe('gap')
      expect(gap.underColor).toBeUndefined()
      // Pixel columns are 0.08 months wide here.
      expectClose(gap.from, 20, { abs: 0.1 }, 'gap from')
      expectClose(gap.to, 26, { abs: 0.1 }, 'gap to')
    }
  })

  it('warns when the trace ends while more of the curve lies further right, and lists it as a gap', () => {
    // Hidden from month 20 to 40, the rest is too far to be worth bridging: the trace stops at
    // month 20, and says that the curve goes on — as a warning, and as a gap from its end to the
    // last column of that ink, so that its status is not `whole`.
    const fig = renderKmFigure(figureSpec())
    const mask = maskBetween(fig, 20, 40)
    const curves = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
      { mask },
    )
    for (const c of curves) {
      const end = c.points[c.points.length - 1].time
      expect(end).toBeLessThan(20.5)
      expect(c.warnings.map((w) => w.code)).toContain('ink-beyond-end')
      expect(c.warnings.find((w) => w.code === 'ink-beyond-end')!.message).toMatch(
        /ends at time (19|20)\.\d+, but more of its ink lies further right, up to time \d/,
      )
      expect(c.status.status).toBe('gaps')
      const gap = c.status.stretches[c.status.stretches.length - 1]
      expect(gap.kind).toBe('gap')
      expectClose(gap.from, end, { rel: 1e-12 }, 'gap starts at the trace end')
      // Its ink goes on to the arm's last time (its last patient's, at most the 48-month axis).
      const last = Math.min(
        48,
        Math.max(...fig.arms[c === curves[0] ? 0 : 1].ipd.map((r) => r.time)),
      )
      expectClose(gap.to, last, { abs: 0.5 }, 'gap ends where the ink ends')
    }
  })
})

describe('kmpool trace prints the status', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-status-'))
  const fig = renderKmFigure(sharedStartSpec(10))
  const image = join(dir, 'figure.png')
  const cal = join(dir, 'calibration.json')
  writeFileSync(image, fig.file)
  writeFileSync(cal, JSON.stringify(fig.calibration))
  const run = (argv: string[]) => {
    let stdout = ''
    let stderr = ''
    const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) })
    return { code, stdout, stderr }
  }

  it('in JSON: status, stretches and warnings', () => {
    const colors = fig.arms.map((a) => a.color).join(',')
    const r = run(['trace', '--image', image, '--calibration', cal, '--color', colors, '--json'])
    expect(r.stderr).toBe('')
    const json = JSON.parse(r.stdout)
    expect(json.warnings).toEqual([])
    expect(json.curves.map((c: { status: string }) => c.status)).toEqual(['inferred', 'whole'])
    const [under] = json.curves[0].stretches
    expect(under).toMatchObject({ kind: 'under', under_color: fig.arms[1].color, under_arm: 2 })
    expectClose(under.to, 10, { abs: 0.5 }, 'under to')
  })

  it('numbers the curve a stretch is under among the curves written, past a colour not traced', () => {
    const colors = ['#2ca02c', ...fig.arms.map((a) => a.color)].join(',')
    const r = run(['trace', '--image', image, '--calibration', cal, '--color', colors, '--json'])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.curves).toHaveLength(2)
    // The second curve written, though the third colour given.
    expect(json.curves[0].stretches[0]).toMatchObject({ kind: 'under', under_arm: 2 })
  })

  it('in text: a status column and the stretches in plain words', () => {
    const r = run(['trace', '--image', image, '--calibration', cal, '--color', 'auto'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/status/)
    expect(r.stdout).toMatch(/inferred/)
    expect(r.stdout).toMatch(
      /from 0\.\d+ to (9|10)\.\d+, followed under #[0-9a-f]{6} \(curve \d\): its own line is hidden there/,
    )
  })
})

describe("traceStatus: an under stretch pinned flat by the curve's own ink", () => {
  // A path over columns 0–59 of a 500 px wide plot, one run per column, 2 px line: the shortest
  // stretch listed is 3·2 + 4 = 10 columns, its margins 5. Columns 10–29 follow another curve's
  // ink (RUN_UNDER, curve 0); the rest is the curve's own.
  const map = runsMap
  const columns = 60
  const runs = (underTo = 30, underFrom = 10): ColumnRuns =>
    runPerColumn(columns, (x) => (x >= underFrom && x < underTo ? RUN_UNDER : 0))
  const path = (at: number, drop: number) => pathWithDrop(columns, at, drop)
  const status = (p: PathStep[], r = runs()) =>
    traceStatus(p, r, map, 0, 2, 500, [{ color: '#808080', arm: 1 }])

  it('is whole when the path is level from before the stretch to after it', () => {
    // Own ink at one level on both sides: a curve that never rises did not drop in between.
    expect(status(path(45, 20))).toEqual({ status: 'whole', stretches: [] })
  })

  it('stays inferred when the path drops within the margin after the stretch', () => {
    // Level at both ends of the stretch, but a 20 px drop 2 columns after: the own ink just
    // after the stretch may be at the wrong level, and a drop may hide under the other curve.
    const s = status(path(31, 20))
    expect(s.status).toBe('inferred')
    expect(s.stretches).toMatchObject([{ kind: 'under', x0: 10, x1: 30, underArm: 1 }])
  })

  it('stays inferred when the stretch runs to the end of the path', () => {
    // No own ink after it to pin the level.
    const s = status(path(59, 1), runs(60))
    expect(s.status).toBe('inferred')
    expect(s.stretches).toMatchObject([{ kind: 'under', x0: 10, x1: 60 }])
  })

  it('stays inferred at a shared start, however flat', () => {
    // Two arms that start together at S = 1 are told to share the start (issue 10).
    const s = status(path(45, 20), runs(30, 0))
    expect(s.status).toBe('inferred')
    expect(s.stretches).toMatchObject([{ kind: 'under', x0: 0, x1: 30 }])
  })

  it('stays inferred when the path drops under the other curve', () => {
    const s = status(path(20, 20))
    expect(s.status).toBe('inferred')
    expect(s.stretches).toMatchObject([{ kind: 'under', x0: 10, x1: 30 }])
  })
})
