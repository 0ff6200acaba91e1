import { describe, expect, it } from 'vitest'
import { TraceError, axisMap, traceCurve } from '../../src/shared/trace'
import { risingTerms } from '../../src/shared/trace/upright'
import { renderKmFigure } from '../generator/kmFigure'
import { figureSpec } from '../generator/figureSpec'
import { armOf, tracedStyled } from './helpers'
import { isFlagged } from './wholeness'

const codes = (c: { warnings: { code: string }[] }) => c.warnings.map((w) => w.code)

describe('trace audit: steps closer together than the line is wide', () => {
  it('warns of a thick survminer line whose dense steps the trace merged (survminer 3025)', () => {
    // Strata 1 is drawn 3.75 px wide with many small steps; its ink reads as a band, and the
    // trace, which the tracer's own status calls whole, strays from the line (within 0.75).
    const [{ curve, whole }] = tracedStyled(3025, 'survminer')
    expect(whole.whole).toBe(false)
    expect(curve.status.status).toBe('whole')
    expect(codes(curve)).toContain('steps-merged')
    const w = curve.warnings.find((x) => x.code === 'steps-merged')!
    expect(w.message).toMatch(/#f8766d is drawn \d\.\d px wide .* from time [\d.]+ to [\d.]+/i)
  })

  it('does not warn of clean whole arms (survminer 3019, jco 3009)', () => {
    for (const [seed, style] of [
      [3019, 'survminer'],
      [3009, 'jco'],
    ] as const) {
      for (const { curve, whole } of tracedStyled(seed, style)) {
        expect(whole.whole, `${style} ${seed}`).toBe(true)
        expect(isFlagged(curve), `${style} ${seed}`).toBe(false)
      }
    }
  })
})

describe("trace audit: the line's width and the trace's distance from its line", () => {
  it('reads the width from the line, not from JPEG specks beside it (survminer 3055)', () => {
    // Specks of half-matching colour around the thick survminer lines outnumber the line's own
    // runs; counted in, the line read 0.8 px wide, five to six times below the tracer's width,
    // and both whole arms were warned of merged steps.
    for (const { curve, whole } of tracedStyled(3055, 'survminer')) {
      expect(whole.whole).toBe(true)
      expect(codes(curve)).toEqual([])
    }
  })

  it('does not warn of a whole trace on its line in a tall band of ink (random 3006 B)', () => {
    // Arm B's steps make its ink twice as tall as the line is wide, which alone warned of merged
    // steps; read column by column from the ink's edges, the trace lies on its line throughout.
    const { curve, whole } = tracedStyled(3006, 'random')[1]
    expect(whole.whole).toBe(true)
    expect(codes(curve)).not.toContain('steps-merged')
    expect(isFlagged(curve)).toBe(false)
  })

  it('keeps the warning where only the width the edges fit shows the trace off (survminer 4087)', () => {
    // Strata 3's dense steps leave no plateau: the colour's commonest height reads the line
    // 1.4 px wide, at which the trace seems on its line; at the width the ink's two edges fit,
    // it is off in 2% of its columns (and 38% off the drawn line).
    const { curve, whole } = tracedStyled(4087, 'survminer')[2]
    expect(whole.whole).toBe(false)
    // Its status now lists the stretch where it rode its own ink beside another arm's ink that
    // the coverage map leaves to no curve (besideHidden.test.ts); the warning stays.
    expect(curve.status.status).toBe('inferred')
    expect(codes(curve)).toContain('steps-merged')
  })

  it('has no trace off the centre of marks crowded on its line left to warn of (survminer 7417 Strata 1)', () => {
    // The red line under "+" marks crowded so that the line does not show between them: the trace
    // ran through them off their centre, in silence but for the off-mark-centre warning. Their
    // bars reach above the level last reached, so they are now read at their centre
    // (stepCorners.ts, RISE): the trace is on its line and nothing is warned of. (random 3078 B,
    // the first fixture here, is traced on its line since isMarkRim.)
    const { curve, whole } = tracedStyled(7417, 'survminer')[0]
    expect(whole.whole).toBe(true)
    expect(curve.status.status).toBe('whole')
    expect(curve.warnings.map((x) => x.code)).not.toContain('off-mark-centre')
  })

  it('warns of a trace off the centre of marks crowded on its line (random 6444 Arm A)', () => {
    // The red line under crowded circles, months 26–28: the trace runs along their rims, its
    // status whole, in silence but for this warning (the fixture since 7417 Strata 1 is traced on
    // its line).
    const { curve, whole } = tracedStyled(6444, 'random')[0]
    expect(whole.whole).toBe(false)
    expect(curve.status.status).toBe('whole')
    const w = curve.warnings.find((x) => x.code === 'off-mark-centre')
    expect(w?.message).toMatch(
      /runs through censor marks crowded on its line off their centre between time [\d.]+ and [\d.]+ \(\d+ columns\)/,
    )
  })
})

describe('trace audit: censor marks beyond the end', () => {
  it('warns of a tail hidden under a row of black "+" marks (nejm 3015)', () => {
    // Arm A's last 9 months are drawn under dense black marks that hide its own ink; the trace
    // stops where they begin. Its status lists stretches under marks before the end, but only the
    // audit speaks of the lost tail. (3086 A, the fixture before, is now traced along its row of
    // marks to the end: pathEnd.ts, alongMarkRow; tailUnderMarkRow.test.ts.)
    const [{ curve, whole }] = tracedStyled(3015, 'nejm')
    expect(whole.whole).toBe(false)
    expect(whole.endGap).toBeLessThan(-0.02 * 60)
    const w = curve.warnings.find((x) => x.code === 'marks-beyond-end')
    expect(w?.message).toMatch(
      /#bc3c29 ends at time [\d.]+, but censor marks .* go on to time [\d.]+/,
    )
  })

  it('follows the marks down the drops of the hidden tail (nejm 3002 C, 4035 C)', () => {
    // Arm C's last 11 (3002) months lie under rows of black "+" that step down with the line.
    // Marks read only at the end's own level stopped within a few columns, and the trace ended
    // months early without a word of the lost tail. (3002's trace now follows its line, darkened
    // beside the marks, to month 18 of 21.6: coverage.ts, DARKENED_LINE, and on down the drops its
    // marks hide to 20.9: pathEnd.ts, dropUnderMarks. 4016 C and 4035 C, the second fixture
    // before, are now traced whole; 4008 C ends at 44.1 with marks on to 48.)
    for (const [seed, lost] of [[4008, 3]] as const) {
      const { curve, whole } = tracedStyled(seed, 'nejm')[2]
      expect(whole.endGap, `nejm ${seed}`).toBeLessThan(-lost)
      const w = curve.warnings.find((x) => x.code === 'marks-beyond-end')
      expect(w?.message, `nejm ${seed}`).toMatch(
        /#e18727 ends at time [\d.]+, but censor marks joined to its end go on to time [\d.]+/,
      )
    }
  })
})

describe('trace audit: a trace that runs along another', () => {
  it('warns of the grey arm that followed the thin slate one (jama 3039), not of the slate arm', () => {
    // Arm B (grey) is traced along Arm A (slate, a thin solid line whose anti-aliased pixels read
    // as grey) for a third of its length; the tracer's own status calls it whole. (jama 3035's
    // and 4103's grey arms, the first fixtures here, are now traced on their own lines.)
    const [a, b] = tracedStyled(3039, 'jama')
    expect(b.whole.whole).toBe(false)
    expect(b.curve.status.status).toBe('whole')
    // Off its own line, it is also warned of as such (off-ink); the marks read along it, on one
    // side of its line only, are set aside (it has none).
    expect(codes(b.curve)).toEqual(['marks-one-sided', 'off-ink', 'follows-other'])
    expect(b.curve.warnings[2].message).toMatch(
      /#808080 runs along the trace of colour #374e55 for \d+% of its length/,
    )
    expect(a.whole.whole).toBe(true)
    expect(isFlagged(a.curve)).toBe(false)
  })
})

describe('trace audit: a trace beside its line', () => {
  it('warns of a trace that runs beside its line under dense black marks (nejm 3039 C)', () => {
    // Arm C's trace runs off its orange line in many columns, where its own ink lies a few pixels
    // away and none is under the trace. Its status lists stretches hidden under the marks; the
    // audit says the trace is beside its line. (nejm 4106 B and 3009 C, the earlier fixtures
    // here, and 3017 C and 3036 C after them, are now traced whole: haloBesideMarks.test.ts,
    // darkenedBesideMarks.test.ts, tailUnderMarkRow.test.ts.)
    const c = tracedStyled(3039, 'nejm')[2]
    expect(c.whole.whole).toBe(false)
    expect(c.curve.warnings.find((w) => w.code === 'beside-ink')?.message).toMatch(
      /#e18727 runs beside its line rather than on it in \d+% of its length/,
    )
  })

  it('does not warn of whole arms under black marks (nejm 3056 B, 4046 B)', () => {
    for (const [seed, arm] of [
      [3056, 1],
      [4046, 1],
    ] as const) {
      const { curve, whole } = tracedStyled(seed, 'nejm')[arm]
      expect(whole.whole, `nejm ${seed}`).toBe(true)
      expect(codes(curve), `nejm ${seed}`).not.toContain('beside-ink')
    }
  })
})

describe('trace audit: a trace that follows another', () => {
  it('warns of the grey arm carried along a darker arm (lancet 6082)', () => {
    // Arm C's (grey) trace runs along A's navy line for 125 columns, off its own. (lancet 4090's
    // grey arm, carried along the navy one to its end, the fixture before, is now traced again off
    // it: tailLeapt.test.ts; jama 3059's, 3024's and 4010's, before that, end on their own lines:
    // greyBesideDarkerLine.test.ts, greyTintedSlate.test.ts.)
    const arms = tracedStyled(6082, 'lancet')
    const [navy, grey] = [armOf(arms, { color: '#00468b' }), armOf(arms, { color: '#808080' })]
    expect(grey.whole.whole).toBe(false)
    const w = grey.curve.warnings.find((x) => x.code === 'follows-other')
    expect(w?.message).toMatch(
      /#808080 runs along the trace of colour #00468b without a break for \d+ columns \(\d+% of its length\)/,
    )
    expect(codes(navy.curve)).not.toContain('follows-other')
  })
})

describe('trace audit: a trace that ends where another goes on at its level', () => {
  it('warns of the thin grey arm whose line runs on under the blue one (jco 4095)', () => {
    // Arm C (grey, 0.75 px) goes on for 2.7 months under Arm A's blue line drawn a pixel below
    // it; its own ink is gone there and the trace, whole by its own status, stops where A comes
    // down to its level.
    const [a, , c] = tracedStyled(4095, 'jco')
    expect(c.whole.whole).toBe(false)
    expect(c.whole.endGap).toBeLessThan(-0.02 * 36)
    expect(c.curve.status.status).toBe('whole')
    const w = c.curve.warnings.find((x) => x.code === 'ends-under-other')
    expect(w?.message).toMatch(
      /#868686 ends at time [\d.]+ beside the trace of colour #0073c2, which goes on at its level to about time [\d.]+ \(\d+ columns\)/,
    )
    expect(codes(a.curve)).not.toContain('ends-under-other')
  })

  it("does not warn of a whole arm that ends on another arm's line (lancet 3064 A)", () => {
    // Arm A ends where arm C's line goes on at its level for 7% of the plot's width: a true end
    // that looks like a hidden tail, under the share that warns.
    const [a] = tracedStyled(3064, 'lancet')
    expect(a.whole.whole).toBe(true)
    expect(codes(a.curve)).not.toContain('ends-under-other')
  })
})

describe('trace status: a gap whose ends lie at one level', () => {
  it('is no gap: a curve that never rises is flat there (random 3090)', () => {
    // Arm A's first half month is a faint stretch at survival 1 that the trace bridges; both
    // ends lie at 1, so no drop can be hidden in it, and the arm is traced whole.
    const [{ curve, whole }] = tracedStyled(3090, 'random')
    expect(whole.whole).toBe(true)
    expect(curve.status).toEqual({ status: 'whole', stretches: [] })
    expect(curve.warnings).toEqual([])
  })
})

describe('rising figures: refusals in the terms of the figure', () => {
  it('says a rising curve starts near 0, not near survival 1', () => {
    const fig = renderKmFigure(figureSpec({ yShows: 'cumulative-incidence' }, {}, 1))
    // A short stroke of a colour no curve has, in the middle of the plot: ink with no curve
    // starting from the axis.
    const { width, data } = fig.image
    const map = axisMap(fig.calibration)
    const a = map.toPixel(10, 0.5)
    for (let y = Math.round(a.py); y < Math.round(a.py) + 3; y++) {
      for (let x = Math.round(a.px); x < Math.round(a.px) + 60; x++) {
        data.set([0, 200, 0, 255], (y * width + x) * 4)
      }
    }
    let message = ''
    try {
      traceCurve(fig.image, fig.calibration, [0, 200, 0])
    } catch (e) {
      expect(e).toBeInstanceOf(TraceError)
      message = (e as Error).message
    }
    expect(message).toMatch(/starts near 0 at time 0/)
    expect(message).not.toMatch(/survival 1/)
  })

  it('rewrites only the start phrase', () => {
    expect(risingTerms('no curve of colour #00c800 starts near survival 1 at time 0')).toBe(
      'no curve of colour #00c800 starts near 0 at time 0 (the y axis is calibrated as cumulative incidence, so curves rise from 0)',
    )
    expect(risingTerms('colour tolerance must be above 0, got -1')).toBe(
      'colour tolerance must be above 0, got -1',
    )
  })
})
