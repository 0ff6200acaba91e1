import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { dispatch } from '../../src/main/dispatch'
import { createHandlers, type Dialogs } from '../../src/main/handlers'
import { channels, contract, type Channel } from '../../src/shared/ipc/contract'
import { defaultReviewSettings, emptyReview } from '../../src/shared/model/review'
import { expectAllFinite, expectOneLine, fuzz } from './config'
import { mutatedArb } from './mutateJson'
import { inputArb } from './reconstructArbitraries'
import { MAX_COORDINATE, MAX_TIME } from '../../src/shared/model/limits'
import { studyArb } from './studyArbitraries'

/** Far above what any payload here needs: a run past it blocks main for too long. */
const RUN_BUDGET_MS = 3000

// Every dialog is cancelled, so no handler reads or writes a file whatever the payload says.
const dialogs: Dialogs = { openFile: vi.fn(async () => null), saveFile: vi.fn(async () => null) }
const handlers = createHandlers({
  app: { name: 'kmpool', version: '0.0.0', platform: 'linux' },
  dialogs,
})

// The pure reconstruction is fuzzed with times and survival up to 1e300; the IPC contract bounds
// them (src/shared/model/limits.ts), so valid payloads keep to the bounds and the mutated ones
// below go past them.
const boundedInputArb = inputArb
  .map((input) => ({
    ...input,
    points: input.points.filter(
      (p) => Math.abs(p.time) <= MAX_TIME && Math.abs(p.surv) <= MAX_COORDINATE,
    ),
  }))
  .filter((input) => input.points.length > 0)

const curveArb = fc
  .tuple(boundedInputArb, fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }))
  .map(([input, id, name]) => ({
    id,
    name,
    points: input.points,
    risk: input.risk ?? [],
    ...(input.totalN === undefined ? {} : { totalN: input.totalN }),
    ...(input.totalEvents === undefined ? {} : { totalEvents: input.totalEvents }),
  }))
const studyInputArb = fc.record({
  timeUnit: fc.constantFrom('days', 'weeks', 'months', 'years'),
  curves: fc.array(curveArb, { maxLength: 3 }),
})
const nameArb = fc.string({ minLength: 1, maxLength: 20 })
const pngArb = fc
  .uint8Array({ minLength: 1, maxLength: 64 })
  .chain((rest) =>
    fc.constantFrom(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...rest]),
      Buffer.from(rest),
    ),
  )
  .map((bytes) => bytes.toString('base64'))

const reviewPathArb = fc.constantFrom('a.kmstudy', 'studies/b.kmstudy', '../c.kmstudy')
const reviewStudiesArb = fc.array(
  fc.record({ path: reviewPathArb, included: fc.boolean(), reason: fc.string({ maxLength: 20 }) }),
  { maxLength: 4 },
)
const reviewRequestArb = {
  review: fc.uuid(),
  title: fc.string({ maxLength: 20 }),
  settings: fc.constant(defaultReviewSettings()),
  studies: reviewStudiesArb,
}

/**
 * A payload each channel accepts, to mutate. A channel missing here fails the first test below,
 * so that a new channel is not left out of the fuzzing.
 */
