import { describe, expect, it } from 'vitest'
import { type OcrRequest, detectAxes } from '../../src/shared/axes'
import type { OcrWord } from '../../src/shared/ocr/ocrWord'
import type { RgbaImage } from '../../src/shared/trace/types'
import { expectClose } from '../helpers/close'

/**
 * detectAxes with a stand-in for OCR: a drawn axis pair (lines, 1-px ticks, a block of ink where
 * each label is) and a reader that returns the texts the test chooses for each label, so each
 * safeguard is tried on exactly the misreading it is for.
 */
const X_TICKS = [50, 125, 200, 275, 350]
const Y_TICKS = [250, 190, 130, 70, 10]

/** `pointed`: each time label's ink is two digits with a decimal point between ("1.5"). */
function axesImage(pointed = false): RgbaImage {
  const width = 400
  const height = 320
  const data = new Uint8ClampedArray(width * height * 4).fill(255)
  const ink = (x: number, y: number, w: number, h: number) => {
    for (let j = y; j < y + h; j++)
      for (let i = x; i < x + w; i++) data.set([0, 0, 0], (j * width + i) * 4)
  }
  ink(50, 250, 301, 1) // time axis
  ink(50, 10, 1, 241) // survival axis
  for (const x of X_TICKS) {
    ink(x, 251, 1, 5)
    if (pointed) {
      ink(x - 5, 260, 3, 9)
      ink(x - 1, 267, 2, 2)
      ink(x + 2, 260, 4, 9)
    } else ink(x - 5, 260, 11, 9) // its label
  }
  for (const y of Y_TICKS) {
    ink(44, y, 6, 1)
    ink(28, y - 4, 12, 9)
  }
  ink(170, 280, 60, 9) // the axis title
  return { data, width, height }
}

/** A reader returning `x[k]` for the label under time tick k, `y[k]` beside survival tick k. */
function reader(
  x: (string | string[])[],
  y: (string | string[])[],
  title = 'Time (months)',
  confidence = 90,
) {
  const calls: number[] = []
  const read = async (req: OcrRequest): Promise<OcrWord[]> => {
    const { x: rx, y: ry, width, height } = req.region
    const cx = rx + width / 2
    const cy = ry + height / 2
    const word = (text: string, x0: number, y0: number): OcrWord => ({
      text,
      confidence,
      box: { x0, y0, x1: x0 + 10, y1: y0 + 9 },
    })
    if (!req.charWhitelist) return [word(title, 170, 280)]
    // Each label is read more than once; an array gives the readings in turn.
    const pick = (v: string | string[], k: number) => {
      calls[k] = (calls[k] ?? 0) + 1
      return Array.isArray(v) ? v[Math.min(calls[k], v.length) - 1] : v
    }
    if (cy > 255) {
      const k = X_TICKS.findIndex((t) => Math.abs(t + 0.5 - cx) < 30)
      const text = pick(x[k], k)
      return text ? [word(text, X_TICKS[k] - 4.5, 260)] : []
    }
    const k = Y_TICKS.findIndex((t) => Math.abs(t + 0.5 - cy) < 20)
    const text = pick(y[k], 100 + k)
    return text ? [word(text, 28, Y_TICKS[k] - 4)] : []
  }
  return read
}

const X = ['0', '12', '24', '36', '48']
const Y = ['0', '25', '50', '75', '100']

