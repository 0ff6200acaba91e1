import { describe, expect, it } from 'vitest'
import type { AxesCalibration } from '../../src/shared/calibration/axes'
import type { OcrWord } from '../../src/shared/ocr/ocrWord'
import { readRiskTable, settleRiskTable, slotKey } from '../../src/shared/riskTable/readRiskTable'
import { layoutRiskTable } from '../../src/shared/riskTable/tableLayout'
import { LUNG_CALIBRATION, LUNG_TICKS, LUNG_WORDS, lungX, phrase, word } from './words'

const cellsOf = (arm: { cells: { time: number; nRisk: number }[] }) =>
  arm.cells.map((c) => [c.time, c.nRisk])
const codes = (arm: { problems: { code: string; time?: number }[] }) =>
  arm.problems.map((p) => [p.code, p.time])

/** Tick labels under the lung axis, a header and one word row per arm (label + numbers). */
function table(
  rows: { label: string; numbers: (string | null)[] }[],
  opts: { ticks?: boolean; header?: string } = {},
): OcrWord[] {
  const words: OcrWord[] = []
  if (opts.ticks !== false) LUNG_TICKS.forEach((t) => words.push(word(String(t), lungX(t), 805)))
  words.push(...phrase('Time (months)', 714, 840))
  if (opts.header !== '') words.push(...phrase(opts.header ?? 'Number at risk', 150, 885))
  rows.forEach((row, r) => {
    const y = 918 + 33 * r
    words.push(...phrase(row.label, 60, y))
    row.numbers.forEach((n, k) => {
      if (n !== null) words.push(word(n, lungX(LUNG_TICKS[k]), y))
    })
  })
  return words
}

describe('readRiskTable on the lung figure as tesseract read it', () => {
  const reading = readRiskTable(LUNG_WORDS, LUNG_CALIBRATION)

  it('finds the ticks from the axis labels, the header and both arms with their labels', () => {
    expect(reading.times).toEqual(LUNG_TICKS)
    expect(reading.timesFrom).toBe('axis-labels')
    expect(reading.header).toBe('Number at risk')
    expect(reading.arms.map((a) => a.label)).toEqual(['Female', 'Male'])
  })

  it('reads the numbers under their ticks', () => {
    expect(cellsOf(reading.arms[0])).toEqual([
      [0, 90],
      [6, 70],
      [12, 30],
      [18, 15],
    ])
    expect(cellsOf(reading.arms[1])).toEqual([
      [0, 138],
      [6, 86],
      [12, 35],
      [18, 17],
    ])
  })

  it('reports the cells the engine dropped, with their place, instead of guessing them', () => {
    for (const arm of reading.arms) {
      expect(codes(arm)).toEqual([
        ['missing', 24],
        ['missing', 30],
        ['missing', 36],
      ])
    }
    const at30 = reading.arms[1].problems[1]
    // Under the tick at 30 months (x = 1181.7) on the Male row (y 943–958).
    expect(at30.box.x0).toBeLessThan(lungX(30))
    expect(at30.box.x1).toBeGreaterThan(lungX(30))
    expect(at30.box.y0).toBeLessThanOrEqual(943)
    expect(at30.box.y1).toBeGreaterThanOrEqual(958)
  })

  it('takes further readings of a dropped cell when they agree', () => {
    const layout = layoutRiskTable(LUNG_WORDS, LUNG_CALIBRATION)
    const s24 = layout.rows[0].slots.findIndex((s) => s.time === 24)
    const six = word('6', lungX(24), 918)
    const rereads = new Map([[slotKey(0, s24), [[six], [six]]]])
    const settled = settleRiskTable(layout, rereads)
    expect(cellsOf(settled.arms[0])).toContainEqual([24, 6])
    // The other cells had one reading each and still stand.
    expect(cellsOf(settled.arms[0])).toContainEqual([0, 90])
  })
})