const validPayloads: Partial<Record<Channel, fc.Arbitrary<unknown>>> = {
  'app:getInfo': fc.constant(undefined),
  'reconstruct:run': boundedInputArb.map(({ censorTimes: _marks, ...input }) => input),
  'study:reconstruct': studyInputArb,
  'figure:open': fc.constant(undefined),
  'points:import': fc.constant(undefined),
  'study:open': fc.constant(undefined),
  'study:save': fc.record(
    { study: studyArb, file: fc.uuid(), defaultName: nameArb },
    { requiredKeys: ['study', 'defaultName'] },
  ),
  'study:saveAs': fc.record({ study: studyArb, defaultName: nameArb }),
  'export:ipd': fc.record({
    input: studyInputArb,
    record: studyArb.map((s) => s.record),
    defaultName: nameArb,
  }),
  'export:summary': fc.record({
    input: studyInputArb,
    record: studyArb.map((s) => s.record),
    defaultName: nameArb,
  }),
  'export:points': fc.record({
    input: studyInputArb,
    record: studyArb.map((s) => s.record),
    defaultName: nameArb,
  }),
  'export:png': fc.record({ data: pngArb, defaultName: nameArb }),
  'figure:detectAxes': fc.record({
    data: pngArb.map((b) => Buffer.from(b).toString('base64')),
    name: nameArb,
  }),
  'figure:readRisk': fc.record({
    data: pngArb,
    name: nameArb,
    calibration: fc.constant({
      x1: { px: 10, py: 90, value: 0 },
      x2: { px: 90, py: 90, value: 36 },
      y1: { px: 10, py: 90, value: 0 },
      y2: { px: 10, py: 10, value: 1 },
      yScale: 'proportion',
    }),
    curves: fc.constant([{ id: 'c1', name: 'Arm', color: '#d62728', points: [] }]),
  }),
  'figure:read': fc.record({ data: pngArb, name: nameArb, job: fc.uuid() }),
  'figure:readProgress': fc.record({ job: fc.uuid() }),
  'figure:cancelRead': fc.record({ job: fc.uuid() }),
  'study:reload': fc.record({ file: fc.uuid() }),
  'recovery:save': fc.record({ kind: fc.constant('study'), key: fc.uuid(), document: studyArb }),
  'recovery:list': fc.constant(undefined),
  'recovery:restore': fc.record({ key: fc.uuid() }),
  'recovery:discard': fc.record({ key: fc.uuid() }),
  'window:unsaved': fc.record({ study: fc.boolean(), review: fc.boolean() }),
  'review:start': fc.constant(undefined),
  'review:openExample': fc.constant(undefined),
  'review:open': fc.constant(undefined),
  'review:create': fc.constant(undefined),
  'review:save': fc.record({
    review: fc.uuid(),
    content: reviewStudiesArb.map((studies) => ({ ...emptyReview('R'), studies })),
  }),
  'review:addStudy': fc.record({ review: fc.uuid() }),
  'review:editStudy': fc.record({
    review: fc.uuid(),
    path: reviewPathArb,
    label: fc.string({ maxLength: 20 }),
    subgroup: fc.string({ maxLength: 20 }),
  }),
  'review:openStudy': fc.record({ review: fc.uuid(), path: reviewPathArb }),
  'review:copyExample': fc.record({ review: fc.uuid() }),
  'review:compute': fc.record({
    ...reviewRequestArb,
    figure: fc.option(fc.constantFrom('survival_60', 'median', 'hr')),
  }),
  'review:export': fc.record(reviewRequestArb),
  'pdf:renderPage': fc.record({
    token: fc.uuid(),
    page: fc.integer({ min: 1, max: 9 }),
    scale: fc.constant(1),
  }),
  'pdf:vectorCurves': fc.record({
    token: fc.uuid(),
    page: fc.constant(1),
    scale: fc.constant(2),
    calibration: fc.constant({
      x1: { px: 10, py: 90, value: 0 },
      x2: { px: 90, py: 90, value: 36 },
      y1: { px: 10, py: 90, value: 0 },
      y2: { px: 10, py: 10, value: 1 },
      yScale: 'proportion',
    }),
  }),
}

// Values an IPC message can carry (the structured clone algorithm): no functions or symbols.
const anythingArb = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
})

/** Errors of code that went wrong, as opposed to a refusal of the request. */
const BUG_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError]

async function send(channel: string, payload: unknown): Promise<void> {
  const start = performance.now()
  try {
    expectAllFinite(await dispatch(handlers, channel, payload))
  } catch (e) {
    if ((e as Error).name === 'AssertionError') throw e
    expect(e).toBeInstanceOf(Error)
    for (const cls of BUG_ERRORS) {
      if (e instanceof cls) expect.fail(`${channel} threw ${cls.name}: ${(e as Error).message}`)
    }
    expectOneLine((e as Error).message)
  }
  const ms = performance.now() - start
  if (ms > RUN_BUDGET_MS) expect.fail(`${channel} took ${Math.round(ms)} ms`)
}

describe('IPC under fuzzing', () => {
  it('has a valid payload to mutate for every channel', () => {
    expect(channels.filter((c) => validPayloads[c] === undefined)).toEqual([])
  })

  it('accepts every valid payload, each handled or refused with a clear message', async () => {
    for (const channel of channels) {
      const valid = validPayloads[channel]
      if (!valid) continue
      await fc.assert(
        fc.asyncProperty(valid, async (payload) => {
          expect(contract[channel].request.safeParse(payload).success).toBe(true)
          await send(channel, payload)
        }),
        fuzz(40),
      )
    }
  })

  it('refuses or handles mutated payloads on every channel without a crash', async () => {
    for (const channel of channels) {
      const valid = validPayloads[channel] ?? fc.constant(undefined)
      await fc.assert(
        fc.asyncProperty(mutatedArb(valid), async (payload) => send(channel, payload)),
        fuzz(60),
      )
    }
  })

  it('refuses or handles arbitrary values on every channel without a crash', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...channels), anythingArb, send), fuzz(400))
  })

  it('refuses every channel the contract does not define', async () => {
    const unknown = fc
      .oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'fs:readFile'),
      )
      .filter((name) => !(channels as string[]).includes(name))
    await fc.assert(
      fc.asyncProperty(unknown, anythingArb, async (channel, payload) => {
        await expect(dispatch(handlers, channel, payload)).rejects.toThrow(/Unknown IPC channel/)
      }),
      fuzz(200),
    )
  })
})
