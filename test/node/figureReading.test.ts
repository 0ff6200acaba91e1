/**
 * readFigureStudy reads the strip under the time axis once, for the axes' time unit and the risk
 * table's layout: the risk table it gives is the one read alone, and a strip read from another
 * line is never reused. A generated figure (development seed) read with the real OCR engine,
 * every request recorded.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { readFigureStudy } from '../../src/node/figureReading'
import { type RecognizeOptions, openOcr } from '../../src/node/ocr'
import { readRiskTableImage, tableTop } from '../../src/node/riskTableOcr'
import { parseCalibration } from '../../src/shared/trace'
import type { RgbaImage } from '../../src/shared/trace/types'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'

const fig = renderKmFigure({
  ...styledFigureSpec(11, 'jco', { riskTable: true }),
  width: 1400,
  height: 1000,
  jpeg: null,
})
const engine = openOcr()
afterAll(() => engine.close())

/** The engine, with every request it is given kept. */
function recording() {
  const requests: RecognizeOptions[] = []
  return {
    requests,
    sparse: () => requests.filter((r) => (r.mode ?? 'sparse') === 'sparse'),
    ocr: {
      recognizeWords(image: RgbaImage | Buffer, opts: RecognizeOptions = {}) {
        requests.push(opts)
        return engine.recognizeWords(image, opts)
      },
    },
  }
}

describe('the strip under the time axis, read once', () => {
  it('serves the time unit and the risk table, which reads as it does alone', async () => {
    const rec = recording()
    const got = await readFigureStudy(rec.ocr, fig.file, 'f.png', fig.image, null)
    const cal = parseCalibration(got.calibration)
    expect(got.calibration.timeUnit).toBe('months')
    // One sparse page: the whole width, from the axis line the calibration was read on down.
    const top = tableTop(cal)
    expect(rec.sparse().map((r) => r.region)).toEqual([
      { x: 0, y: top, width: fig.image.width, height: fig.image.height - top },
    ])
    const alone = await readRiskTableImage(engine, fig.image, cal)
    expect(got.table).toEqual(alone)
    expect(got.table.arms.map((a) => a.cells.length)).toEqual(fig.arms.map((a) => a.risk.length))
  }, 120_000)

  it('is read again from the line of a calibration given, not reused from an earlier figure', async () => {
    const rec = recording()
    // The generator's calibration, its axis line a few pixels off the drawn one.
    const given = parseCalibration({
      ...fig.calibration,
      x1: { ...fig.calibration.x1, py: fig.calibration.x1.py + 6 },
      x2: { ...fig.calibration.x2, py: fig.calibration.x2.py + 6 },
    })
    await readFigureStudy(rec.ocr, fig.file, 'f.png', fig.image, given)
    const top = tableTop(given)
    expect(rec.sparse().map((r) => r.region?.y)).toEqual([top])
  }, 120_000)
})
