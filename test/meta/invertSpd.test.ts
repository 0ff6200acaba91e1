import { describe, expect, it } from 'vitest'
import { invertSpd, spdScratch } from '../../src/shared/meta/weightedLeastSquares'
import { expectAllClose, expectClose } from '../helpers/close'

// R: solve(matrix(c(4,2,0.6, 2,5,1, 0.6,1,3), 3)) and solve(matrix(c(2,0.5, 0.5,1), 2))
const A3 = new Float64Array([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3])
const INV3 = [
  0.313901345291479839, -0.121076233183856505, -0.022421524663677132, -0.121076233183856505,
  0.260986547085201803, -0.062780269058295951, -0.022421524663677129, -0.062780269058295965,
  0.358744394618834062,
]
const A2 = new Float64Array([2, 0.5, 0.5, 1])
const INV2 = [0.5714285714285714, -0.2857142857142857, -0.2857142857142857, 1.1428571428571428]

describe('invertSpd with reused scratch arrays', () => {
  it('gives the inverse R gives, whether or not the arrays are reused, for blocks of any size up to the scratch', () => {
    const scratch = spdScratch(3)
    const big = invertSpd(A3, 3, scratch)
    expectAllClose(Array.from(big.inv), INV3, { rel: 1e-12 }, '3 × 3')
    // A smaller block next, in the same arrays (row stride 2): the 3 × 3 leftovers must not leak.
    const small = invertSpd(A2, 2, scratch)
    expectAllClose(Array.from(small.inv.subarray(0, 4)), INV2, { rel: 1e-12 }, '2 × 2 after 3 × 3')
    expect(small.inv).toBe(scratch.inv)
    expectClose(small.logDet, Math.log(1.75), { rel: 1e-12 }, 'log det')
    const fresh = invertSpd(A2, 2)
    expect(Array.from(fresh.inv)).toEqual(Array.from(small.inv.subarray(0, 4)))
  })

  it('reports a matrix that is not positive definite', () => {
    const r = invertSpd(new Float64Array([1, 2, 2, 1]), 2, spdScratch(2))
    expect(r.ok).toBe(false)
  })
})
