import { describe, expect, it } from 'vitest'
import type { Handlers } from '../../src/main/handlers'
import { startApp } from './harness'

/**
 * The page's side of the e2e bridge copies values as Electron's IPC does (structured clone):
 * test/bridge/structuredCodec.test.ts checks the codec in Node, these the page's copy of it.
 */
describe('the bridged preload API copies as Electron IPC does', () => {
  it('delivers typed arrays, Dates, Maps and undefined fields to the page with their types', async () => {
    // A handler the app never calls by itself, answering what no JSON bridge could carry.
    const rich = async () => ({
      values: new Float64Array([1.5, NaN, -0]),
      bytes: Buffer.from([0, 255]),
      at: new Date(Date.UTC(2026, 0, 2)),
      byArm: new Map([['A', { n: 3, missing: undefined }]]),
    })
    const { page, close } = await startApp({
      handlers: { 'review:create': rich as unknown as Handlers['review:create'] },
    })
    try {
      const seen = await page.evaluate(async () => {
        const r = (await (globalThis as unknown as Window).kmpool.createReview()) as unknown as {
          values: Float64Array
          bytes: Uint8Array
          at: Date
          byArm: Map<string, { n: number; missing: undefined }>
        }
        const arm = r.byArm.get('A')
        return {
          values: r.values instanceof Float64Array,
          valueNaN: Number.isNaN(r.values[1]),
          negativeZero: Object.is(r.values[2], -0),
          bytes: r.bytes.constructor.name + ':' + Array.from(r.bytes).join(','),
          at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
          map: r.byArm instanceof Map && arm?.n === 3 && 'missing' in arm,
        }
      })
      expect(seen).toEqual({
        values: true,
        valueNaN: true,
        negativeZero: true,
        bytes: 'Uint8Array:0,255',
        at: '2026-01-02T00:00:00.000Z',
        map: true,
      })
    } finally {
      await close()
    }
  })

  it('refuses a function in a request before main sees it, and one in a response', async () => {
    const calls = { reconstruct: 0, createReview: 0 }
    const answerWithFunction = async () => {
      calls.createReview++
      return { onDone: () => 1 }
    }
    const { page, close } = await startApp({
      handlers: {
        'reconstruct:run': async () => {
          calls.reconstruct++
          throw new Error('the request should not have reached main')
        },
        'review:create': answerWithFunction as unknown as Handlers['review:create'],
      },
    })
    try {
      const messages = await page.evaluate(async () => {
        const api = (globalThis as unknown as Window).kmpool as unknown as Record<
          string,
          (request?: unknown) => Promise<unknown>
        >
        const message = (p: Promise<unknown>) =>
          p.then(
            () => 'resolved',
            (error: Error) => error.message,
          )
        return {
          request: await message(api.reconstruct({ points: [], onProgress: () => 0 })),
          response: await message(api.createReview()),
        }
      })
      expect(messages.request).toMatch(/could not be cloned/)
      expect(messages.response).toMatch(
        /^Error invoking remote method 'review:create': .*could not be cloned/,
      )
      expect(calls).toEqual({ reconstruct: 0, createReview: 1 })
    } finally {
      await close()
    }
  })
})
