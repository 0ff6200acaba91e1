import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/shared/formats/inputError'
import { readIpdFile } from '../../src/shared/formats/ipdFile'
import { readPointsFile } from '../../src/shared/formats/pointsFile'
import { readRiskFile } from '../../src/shared/formats/riskFile'
import { parseTable } from '../../src/shared/formats/table'
import { expectAllFinite, fuzz, outcome } from './config'

type Delimiter = ',' | ';' | '\t' | ' '

interface Layout {
  delimiter: Delimiter
  decimalComma: boolean
  quote: boolean
  bom: boolean
  eol: '\n' | '\r\n' | '\r'
  finalEol: boolean
  blankLines: boolean
}

// Only the combinations the readers document: decimal commas need a delimiter other than the
// comma, and blank-separated files have no quoting.
const layoutArb: fc.Arbitrary<Layout> = fc
  .record({
    delimiter: fc.constantFrom<Delimiter>(',', ';', '\t', ' '),
    decimalComma: fc.boolean(),
    quote: fc.boolean(),
    bom: fc.boolean(),
    eol: fc.constantFrom<Layout['eol']>('\n', '\r\n', '\r'),
    finalEol: fc.boolean(),
    blankLines: fc.boolean(),
  })
  .map((l) => ({
    ...l,
    decimalComma: l.decimalComma && l.delimiter !== ',',
    quote: l.quote && l.delimiter !== ' ',
  }))

/** A number as a spreadsheet writes it: fixed decimals, or scientific notation. */
const numberTextArb = (min: number, max: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .tuple(fc.double({ min, max, noNaN: true }), fc.integer({ min: 0, max: 8 }))
      .map(([x, digits]) => x.toFixed(digits)),
    fc.double({ min, max, noNaN: true }).map((x) => x.toExponential(6)),
    fc.double({ min, max, noNaN: true }).map(String),
  )

function render(header: readonly string[] | null, rows: string[][], layout: Layout): string {
  const cell = (c: string) => {
    const text = layout.decimalComma ? c.replace('.', ',') : c
    return layout.quote ? `"${text}"` : text
  }
  const lines = [...(header ? [header] : []), ...rows].map((r) =>
    r.map(cell).join(layout.delimiter),
  )
  const body = layout.blankLines ? lines.flatMap((l) => [l, '']) : lines
  return (layout.bom ? '\uFEFF' : '') + body.join(layout.eol) + (layout.finalEol ? layout.eol : '')
}

/** Random edits of a text: characters inserted, deleted or replaced, lines repeated or dropped. */
const ALPHABET = '0123456789.,;\t "-+eE\n\r\uFEFFaNtime,surv'
function mutationsArb(text: string): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      ch: fc.oneof(fc.constantFrom(...ALPHABET), fc.string({ maxLength: 3 })),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      len: fc.integer({ min: 1, max: 4 }),
    }),
    fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      ch: fc.constantFrom(...ALPHABET),
    }),
    fc.record({ kind: fc.constant('line' as const), at: fc.nat(), drop: fc.boolean() }),
  )
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let s = text
    for (const e of edits) {
      const at = s.length === 0 ? 0 : e.at % (s.length + 1)
      if (e.kind === 'insert') s = s.slice(0, at) + e.ch + s.slice(at)
      else if (e.kind === 'delete') s = s.slice(0, at) + s.slice(at + e.len)
      else if (e.kind === 'replace') s = s.slice(0, at) + e.ch + s.slice(at + 1)
      else {
        const lines = s.split('\n')
        const i = e.at % lines.length
        if (e.drop) lines.splice(i, 1)
        else lines.splice(i, 0, lines[i])
        s = lines.join('\n')
      }
    }
    return s
  })
}

const pointsTableArb = fc.tuple(
  fc.array(fc.tuple(numberTextArb(0, 500), numberTextArb(0, 1)), { minLength: 1, maxLength: 30 }),
  fc.constantFrom(null, ['time', 'surv'], ['x', 'y'], ['Time', 'Survival']),
  layoutArb,
)

const riskTableArb = fc.tuple(
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 5000 })), {
      minLength: 1,
      maxLength: 15,
    })
    .map((rows) => {
      // Strictly increasing times, scaled to a figure's axis.
      let t = -1
      return rows.map(([dt, n]) => {
        t += dt
        return [(t / 1000).toString(), String(n)]
      })
    }),
  fc.constantFrom(null, ['time', 'n_risk'], ['t', 'at_risk']),
  layoutArb,
)

const labelArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,8}$/).map((s) => s.trim() || 'a')
const ipdTableArb = fc.tuple(
  fc.array(fc.tuple(numberTextArb(0, 200), fc.constantFrom('0', '1'), labelArb), {
    minLength: 1,
    maxLength: 40,
  }),
  fc.constantFrom(['time', 'event', 'arm'], ['time', 'status', 'study']),
  layoutArb,
)

const readers = {
  table: (text: string) => parseTable(text, 'f.csv'),
  points: (text: string) => readPointsFile(text, 'f.csv'),
  pointsPercent: (text: string) => readPointsFile(text, 'f.csv', 'percent'),
  pointsProportion: (text: string) => readPointsFile(text, 'f.csv', 'proportion'),
  risk: (text: string) => readRiskFile(text, 'f.csv'),
  ipd: (text: string) => readIpdFile(text, 'f.csv'),
}

/** Either finite output or an InputError with a one-line message; anything else fails. */
function checkAllReaders(text: string): void {
  for (const read of Object.values(readers)) {
    const result = outcome(() => read(text), [InputError])
    if (result.ok) expectAllFinite(result.value)
  }
}

describe('file readers under fuzzing', () => {
  it('never crash on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })),
        checkAllReaders,
      ),
      fuzz(400),
    )
  })

  it('never crash on text made of the characters of delimited files', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 120 }),
        checkAllReaders,
      ),
      fuzz(600),
    )
  })

  it('read every documented layout of a points file back exactly', () => {
    fc.assert(
      fc.property(pointsTableArb, ([rows, header, layout]) => {
        const f = readPointsFile(render(header, rows, layout), 'p.csv')
        expect(f.scale).toBe('proportion')
        expect(f.points).toEqual(rows.map(([t, s]) => ({ time: Number(t), surv: Number(s) })))
      }),
      fuzz(300),
    )
  })

  it('read every documented layout of a risk table back exactly', () => {
    fc.assert(
      fc.property(riskTableArb, ([rows, header, layout]) => {
        const f = readRiskFile(render(header, rows, layout), 'r.csv')
        expect(f.rows).toEqual(rows.map(([t, n]) => ({ time: Number(t), nRisk: Number(n) })))
      }),
      fuzz(300),
    )
  })

  it('read every documented layout of an IPD file back exactly', () => {
    fc.assert(
      fc.property(ipdTableArb, ([rows, header, layout]) => {
        const blank = layout.delimiter === ' '
        const kept = blank ? rows.map(([t, e, l]) => [t, e, l.replace(/\s/g, '_')]) : rows
        const records = readIpdFile(render(header, kept, layout), 'i.csv')
        const col = header[2] as 'arm' | 'study'
        expect(records.map((r) => [r.time, r.event, r[col]])).toEqual(
          kept.map(([t, e, l]) => [Number(t), Number(e), l]),
        )
      }),
      fuzz(300),
    )
  })

  it('read mutated points files to finite points or a one-line InputError', () => {
    const mutated = pointsTableArb.chain(([rows, header, layout]) =>
      mutationsArb(render(header, rows, layout)),
    )
    fc.assert(fc.property(mutated, checkAllReaders), fuzz(500))
  })

  it('read mutated risk tables to finite rows or a one-line InputError', () => {
    const mutated = riskTableArb.chain(([rows, header, layout]) =>
      mutationsArb(render(header, rows, layout)),
    )
    fc.assert(fc.property(mutated, checkAllReaders), fuzz(500))
  })

  it('read mutated IPD files to finite records or a one-line InputError', () => {
    const mutated = ipdTableArb.chain(([rows, header, layout]) =>
      mutationsArb(render(header, rows, layout)),
    )
    fc.assert(fc.property(mutated, checkAllReaders), fuzz(500))
  })

  it('keep their promises on whatever they accept', () => {
    const text = fc.oneof(
      riskTableArb.chain(([r, h, l]) => mutationsArb(render(h, r, l))),
      ipdTableArb.chain(([r, h, l]) => mutationsArb(render(h, r, l))),
    )
    fc.assert(
      fc.property(text, (t) => {
        const risk = outcome(() => readRiskFile(t, 'r.csv'), [InputError])
        if (risk.ok) {
          risk.value.rows.forEach((r, i) => {
            expect(Number.isInteger(r.nRisk) && r.nRisk >= 0 && r.time >= 0).toBe(true)
            if (i > 0) expect(r.time).toBeGreaterThan(risk.value.rows[i - 1].time)
          })
        }
        const ipd = outcome(() => readIpdFile(t, 'i.csv'), [InputError])
        if (ipd.ok) {
          for (const r of ipd.value)
            expect(r.time >= 0 && (r.event === 0 || r.event === 1)).toBe(true)
        }
      }),
      fuzz(400),
    )
  })
})