describe('readRiskTable on synthetic tables', () => {
  it('does not take the digit of a label ("Arm 1") for a number', () => {
    const r = readRiskTable(
      table([
        { label: 'Arm 1', numbers: ['90', '70', '30', '15', '6', '1', '0'] },
        { label: 'Arm 2', numbers: ['88', '60', '31', '10', '5', '2', '0'] },
      ]),
      LUNG_CALIBRATION,
    )
    expect(r.arms.map((a) => a.label)).toEqual(['Arm 1', 'Arm 2'])
    expect(r.arms[0].cells.map((c) => c.nRisk)).toEqual([90, 70, 30, 15, 6, 1, 0])
    expect(r.arms[0].problems).toEqual([])
  })

  it('reports a misread cell ("1O", "—") with its time and place, and leaves it out', () => {
    const r = readRiskTable(
      table([{ label: 'A', numbers: ['90', '7O', '30', '—', '6', '1', '0'] }]),
      LUNG_CALIBRATION,
    )
    expect(cellsOf(r.arms[0]).map(([t]) => t)).toEqual([0, 12, 24, 30, 36])
    expect(codes(r.arms[0])).toEqual([
      ['not-a-number', 6],
      ['not-a-number', 18],
    ])
    expect(r.arms[0].problems[0].text).toBe('7O')
    expect(r.arms[0].problems[0].box.x0).toBeLessThan(lungX(6))
  })

  it('flags a row whose numbers rise, and numbers above the arm’s N', () => {
    const r = readRiskTable(
      table([
        { label: 'A', numbers: ['90', '70', '80', '15', '6', '1', '0'] },
        { label: 'B', numbers: ['138', '86', '35', '17', '7', '2', '0'] },
      ]),
      LUNG_CALIBRATION,
      { totalN: [90, 120] },
    )
    expect(codes(r.arms[0])).toEqual([
      ['rises', 6],
      ['rises', 12],
    ])
    expect(codes(r.arms[1])).toEqual([['exceeds-n', 0]])
    // Flagged, still read: the number is what the figure prints.
    expect(cellsOf(r.arms[0])).toContainEqual([12, 80])
  })

  it('reads thousands and parenthesised counts, kept beside the number at risk', () => {
    const words = table(
      [{ label: 'A', numbers: ['1,234', '1,020', '800', null, null, null, null] }],
      { header: 'Number at risk (number censored)' },
    )
    // "800 (12)" as two words, a space apart, centred together under 12 months.
    words.push(word('(12)', lungX(12) + 24, 918))
    const r = readRiskTable(
      words.map((w) => (w.text === '800' ? word('800', lungX(12) - 10, 918) : w)),
      LUNG_CALIBRATION,
    )
    expect(r.header).toBe('Number at risk (number censored)')
    expect(r.arms[0].cells.map((c) => [c.time, c.nRisk, c.inParentheses])).toEqual([
      [0, 1234, undefined],
      [6, 1020, undefined],
      [12, 800, 12],
    ])
  })

  it('reports two numbers under one tick and a number between ticks', () => {
    const words = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', '0'] }])
    words.push(word('44', (lungX(6) + lungX(12)) / 2, 918))
    words.push(word('12', lungX(18) + 25, 918, 95))
    const r = readRiskTable(
      words.filter((w) => !(w.text === '15' && w.box.y0 > 900)),
      LUNG_CALIBRATION,
    )
    expect(codes(r.arms[0])).toEqual([
      ['stray', undefined],
      ['stray', undefined],
      ['missing', 18],
    ])
    const words2 = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', '0'] }])
    words2.push(word('3', lungX(18) + 17, 918))
    const r2 = readRiskTable(words2, LUNG_CALIBRATION)
    expect(codes(r2.arms[0])).toEqual([['two-numbers', 18]])
  })

  it('completes evenly spaced tick labels the engine dropped (the "0")', () => {
    const words = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', '0'] }]).filter(
      (w) => !(w.text === '0' && w.box.y0 < 820),
    )
    const r = readRiskTable(words, LUNG_CALIBRATION)
    expect(r.times).toEqual(LUNG_TICKS)
    expect(cellsOf(r.arms[0])[0]).toEqual([0, 90])
  })

  it('without tick labels, keeps the ticks of the calibration’s spacing that have numbers', () => {
    const words = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', '0'] }], {
      ticks: false,
    })
    const r = readRiskTable(words, LUNG_CALIBRATION)
    expect(r.timesFrom).toBe('calibration')
    expect(r.times).toEqual(LUNG_TICKS)
    expect(r.arms[0].problems).toEqual([])
  })

  it('uses the tick times it is given', () => {
    const words = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', null] }])
    const r = readRiskTable(words, LUNG_CALIBRATION, { tickTimes: LUNG_TICKS })
    expect(r.timesFrom).toBe('given')
    expect(codes(r.arms[0])).toEqual([['missing', 36]])
  })

  it('skips the time axis repeated under the table (survminer)', () => {
    const words = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', '0'] }])
    LUNG_TICKS.forEach((t) => words.push(word(String(t), lungX(t), 980)))
    const r = readRiskTable(words, LUNG_CALIBRATION)
    expect(r.arms).toHaveLength(1)
  })

  it('finds no table where there is none', () => {
    const words = LUNG_WORDS.filter((w) => w.box.y0 < 870)
    const r = readRiskTable(words, LUNG_CALIBRATION)
    expect(r.arms).toEqual([])
  })

  it('maps columns through a calibration whose x axis does not start at pixel 0', () => {
    // The same table on an axis 100 pixels to the right and scaled ×0.5: 0–36 over 565 pixels.
    const cal: AxesCalibration = {
      ...LUNG_CALIBRATION,
      x1: { px: 340, py: 760, value: 0 },
      x2: { px: 905, py: 760, value: 36 },
    }
    const x = (t: number) => 340 + (565 * t) / 36
    const words = [
      ...LUNG_TICKS.map((t) => word(String(t), x(t), 805)),
      ...phrase('Arm', 200, 918),
      ...['90', '70', '30', '15', '6', '1', '0'].map((n, k) => word(n, x(LUNG_TICKS[k]), 918)),
    ]
    const r = readRiskTable(words, cal)
    expect(cellsOf(r.arms[0])).toEqual(LUNG_TICKS.map((t, k) => [t, [90, 70, 30, 15, 6, 1, 0][k]]))
  })
})

