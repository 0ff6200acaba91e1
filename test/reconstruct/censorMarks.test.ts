import { describe, expect, it } from 'vitest'
import { reconstruct } from '../../src/shared/reconstruct'
import type { IpdRow } from '../../src/shared/reconstruct/types'
import { parseColor, traceCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { integratedAbsoluteError } from '../bench/metrics'
import { exactRiskTable, stepCorners } from '../helpers/stepCorners'

/** A deterministic cohort of 60 patients with censorings spread over 30 months. */
function cohort(): IpdRow[] {
  const rows: IpdRow[] = []
  let seed = 11
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  for (let i = 0; i < 60; i++) {
    const t = Math.round(-Math.log(rand()) * 16 * 100) / 100
    const c = Math.round(rand() * 30 * 100) / 100
    rows.push(t <= c ? { time: t, event: 1 } : { time: c, event: 0 })
  }
  return rows
}

describe('censor marks in the reconstruction', () => {
  it('places the censorings at marks that agree with the curve, without a warning', () => {
    const truth = cohort()
    const risk = exactRiskTable(truth, [0, 6, 12, 18, 24])
    const marks = truth.filter((r) => r.event === 0 && r.time < 24).map((r) => r.time)
    const r = reconstruct({ points: stepCorners(truth), risk, censorTimes: marks })
    expect(r.report.warnings).toEqual([])
    expect(r.report.marksNotUsed).toEqual([])
    const placed = r.ipd.filter((x) => x.event === 0 && x.time < 24).map((x) => x.time)
    expect(placed).toEqual([...marks].sort((a, b) => a - b))
  })

  // Issue 10: marks read off generated figures (development seeds; styledFigureSpec, true
  // colours) made these arms worse than no marks by 0.0012–0.0016 IAE, silently (stray ink and
  // missed marks put censorings where there were none). The intervals where the curve through the
  // marks departs further from the digitized drops now fall back to the drops, with a warning.
  // Seed 3031's arm 0: its first intervals hold fewer marks than censorings, but more than half
  // (usableMarks.ts, MISSED_SHARE), so the misfit check is what sets them aside (IAE 0.0033
  // without marks, 0.0024 with).
  it.each([
    [3002, 'nejm', 0, 'misfit'],
    [3031, 'survminer', 0, 'misfit'],
    [3112, 'lancet', 1, 'misfit'],
  ] as const)(
    'seed %i (%s) arm %i: marks make it no worse, and say where unused (%s)',
    (seed, style, arm, reason) => {
      const fig = renderKmFigure(styledFigureSpec(seed, style))
      const curve = traceCurves(
        fig.image,
        fig.calibration,
        fig.arms.map((a) => parseColor(a.color)),
      )[arm]
      const truth = fig.arms[arm]
      const points = curve.points.map((p) => ({ time: p.time, surv: p.surv }))
      const plain = reconstruct({ points, risk: truth.risk })
      const marked = reconstruct({
        points,
        risk: truth.risk,
        censorTimes: curve.censorMarks.map((m) => m.time),
      })
      const iaePlain = integratedAbsoluteError(plain.ipd, truth.ipd)
      const iaeMarked = integratedAbsoluteError(marked.ipd, truth.ipd)
      expect(iaeMarked).toBeLessThanOrEqual(iaePlain + 0.0005)
      // Where unused is recorded per stretch (the warning only where the misfit is visible).
      expect(marked.report.marksNotUsed?.some((s) => s.reason === reason)).toBe(true)
    },
  )
  // Issue 10: after the last risk time the marks count the censorings. With the table cut at 24
  // months (seed 3092, NEJM, development), marks read off the figure counted them wrongly and
  // made the arm worse than no marks (IAE 0.0012 without, 0.0049 with); now the count from the
  // marks is taken only where the curve through them fits the digitized drops as well.
  it('counts the censorings after the last risk time by the marks only where they fit', () => {
    const fig = renderKmFigure(styledFigureSpec(3092, 'nejm'))
    const curve = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )[0]
    const truth = fig.arms[0]
    const points = curve.points.map((p) => ({ time: p.time, surv: p.surv }))
    const risk = truth.risk.filter((r) => r.time <= 24)
    const plain = reconstruct({ points, risk })
    const marked = reconstruct({ points, risk, censorTimes: curve.censorMarks.map((m) => m.time) })
    expect(integratedAbsoluteError(marked.ipd, truth.ipd)).toBeLessThanOrEqual(
      integratedAbsoluteError(plain.ipd, truth.ipd) + 0.0005,
    )
    expect(marked.report.marksNotUsed).toContainEqual(
      expect.objectContaining({ from: 24, to: null, reason: 'misfit' }),
    )
  })
  // Issue 10: marks where the risk table implies nobody was censored are stray ink or another
  // arm's; they were silently dropped (closed intervals) and now are said, in the one warning per
  // arm, together with the stretches where marks were merely missed.
  it('says where marks were stray, in one sentence with the missed ones', () => {
    const points = [
      { time: 0, surv: 1 },
      { time: 2, surv: 1 },
      { time: 2, surv: 0.9 },
      { time: 12, surv: 0.9 },
      { time: 12, surv: 0.8 },
      { time: 20, surv: 0.8 },
    ]
    // 0–10: one event, nobody censored; 10–20: one event (of 9) and two censored.
    const risk = [
      { time: 0, nRisk: 10 },
      { time: 10, nRisk: 9 },
      { time: 20, nRisk: 6 },
    ]
    const plain = reconstruct({ points, risk })
    const r = reconstruct({ points, risk, censorTimes: [5, 6, 15] })
    expect(r.ipd).toEqual(plain.ipd)
    expect(r.report.warnings.map((w) => w.code)).toEqual(['marks-not-used'])
    expect(r.report.warnings[0].message).toBe(
      'censor marks not used at 0–10 (2 marks where the risk table implies no censoring), nor at 10–20 (1 mark for 2 censorings), where fewer were read than the censorings the risk table implies; the censorings there are placed as without marks',
    )
    expect(r.report.marksNotUsed).toEqual([
      { from: 0, to: 10, reason: 'stray', marks: 2, censorings: 0 },
      { from: 10, to: 20, reason: 'missed', marks: 1, censorings: 2 },
    ])
  })

  // Issue 10: seed 3107 (JAMA, development) draws no marks on arm 0, yet the tracer read 2 (for
  // the 62 censorings its risk table implies); they were used, silently, at 0–9. An arm's marks
  // that are under a fifth of its censorings are not used anywhere, and said.
  it('uses no marks on an arm where too few were read to be the marks drawn', () => {
    const fig = renderKmFigure(styledFigureSpec(3107, 'jama'))
    const curve = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )[0]
    expect(fig.arms[0].censorTimes).toEqual([])
    const points = curve.points.map((p) => ({ time: p.time, surv: p.surv }))
    const risk = fig.arms[0].risk
    const marks = curve.censorMarks.map((m) => m.time)
    expect(marks.length).toBeGreaterThan(0)
    const marked = reconstruct({ points, risk, censorTimes: marks })
    expect(marked.ipd).toEqual(reconstruct({ points, risk }).ipd)
    expect(marked.report.warnings.map((w) => w.code)).toEqual(['marks-not-used'])
    expect(marked.report.warnings[0].message).toMatch(
      /^censor marks not used anywhere \(\d marks? for the \d+ censorings the risk table implies, too few to rely on/,
    )
  })

  // Issue 10: a warning that the curve through the marks fits worse fired on 114 of 284 arms
  // (development seeds 3000–3119), mostly by a hundredth of a pixel. Marks are still not used
  // there, but only a visible misfit is warned; seed 3001 (survminer) arm 1 had misfits of
  // 0.00001 survival at 0–8 and 8–16 (regression lock: produced by kmpool's tracer, not an
  // external reference).
  it('does not warn where the curve through the marks fits only a hair worse', () => {
    const fig = renderKmFigure(styledFigureSpec(3001, 'survminer'))
    const curve = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )[1]
    const points = curve.points.map((p) => ({ time: p.time, surv: p.surv }))
    const r = reconstruct({
      points,
      risk: fig.arms[1].risk,
      censorTimes: curve.censorMarks.map((m) => m.time),
    })
    const misfits = (r.report.marksNotUsed ?? []).filter((s) => s.reason === 'misfit')
    expect(misfits.length).toBeGreaterThan(0)
    for (const s of misfits) expect(s.excess!.mean).toBeLessThan(0.001)
    expect(r.report.warnings.map((w) => w.code)).not.toContain('marks-not-used')
  })
})
