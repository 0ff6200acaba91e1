import { describe, expect, it } from 'vitest'
import { fitRma } from '../../src/shared/meta/rma'

describe('speed', () => {
  it('60 time points × 200 studies, REML with Q-profile CIs, well under 100 ms', () => {
    let seed = 7
    const uniform = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const K = 200
    const T = 60
    const data = Array.from({ length: T }, (_, t) => {
      const yi = new Float64Array(K)
      const vi = new Float64Array(K)
      for (let i = 0; i < K; i++) {
        const s = Math.exp(-(0.01 + 0.03 * uniform()) * (t + 1))
        const n = 20 + Math.floor(200 * uniform())
        yi[i] = Math.log(-Math.log(s))
        vi[i] = (1 - s) / (n * Math.log(s) ** 2)
      }
      return { yi, vi }
    })
    const run = (): number => {
      const t0 = performance.now()
      for (const d of data) {
        const f = fitRma(d.yi, d.vi, { method: 'REML' })
        expect(f.tau2_ci_upper).not.toBeNull()
      }
      return performance.now() - t0
    }
    run()
    const ms = Math.min(run(), run())
    expect(ms).toBeLessThan(100)
  })
})