describe('the axis’s tick labels', () => {
  it('are not taken for an arm when some of them are misread', () => {
    // "0 6 12 18 24 30 36" read as "0 6 l2 18 2A 80 33": four of seven wrong.
    const words = [
      ...['0', '6', 'l2', '18', '2A', '80', '33'].map((t, k) => word(t, lungX(LUNG_TICKS[k]), 805)),
      ...phrase('Arm', 60, 918),
      ...['90', '70', '30', '15', '6', '1', '0'].map((n, k) => word(n, lungX(LUNG_TICKS[k]), 918)),
    ]
    const r = readRiskTable(words, LUNG_CALIBRATION)
    expect(r.arms.map((a) => a.label)).toEqual(['Arm'])
  })

  it('are not taken for an arm when most of them are misread, if two are their own times', () => {
    // Tiny text: "0 6 12 18 24 30 36" read as "8 6 l2 18 2A 80 33", the lone "0" lost.
    const words = [
      ...['8', '6', 'l2', '18', '2A', '80', '33'].map((t, k) => word(t, lungX(LUNG_TICKS[k]), 805)),
      ...phrase('Arm', 60, 918),
      ...['90', '70', '30', '15', '6', '1', '0'].map((n, k) => word(n, lungX(LUNG_TICKS[k]), 918)),
    ]
    const r = readRiskTable(words, LUNG_CALIBRATION, { tickTimes: LUNG_TICKS })
    expect(r.arms.map((a) => a.label)).toEqual(['Arm'])
    // Noise by the axis read as words before them, and three of them their own times.
    const noisy = [...words, ...phrase('ew Ty', 60, 805)].map((w) =>
      w.text === 'l2' ? word('12', w.box.x0 + 8.4, 805) : w,
    )
    const r2 = readRiskTable(noisy, LUNG_CALIBRATION, { tickTimes: LUNG_TICKS })
    expect(r2.arms.map((a) => a.label)).toEqual(['Arm'])
  })
})

describe('a table whose numbers stand beside their ticks (NEJM)', () => {
  it('finds the common shift and reads every number under its tick', () => {
    // Right-aligned 30 px right of each tick: no number covers its tick.
    const right = (text: string, t: number, y: number) => {
      const w = word(text, 0, y)
      const width = w.box.x1 - w.box.x0
      return word(text, lungX(t) + 30 - width / 2, y)
    }
    const words = [
      ...LUNG_TICKS.map((t) => word(String(t), lungX(t), 805)),
      ...phrase('Radiotherapy', 20, 918),
      ...['213', '122', '80', '51', '30', '10', '1'].map((n, k) => right(n, LUNG_TICKS[k], 918)),
      ...phrase('Cetuximab', 20, 951),
      ...['211', '143', '101', '66', '35', '9', '2'].map((n, k) => right(n, LUNG_TICKS[k], 951)),
    ]
    const r = readRiskTable(words, LUNG_CALIBRATION)
    expect(r.arms.map((a) => a.label)).toEqual(['Radiotherapy', 'Cetuximab'])
    expect(r.arms[0].cells.map((c) => c.nRisk)).toEqual([213, 122, 80, 51, 30, 10, 1])
    expect(r.arms[1].cells.map((c) => c.time)).toEqual(LUNG_TICKS)
    expect(r.arms.flatMap((a) => a.problems)).toEqual([])
  })
})

