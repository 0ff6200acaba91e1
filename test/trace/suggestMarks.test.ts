import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { findCurves, formatColor } from '../../src/shared/trace'
import type { FoundCurves } from '../../src/shared/trace'
import { type RenderedFigure, renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { FOLLOWS, traceIae } from './helpers'

/**
 * Issue 10, arms by line: on NEJM-style JPEGs (thin coloured lines greyed by JPEG, black "+"
 * censor marks on them, a grey frame) Suggest curves offers each arm once and nothing else: the
 * black marks are reported as marks, not offered as a curve; the frame is no curve. Development
 * seeds (the held-out ones are the bench's alone).
 */

/**
 * A suggested curve follows an arm when its mean gap to the arm's true KM is under this: the
 * bench's "found" (test/bench/tracing.ts), loose enough for an arm found and badly traced, tight
 * enough that another arm's trace or a frame's is not it.
 */

/** Each arm followed by its own offered curve, and no curve offered that follows no arm. */
function expectArmsOnly(
  found: FoundCurves,
  fig: RenderedFigure,
  label: string,
  limit = FOLLOWS,
): void {
  const used = new Set<number>()
  fig.arms.forEach((arm) => {
    const gaps = found.curves.map((c) => traceIae(c, arm.ipd))
    const best = gaps.indexOf(Math.min(...gaps))
    expect(gaps[best], `${label}: ${arm.name} followed`).toBeLessThan(limit)
    used.add(best)
  })
  expect(used.size, `${label}: one curve per arm`).toBe(fig.arms.length)
  expect(found.curves, `${label}: no other curve offered`).toHaveLength(fig.arms.length)
}

describe('findCurves on NEJM-style figures', () => {
  it('reports black "+" marks on coloured curves as marks, not as a curve (seed 7, 1400×1000)', () => {
    // Before: the black marks were offered as a curve (status gaps) and the red arm, a twin of
    // its path seen in fewer columns, was dropped.
    const spec = { ...styledFigureSpec(7, 'nejm', { riskTable: true }), width: 1400, height: 1000 }
    const fig = renderKmFigure(spec)
    const found = findCurves(fig.image, fig.calibration)
    // Both arms trace whole here (mean gap 0.001–0.002 today).
    expectArmsOnly(found, fig, 'nejm 7', 0.005)
    const marks = found.warnings.filter((w) => w.code === 'candidate-is-marks')
    expect(marks).toHaveLength(1)
    // Along both arms, each with its marks: judged by their shape on the plot area's own pixels.
    // (Read shifted by the area's corner before, too few pieces looked like marks, and the ink
    // was found to be marks by its trace instead, along one arm.)
    expect(marks[0].message).toMatch(
      /^black ink \(#[0-9a-f]{6}\) between time [\d.]+ and [\d.]+ lies in small pieces along the #[0-9a-f]{6} and #[0-9a-f]{6} curves: read as censor marks/,
    )
  })

  it('says so in kmpool trace --color auto, as text and in --json', () => {
    const spec = { ...styledFigureSpec(7, 'nejm', { riskTable: true }), width: 1400, height: 1000 }
    const fig = renderKmFigure(spec)
    const dir = mkdtempSync(join(tmpdir(), 'kmpool-marks-'))
    const image = join(dir, spec.jpeg === null ? 'figure.png' : 'figure.jpg')
    const cal = join(dir, 'calibration.json')
    writeFileSync(image, fig.file)
    writeFileSync(cal, JSON.stringify(fig.calibration))
    const run = (json: boolean) => {
      let stdout = ''
      const argv = ['trace', '--image', image, '--calibration', cal, '--color', 'auto']
      const code = main(json ? [...argv, '--json'] : argv, {
        stdout: (s) => (stdout += s),
        stderr: () => {},
      })
      expect(code).toBe(0)
      return stdout
    }
    const out = JSON.parse(run(true))
    expect(out.curves).toHaveLength(2)
    expect(out.warnings.map((w: { code: string }) => w.code)).toContain('candidate-is-marks')
    expect(run(false)).toMatch(/Warnings:\n(.*\n)*\s+black ink \(#[0-9a-f]{6}\) between time/)
  })

  it('traces the coloured arms again without marks found to follow one of them (seed 3002)', () => {
    // Before: traced first beside every ink, the orange arm was followed only to 10 of 20 months
    // and the black marks' trace was no twin of it; traced beside the curves kept, the black
    // follows the orange arm (mean gap 0.005), so it is the marks, and the arms are traced
    // again without it: three arms, three curves (the black was offered in the orange's place).
    const fig = renderKmFigure(styledFigureSpec(3002, 'nejm'))
    const found = findCurves(fig.image, fig.calibration)
    expectArmsOnly(found, fig, 'nejm 3002')
    expect(found.warnings.filter((w) => w.code === 'candidate-is-marks')).toHaveLength(1)
  })

  it('offers a JPEG-greyed blue arm that the greys of text, frame and marks outnumber (seed 3026)', () => {
    // Before: the eight commonest inks were four greys and two shades of each of the other arms;
    // the blue arm was no candidate, and a grey shade of the marks was offered in its place.
    const fig = renderKmFigure(styledFigureSpec(3026, 'nejm'))
    expectArmsOnly(findCurves(fig.image, fig.calibration), fig, 'nejm 3026')
  })

  it('does not follow the frame with an arm that starts along its top edge (seed 3050)', () => {
    // Before: traced beside the red arm alone, the blue arm (flat at S = 1 for its first 1.6
    // months, on the frame's top edge) followed the frame to its corner.
    const fig = renderKmFigure(styledFigureSpec(3050, 'nejm'))
    const found = findCurves(fig.image, fig.calibration)
    expectArmsOnly(found, fig, 'nejm 3050')
    expect(found.warnings.map((w) => w.code)).toEqual(['candidate-is-marks'])
  })

  it('takes no confidence band for a rule: a ggplot2 arm in a band is still offered (survminer 3097)', () => {
    // A band fills many rows in a run; were those rows taken for rules (frame, gridlines) as
    // the frame's one or two are, the green arm's trace (traced from its band's tint, the
    // group's commonest shade) would be refused as running along them, silently.
    const fig = renderKmFigure(styledFigureSpec(3097, 'survminer'))
    const green = fig.arms[1]
    expect(green.color).toBe('#00BA38')
    const gaps = findCurves(fig.image, fig.calibration).curves.map((c) => traceIae(c, green.ipd))
    expect(Math.min(...gaps), 'the green arm followed').toBeLessThan(FOLLOWS)
  })
})

/**
 * The marks' note names curves the user is offered: on NEJM development seed 7100 it named, beside
 * the red and blue curves, a pale red trace dropped as the red curve's twin, a colour offered
 * nowhere (suggestColors.ts: findCurves).
 */
describe("Suggest curves' marks note", () => {
  it('names only curves it offers (NEJM 7100)', () => {
    const fig = renderKmFigure(styledFigureSpec(7100, 'nejm'))
    const found = findCurves(fig.image, fig.calibration)
    const offered = found.curves.map((c) => formatColor(c.color))
    const notes = found.warnings.filter((w) => w.code === 'candidate-is-marks')
    expect(notes.length).toBeGreaterThan(0)
    for (const w of notes) {
      const along = /along (.*?): read as/.exec(w.message)?.[1] ?? ''
      const named = along.match(/#[0-9a-f]{6}/g) ?? []
      expect(named.length, w.message).toBeGreaterThan(0)
      for (const n of named) expect(offered, w.message).toContain(n)
    }
  })
})
