import { describe, expect, it } from 'vitest'
import { findCurves } from '../../src/shared/trace'
import { isNeutral, marksInInk } from '../../src/shared/trace/markInk'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { armsFollowed, traceIae } from './helpers'

/**
 * Issue 10, auto colours on NEJM: the black "+" marks, traced as a curve, stood in for arms whose
 * coloured line, JPEG greyed and traced beside the marks' ink, was followed only part of the way
 * (or refused): too little to judge the black trace by its path (marksOnCurves). The marks' ink
 * itself lies in small crosses on the coloured lines (markInk.ts: marksInInk), and is judged so.
 * Development seeds (the held-out ones are the bench's alone).
 */

/** Each arm traced well by a coloured curve. */
const WELL = 0.005

function expectArmsFromTheirColours(seed: number): void {
  const fig = renderKmFigure(styledFigureSpec(seed, 'nejm'))
  const found = findCurves(fig.image, fig.calibration)
  expect(
    found.curves.filter((c) => isNeutral(c.color)),
    `${seed}: no black curve offered`,
  ).toHaveLength(0)
  const armOf = armsFollowed(found.curves, fig.arms)
  fig.arms.forEach((arm, i) => {
    const j = armOf.get(i)
    expect(j, `${seed}: ${arm.name} followed`).toBeDefined()
    expect(traceIae(found.curves[j!], arm.ipd), `${seed}: ${arm.name} traced`).toBeLessThan(WELL)
  })
  expect(
    found.warnings.filter((w) => w.code === 'candidate-is-marks'),
    `${seed}: the black ink reported as marks`,
  ).toHaveLength(1)
}

/** A 300 × 60 label image: a coloured line (ink 1) along row 30, and black ink (0) drawn on it. */
function labels(black: (x: number, y: number) => boolean): Int8Array {
  const w = 300
  const label = new Int8Array(w * 60).fill(-1)
  for (let y = 0; y < 60; y++) {
    for (let x = 0; x < w; x++) {
      if (y >= 29 && y <= 31) label[y * w + x] = 1
      if (black(x, y)) label[y * w + x] = 0
    }
  }
  return label
}
const area = { x0: 0, y0: 0, x1: 300, y1: 60 }
const judge = (label: Int8Array) =>
  marksInInk(
    label,
    300,
    area,
    (k) => k === 0,
    (k) => k === 1,
  )

describe('Suggest curves judges black ink in small crosses on the coloured lines as marks', () => {
  it('NEJM seed 4064: the blue arm from its colour, not the black marks', () => {
    // Before: black offered and matched to arm B (mean gap 0.0167); the blue line seen over 514
    // of 1367 columns, 0.066 from it.
    expectArmsFromTheirColours(4064)
  })

  it('NEJM seed 4106: the blue line, refused beside the marks, traced without them', () => {
    // Before: black (whole) matched to arm B at 0.0162; the blue line gave no curve beside it.
    expectArmsFromTheirColours(4106)
  })

  it('NEJM seed 3038: black ink off the coloured traces is still offered (an arm gave no colour)', () => {
    // The orange arm's colour is no candidate; its dark edge, read as black with the marks, is
    // its only trace (mean gap 0.0026). That trace lies on the red and blue ones over 0.03 of the
    // times: not marks, whatever the shape of its ink.
    const fig = renderKmFigure(styledFigureSpec(3038, 'nejm'))
    const found = findCurves(fig.image, fig.calibration)
    const orange = fig.arms.findIndex((a) => a.color.toUpperCase() === '#E18727')
    const j = armsFollowed(found.curves, fig.arms).get(orange)
    expect(j, '3038: orange arm followed').toBeDefined()
    expect(traceIae(found.curves[j!], fig.arms[orange].ipd)).toBeLessThan(WELL)
  })

  it('crosses on a coloured line are marks; a black line along it, or dashes, are not', () => {
    // Twelve 9 × 9 "+" marks, 24 px apart, centred on the line.
    const cross = (x: number, y: number) =>
      x % 24 >= 8 && x % 24 <= 16 && ((x % 24 === 12 && y >= 26 && y <= 34) || y === 30)
    const crosses = judge(labels(cross))
    expect(crosses.count).toBe(12)
    expect(crosses.marks).toBe(true)
    // The same crosses away from the line (rows 4–12): not on it.
    expect(judge(labels((x, y) => y < 20 && cross(x, y + 26))).marks).toBe(false)
    // A black line two rows below (its own arm), and dashes 12 px long: no piece is cross-shaped.
    expect(judge(labels((_x, y) => y === 34)).marks).toBe(false)
    expect(judge(labels((x, y) => y === 34 && x % 20 < 12)).marks).toBe(false)
  })
})
