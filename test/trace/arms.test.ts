import { describe, expect, it } from 'vitest'
import { axisMap, deltaE, findCurves, parseColor, rgbToLab } from '../../src/shared/trace'
import type { FoundCurves, Rgb, TracedCurve } from '../../src/shared/trace'
import { figureSpec } from '../generator/figureSpec'
import type { RenderedFigure } from '../generator/kmFigure'
import { drawLine, renderKmFigure } from './figures'
import { traceIae } from './helpers'

/**
 * Issue 10, arms by line: every arm of a figure is found with no colour given, once, traced from
 * its line's core rather than a JPEG halo or an anti-aliased shade — and ink that looks like a
 * curve but gives none is reported, not dropped.
 */

/** The curve found for each arm: the one whose trace is nearest the arm's true KM. */
function byArm(found: FoundCurves, fig: RenderedFigure): TracedCurve[] {
  return fig.arms.map((arm) => {
    const scored = found.curves.map((c) => ({ c, iae: traceIae(c, arm.ipd) }))
    return scored.sort((a, b) => a.iae - b.iae)[0].c
  })
}

function expectEveryArm(fig: RenderedFigure, limit: number, label: string): FoundCurves {
  const found = findCurves(fig.image, fig.calibration)
  expect(found.curves, label).toHaveLength(fig.arms.length)
  const curves = byArm(found, fig)
  expect(new Set(curves).size, `${label}: one curve per arm`).toBe(fig.arms.length)
  curves.forEach((c, i) => {
    expect(traceIae(c, fig.arms[i].ipd), `${label} arm ${i + 1}`).toBeLessThan(limit)
  })
  expect(found.warnings, label).toEqual([])
  return found
}

describe('findCurves: arms by line, not by shade', () => {
  it('traces low-quality JPEG arms from their cores, not their halos', () => {
    // At JPEG quality 40 each 2-px line is split into a dark core, a mid shade and a pale halo;
    // the pale halo is the commonest shade of the red arm, and a trace of it sits off the line
    // (IAE 0.0066 before lines were grouped).
    for (const lineWidth of [1, 2]) {
      expectEveryArm(
        renderKmFigure(figureSpec({ jpeg: 0.4 }, { lineWidth })),
        0.003,
        `JPEG 40, ${lineWidth} px`,
      )
    }
  })

  it('finds a yellow arm beside a blue one in a large JPEG, traced to its end', () => {
    // The JCO case of the issue: a pale yellow line whose shades JPEG shifts in hue along it.
    for (const jpeg of [0.4, 0.6]) {
      const spec = figureSpec({ jpeg, width: 1400, height: 1000 }, { lineWidth: 2 })
      spec.arms[1].color = '#e8b400'
      const fig = renderKmFigure(spec)
      const found = expectEveryArm(fig, 0.003, `blue and yellow, JPEG ${jpeg}`)
      const last = Math.max(...fig.arms[1].ipd.map((r) => r.time))
      const yellow = byArm(found, fig)[1]
      const end = yellow.points[yellow.points.length - 1].time
      expect(
        Math.abs(end - last),
        `yellow ends at ${end}, its last patient at ${last}`,
      ).toBeLessThan(0.02 * 48)
    }
  })

  it('takes a wide pale halo and its dark core as one arm, traced from the core', () => {
    // Two shades of one arm: a 5-px pale stroke under a 2-px dark one (the old suggestion offered
    // the pale shade of the other arm as a third curve).
    const spec = figureSpec()
    const [first, second] = spec.arms
    spec.arms = [
      { ...first, color: '#9ec3e6', lineWidth: 5 },
      { ...first, color: '#1f4e9b' },
      second,
    ]
    const fig = renderKmFigure(spec)
    const found = findCurves(fig.image, fig.calibration)
    expect(found.curves).toHaveLength(2)
    const core = parseColor('#1f4e9b')
    const blue = found.curves.find((c) => deltaE(rgbToLab(...c.color), rgbToLab(...core)) < 10)
    expect(blue, 'the dark core is the colour traced').toBeDefined()
    expect(traceIae(blue!, first.ipd)).toBeLessThan(0.002)
    expect(found.warnings).toEqual([])
  })

  it('keeps two arms of similar hue apart', () => {
    const spec = figureSpec()
    spec.arms[0].color = '#1f4e9b'
    spec.arms[1].color = '#6fa8dc'
    expectEveryArm(renderKmFigure(spec), 0.002, 'dark and light blue')
  })

  it('reports ink drawn like a curve that gives no curve, naming its colour', () => {
    // A green diagonal across the plot (a reference line): it rises, so no survival curve can be
    // traced in it from (0, 1); it is reported, and the two arms are still found.
    const fig = renderKmFigure(figureSpec())
    const map = axisMap(fig.calibration)
    const green: Rgb = [44, 160, 44]
    drawLine(fig.image, map.toPixel(0, 0.05), map.toPixel(45, 0.95), [...green])
    const found = findCurves(fig.image, fig.calibration)
    expect(found.curves).toHaveLength(2)
    expect(found.warnings).toHaveLength(1)
    expect(found.warnings[0].code).toBe('candidate-not-traced')
    expect(found.warnings[0].message).toMatch(
      /ink of colour #2ca02c is drawn across \d+% of the plot/,
    )
  })
})
