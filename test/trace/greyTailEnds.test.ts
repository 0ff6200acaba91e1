import { describe, expect, it } from 'vitest'
import { tracedStyled } from './helpers'

/**
 * Grey (#808080) arms of JPEG development figures whose trace ended early with no warning: the
 * tail's ink was there, too faint or too few columns to warn of, and the trace stopped at a tick.
 */
describe('grey tails that end early in JPEG figures', () => {
  it('reads a faint tail whose two rows are covered alike (6226 C, Lancet)', () => {
    // 33 columns of tail 0.24 covered in both rows, with ticks on it: no pixel was a ridge, and
    // the trace stopped at the first tick, 6% of the time span early.
    // On failure the whole record prints, with how far from its end the trace stopped.
    expect(tracedStyled(6226, 'lancet')[2].whole).toMatchObject({ whole: true })
  })

  it('goes on from a drop whose foot lands on a tick (6095 B, JAMA)', () => {
    // The drop and a tick at its foot read as one run, its foot 1.7 px below the tail: the path
    // could not rise back to it and ended at the drop, 3% of the time span early.
    expect(tracedStyled(6095, 'jama')[1].whole).toMatchObject({ whole: true })
  })
})
