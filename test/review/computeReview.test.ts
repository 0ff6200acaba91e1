import { describe, expect, it } from 'vitest'
import { medianFromRange, survivalAtTime } from '../../src/shared/meta'
import { poolEffects } from '../../src/shared/pool'
import {
  computeReview,
  reviewIpdCsv,
  ReviewCache,
  survivalTableCsv,
  estimateTableCsv,
  exclusionsCsv,
} from '../../src/shared/review'
import { reconstructStudy, studyReconstructionInput } from '../../src/shared/study/reconstructStudy'
import { coxTwoGroup, kaplanMeier, median, survivalAt } from '../../src/shared/survival'
import { digitizedStudy, entry, patients, smallReview } from './studies'

/** Every number in a value, to check that none is NaN or infinite. */
function numbers(value: unknown, out: number[] = [], seen = new Set<unknown>()): number[] {
  if (typeof value === 'number') out.push(value)
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value)
    for (const v of Object.values(value)) numbers(v, out, seen)
  }
  return out
}

describe('computeReview on a small review made by hand', () => {
  const input = smallReview()
  const result = computeReview(input, { version: '9.9.9' })
  const survival60 = result.outcomes.find((a) => a.id === 'survival_60')!
  const medianOutcome = result.outcomes.find((a) => a.id === 'median')!

  it('gives each study the numbers a direct calculation gives', () => {
    const study = input.studies[0].study!
    const rec = reconstructStudy(studyReconstructionInput(study))
    const curve = rec.curves[0]
    if (curve.status !== 'done') throw new Error('not reconstructed')
    const fit = kaplanMeier(
      curve.ipd.map((r) => r.time),
      curve.ipd.map((r) => r.event),
    )
    const at = survivalAt(fit, [60])[0]
    const direct = survivalAtTime(
      {
        study: 'Lung A',
        surv: at.surv,
        nRisk: at.nRisk,
        n: fit.n,
        source: { kind: 'greenwood', greenwood: (at.se! / at.surv) ** 2 },
      },
      'cloglog',
    )
    const row = survival60.studies.find((s) => s.study === 'Lung A')!
    expect(row.yi).toBe(direct.yi)
    expect(row.vi).toBe(direct.vi)
    expect(row.raw.nRisk).toBe(at.nRisk)
    expect(row.method).toBe('greenwood (reconstructed IPD)')
    const m = median(fit)
    const med = result.medianTable!.rows.find((r) => r.kind === 'study' && r.study === 'Lung A')!
    expect(med.kind === 'study' && [med.value, med.lower, med.upper]).toEqual([
      m.quantile,
      m.lower,
      m.upper,
    ])
  })

  it('pools exactly as poolEffects does on the same effects', () => {
    for (const a of result.outcomes) {
      const effects = a.studies.map((s) => s.raw.effect)
      const direct = poolEffects(
        effects,
        {
          outcome: a.kind,
          ...(a.time === null ? {} : { time: a.time }),
          method: 'REML',
          hksj: false,
          by: 'subgroup',
          rangeMethod: 'hozo',
        },
        a.kind === 'survival' ? 'cloglog' : 'log',
      )
      expect(a.pool).toEqual(direct)
    }
  })

  it('converts published numbers with the named methods, times into the review unit', () => {
    const f12 = result.outcomes[0].studies.find((s) => s.study === 'Liver F')!
    const direct = survivalAtTime(
      {
        study: 'Liver F',
        subgroup: 'Liver',
        surv: 0.8,
        nRisk: 30,
        n: 40,
        source: { kind: 'peto' },
      },
      'cloglog',
    )
    expect(f12.yi).toBe(direct.yi)
    expect(f12.method).toBe('peto (published)')
    const f60 = survival60.studies.find((s) => s.study === 'Liver F')!
    expect(f60.method).toBe('se (published)')
    const f24 = result.outcomes[1].studies.find((s) => s.study === 'Liver F')!
    expect(f24.excluded).toBe(true)
    expect(f24.reason).toBe('survival at 24 months not reported')
    const g = medianOutcome.studies.find((s) => s.study === 'Spine G')!
    const hozo = medianFromRange({
      study: 'Spine G',
      median: 14,
      min: 2,
      max: 60,
      n: 25,
      scale: 'log',
    })
    expect([g.yi, g.vi]).toEqual([hozo.yi, hozo.vi])
    expect(g.method).toMatch(/^range-hozo-2005/)
  })

  it('takes the hazard ratio of the two-arm study from Cox on both arms', () => {
    const hr = result.outcomes.find((a) => a.kind === 'hr')!
    expect(hr.studies.map((s) => s.study)).toEqual(['Liver D'])
    const rec = reconstructStudy(studyReconstructionInput(input.studies[3].study!))
    const [a, b] = rec.curves
    if (a.status !== 'done' || b.status !== 'done') throw new Error('not reconstructed')
    const cox = coxTwoGroup(
      [...a.ipd.map((r) => r.time), ...b.ipd.map((r) => r.time)],
      [...a.ipd.map((r) => r.event), ...b.ipd.map((r) => r.event)],
      [...a.ipd.map(() => 1), ...b.ipd.map(() => 0)],
      { ref: 0 },
    )
    expect(hr.studies[0].yi).toBeCloseTo(cox.beta!, 12)
    expect(hr.studies[0].method).toBe(
      'Cox, Efron ties (reconstructed IPD): Resected vs Not resected',
    )
    expect(result.hrTable!.rows.at(-1)).toMatchObject({ kind: 'overall', k: 1 })
  })

  it('lists every exclusion and adjustment with its reason', () => {
    const find = (study: string, what: string) =>
      result.exclusions.filter((e) => e.study === study && e.what === what)
    expect(find('Lung H', 'all analyses')[0]).toMatchObject({
      action: 'excluded',
      reason: 'excluded by the reviewer: overlapping cohort',
    })
    expect(find('missing', 'all analyses')[0].reason).toBe(
      'missing.kmstudy: cannot read it (no such file)',
    )
    expect(find('Spine G', 'survival')[0]).toMatchObject({ action: 'note' })
    expect(find('Liver F', 'survival at 48 months')[0]).toMatchObject({
      action: 'excluded',
      reason: 'survival at 48 months not reported',
    })
    expect(find('Spine G', 'median survival')[0]).toMatchObject({ action: 'adjusted' })
    for (const e of result.exclusions) expect(e.reason.length).toBeGreaterThan(5)
    expect(exclusionsCsv(result).split('\n')[0]).toBe('study,subgroup,analysis,action,reason')
  })

  it('keeps the excluded studies out of every analysis and in the study list', () => {
    expect(result.studies.map((s) => s.label)).toEqual([
      'Lung A',
      'Lung B',
      'Lung C',
      'Liver D',
      'Liver E',
      'Liver F',
      'Spine G',
      'Lung H',
      'missing',
    ])
    expect(survival60.studies.map((s) => s.study)).not.toContain('Lung H')
    expect(survival60.pool.k).toBe(6)
    expect(result.studies[7].excludedReason).toMatch(/reviewer/)
  })

  it('builds the tables, curves, forest data and methods from the same numbers', () => {
    const overall = result.survivalTable.rows.at(-1)!
    expect(overall.kind).toBe('overall')
    if (overall.kind !== 'study') expect(overall.cells[4].surv).toBe(survival60.pool.pooled!.value)
    expect(result.survivalTable.rows.map((r) => r.kind)).toEqual([
      'study',
      'study',
      'study',
      'subgroup',
      'study',
      'study',
      'study',
      'subgroup',
      'overall',
    ])
    expect(result.curves!.groups.map((g) => [g.label, g.k])).toEqual([
      ['Lung', 3],
      ['Liver', 2],
      ['All studies', 5],
    ])
    expect(result.forest.map((f) => f.id)).toEqual([
      'survival_12',
      'survival_24',
      'survival_36',
      'survival_48',
      'survival_60',
      'median',
      'hr',
    ])
    const text = result.methods.paragraphs.join(' ')
    expect(text).toMatch(/Guyot et al\. \(2012\) as implemented in kmpool 9\.9\.9/)
    expect(text).toMatch(/restricted maximum likelihood \(REML; Viechtbauer 2005\)/)
    expect(text).toMatch(/Hozo et al\. \(2005\)/)
    expect(text).toMatch(/Peto's standard error/)
    expect(text).toMatch(/Combescure et al\. \(2014\)/)
    expect(result.methods.references.some((r) => r.startsWith('Hozo SP'))).toBe(true)
  })

  it('never puts NaN or Infinity in the results', () => {
    expect(numbers(result).every(Number.isFinite)).toBe(true)
    for (const csv of [
      survivalTableCsv(result),
      estimateTableCsv(result.medianTable!),
      reviewIpdCsv(result),
    ]) {
      expect(csv).not.toMatch(/NaN|Infinity|undefined/)
    }
  })

  it('writes the IPD of every pooled study, every arm, in one file', () => {
    const lines = reviewIpdCsv(result).trim().split('\n')
    expect(lines[0]).toBe('study,subgroup,arm,time,event')
    const arms = new Set(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(',')))
    expect([...arms]).toEqual([
      'Lung A,Lung,Resected',
      'Lung B,Lung,Resected',
      'Lung C,Lung,Resected',
      'Liver D,Liver,Resected',
      'Liver D,Liver,Not resected',
      'Liver E,Liver,Resected',
    ])
  })
})

