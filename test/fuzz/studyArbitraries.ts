import fc from 'fast-check'
import { STUDY_FORMAT, STUDY_VERSION, type Study } from '../../src/shared/model/study'

// JSON has no negative zero: a saved -0 reads back as 0.
const finite = fc
  .double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
  .map((x) => x + 0)
const axisPoint = fc.record({ px: finite, py: finite, value: finite })
const sha = fc.stringMatching(/^[0-9a-f]{64}$/)
const color = fc.stringMatching(/^#[0-9a-fA-F]{6}$/)
const estimate = fc.record(
  { value: finite, lower: finite, upper: finite },
  { requiredKeys: ['value'] },
)

const figure = fc.oneof(
  fc.constant(null),
  fc
    .record({
      name: fc.string({ maxLength: 20 }),
      mime: fc.constantFrom('image/png', 'image/jpeg', 'image/webp', 'image/bmp'),
      sha256: sha,
      width: fc.integer({ min: 1, max: 5000 }),
      height: fc.integer({ min: 1, max: 5000 }),
      embedded: fc.boolean(),
      content: fc.string({ maxLength: 40 }),
    })
    .map(({ embedded, content, ...f }) =>
      embedded ? { ...f, data: content } : { ...f, path: content },
    ),
)

const calibration = fc.oneof(
  fc.constant(null),
  fc.record({
    x1: axisPoint,
    x2: axisPoint,
    y1: axisPoint,
    y2: axisPoint,
    xScale: fc.constantFrom('linear', 'log'),
    yScale: fc.constantFrom('proportion', 'percent'),
    yAxis: fc.constantFrom('linear', 'log'),
    timeUnit: fc.constantFrom('days', 'weeks', 'months', 'years'),
  }),
)

const curve = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 8 }),
    name: fc.string({ maxLength: 12 }),
    color,
    points: fc.array(fc.record({ px: finite, py: finite, time: finite, surv: finite }), {
      maxLength: 12,
    }),
    risk: fc.array(
      fc.record({
        time: fc.double({ min: 0, max: 1e4, noNaN: true }).map((x) => x + 0),
        nRisk: fc.nat(10_000),
      }),
      { maxLength: 8 },
    ),
    totalN: fc.integer({ min: 1, max: 10_000 }),
    totalEvents: fc.nat(10_000),
    censorTimes: fc.array(finite, { maxLength: 5 }),
  },
  { requiredKeys: ['id', 'name', 'color', 'points', 'risk'] },
)

/** A valid study, every field filled or left out in every allowed way. */
export const studyArb: fc.Arbitrary<Study> = fc.record({
  format: fc.constant(STUDY_FORMAT),
  version: fc.constant(STUDY_VERSION),
  record: fc.record({
    label: fc.string({ maxLength: 20 }),
    citation: fc.string({ maxLength: 20 }),
    subgroup: fc.constantFrom('', 'lung', 'liver', 'spine', 'brain'),
    design: fc.string({ maxLength: 10 }),
    outcome: fc.constantFrom('OS', 'PFS'),
    reportedN: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
    reportedMedian: fc.option(estimate, { nil: undefined }),
    reportedHr: fc.option(estimate, { nil: undefined }),
    notes: fc.string({ maxLength: 30 }),
  }),
  figure,
  calibration,
  curves: fc.array(curve, { maxLength: 3 }),
}) as fc.Arbitrary<Study>
