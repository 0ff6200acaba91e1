import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { axisMap, findCurves } from '../../src/shared/trace'
import type { Calibration } from '../../src/shared/trace'
import { indexPixels } from '../../src/shared/trace/coverage'
import { warnLineBeyondEnd } from '../../src/shared/trace/lineBeyondEnd'
import type { Rgb, TracedCurve } from '../../src/shared/trace/types'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { armsFollowed } from './helpers'
import { isFlagged, wholeness } from './wholeness'

/**
 * Issue 10, whole or flagged: a trace that ends while its line goes on. JPEG shifts a thin line's
 * hue from block to block, and a colour Suggest curves picks from one stretch may not explain the
 * line's ink elsewhere: the trace stops where its colour's ink does, with none of that colour
 * beyond for the `ink-beyond-end` check of the curve's own ink (lineBeyondEnd.ts). And a thin
 * line's trace that ran on past its own end along another curve's line, on that line's fringe
 * read in its colour, is listed as following it (traceStatus.ts: followedPastSlivers).
 */
describe('a line that goes on beyond its trace in another shade (warnLineBeyondEnd)', () => {
  const white: Rgb = [255, 255, 255]
  const width = 200
  const height = 100
  // 1 px per time unit, survival 1 at row 0 and 0 at row 100.
  const calibration: Calibration = {
    x1: { px: 0, py: 100, value: 0 },
    x2: { px: 100, py: 100, value: 100 },
    y1: { px: 0, py: 100, value: 0 },
    y2: { px: 0, py: 0, value: 1 },
    yScale: 'proportion',
  }
  const map = axisMap(calibration)

  /** A 200 × 100 white plot with `paint` applied to each pixel that it colours. */
  function plot(paint: (x: number, y: number) => Rgb | null) {
    const data = new Uint8ClampedArray(width * height * 4)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++)
        data.set([...(paint(x, y) ?? white), 255], (y * width + x) * 4)
    }
    return indexPixels({ data, width, height }, { x0: 0, y0: 0, x1: width, y1: height }, white)
  }

  /** A flat trace at row 50.5 (a 2 px line on rows 50–51) from column 0 to column `to`. */
  function flat(to: number, y = 50.5): TracedCurve {
    const point = (x: number) => ({ x, y, ...map.toData(x, y) })
    return {
      color: [36, 60, 84],
      points: [point(0), point(to)],
      censorMarks: [],
      lineWidth: 2,
      columnsSeen: to,
      columnsBridged: 0,
      status: { status: 'whole', stretches: [] },
      warnings: [],
    }
  }

  const slate: Rgb = [36, 60, 84]
  const blue: Rgb = [81, 106, 160]
  const line = (x: number, y: number, from: number, to: number, c: Rgb) =>
    x >= from && x < to && (y === 50 || y === 51) ? c : null

  it('warns where the line goes on in another shade, and lists the stretch as a gap', () => {
    // The line spans 80% of the plot's width: a row inked over 90% of it would be a rule.
    const index = plot((x, y) => line(x, y, 0, 120, slate) ?? line(x, y, 120, 160, blue))
    const curve = flat(119)
    warnLineBeyondEnd([curve], index, map)
    expect(curve.warnings.map((w) => w.code)).toEqual(['ink-beyond-end'])
    expect(curve.warnings[0].message).toMatch(
      /^the trace of colour #243c54 ends at time 119, but a line goes on at its level in ink of another shade, up to time 160 \(40 columns\)/,
    )
    expect(curve.status.status).toBe('gaps')
    expect(curve.status.stretches).toEqual([{ kind: 'gap', from: 119, to: 160, x0: 120, x1: 160 }])
  })

  it('says nothing of a line too short, or one that starts further than a few columns on', () => {
    // 10 columns are asked at least (a 2%-share of the width is 4 here).
    const short = plot((x, y) => line(x, y, 0, 120, slate) ?? line(x, y, 120, 129, blue))
    const a = flat(119)
    warnLineBeyondEnd([a], short, map)
    expect(a.warnings).toEqual([])
    const apart = plot((x, y) => line(x, y, 0, 120, slate) ?? line(x, y, 126, 180, blue))
    const b = flat(119)
    warnLineBeyondEnd([b], apart, map)
    expect(b.warnings).toEqual([])
  })

  it("says nothing of text at the curve's level, of another curve's line, or of a rule", () => {
    // A label: 10 px tall letters, 2 px apart, right after the end.
    const text = plot(
      (x, y) =>
        line(x, y, 0, 120, slate) ??
        (x >= 121 && x < 160 && x % 4 < 2 && y >= 45 && y < 55 ? blue : null),
    )
    const a = flat(119)
    warnLineBeyondEnd([a], text, map)
    expect(a.warnings).toEqual([])
    // The same line beyond, but another curve's trace runs along it.
    const index = plot((x, y) => line(x, y, 0, 120, slate) ?? line(x, y, 120, 160, blue))
    const mine = flat(119)
    const other: TracedCurve = { ...flat(160, 51), color: blue, warnings: [] }
    other.points = [
      { x: 100, y: 51, ...map.toData(100, 51) },
      { x: 160, y: 51, ...map.toData(160, 51) },
    ]
    warnLineBeyondEnd([mine, other], index, map)
    expect(mine.warnings).toEqual([])
    // A gridline across the whole plot at the curve's level.
    const rule = plot((x, y) => line(x, y, 0, 120, slate) ?? (y === 51 ? blue : null))
    const c = flat(119)
    warnLineBeyondEnd([c], rule, map)
    expect(c.warnings).toEqual([])
  })

  it('leaves a curve that ends on the x axis alone', () => {
    const index = plot((x, y) => (y >= 98 ? blue : null))
    const curve = flat(119, 98.5)
    warnLineBeyondEnd([curve], index, map)
    expect(curve.warnings).toEqual([])
  })
})

