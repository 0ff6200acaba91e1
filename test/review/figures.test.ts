import { describe, expect, it } from 'vitest'
import {
  forestPlot,
  funnelPlot,
  linearTicks,
  logTicks,
  pooledCurvesPlot,
  textWidth,
  tickLabel,
} from '../../src/shared/figures'
import { computeReview } from '../../src/shared/review'
import { smallReview } from './studies'
import { checkXml } from './xml'

describe('the XML check', () => {
  it('catches what a broken figure would contain', () => {
    expect(checkXml('<svg><text x="1">a &amp; b</text></svg>')).toBe('a & b')
    expect(() => checkXml('<svg><text>a</svg>')).toThrow(/wrong element/)
    expect(() => checkXml('<svg><text x=1>a</text></svg>')).toThrow(/malformed/)
    expect(() => checkXml('<svg>a & b</svg>')).toThrow(/bare &/)
    expect(() => checkXml('<svg/><svg/>')).toThrow(/2 root/)
  })
})

describe('review figures', () => {
  const result = computeReview(smallReview())

  it('forest plots are well formed and carry every label, number and line', () => {
    for (const data of result.forest) {
      const figure = forestPlot(data)
      const text = checkXml(figure.svg)
      expect(figure.width).toBeGreaterThanOrEqual(500)
      expect(figure.svg).toContain(`width="${Math.round(figure.width * 100) / 100}pt"`)
      for (const label of ['Study', 'Weight', data.estimateHeader, data.axis.label, 'Overall']) {
        expect(text).toContain(label)
      }
      for (const g of data.groups) {
        if (g.label) expect(text).toContain(g.label)
        for (const r of g.rows) expect(text).toContain(r.label)
      }
      expect(text).not.toMatch(/NaN|Infinity|undefined|null/)
    }
    const s60 = checkXml(forestPlot(result.forest[4]).svg)
    expect(s60).toMatch(/Heterogeneity: τ² = \d/)
    expect(s60).toMatch(/Test for subgroup differences: Q = /)
    expect(s60).toContain('95% prediction interval')
    const svg24 = forestPlot(result.forest[1]).svg
    const s24 = checkXml(svg24)
    expect(svg24.match(/font-size="5.5">a</g)).toHaveLength(2)
    expect(s24).toContain('Not pooled: survival at 24 months not reported')
  })

  it('the pooled curves have a legend, axis labels with the unit and numbers at risk', () => {
    const figure = pooledCurvesPlot(result.curves!, { timeUnit: 'months' })
    const text = checkXml(figure.svg)
    for (const label of [
      'Time (months)',
      'Overall survival (%)',
      'Number at risk',
      'Lung (k = 3)',
      'Liver (k = 2)',
      'All studies (k = 5)',
    ]) {
      expect(text).toContain(label)
    }
    for (const tick of ['0', '12', '24', '36', '48', '60']) expect(text).toContain(tick)
    expect(figure.svg).toContain('fill-opacity')
    const bare = pooledCurvesPlot(result.curves!, { timeUnit: 'months', atRisk: false })
    expect(checkXml(bare.svg)).not.toContain('Number at risk')
  })

  it('funnel plots show the pseudo-CI, the studies and Egger’s test', () => {
    const a = result.outcomes[0]
    const figure = funnelPlot({
      funnel: a.funnel!,
      egger: a.egger,
      scaleLabel: a.scaleLabel,
      title: a.title,
    })
    const text = checkXml(figure.svg)
    expect(text).toContain("Egger's test: z = ")
    expect(text).toContain('log(−log S(12 months))')
    expect(text).toContain('Standard error')
    expect(figure.svg.match(/<circle/g)).toHaveLength(a.funnel!.points.length)
  })
})

describe('axes and text', () => {
  it('chooses round ticks', () => {
    expect(linearTicks(0, 87)).toEqual([0, 20, 40, 60, 80, 100])
    expect(linearTicks(3.2, 9.1, 5)).toEqual([2, 4, 6, 8, 10])
    expect(linearTicks(-0.93, 1.44)).toEqual([-1, -0.5, 0, 0.5, 1, 1.5])
    expect(logTicks(0.23, 0.82)).toEqual([0.2, 0.5, 1])
    expect(logTicks(7.2, 135)).toEqual([5, 10, 20, 50, 100, 200])
    expect(tickLabel(-0.5)).toBe('−0.5')
    expect(tickLabel(0.30000000000000004)).toBe('0.3')
  })

  it('measures DejaVu Sans as the renderer sets it', () => {
    expect(textWidth('0', 2048)).toBe(1303)
    expect(textWidth('Study', 10, true)).toBeGreaterThan(textWidth('Study', 10))
    expect(textWidth('τ²', 2048)).toBe(1233 + 821)
  })
})
