import { describe, expect, it } from 'vitest'
import { findCurves, parseColor } from '../../src/shared/trace'
import { rgbToLab } from '../../src/shared/trace/color'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { armsFollowed } from './helpers'

/**
 * Issue 10, a survminer line inside its confidence band: the band's tint, narrower than a filled
 * area yet many times thicker per column than the line, held most of the pixels of the line's
 * group (lineGroups.ts) and became its core, so the curve was traced from the tint and followed
 * the band; or the tint (or the blend where two bands overlap) was offered as a curve of its own.
 * Development seeds (the held-out ones are the bench's alone).
 */

/** The curves offered, each given to the arm it follows (the bench's matching, closest first). */
function matched(seed: number) {
  const fig = renderKmFigure(styledFigureSpec(seed, 'survminer'))
  const found = findCurves(fig.image, fig.calibration)
  const armOf = armsFollowed(found.curves, fig.arms)
  return { fig, found, armOf }
}

/** Every arm found, each by a curve of its line's colour (not its band's pale tint), no other. */
function expectLinesFound(seed: number): void {
  const { fig, found, armOf } = matched(seed)
  for (const [i, arm] of fig.arms.entries()) {
    expect(armOf.has(i), `survminer ${seed}: ${arm.name} (${arm.color}) found`).toBe(true)
    const color = found.curves[armOf.get(i)!].color
    // A band's tint is far lighter than its line (#fbc5be, L* 84, for #F8766D, L* 65); a JPEG
    // shifts the line's hue, not its lightness so much.
    const lighter = rgbToLab(...color)[0] - rgbToLab(...parseColor(arm.color))[0]
    expect(lighter, `survminer ${seed}: ${arm.name} offered in its line's ink`).toBeLessThan(8)
  }
  expect(found.curves, `survminer ${seed}: one curve per arm`).toHaveLength(fig.arms.length)
}

describe('Suggest curves traces a survminer line, not its band’s tint', () => {
  it('seed 3049: both lines (before: both bands’ tints offered, Strata 1 missed)', () => {
    expectLinesFound(3049)
  })

  it('seed 3097: Strata 3 traced from its line (before: from its tint, missed)', () => {
    expectLinesFound(3097)
  })

  it('seed 4009: the blend of two bands is no curve (before: offered, Strata 3 missed)', () => {
    expectLinesFound(4009)
  })

  it('seed 4075: the green line’s shade over the blue band joins the green line', () => {
    // Before the shade rule: the shade, no longer joined to the band, was offered as a fourth curve.
    expectLinesFound(4075)
  })

  it('seed 3007: each arm in its line’s colour (before: one offered in its band’s tint)', () => {
    expectLinesFound(3007)
  })
})