describe('Suggest curves on traces that end early or late (development seeds)', () => {
  /** The curve Suggest curves offers for arm `arm` of `seed`, with its wholeness. */
  function offered(seed: number, style: 'lancet' | 'jco', arm: number) {
    const fig = renderKmFigure(styledFigureSpec(seed, style))
    const found = findCurves(fig.image, fig.calibration)
    const j = armsFollowed(found.curves, fig.arms).get(arm)
    expect(j, `${style} ${seed}: arm ${arm} offered`).toBeDefined()
    const curve = found.curves[j!]
    const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
    return { curve, whole: wholeness(curve, fig.arms[arm].ipd, axisMap(fig.calibration), span) }
  }

  it('Lancet 7000: the navy trace that stops at a cluster of ticks, 87 px short, says so', () => {
    // The #243c54 picked for the #00468b line explains its ink up to column 1344; beyond, JPEG
    // turned the line's pixels bluer, and no pixel of the trace's colour is left to count.
    const { curve, whole } = offered(7000, 'lancet', 0)
    expect(whole.whole).toBe(false)
    expect(whole.endGap).toBeLessThan(-2)
    expect(curve.warnings.some((w) => w.code === 'ink-beyond-end')).toBe(true)
    expect(curve.status.status).toBe('gaps')
  })

  it('JCO 6105: the yellow trace that runs on along the grey line past its end says so', () => {
    // The yellow arm ends at month 51.2; its #d7bf49 trace ran 38 columns on along the grey
    // arm's line, on that line's fringe read as yellow, ending 2.6% of the time axis late.
    const { curve, whole } = offered(6105, 'jco', 1)
    expect(whole.whole).toBe(false)
    expect(whole.endGap).toBeGreaterThan(2)
    expect(isFlagged(curve)).toBe(true)
    const tail = curve.status.stretches.find((s) => s.kind === 'under')
    expect(tail).toBeDefined()
    expect(tail!.x1).toBeGreaterThanOrEqual(918)
  })
})

describe('kmpool trace on a trace that ends before its line', () => {
  it('prints the stretch beyond the end as not traced, not as bridged, and the warning', () => {
    const fig = renderKmFigure(styledFigureSpec(7000, 'lancet'))
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-beyond-'))
    const image = join(dir, 'figure.png')
    const cal = join(dir, 'calibration.json')
    writeFileSync(image, fig.file)
    writeFileSync(cal, JSON.stringify(fig.calibration))
    let stdout = ''
    const code = main(['trace', '--image', image, '--calibration', cal, '--color', 'auto'], {
      stdout: (s) => (stdout += s),
      stderr: () => {},
    })
    expect(code).toBe(0)
    expect(stdout).toMatch(
      /\n {2}#243c54: from 33\.17 to 35\.\d\d, beyond the trace's end: not traced \(see the warnings\)\n/,
    )
    expect(stdout).toMatch(
      /\n {2}the trace of colour #243c54 ends at time 33\.2, but a line goes on at its level in ink of another shade/,
    )
    expect(stdout).not.toMatch(/#243c54: from 33\.17 to [\d.]+, no ink to follow/)
  })
})