describe('the axis’s tick labels read again cell by cell', () => {
  it('are dropped when two or more of their settled numbers are their own times', () => {
    // The first reading missed the labels ("8 6 l2 I8 2A 80 33": one is its time), so the row
    // was laid out as an arm; read again, the cells are the tick times.
    const words = [
      ...['8', '6', 'l2', 'I8', '2A', '80', '33'].map((t, k) => word(t, lungX(LUNG_TICKS[k]), 805)),
      ...phrase('Arm', 60, 918),
      ...['90', '70', '30', '15', '6', '1', '0'].map((n, k) => word(n, lungX(LUNG_TICKS[k]), 918)),
    ]
    const layout = layoutRiskTable(words, LUNG_CALIBRATION, { tickTimes: LUNG_TICKS })
    expect(layout.rows).toHaveLength(2)
    const rereads = new Map(
      LUNG_TICKS.map((t, s) => {
        const w = word(t === 36 ? '30' : String(t), lungX(t), 805)
        return [slotKey(0, s), [[w], [w]]] as const
      }),
    )
    const r = settleRiskTable(layout, rereads)
    expect(r.arms.map((a) => a.label)).toEqual(['Arm'])
    // The cells whose readings agreed (the first reading's "8", "80" and "33" disagree).
    expect(r.ignored.map((i) => i.text)).toContainEqual('6 12 18 24')
  })
})

describe('a last column whose label and numbers the first reading all lost', () => {
  // Every lone "0" under 36 dropped, and the "36" label with them.
  const words = table([
    { label: 'Female', numbers: ['90', '70', '30', '15', '6', '1', null] },
    { label: 'Male', numbers: ['138', '86', '35', '17', '7', '2', null] },
  ]).filter((w) => !(w.text === '36' && w.box.y0 < 820))
  /** A white figure with ink where the numbers under 36 are printed, or none. */
  const figure = (inked: boolean) => {
    const width = 1400
    const height = 1000
    const data = new Uint8ClampedArray(width * height * 4).fill(255)
    if (inked) {
      for (const yc of [918, 951]) {
        for (let y = yc - 6; y < yc + 6; y++) {
          for (let x = Math.round(lungX(36)) - 4; x < lungX(36) + 4; x++) {
            data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3)
          }
        }
      }
    }
    return { data, width, height }
  }

  it('is kept up to the axis’s end where there is ink, and its cells reported', () => {
    const r = readRiskTable(words, LUNG_CALIBRATION, { image: figure(true) })
    expect(r.times).toEqual(LUNG_TICKS)
    for (const arm of r.arms) expect(codes(arm)).toContainEqual(['missing', 36])
  })

  it('is not added where no row has ink', () => {
    const r = readRiskTable(words, LUNG_CALIBRATION, { image: figure(false) })
    expect(r.times).toEqual(LUNG_TICKS.slice(0, -1))
  })
})

describe('a number whose readings all lost a digit', () => {
  it('is reported when ink of its cell lies outside the number read', () => {
    // "331" in pale ink under 24 (which the first reading dropped), read "31" by both readings: its first "3" is left of the box.
    const layout = layoutRiskTable(LUNG_WORDS, LUNG_CALIBRATION)
    const s24 = layout.rows[0].slots.findIndex((s) => s.time === 24)
    const read = word('31', lungX(24) + 4, 918)
    const rereads = new Map([[slotKey(0, s24), [[read], [read]]]])
    const whole = { x0: read.box.x0 - 9, x1: read.box.x1 }
    const lost = settleRiskTable(
      layout,
      rereads,
      {},
      new Map(),
      new Map([[slotKey(0, s24), whole]]),
    )
    expect(cellsOf(lost.arms[0])).not.toContainEqual([24, 31])
    expect(codes(lost.arms[0])).toContainEqual(['disagree', 24])
    // The same reading whose box covers the ink is taken.
    const covered = { x0: read.box.x0 - 1, x1: read.box.x1 + 1 }
    const kept = settleRiskTable(
      layout,
      rereads,
      {},
      new Map(),
      new Map([[slotKey(0, s24), covered]]),
    )
    expect(cellsOf(kept.arms[0])).toContainEqual([24, 31])
  })
})