describe('detectAxes (OCR stood in for)', () => {
  it('fits every tick and names the time unit', async () => {
    const found = await detectAxes(axesImage(), reader(X, Y))
    expect(found.problems).toEqual([])
    const cal = found.calibration!
    // Pixel i is centred at i + ½: the tick at column 50 is at 50.5.
    expectClose(cal.x1.px, 50.5, {}, 'x1')
    expectClose(cal.x2.px, 350.5, {}, 'x2')
    expect([cal.x1.value, cal.x2.value]).toEqual([0, 48])
    expectClose(cal.y1.py, 250.5, {}, 'y1')
    expectClose(cal.y2.py, 10.5, {}, 'y2')
    expect([cal.y1.value, cal.y2.value, cal.yScale, cal.timeUnit]).toEqual([
      0,
      100,
      'percent',
      'months',
    ])
    expect(found.x).toEqual({
      verified: true,
      scale: 'linear',
      ticks: 5,
      labels: 5,
      maxResidual: 0,
      confidence: 1,
    })
  })

  it('leaves out a label that does not fit the others, and says so', async () => {
    const found = await detectAxes(axesImage(), reader(['0', '12', '29', '36', '48'], Y))
    expect(found.calibration).not.toBeNull()
    expect(found.x.labels).toBe(4)
    expect(found.problems).toEqual([
      'the label "29" under the tick at x=201 px does not fit the other labels: left out',
    ])
  })

  it('uses no label whose readings disagree', async () => {
    // Read "24", then "29" and "27": no two agree.
    const found = await detectAxes(
      axesImage(),
      reader(['0', '12', ['24', '29', '27'], '36', '48'], Y),
    )
    expect(found.x.labels).toBe(4)
    expect(found.problems[0]).toBe(
      'could not read the label under the tick at x=201 px for sure (read "24" and "29")',
    )
  })

  it('takes a label two of three readings agree on', async () => {
    const found = await detectAxes(
      axesImage(),
      reader(['0', '12', ['24', '29', '24'], '36', '48'], Y),
    )
    expect(found.x.labels).toBe(5)
    expect(found.problems).toEqual([])
  })

  it('refuses a survival axis that reads as neither proportion nor percentage', async () => {
    // "0.0" … "0.8" with every point dropped (as "00" is not a number, its "0"): 0, 2, … 8 agree.
    const found = await detectAxes(axesImage(), reader(X, ['0', '2', '4', '6', '8']))
    expect(found.calibration).toBeNull()
    expect(found.problems.join(' ')).toMatch(/survival axis reads up to 8: neither/)
    expect([found.x.verified, found.y.verified]).toEqual([true, false])
  })

  it('refuses an axis with fewer than three labels that agree', async () => {
    const found = await detectAxes(axesImage(), reader(['0', '', '', '', '48'], Y))
    expect(found.calibration).toBeNull()
    expect([found.x.verified, found.y.verified]).toEqual([false, true])
    expect(found.problems).toContain('could not read the label under the tick at x=126 px')
  })

  it('refuses a time axis whose labels fall from left to right (a risk table row)', async () => {
    const found = await detectAxes(axesImage(), reader(['48', '36', '24', '12', '0'], Y))
    expect(found.calibration).toBeNull()
    expect(found.problems.join(' ')).toMatch(/do not grow in the axis's direction/)
  })
})

describe('detectAxes reads a label once when its first reading is sure and fits', () => {
  /** How many times each time label was read, counting the requests under the time axis. */
  const counting = (read: (req: OcrRequest) => Promise<OcrWord[]>) => {
    const times = new Map<number, number>()
    const wrapped = (req: OcrRequest) => {
      if (req.charWhitelist && req.region.y > 255) {
        const k = X_TICKS.findIndex(
          (t) => Math.abs(t + 0.5 - (req.region.x + req.region.width / 2)) < 30,
        )
        times.set(k, (times.get(k) ?? 0) + 1)
      }
      return read(req)
    }
    return { times, wrapped }
  }

  it('takes a sure first reading that fits the others without a second one', async () => {
    // Read "24" (95% sure), then it would be "29": the first, fitting 0 12 _ 36 48, stands.
    const { times, wrapped } = counting(
      reader(['0', '12', ['24', '29', '29'], '36', '48'], Y, 'Time (months)', 95),
    )
    const found = await detectAxes(axesImage(), wrapped)
    expect(found.problems).toEqual([])
    expect(found.x.labels).toBe(5)
    expect([...times.values()]).toEqual([1, 1, 1, 1, 1])
  })

  it('reads twice a sure first reading that does not fit, and one just under sure', async () => {
    const { times, wrapped } = counting(
      reader(['0', '12', ['29', '24', '24'], '36', '48'], Y, 'Time (months)', 95),
    )
    const found = await detectAxes(axesImage(), wrapped)
    expect(found.x.labels).toBe(5)
    expect(times.get(2)).toBe(3)
    const under = counting(reader(X, Y, 'Time (months)', 94.9))
    await detectAxes(axesImage(), under.wrapped)
    expect([...under.times.values()]).toEqual([2, 2, 2, 2, 2])
  })

  it('reads every label twice when one first reading has a leading zero, or a point its ink lacks', async () => {
    for (const text of ['0.5', '05']) {
      const { times, wrapped } = counting(
        reader(['0', text, '24', '36', '48'], Y, 'Time (months)', 99),
      )
      await detectAxes(axesImage(), wrapped)
      expect([...times.values()], text).toEqual([2, 2, 2, 2, 2])
    }
  })

  it('takes sure decimal readings alone when the ink shows their points', async () => {
    const { times, wrapped } = counting(
      reader(['0.0', '1.5', '3.0', '4.5', '6.0'], Y, 'Time (months)', 99),
    )
    const found = await detectAxes(axesImage(true), wrapped)
    expect(found.problems).toEqual([])
    expect(found.calibration!.x2.value).toBe(6)
    expect([...times.values()]).toEqual([1, 1, 1, 1, 1])
  })

  it('"0 15 30 45 60" read sure from "0 1.5 3.0 4.5 6.0": the points in the ink ask for second readings', async () => {
    // The second and third readings keep the points and agree: the axis is read as printed, not
    // 10× off.
    const x = [
      ['0', '0', '0'],
      ['15', '1.5', '1.5'],
      ['30', '3.0', '3.0'],
      ['45', '4.5', '4.5'],
      ['60', '6.0', '6.0'],
    ]
    const found = await detectAxes(axesImage(true), reader(x, Y, 'Time (months)', 99))
    expect(found.problems).toEqual([])
    expect(found.calibration!.x2.value).toBe(6)
  })
})

describe('detectAxes refuses labels whose decimal points OCR dropped', () => {
  it('"0 05 10 15 20" (0 0.5 1.0 1.5 2.0): a leading zero gives it away', async () => {
    const found = await detectAxes(axesImage(), reader(['0', '05', '10', '15', '20'], Y))
    expect(found.calibration).toBeNull()
    expect(found.x.verified).toBe(false)
    expect(found.problems.join(' ')).toContain(
      'the time (x) axis\'s labels look like they lost their decimal points ("05" under the tick at x=126 px): not calibrated; calibrate it by hand',
    )
  })

  it('"0 0.5 10 15 20": the one label read with its point fits only at 10×', async () => {
    const found = await detectAxes(axesImage(), reader(['0', '0.5', '10', '15', '20'], Y))
    expect(found.calibration).toBeNull()
    expect(found.problems.join(' ')).toMatch(
      /"0\.5" under the tick at x=126 px fits the others only at 10× its value/,
    )
  })

  it('a label read with its point that fits nowhere is only left out', async () => {
    // "2.9" is 29 at 10×, and 29 does not fit 0, 12, 24, 36, 48 either.
    const found = await detectAxes(axesImage(), reader(['0', '12', '2.9', '36', '48'], Y))
    expect(found.calibration).not.toBeNull()
  })
})

describe('detectAxes keeps an axis whose fitted labels show their points', () => {
  it('"0.0 02 0.4 0.6 0.8" (one point dropped): the label is left out, the axis kept', async () => {
    const found = await detectAxes(axesImage(), reader(X, ['0.0', '02', '0.4', '0.6', '0.8']))
    expect(found.calibration).not.toBeNull()
    expect(found.y.labels).toBe(4)
  })
})

describe('detectAxes with the strip under the time axis read by its caller', () => {
  const word = (text: string, x0: number, y0: number): OcrWord => ({
    text,
    confidence: 90,
    box: { x0, y0, x1: x0 + 40, y1: y0 + 9 },
  })
  /** A reader that fails any sparse request: the title must come from the strip's words. */
  const labelsOnly = (req: OcrRequest) => {
    if (!req.charWhitelist) throw new Error(`read again: ${JSON.stringify(req.region)}`)
    return reader(X, Y)(req)
  }

  it('finds the time unit among the strip words in the title lines, asking for the axis line', async () => {
    const lines: number[] = []
    const found = await detectAxes(axesImage(), labelsOnly, {
      wordsBelowAxis: async (axisLine) => {
        lines.push(axisLine)
        return [word('0', 45, 260), word('Time (years)', 170, 280)]
      },
    })
    expect(found.problems).toEqual([])
    expect(found.calibration!.timeUnit).toBe('years')
    // Asked once, for the line the calibration puts the time axis on: the line the risk table's
    // strip starts at (riskTableOcr's tableTop), so that one reading serves both.
    const { x1, x2 } = found.calibration!
    expect(lines).toEqual([Math.floor(Math.max(x1.py, x2.py))])
  })

  it('names no unit from a word of the strip outside the title lines (a table row, a far column)', async () => {
    const found = await detectAxes(axesImage(), labelsOnly, {
      wordsBelowAxis: async () => [
        // Below the title's lines: a table's header or a row's label.
        word('Months since randomisation', 170, 312),
        // Right of the last tick's step, in the title's line.
        word('Weeks', 445, 280),
      ],
    })
    expect(found.calibration).not.toBeNull()
    expect(found.calibration!.timeUnit).toBeUndefined()
  })
})
