import { describe, expect, it } from 'vitest'
import { renderKmFigure } from '../generator/kmFigure'
import { type FigureStyle, styledFigureSpec } from '../generator/styledFigure'
import { markScores } from './helpers'

/**
 * Issue 10, censor marks on the house styles of the bench's generator (test/generator/
 * styledFigure.ts) with dense marks: survminer's "+" in the curve's colour (often crowded into
 * one blob, counted by its width), NEJM's black "+" on coloured curves, JCO's upward ticks.
 * Development seeds 5000–5002 (never the held-out range, which is the bench's only); a traced
 * mark matches a drawn one within 2 px in time, as in test/bench/tracing.ts.
 */
function styleScores(style: FigureStyle) {
  return markScores([5000, 5001, 5002].map((seed) => renderKmFigure(styledFigureSpec(seed, style))))
}

describe('censor marks on house-style figures (development seeds 5000–5002)', () => {
  // regression locks: produced by kmpool's tracer, not external references; below issue 10's
  // targets (recall 0.9, precision 0.95), which these styles do not meet yet.
  it.each([
    // style, least recall and precision (today 0.73 and 0.88; 0.66 and 0.79; 0.80 and 0.94)
    ['survminer', 0.7, 0.85],
    ['nejm', 0.63, 0.76],
    ['jco', 0.77, 0.92],
  ] as const)('%s', (style, recall, precision) => {
    const s = styleScores(style)
    expect(s.drawn).toBeGreaterThan(200)
    expect(s.recall).toBeGreaterThanOrEqual(recall)
    expect(s.precision).toBeGreaterThanOrEqual(precision)
  })
})