describe('tick labels of which every other one was lost', () => {
  it('are completed to the ticks the numbers stand under, halfway between them', () => {
    // "0 6 12 18 24 30 36" read as "0 12 24 36": a step of 12, but numbers stand under 6, 18, 30.
    const words = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', '0'] }]).filter(
      (w) => !(w.box.y0 < 820 && ['6', '18', '30'].includes(w.text)),
    )
    const r = readRiskTable(words, LUNG_CALIBRATION)
    expect(r.times).toEqual(LUNG_TICKS)
    expect(cellsOf(r.arms[0])).toEqual(LUNG_TICKS.map((t, k) => [t, [90, 70, 30, 15, 6, 1, 0][k]]))
    expect(r.arms[0].problems).toEqual([])
  })
})

describe('tick labels of which two of every three were lost', () => {
  it('are completed to the ticks the numbers stand under, a third of the step apart', () => {
    // "0 6 12 18 24 30 36" read as "0 18 36": a step of 18, but numbers stand every 6.
    const words = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', '0'] }]).filter(
      (w) => !(w.box.y0 < 820 && ['6', '12', '24', '30'].includes(w.text)),
    )
    const r = readRiskTable(words, LUNG_CALIBRATION)
    expect(r.times).toEqual(LUNG_TICKS)
    expect(cellsOf(r.arms[0])).toEqual(LUNG_TICKS.map((t, k) => [t, [90, 70, 30, 15, 6, 1, 0][k]]))
  })

  it('are not divided for numbers that stand under only some of the finer ticks', () => {
    // Two numbers between ticks (under 9 and 19 of a grid of 1): stray, not a finer grid.
    const words = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', '0'] }])
    words.push(word('44', (lungX(6) + lungX(12)) / 2, 951), word('12', lungX(18) + 25, 951))
    expect(readRiskTable(words, LUNG_CALIBRATION).times).toEqual(LUNG_TICKS)
  })
})

describe('a number read as letters just right of the label ("dD" for a blurred "75")', () => {
  it('is a cell read again, not the label’s last word', () => {
    const words = table([{ label: 'Arm B', numbers: [null, '47', '24', '13', '5', '0', '0'] }])
    words.push(word('dD', lungX(0), 918))
    const layout = layoutRiskTable(words, LUNG_CALIBRATION)
    expect(layout.rows[0].label).toBe('Arm B')
    expect(layout.rows[0].slots[0].words.map((w) => w.text)).toEqual(['dD'])
    const r = readRiskTable(words, LUNG_CALIBRATION)
    expect(codes(r.arms[0])).toEqual([['not-a-number', 0]])
  })
})

describe('a cell whose readings disagree, one of them on a number the row rules out', () => {
  it('is settled on the number the row allows, read surely and most often', () => {
    const words = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', '0'] }])
    const layout = layoutRiskTable(words, LUNG_CALIBRATION)
    const at12 = (text: string) => [word(text, lungX(12), 918)]
    const s12 = layout.rows[0].slots.findIndex((s) => s.time === 12)
    // "30" read "80" once: more than the 70 before it.
    const r = settleRiskTable(layout, new Map([[slotKey(0, s12), [at12('80'), at12('30')]]]))
    expect(cellsOf(r.arms[0])).toContainEqual([12, 30])
    expect(codes(r.arms[0])).toEqual([])
    // "30" read "20" once: both fall between 70 and 15, so it stays unread.
    const both = settleRiskTable(layout, new Map([[slotKey(0, s12), [at12('20'), at12('30')]]]))
    expect(codes(both.arms[0])).toEqual([['disagree', 12]])
  })
})

describe('a cell read alike by all its readings but one unsure one', () => {
  it('is settled when a black-and-white reading is among the others, else reported', () => {
    const words = table([{ label: 'A', numbers: ['90', '70', '30', '15', '6', '1', '0'] }])
    const layout = layoutRiskTable(words, LUNG_CALIBRATION)
    const at12 = (text: string, confidence = 95) => [word(text, lungX(12), 918, confidence)]
    const s12 = layout.rows[0].slots.findIndex((s) => s.time === 12)
    // "30" read "36" once, unsurely; 36 and 30 both fall between 70 and 15.
    const rereads = new Map([[slotKey(0, s12), [at12('36', 78), at12('30'), at12('30')]]])
    const withBw = settleRiskTable(
      layout,
      rereads,
      {},
      new Map(),
      new Map(),
      new Map([[slotKey(0, s12), [false, false, true]]]),
    )
    expect(cellsOf(withBw.arms[0])).toContainEqual([12, 30])
    expect(codes(withBw.arms[0])).toEqual([])
    const greyOnly = settleRiskTable(layout, rereads)
    expect(codes(greyOnly.arms[0])).toEqual([['disagree', 12]])
  })
})
