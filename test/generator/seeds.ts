/**
 * The generated-figure seeds, in two disjoint ranges (test/generator/seeds.test.ts checks both
 * rules below):
 *
 * - DEVELOPMENT: the seeds the tracer has been developed and tuned on, and the only ones tests
 *   may name — the bench's in-sample figures are seeds 1–60 (randomFigureSpec), a trace test
 *   names seed 40, figureSpec simulates from seed 1. New tests pick their seeds here too.
 * - HELD_OUT: figures used only by `npm run bench` (test/bench), never by a test or while tuning,
 *   so that what the bench prints for them is out of sample. A seed seen while tuning is no
 *   longer held out: if one is ever used so, move the range (and say so in the README). The
 *   range starts at 100_001, not at a round number another test may use for something else.
 *
 * The example review (tools/build-example-review.ts) draws its figures from seeds 20260501 on,
 * outside both ranges.
 */
export interface SeedRange {
  first: number
  last: number
}

export const DEVELOPMENT: SeedRange = { first: 0, last: 9_999 }
export const HELD_OUT: SeedRange = { first: 100_001, last: 100_200 }

/** The bench's in-sample figures: randomFigureSpec of these seeds. */
export const BENCH_DEVELOPMENT_SEEDS = seeds({ first: 1, last: 60 })

/** Every seed of a range, in order. */
export function seeds(range: SeedRange): number[] {
  return Array.from({ length: range.last - range.first + 1 }, (_, i) => range.first + i)
}

export function inRange(seed: number, range: SeedRange): boolean {
  return Number.isInteger(seed) && seed >= range.first && seed <= range.last
}
