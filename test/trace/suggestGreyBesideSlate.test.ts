import { describe, expect, it } from 'vitest'
import { findCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { armsFollowed } from './helpers'

/**
 * Issue 10, a grey arm beside a dark one: in a JAMA JPEG the dark slate arm (#374E55) is edged by
 * shades that read as the grey arm's ink (#808080), so that the slate's own colour lay along the
 * grey's pixels and joined its group (lineGroups.ts), which was traced from the slate: one curve
 * offered, the grey arm lost without a word. Development seeds (the held-out ones are the
 * bench's alone).
 */

/** Each arm followed by a curve of its own, by the bench's matching (closest pairs first). */
function expectEachArmFound(seed: number): void {
  const fig = renderKmFigure(styledFigureSpec(seed, 'jama'))
  const found = findCurves(fig.image, fig.calibration)
  const armOf = armsFollowed(found.curves, fig.arms)
  for (const [i, arm] of fig.arms.entries())
    expect(armOf.has(i), `jama ${seed}: ${arm.name} (${arm.color}) found`).toBe(true)
}

describe('Suggest curves offers a grey arm beside a dark slate one', () => {
  it('seed 4031: the slate no longer joins the grey (before: one curve, the slate)', () => {
    expectEachArmFound(4031)
  })

  it('seed 4115 (JPEG quality 0.48)', () => {
    expectEachArmFound(4115)
  })

  it('seed 3095, where the grey was the group’s core and traced the slate', () => {
    expectEachArmFound(3095)
  })
})
