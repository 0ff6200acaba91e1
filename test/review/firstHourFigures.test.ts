/**
 * The review figures a reviewer expects (issue 13): a hazard-ratio forest plot whose axis holds 1
 * with room either side and says which side favours which arm; pooled curves whose bands stay
 * legible with many subgroups.
 */
import { describe, expect, it } from 'vitest'
import { forestPlot, pooledCurvesPlot } from '../../src/shared/figures'
import { computeReview } from '../../src/shared/review'
import { smallReview } from './studies'
import { checkXml } from './xml'

describe('review figures for a reader', () => {
  const result = computeReview(smallReview())

  it('puts 1 inside the hazard-ratio axis with room both sides, and names the sides', () => {
    const hr = result.forest.find((f) => f.axis.reference === 1)!
    const text = checkXml(forestPlot(hr).svg)
    expect(text).toContain('← favours the other arm')
    expect(text).toContain('favours the reference arm →')
    // The tick labels of the axis reach a halving and a doubling of the hazard.
    const ticks = [...forestPlot(hr).svg.matchAll(/text-anchor="middle"[^>]*>([\d.]+)</g)].map(
      (m) => Number(m[1]),
    )
    expect(Math.min(...ticks)).toBeLessThanOrEqual(0.5)
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(2)
    for (const f of result.forest.filter((x) => x.axis.reference === null))
      expect(checkXml(forestPlot(f).svg)).not.toContain('favours')
  })

  it('draws lighter bands from three subgroups on, or as asked, or none', () => {
    const opacities = (svg: string) =>
      new Set([...svg.matchAll(/fill-opacity="([\d.]+)"/g)].map((m) => Number(m[1])))
    const curves = result.curves!
    const plot = (bands?: 'full' | 'light' | 'none') =>
      opacities(pooledCurvesPlot(curves, { timeUnit: 'months', bands }).svg)
    // Two subgroups here: full bands by default.
    expect(plot()).toEqual(new Set([0.16]))
    expect(plot('light')).toEqual(new Set([0.08]))
    expect(plot('none')).toEqual(new Set())
    // Four subgroups (the example review's): light by default.
    const four = {
      ...curves,
      groups: [
        ...curves.groups,
        ...curves.groups
          .filter((g) => !g.overall)
          .map((g) => ({
            ...g,
            subgroup: `${g.subgroup} again`,
            label: `${g.label} again`,
          })),
      ],
    }
    expect(opacities(pooledCurvesPlot(four, { timeUnit: 'months' }).svg)).toEqual(new Set([0.08]))
  })
})
