/**
 * The figure's readings through main's handlers ("Read from figure" in the risk tab, "Read
 * figure"), each request checked by the contract as ipc.ts checks it, the work done in the figure
 * reader's worker thread: the numbers read are the generator's truth (a generated figure with a
 * number-at-risk table), cancelled readings stop, and progress is reported while one runs.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/dispatch'
import { createHandlers, type Dialogs } from '../../src/main/handlers'
import { createFigureReader } from '../../src/node/figureReaderService'
import type { ReadProgress } from '../../src/shared/ipc/contract'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'

const dialogs: Dialogs = { openFile: async () => null, saveFile: async () => null }
const app = { name: 'kmpool', version: '0.0.0', platform: 'linux' }

/** A development seed (test/generator/seeds.ts): a two-arm JCO-style figure with its table. */
// Drawn 1400 × 1000, the size the issue times "Read figure" on.
const fig = renderKmFigure({
  ...styledFigureSpec(11, 'jco', { riskTable: true }),
  width: 1400,
  height: 1000,
  jpeg: null,
})
const data = fig.file.toString('base64')
const { x1, x2, y1, y2, yScale } = fig.calibration
const calibration = { x1, x2, y1, y2, yScale }

describe('figure:readRisk and figure:read', () => {
  const handlers = createHandlers({ app, dialogs })

  it('reads the table onto the curves named as its rows, every number the printed one', async () => {
    // The study's curves in the other order than the table's rows: matched by their names.
    const curves = [...fig.arms].reverse().map((arm, i) => ({
      id: `c${i}`,
      name: arm.name,
      color: '#000000',
      points: [],
    }))
    const found = (await dispatch(handlers, 'figure:readRisk', {
      data,
      name: 'figure.png',
      calibration,
      curves,
    })) as Awaited<ReturnType<(typeof handlers)['figure:readRisk']>>
    expect(found.matchedBy).toBe('label')
    expect(found.arms).toHaveLength(fig.arms.length)
    for (const arm of found.arms) {
      const truth = fig.arms.find((a) => a.name === curves.find((c) => c.id === arm.curveId)!.name)!
      for (const cell of arm.cells) {
        const row = truth.risk.find((r) => r.time === cell.time)
        expect(row, `${truth.name} at ${cell.time}`).toBeDefined()
        expect(cell.nRisk, `${truth.name} at ${cell.time}`).toBe(row!.nRisk)
        // Where it was read, to show it there: the same number, in the figure, under the plot.
        const place = arm.places.find((p) => p.time === cell.time)
        expect(place?.n, `${truth.name} at ${cell.time}: its place`).toBe(cell.nRisk)
        expect(place!.x1).toBeLessThanOrEqual(fig.image.width)
        expect(place!.y1).toBeLessThanOrEqual(fig.image.height)
        expect(place!.y0).toBeGreaterThan(fig.calibration.x1.py)
      }
      // A printed number not read is listed as a problem at its time, never guessed.
      for (const row of truth.risk) {
        if (!arm.cells.some((c) => c.time === row.time)) {
          expect(arm.problems.some((p) => p.time === row.time)).toBe(true)
        }
      }
    }
  }, 120_000)

  it('flags a number above the N the reviewer typed for the arm', async () => {
    const first = fig.arms[0]
    const n = first.risk[0].nRisk - 1
    const found = (await dispatch(handlers, 'figure:readRisk', {
      data,
      name: 'figure.png',
      calibration,
      curves: fig.arms.map((arm, i) => ({
        id: `c${i}`,
        name: arm.name,
        color: '#000000',
        points: [],
        ...(i === 0 ? { totalN: n } : {}),
      })),
    })) as Awaited<ReturnType<(typeof handlers)['figure:readRisk']>>
    const arm = found.arms.find((a) => a.curveId === 'c0')!
    expect(arm.problems.some((p) => p.code === 'exceeds-n' && p.time === first.risk[0].time)).toBe(
      true,
    )
    expect(
      found.arms.find((a) => a.curveId === 'c1')!.problems.some((p) => p.code === 'exceeds-n'),
    ).toBe(false)
  }, 120_000)

  it('refuses a request the contract does not allow before any reading', async () => {
    await expect(
      dispatch(handlers, 'figure:readRisk', { data, name: 'figure.png', curves: [] }),
    ).rejects.toThrow(/Invalid request for "figure:readRisk": calibration/)
    await expect(dispatch(handlers, 'figure:read', { data, name: 'f.png' })).rejects.toThrow(/job/)
    // Bytes that are no image: refused in one line, the worker never asked.
    await expect(
      dispatch(handlers, 'figure:read', { data: 'bm90IGFuIGltYWdl', name: 'notes.png', job: 'j1' }),
    ).rejects.toThrow(/notes\.png: not a PNG/)
  })

  it('reads the whole figure with progress, every part to check', async () => {
    const seen: ReadProgress[] = []
    const reading = dispatch(handlers, 'figure:read', { data, name: 'figure.png', job: 'whole' })
    const poll = setInterval(() => {
      void handlers['figure:readProgress']({ job: 'whole' }).then((p) => p && seen.push(p))
    }, 50)
    // How long main's own thread is kept from other work meanwhile (printed, not asserted).
    const lag = monitorEventLoopDelay({ resolution: 10 })
    lag.enable()
    const started = performance.now()
    const found = (await reading.finally(() => clearInterval(poll))) as Awaited<
      ReturnType<(typeof handlers)['figure:read']>
    >
    const seconds = (performance.now() - started) / 1000
    lag.disable()
    console.log(
      `Read figure (${fig.image.width}×${fig.image.height}, in the worker): ${seconds.toFixed(2)} s; main's event loop delayed at most ${(lag.max / 1e6).toFixed(0)} ms`,
    )
    expect(found.curves).toHaveLength(fig.arms.length)
    expect(found.calibration.x2.value).toBeGreaterThan(found.calibration.x1.value)
    expect(found.provenance.calibration).toMatchObject({ from: 'read', confirmed: false })
    for (const c of found.curves) {
      expect(found.provenance.risk?.[c.id]).toMatchObject({ from: 'read', confirmed: false })
      // Each number read kept with where it was read, for the app to show it in place.
      const read = (found.provenance.risk?.[c.id]?.cells ?? []).filter((x) => x.n !== undefined)
      expect(read.map((x) => [x.time, x.n])).toEqual(c.risk.map((r) => [r.time, r.nRisk]))
    }
    // The steps in order, as the page shows them; no reading runs under the token afterwards.
    const steps = [...new Set(seen.map((p) => p.step))]
    expect(steps).toEqual([...steps].sort())
    expect(seen.some((p) => p.message === 'Reading the risk table…')).toBe(true)
    expect(await handlers['figure:readProgress']({ job: 'whole' })).toBeNull()
  }, 120_000)

  it('stops a reading cancelled while it runs, and reads again afterwards', async () => {
    const reading = handlers['figure:read']({ data, name: 'figure.png', job: 'stop' })
    // Cancelled once it is reading text: the first progress report.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        void handlers['figure:readProgress']({ job: 'stop' }).then((p) => {
          if (p) {
            clearInterval(poll)
            resolve()
          }
        })
      }, 20)
    })
    const cancelledAt = performance.now()
    await handlers['figure:cancelRead']({ job: 'stop' })
    await expect(reading).rejects.toThrow(/cancelled/)
    console.log(`Cancelled reading answered in ${(performance.now() - cancelledAt).toFixed(0)} ms`)
    // Cancelling what has ended is nothing.
    expect(await handlers['figure:cancelRead']({ job: 'stop' })).toBeNull()
    const again = await handlers['figure:read']({ data, name: 'figure.png', job: 'again' })
    expect(again.curves).toHaveLength(fig.arms.length)
  }, 120_000)
})

describe('the figure reader', () => {
  const reader = createFigureReader(undefined, 50)
  afterAll(() => reader.close())

  it('refuses a cancelled signal before it starts', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      reader.run(
        'detectAxes',
        { bytes: fig.file, name: 'figure.png' },
        { signal: controller.signal },
      ),
    ).rejects.toThrow(/cancelled/)
  })
})
