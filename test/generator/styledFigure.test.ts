import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { axisMap, deltaE, parseColor, rgbToLab } from '../../src/shared/trace'
import type { Rgb } from '../../src/shared/trace'
import { figureSpec } from './figureSpec'
import { type FigureSpec, type RenderedFigure, renderKmFigure } from './kmFigure'
import { randomFigureSpec } from './randomFigure'
import { FIGURE_STYLES, type FigureStyle, styleOfSeed, styledFigureSpec } from './styledFigure'

const sha = (x: string | ArrayBufferView) =>
  createHash('sha256')
    .update(typeof x === 'string' ? x : new Uint8Array(x.buffer, x.byteOffset, x.byteLength))
    .digest('hex')
    .slice(0, 16)

/** The pixel at data point (t, s) of a rendered figure, with a pixel offset. */
function pixelAt(fig: RenderedFigure, t: number, s: number, dx = 0, dy = 0): Rgb {
  const p = axisMap(fig.calibration).toPixel(t, s)
  const x = Math.floor(p.px + dx)
  const y = Math.floor(p.py + dy)
  const o = (y * fig.image.width + x) * 4
  return [fig.image.data[o], fig.image.data[o + 1], fig.image.data[o + 2]]
}

const dE = (a: Rgb, b: Rgb) => deltaE(rgbToLab(...a), rgbToLab(...b))
const hex = (c: string) => parseColor(c)

/** Survival of an arm's true KM just after t (the level a censor mark at t is drawn on). */
function kmAt(fig: RenderedFigure, arm: number, t: number): number {
  const ipd = [...fig.arms[arm].ipd].sort((a, b) => a.time - b.time)
  let s = 1
  let n = ipd.length
  for (let i = 0; i < ipd.length;) {
    const time = ipd[i].time
    if (time > t) break
    let d = 0
    let k = 0
    while (i < ipd.length && ipd[i].time === time) {
      d += ipd[i].event
      k++
      i++
    }
    s *= 1 - d / n
    n -= k
  }
  return s
}

/** Seeds of the development range used here (test/generator/seeds.ts). */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8]
const specs = (style: FigureStyle) => SEEDS.map((seed) => styledFigureSpec(seed, style))

describe('the development figures stay as they were', () => {
  it('draws the same specs and pixels as before the house styles were added', () => {
    // regression lock: produced by kmpool's generator before the house styles existed (commit
    // 7e627e0); the bench's in-sample figures and the example review are drawn from these.
    const dev = Array.from({ length: 60 }, (_, i) => randomFigureSpec(i + 1))
    expect(sha(JSON.stringify(dev))).toBe('289aa9b28828635c')
    expect(sha(renderKmFigure(figureSpec()).image.data)).toBe('92055dfb5110aa9d')
    expect(sha(renderKmFigure(randomFigureSpec(40)).image.data)).toBe('c7b951421ac1903b')
  })
})

