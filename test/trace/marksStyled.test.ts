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
  // Survminer's crowded "+" widen every column of the line, so the tracer's width would hide
  // them: marks are sought beyond the line's own width (censorMarks.ts), which took survminer's
  // recall from 0.70 to 0.83. NEJM's black "+" is ink of no curve: a mark read by two arms at one
  // place is settled between them (sharedMarks.ts), precision 0.83 without, 0.85 with (recall
  // 0.91 without, 0.88 with: marks on shared lines are reported, not counted).
  // Weak lone groups are stray ink, not marks (censorMarks.ts, STRAY_SHARE), and crowded marks
  // are placed where their ink lies (inkShares): survminer recall 0.83 → 0.80 and precision
  // 0.88 → 0.91 here; on development seeds 3000–3119 and 4000–4119 with the lower need for small
  // marks (markNeed) too, survminer recall 0.86 and 0.79 before, 0.87 and 0.83 after, precision
  // 0.86 and 0.87, 0.90 and 0.90. A black "+" whose ink is centred on another arm's line is that
  // arm's, not the reader's (sharedMarks.ts, onOtherLine): NEJM recall 0.873 → 0.868, precision
  // 0.891 → 0.899 here. A run whose pixels are all part-covered alike is read at its full height
  // (columnRuns.ts: a vertical segment across two columns): survminer recall 0.785 → 0.774.
  // A line's own width beside its translucent band is its solid ink only (censorMarks.ts,
  // ownWidth): survminer recall 0.774 → 0.838, precision 0.919 → 0.906. A last plateau carried
  // on to the path's end over ticks in every column (stepCorners.ts; jcoSilentEnds.test.ts:
  // forced-JCO 4016 B, silently short before, is whole): JCO precision 0.950 → 0.948 here, the
  // development seeds' JCO precision unchanged (0.948 and 0.951).
  it.each([
    // style, least recall and precision (today 0.838 and 0.91; 0.87 and 0.92; 0.78 and 0.948)
    ['survminer', 0.83, 0.89],
    ['nejm', 0.86, 0.89],
    ['jco', 0.77, 0.945],
  ] as const)('%s', (style, recall, precision) => {
    const s = styleScores(style)
    expect(s.drawn).toBeGreaterThan(200)
    expect(s.recall).toBeGreaterThanOrEqual(recall)
    expect(s.precision).toBeGreaterThanOrEqual(precision)
  })
})
