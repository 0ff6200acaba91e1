import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { fromWire, structuredCodec, toWire } from '../e2e/structuredCodec'

/**
 * The e2e bridge's codec (test/e2e/structuredCodec.ts): a value crosses it as Electron's IPC
 * delivers it, the structured clone of the value, so that a serialisation bug in the app shows in
 * the e2e tests as it would in Electron.
 */
const across = (value: unknown) => fromWire(toWire(value))

/** A payload with every kind of value structured clone keeps and JSON loses. */
function payload() {
  const shared = { id: 'shared' }
  const bytes = new Uint8Array([0, 1, 127, 128, 255])
  const value: Record<string, unknown> = {
    points: new Float64Array([0, 0.1 + 0.2, -1e-300, NaN, Infinity]),
    // A view into the middle of a larger buffer: only its own bytes are its contents.
    window: new Int32Array(new Int32Array([9, -2, 3, 9]).buffer, 4, 2),
    bytes,
    raw: new Uint16Array([1, 65535]).buffer,
    missing: undefined,
    nested: { deeper: [{ at: new Date(Date.UTC(2026, 11, 6, 1, 2, 3, 4)), gone: undefined }] },
    invalidDate: new Date(NaN),
    numbers: [NaN, -0, Infinity, -Infinity, 2 ** 53 + 2, 5e-324],
    big: 12345678901234567890n,
    map: new Map<unknown, unknown>([
      ['a', 1],
      [shared, new Set([1, 'two', undefined])],
    ]),
    pattern: /km(pool)?/giu,
    lookalike: { $t: 'Date', v: 0 },
    holder: { first: shared, second: shared },
  }
  value.self = value
  return value
}

describe('the e2e bridge carries a value as Electron IPC does (structured clone)', () => {
  it('round-trips typed arrays, undefined fields, Dates, Maps, Sets and odd numbers', () => {
    const original = payload()
    const back = across(original) as Record<string, unknown>
    expect(back).toStrictEqual(structuredClone(original))
    expect(back.points).toBeInstanceOf(Float64Array)
    expect(Array.from(back.points as Float64Array)).toEqual([0, 0.1 + 0.2, -1e-300, NaN, Infinity])
    expect(back.window).toBeInstanceOf(Int32Array)
    expect(Array.from(back.window as Int32Array)).toEqual([-2, 3])
    expect(back.raw).toBeInstanceOf(ArrayBuffer)
    expect(Array.from(new Uint16Array(back.raw as ArrayBuffer))).toEqual([1, 65535])
    expect('missing' in back).toBe(true)
    const nested = back.nested as { deeper: { at: Date; gone: undefined }[] }
    expect(nested.deeper[0].at).toBeInstanceOf(Date)
    expect(nested.deeper[0].at.toISOString()).toBe('2026-12-06T01:02:03.004Z')
    expect(Object.keys(nested.deeper[0])).toEqual(['at', 'gone'])
    expect(Number.isNaN((back.invalidDate as Date).getTime())).toBe(true)
    expect(Object.is((back.numbers as number[])[1], -0)).toBe(true)
    expect(back.big).toBe(12345678901234567890n)
    expect(back.pattern).toEqual(/km(pool)?/giu)
    // A plain object that looks like the codec's own tags stays a plain object.
    expect(back.lookalike).toStrictEqual({ $t: 'Date', v: 0 })
  })

  it('keeps shared references shared and cycles cyclic, as structured clone does', () => {
    const back = across(payload()) as Record<string, unknown> & {
      holder: { first: object; second: object }
      map: Map<unknown, unknown>
    }
    expect(back.self).toBe(back)
    expect(back.holder.first).toBe(back.holder.second)
    const keys = [...back.map.keys()]
    expect(keys[1]).toBe(back.holder.first)
  })

  it('delivers what Electron delivers: a Buffer as a Uint8Array, a class instance as a plain object', () => {
    class Point {
      constructor(
        public time: number,
        public surv: number,
      ) {}
      get twice() {
        return this.time * 2
      }
    }
    const back = across({ buffer: Buffer.from([1, 2, 3]), point: new Point(1, 0.5) }) as {
      buffer: Uint8Array
      point: object
    }
    expect(back.buffer.constructor).toBe(Uint8Array)
    expect(Array.from(back.buffer)).toEqual([1, 2, 3])
    expect(Object.getPrototypeOf(back.point)).toBe(Object.prototype)
    expect(back.point).toStrictEqual({ time: 1, surv: 0.5 })
  })

  it('refuses a function or a symbol anywhere in a payload, as Electron refuses it', () => {
    // Electron: "Error: An object could not be cloned."; Node and Chromium name the value.
    expect(() => toWire({ study: { onChange: () => 1 } })).toThrow(/could not be cloned/)
    expect(() => toWire([1, [Symbol('s')]])).toThrow(/could not be cloned/)
    expect(() => toWire(new Map([['k', () => 1]]))).toThrow(/could not be cloned/)
    // The codec alone, given what was not cloned first, refuses it too, never dropping it silently.
    const { encode } = structuredCodec()
    expect(() => encode({ f: () => 1 })).toThrow(/cannot carry a function/)
    expect(() => encode(new (class A {})())).toThrow(/cannot carry a class instance/)
    expect(() => encode(new Error('x'))).toThrow(/cannot carry a Error/)
  })

  it('writes plain JSON data as itself, so large studies cost no more than JSON text', () => {
    const study = { points: [{ time: 1.5, surv: 0.9 }], name: 'A', ok: true, none: null }
    expect(JSON.parse(toWire(study))).toStrictEqual(study)
  })

  it("is self-contained, as the page's copy of it must be", () => {
    // The page gets the codec's source text, so it may use nothing but what a page has.
    const sample = `({ a: new Float64Array([1.5, NaN]), d: new Date(0), u: undefined, m: new Map([[1, [2n]]]) })`
    const inPage = runInNewContext(
      `const codec = (${structuredCodec.toString()})(); JSON.stringify(codec.encode(${sample}))`,
      { btoa, atob },
    )
    expect(inPage).toBe(toWire(runInNewContext(sample)))
    expect(across(runInNewContext(sample))).toStrictEqual(structuredClone(runInNewContext(sample)))
  })
})
