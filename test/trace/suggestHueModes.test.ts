import { describe, expect, it } from 'vitest'
import { deltaE, findCurves, parseColor, rgbToLab } from '../../src/shared/trace'
import { hueModes } from '../../src/shared/trace/hueModes'
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
