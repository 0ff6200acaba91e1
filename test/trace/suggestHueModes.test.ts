import { describe, expect, it } from 'vitest'
import { deltaE, findCurves, parseColor, rgbToLab } from '../../src/shared/trace'
import { type HueMode, hueModes } from '../../src/shared/trace/hueModes'
import { huesOnOneCurve } from '../../src/shared/trace/huesOnOneCurve'
import type { Rgb } from '../../src/shared/trace/types'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { armsFollowed } from './helpers'

/** The hue families of a table of colours with their pixel counts, on white. */
function modesOf(inks: [Rgb, number][], minPixels: number) {
  const colors = new Uint8Array(inks.flatMap(([c]) => c))
  const labs = inks.map(([c]) => rgbToLab(...c))
  const pixels = new Int32Array(inks.map(([, n]) => n))
  return hueModes(colors, labs, pixels, rgbToLab(255, 255, 255), 20, minPixels)
}

describe('hue families of the coloured ink (hueModes)', () => {
  // A red line and an orange one 30° apart in hue, each a core with its paler JPEG shades; a
  // blue tint of few pixels; black and grey text, which has no hue.
  const red: [Rgb, number][] = [
    [[188, 60, 41], 200],
    [[200, 110, 100], 400],
  ]
  const orange: [Rgb, number][] = [
    [[225, 135, 39], 150],
    [[230, 170, 110], 450],
  ]
  const tint: [Rgb, number][] = [[[200, 215, 235], 40]]
  const neutral: [Rgb, number][] = [
    [[0, 0, 0], 5000],
    [[128, 128, 128], 3000],
  ]

  it('finds one mode per hue, coloured as its inkiest pixels, and leaves out greys and small families', () => {
    const modes = modesOf([...red, ...orange, ...tint, ...neutral], 300)
    expect(modes).toHaveLength(2)
    const near = (c: Rgb, hex: string) => deltaE(rgbToLab(...c), rgbToLab(...parseColor(hex)))
    // Each mode's colour is its line's core (the inkiest fifth), not the mean of its pale shades.
    expect(Math.min(...modes.map((m) => near(m.color, '#bc3c29')))).toBeLessThan(5)
    expect(Math.min(...modes.map((m) => near(m.color, '#e18727')))).toBeLessThan(5)
    expect(modes.map((m) => m.count).sort((a, b) => a - b)).toEqual([600, 600])
  })

  it('keeps a family of fewer pixels than asked out', () => {
    expect(modesOf([...red, ...orange], 700)).toHaveLength(0)
  })

  it('is one mode for one hue however its shades spread', () => {
    expect(modesOf([...red, [[170, 70, 60], 300]], 100)).toHaveLength(1)
  })
})

describe('two hue families on one curve (huesOnOneCurve)', () => {
  const white = rgbToLab(255, 255, 255)
  /** A family whose inkiest colour lies `hue` degrees round the a*b* plane, `chroma` out, at L* `l`. */
  const family = (hue: number, chroma = 40, l = 45): HueMode => {
    const lab: [number, number, number] = [
      l,
      chroma * Math.cos((hue * Math.PI) / 180),
      chroma * Math.sin((hue * Math.PI) / 180),
    ]
    return { color: [0, 0, 0], lab, count: 1000, members: new Uint8Array(0) }
  }
  const curve = (hue: number) => family(hue).lab

  it('names a curve whose hue holds two families 21° apart, and no curve at 19°', () => {
    const found = huesOnOneCurve([curve(45)], [family(35), family(56)], white)
    expect(found.map((f) => f.curve)).toEqual([0])
    expect(huesOnOneCurve([curve(45)], [family(36), family(55)], white)).toEqual([])
  })

  it('measures hue round the circle (families at 170° and −171° lie 19° apart)', () => {
    expect(huesOnOneCurve([curve(180)], [family(170), family(-171)], white)).toEqual([])
    expect(huesOnOneCurve([curve(180)], [family(170), family(-169)], white)).toHaveLength(1)
  })

  it("leaves out a family as pale as a band's tint, and one another curve's hue holds", () => {
    // The second family is a tint: its distance from white is under 0.75 of the line's.
    expect(huesOnOneCurve([curve(45)], [family(35), family(60, 15, 88)], white)).toEqual([])
    // Both families are of the first curve's hue, but the second is also the second curve's:
    // that curve may be its line.
    expect(huesOnOneCurve([curve(45), curve(68)], [family(35), family(58)], white)).toEqual([])
  })

  it('takes no neutral curve (null) for a hue', () => {
    expect(huesOnOneCurve([null], [family(35), family(58)], white)).toEqual([])
  })
})

/**
 * Issue 10, never lost in silence: on NEJM development seed 7088 the 1-px orange line, greyed and
 * lightened by JPEG under dense black "+" marks, left no colour peak of its own among the red
 * line's pale shades; it was no candidate, and its arm was lost with nothing said. Its hue family
 * is still there, drawn like a line away from both curves found, and is now reported
 * (suggestColors.ts: findCurves).
 */
describe('Suggest curves on a thin orange line among red shades (NEJM 7088)', () => {
  it('reports the orange ink no curve follows, where the arm runs apart from the others', () => {
    const fig = renderKmFigure(styledFigureSpec(7088, 'nejm'))
    const found = findCurves(fig.image, fig.calibration)
    const armOf = armsFollowed(found.curves, fig.arms)
    const orange = fig.arms.findIndex((a) => a.color.toUpperCase() === '#E18727')
    // The arm is still not offered: this is what the note is for.
    expect(armOf.has(orange)).toBe(false)
    const notes = found.warnings.filter((w) => w.code === 'candidate-not-traced')
    expect(notes).toHaveLength(1)
    const m = /about (#[0-9a-f]{6}).*between time ([\d.]+) and ([\d.]+)/.exec(notes[0].message)
    expect(m, notes[0].message).not.toBeNull()
    // Named by a colour of the orange arm's hue, not the red's …
    const lab = rgbToLab(...parseColor(m![1]))
    const hue = (l: readonly number[]) => (Math.atan2(l[2], l[1]) * 180) / Math.PI
    expect(Math.abs(hue(lab) - hue(rgbToLab(...parseColor('#e18727'))))).toBeLessThan(15)
    // … over times where the orange arm is drawn apart (it runs to 51 months).
    expect(Number(m![2])).toBeGreaterThan(5)
    expect(Number(m![3])).toBeLessThan(51)
  })
})
