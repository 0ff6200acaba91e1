import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { createHandlers, type Dialogs } from '../../src/main/handlers'
import { createAxesReader } from '../../src/node/detectAxesService'
import { contract } from '../../src/shared/ipc/contract'
import { expectClose } from '../helpers/close'

const figure = readFileSync(new URL('../../../shared/cases/lung/figure.png', import.meta.url))
const dialogs: Dialogs = { openFile: async () => null, saveFile: async () => null }
const app = { name: 'kmpool', version: '0.0.0', platform: 'linux' }

describe('figure:detectAxes', () => {
  const reader = createAxesReader()
  afterAll(() => reader.close())

  it('calibrates the lung figure through the handler, the request checked by the contract', async () => {
    const handlers = createHandlers({ app, dialogs })
    const request = contract['figure:detectAxes'].request.parse({
      data: figure.toString('base64'),
      name: 'figure.png',
    })
    const found = await handlers['figure:detectAxes'](request)
    const cal = found.calibration
    expect(cal, found.problems.join('; ')).not.toBeNull()
    // The lung case's axes as its generator drew them (../shared/cases/lung/truth.json,
    // "calibration"): time 0–36 months, 36 at x = 1370; survival 0–1, 1 at y = 60.
    expect(cal!.x2.value).toBe(36)
    expectClose(cal!.x2.px, 1370, { abs: 3 }, 'x2.px')
    expect(cal!.y2.value).toBe(1)
    expectClose(cal!.y2.py, 60, { abs: 3 }, 'y2.py')
    expect(cal!.yScale).toBe('proportion')
    // X1 and Y1 are other labelled ticks: on the figure's own axes (truth.json: 0 at x 240 and
    // y 760, 36 at x 1370, 1 at y 60).
    expectClose(cal!.x1.px, 240 + (cal!.x1.value / 36) * 1130, { abs: 3 }, 'x1.px')
    expectClose(cal!.y1.py, 760 - cal!.y1.value * 700, { abs: 3 }, 'y1.py')
    expect(found.x.verified && found.y.verified).toBe(true)
  }, 60_000)

  it('refuses bytes that are not an image, in one line, before any reading', async () => {
    await expect(reader.detect(Buffer.from('not a figure'), 'notes.png')).rejects.toThrow(
      /notes\.png/,
    )
  })

  it('reuses its engine for a second figure', async () => {
    const first = await reader.detect(figure, 'figure.png')
    const second = await reader.detect(figure, 'figure.png')
    expect(second.calibration).toEqual(first.calibration)
  }, 60_000)
})
