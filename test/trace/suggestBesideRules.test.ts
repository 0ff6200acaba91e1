import { describe, expect, it } from 'vitest'
import { findCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styleOfSeed, styledFigureSpec } from '../generator/styledFigure'
import { armsFollowed, traceIae } from './helpers'

/**
 * Issue 10, auto colours: Suggest curves traces each line it keeps beside the frame's and
 * gridlines' inks (lest a curve starting along the frame's top edge follow it). A coloured line
 * that JPEG greyed loses its grey pixels to those inks and is traced in pieces; traced again
 * without them it is followed whole. Development seeds (the held-out ones are the bench's alone).
 */

/** The arm's offered curve this close to its true KM (mean gap, survival units). */
const WELL = 0.002

function expectTracedWell(seed: number, armName: string): void {
  const fig = renderKmFigure(styledFigureSpec(seed, styleOfSeed(seed)))
  const found = findCurves(fig.image, fig.calibration)
  const armOf = armsFollowed(found.curves, fig.arms)
  const i = fig.arms.findIndex((a) => a.name === armName)
  const j = armOf.get(i)
  expect(j, `${seed}: ${armName} followed`).toBeDefined()
  expect(traceIae(found.curves[j!], fig.arms[i].ipd), `${seed}: ${armName}`).toBeLessThan(WELL)
}

describe('Suggest curves traces a greyed line without the rules when that sees more of it', () => {
  it('NEJM seed 3050, the red arm', () => {
    // Before: traced beside the frame's grey, mean gap 0.031 (with its true colour 0.001).
    expectTracedWell(3050, 'Arm A')
  })

  it('Lancet seed 4012, the blue arm', () => {
    // Before: 0.0033 (with its true colour 0.0006).
    expectTracedWell(4012, 'Arm A')
  })
})
