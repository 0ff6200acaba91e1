import { afterAll, describe, expect, it } from 'vitest'
import { ComputeWorker, Superseded } from '../../src/node/compute'
import { reconstructStudy, withoutIpd } from '../../src/shared/study/reconstructStudy'

const worker = new ComputeWorker()
afterAll(() => worker.close())

/** A two-arm study of `n` patients per arm: seconds of work on main's thread. */
function study(n: number) {
  const points = Array.from({ length: 2000 }, (_, i) => {
    const time = (i / 2000) * 96
    return { time, surv: Math.exp(-time / 80) }
  })
  const risk = [
    { time: 0, nRisk: n },
    { time: 24, nRisk: Math.round(n * 0.7) },
    { time: 48, nRisk: Math.round(n * 0.5) },
  ]
  return {
    timeUnit: 'months' as const,
    curves: [
      { id: 'a', name: 'A', points, risk },
      { id: 'b', name: 'B', points: points.map((p) => ({ ...p, surv: p.surv ** 1.2 })), risk },
    ],
  }
}

describe('the compute worker', () => {
  it('gives what the same computation gives on main', async () => {
    const input = study(300)
    expect(await worker.run('reconstructStudy', input)).toEqual(withoutIpd(reconstructStudy(input)))
  })

  it('leaves main free to answer while a large study computes', async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 20)
    const start = Date.now()
    await worker.run('reconstructStudy', study(300_000))
    clearInterval(timer)
    const ms = Date.now() - start
    // Main ran its timers throughout: about one tick per 20 ms of the computation.
    expect(ticks).toBeGreaterThan(ms / 20 / 4)
  }, 60_000)

  it('stops a computation that a newer request with its key supersedes', async () => {
    const start = Date.now()
    const heavy = worker.run('reconstructStudy', study(500_000), 'study')
    const light = worker.run('reconstructStudy', study(100), 'study')
    const other = worker.run('reconstructStudy', study(100), 'another key')
    await expect(heavy).rejects.toBeInstanceOf(Superseded)
    expect((await light).curves).toHaveLength(2)
    // A request of another key in the ended worker is computed again, not lost.
    expect((await other).curves).toHaveLength(2)
    expect(Date.now() - start).toBeLessThan(5_000)
  }, 60_000)

  it('lets a short superseded computation finish unheard, without restarting the worker', async () => {
    await worker.run('reconstructStudy', study(100), 'warm')
    const before = (worker as unknown as { worker: unknown }).worker
    const first = worker.run('reconstructStudy', study(100), 'edit')
    const second = worker.run('reconstructStudy', study(120), 'edit')
    await expect(first).rejects.toBeInstanceOf(Superseded)
    expect((await second).curves[0].status).toBe('done')
    // Past the kill delay: the first one had finished, so nothing was ended.
    await new Promise((r) => setTimeout(r, 400))
    expect((worker as unknown as { worker: unknown }).worker).toBe(before)
  })

  it('passes on the error of a computation as one line', async () => {
    await expect(worker.run('reconstruct', { points: [] })).rejects.toThrow(/\S/)
  })
})