describe('settings and recomputation', () => {
  it('re-pools from cached reconstructions and gives what a fresh computation gives', () => {
    const cache = new ReviewCache()
    const input = smallReview()
    computeReview(input, { cache })
    const size = cache.size
    const dl = { ...input, settings: { ...input.settings, method: 'DL' as const, hksj: true } }
    const again = computeReview(dl, { cache })
    expect(cache.size).toBe(size)
    expect(again).toEqual(computeReview(dl))
    expect(again.methods.paragraphs.join(' ')).toMatch(/DerSimonian & Laird 1986/)
    expect(again.methods.paragraphs.join(' ')).toMatch(/Hartung & Knapp 2001/)
  })

  it('converts a study in days to the review months, as the same study in months', () => {
    const ipd = patients(21, 80, 40)
    const months = digitizedStudy('M', 'x', [{ name: 'a', ipd }])
    const days = digitizedStudy('D', 'x', [{ name: 'a', ipd }], {
      factor: 365.25 / 12,
      timeUnit: 'days',
    })
    const r = computeReview({
      title: '',
      settings: smallReview().settings,
      studies: [entry(months, 'm.kmstudy'), entry(days, 'd.kmstudy')],
    })
    for (const a of r.outcomes) {
      const [m, d] = a.studies
      expect(d.raw.value).toBeCloseTo(m.raw.value!, 6)
      expect(d.yi).toBeCloseTo(m.yi!, 6)
    }
    expect(r.methods.paragraphs.join(' ')).toMatch(/converted with a year of 365\.25 days/)
  })

  it('pools without subgroups when asked, and only at the times asked', () => {
    const r = computeReview(smallReview({ subgroupBy: null, survivalTimes: [24], median: false }))
    expect(r.outcomes.map((a) => a.id)).toEqual(['survival_24', 'hr'])
    expect(r.outcomes[0].subgroups).toEqual([])
    expect(r.survivalTable.rows.filter((x) => x.kind !== 'study').map((x) => x.kind)).toEqual([
      'overall',
    ])
    expect(r.forest[0].groups).toHaveLength(1)
    expect(r.forest[0].groups[0].label).toBeNull()
  })

  it('runs leave-one-out and Egger only where k allows, and says why not', () => {
    const r = computeReview(smallReview())
    const hr = r.outcomes.find((a) => a.kind === 'hr')!
    expect(hr.leaveOneOut).toEqual([])
    expect(hr.leaveOneOutNote).toMatch(/at least 3 pooled studies \(k = 1\)/)
    expect(hr.funnel).toBeNull()
    const s12 = r.outcomes[0]
    expect(s12.leaveOneOut).toHaveLength(s12.pool.k)
    expect(s12.egger?.pval).not.toBeNull()
    expect(s12.smallStudyNote).toMatch(/fewer than 10 studies/)
  })
})