describe('styledFigureSpec', () => {
  it('gives the same figure for the same seed and style, and another for another', () => {
    for (const style of FIGURE_STYLES) {
      expect(styledFigureSpec(3, style)).toEqual(styledFigureSpec(3, style))
      expect(styledFigureSpec(3, style)).not.toEqual(styledFigureSpec(4, style))
    }
    const a = renderKmFigure(styledFigureSpec(2, 'nejm'))
    const b = renderKmFigure(styledFigureSpec(2, 'nejm'))
    expect(sha(a.file)).toBe(sha(b.file))
    // regression lock: produced by kmpool's generator (this commit), so that a change to a
    // style's draws is seen.
    expect(sha(JSON.stringify(FIGURE_STYLES.map((s) => styledFigureSpec(1, s))))).toBe(
      '30a1b2c78334c6be',
    )
  })

  it('takes the styles in turn by seed, random being the development styles', () => {
    expect(SEEDS.slice(0, 6).map(styleOfSeed).sort()).toEqual([...FIGURE_STYLES].sort())
    expect(styledFigureSpec(9, 'random')).toEqual(randomFigureSpec(9))
  })

  it('draws 2–3 arms in the house styles, as JPEGs of quality 0.4–0.95 in the journal ones', () => {
    for (const style of FIGURE_STYLES.filter((s) => s !== 'random')) {
      for (const spec of specs(style)) {
        expect(spec.arms.length, style).toBeGreaterThanOrEqual(2)
        expect(spec.arms.length, style).toBeLessThanOrEqual(3)
        if (style === 'survminer') continue
        expect(spec.jpeg, style).not.toBeNull()
        expect(spec.jpeg!, style).toBeGreaterThanOrEqual(0.4)
        expect(spec.jpeg!, style).toBeLessThanOrEqual(0.95)
      }
    }
    const journal = FIGURE_STYLES.filter((s) => s !== 'random' && s !== 'survminer')
    const scaled = journal.flatMap(specs).filter((s: FigureSpec) => s.supersample === 2)
    expect(scaled.length).toBeGreaterThan(0)
    expect(scaled.length).toBeLessThan(journal.length * SEEDS.length)
  })

  it('draws survminer on a grey panel with white grids, ggplot2 hues, bands and dense "+" marks', () => {
    const spec: FigureSpec = { ...styledFigureSpec(2, 'survminer'), jpeg: null }
    expect(spec.arms.map((a) => a.color)).toEqual(
      spec.arms.length === 2 ? ['#F8766D', '#00BFC4'] : ['#F8766D', '#00BA38', '#619CFF'],
    )
    const fig = renderKmFigure(spec)
    // The panel reaches beyond the data area: below S = 0 and left of t = 0 is panel, not page.
    const step = spec.tickStep
    expect(dE(pixelAt(fig, step * 0.25, 0, 0, 8), hex('#EBEBEB'))).toBeLessThan(1)
    expect(dE(pixelAt(fig, 0, 0.05, -8, 0), hex('#EBEBEB'))).toBeLessThan(1)
    // A major gridline there is lighter than the panel (white, maybe split between two pixels).
    const lightness = (c: Rgb) => rgbToLab(...c)[0]
    const gridline = [-1, 0, 1].map((dx) => lightness(pixelAt(fig, step, 0, dx, 8)))
    expect(Math.max(...gridline)).toBeGreaterThan(lightness(hex('#EBEBEB')) + 2)
    for (const arm of fig.arms) expect(arm.censorTimes.length).toBeGreaterThan(20)
    for (const s of specs('survminer')) {
      expect(s.panel).toBe('#EBEBEB')
      expect(s.arms.every((a) => a.censor === 'plus' && a.markColor === undefined)).toBe(true)
    }
    expect(specs('survminer').some((s) => s.arms.every((a) => a.band))).toBe(true)
  })

  it('keeps apart the JCO ticks no pixel shows: those rising inside a taller drop', () => {
    const white = hex('#ffffff')
    let hidden = 0
    for (const seed of [1, 2, 3]) {
      const spec: FigureSpec = { ...styledFigureSpec(seed, 'jco'), jpeg: null }
      delete spec.supersample
      const fig = renderKmFigure(spec)
      // The same figure with no marks drawn: where a hidden tick is, no pixel off the line has
      // ink (within the line, the tick's anti-aliased edge darkens the stroke's a little).
      const bare = renderKmFigure({
        ...spec,
        arms: spec.arms.map((a) => ({ ...a, censor: 'none' as const })),
      })
      const map = axisMap(fig.calibration)
      fig.arms.forEach((arm, a) => {
        const r = spec.arms[a].markSize
        for (const t of arm.hiddenCensorTimes) {
          expect(arm.censorTimes).toContain(t)
          // Checked where no other mark lies within 3 px (its tick would differ there).
          if (arm.censorTimes.some((u) => u !== t && Math.abs(u - t) * map.pxPerTime <= 3)) continue
          const s = kmAt(fig, a, t)
          for (let dx = -2; dx <= 2; dx++)
            for (let dy = -r - 2; dy <= 1; dy++) {
              const off = pixelAt(bare, t, s, dx, dy)
              if (dE(off, white) < 5) expect(dE(pixelAt(fig, t, s, dx, dy), off)).toBeLessThan(10)
            }
          hidden++
        }
      })
    }
    expect(hidden).toBeGreaterThan(0)
    for (const style of ['nejm', 'survminer'] as const) {
      const fig = renderKmFigure({ ...styledFigureSpec(1, style), jpeg: null })
      for (const arm of fig.arms) expect(arm.hiddenCensorTimes).toEqual([])
    }
  })

  it('draws NEJM marks in black on the coloured curves, JCO ticks above the line only', () => {
    const look = (style: 'nejm' | 'jco', seeds: number[]) => {
      const white = hex('#ffffff')
      let above = 0
      let below = 0
      let neutral = 0
      let marks = 0
      for (const seed of seeds) {
        const spec: FigureSpec = { ...styledFigureSpec(seed, style), jpeg: null }
        delete spec.supersample
        const fig = renderKmFigure(spec)
        const map = axisMap(fig.calibration)
        // Marks further than 3 mark sizes from any other mark and from a drop of their own curve.
        fig.arms.forEach((arm, a) => {
          const r = spec.arms[a].markSize
          const lone = arm.censorTimes.filter(
            (t) =>
              arm.censorTimes.every((u) => u === t || Math.abs(u - t) * map.pxPerTime > 3 * r) &&
              Math.abs(kmAt(fig, a, t + (3 * r) / map.pxPerTime) - kmAt(fig, a, t)) < 1e-9 &&
              Math.abs(kmAt(fig, a, t - (3 * r) / map.pxPerTime) - kmAt(fig, a, t)) < 1e-9,
          )
          for (const t of lone) {
            const s = kmAt(fig, a, t)
            // The most inked of three pixels across the mark's upright (it may fall between two).
            const inkAt = (dy: number) =>
              Math.max(...[-1, 0, 1].map((dx) => dE(pixelAt(fig, t, s, dx, dy), white)))
            marks++
            if (inkAt(-0.7 * r) > 20) above++
            if (inkAt(0.7 * r) > 20) below++
            if (style === 'nejm') {
              // Black, not the curve's colour: no chroma where the upright crosses nothing else.
              const p = rgbToLab(...pixelAt(fig, t, s, 0, -0.7 * r))
              if (Math.hypot(p[1], p[2]) < 8) neutral++
            }
          }
        })
      }
      return { marks, above, below, neutral }
    }
    const nejm = look('nejm', [1, 2, 3, 4, 5, 6])
    expect(nejm.marks).toBeGreaterThan(10)
    expect(nejm.above / nejm.marks).toBeGreaterThan(0.8)
    expect(nejm.below / nejm.marks).toBeGreaterThan(0.8)
    expect(nejm.neutral / nejm.marks).toBeGreaterThan(0.8)
    const jco = look('jco', [1, 2, 3, 4, 5, 6])
    expect(jco.marks).toBeGreaterThan(10)
    expect(jco.above / jco.marks).toBeGreaterThan(0.8)
    expect(jco.below / jco.marks).toBeLessThan(0.1)
    expect(jco.neutral).toBe(0)
  })

  it('draws Lancet and JAMA in dark colours with a grey arm and dashes', () => {
    const dark = (c: string) => rgbToLab(...hex(c))[0] < 60
    for (const style of ['lancet', 'jama'] as const) {
      const all = specs(style)
      expect(all.every((s) => dark(s.arms[0].color))).toBe(true)
      expect(all.some((s) => s.arms.some((a) => a.color === '#808080'))).toBe(true)
      expect(all.some((s) => s.arms.some((a) => a.dash.length > 0))).toBe(true)
    }
  })

  it('keeps the calibration exact when drawn large and scaled down', () => {
    // The resampled figure differs from one drawn at its size, but its lines stay where the
    // calibration puts them: the ink-weighted centre of a plateau's column within 0.3 px.
    const spec: FigureSpec = { ...styledFigureSpec(2, 'jco'), jpeg: null, legend: 'none' }
    delete spec.supersample
    const plain = renderKmFigure(spec)
    const scaled = renderKmFigure({ ...spec, supersample: 2 })
    expect(sha(scaled.image.data)).not.toBe(sha(plain.image.data))
    expect(scaled.calibration).toEqual(plain.calibration)
    const map = axisMap(plain.calibration)
    const ipd = [...spec.arms[0].ipd].sort((a, b) => a.time - b.time)
    // The longest gap between two of arm 0's event or censoring times, early on.
    let best = { t: 0, gap: 0 }
    for (let i = 1; i < ipd.length && ipd[i].time < spec.tMax / 2; i++) {
      const gap = ipd[i].time - ipd[i - 1].time
      if (gap > best.gap) best = { t: (ipd[i].time + ipd[i - 1].time) / 2, gap }
    }
    expect(best.gap * map.pxPerTime).toBeGreaterThan(4)
    const level = kmAt(plain, 0, best.t)
    const expected = map.toPixel(best.t, level)
    const centre = (fig: RenderedFigure) => {
      const x = Math.floor(expected.px)
      let w = 0
      let m = 0
      for (let y = Math.floor(expected.py) - 6; y <= Math.floor(expected.py) + 6; y++) {
        const o = (y * fig.image.width + x) * 4
        const ink = 765 - fig.image.data[o] - fig.image.data[o + 1] - fig.image.data[o + 2]
        w += ink
        m += ink * (y + 0.5)
      }
      return m / w
    }
    expect(Math.abs(centre(plain) - expected.py)).toBeLessThan(0.3)
    expect(Math.abs(centre(scaled) - expected.py)).toBeLessThan(0.3)
  })
})
