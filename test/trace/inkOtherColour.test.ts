import { describe, expect, it } from 'vitest'
import { parseColor, traceCurve } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styleOfSeed, styledFigureSpec } from '../generator/styledFigure'
import { tracedStyled } from './helpers'

/**
 * A colour that is not drawn in the figure (typed from another figure's legend, picked off the
 * wrong pixel) is traced along whatever ink passes as a blend of it, and that trace may be whole
 * with nothing said: given #1f77b4, JAMA's grey arm was traced whole (inkColour.ts). The trace is
 * warned of (code `ink-other-colour`), naming the colour its ink has; the arms' true colours are
 * not. Development seeds of the styled generator.
 */
const figure = (seed: number) => renderKmFigure(styledFigureSpec(seed, styleOfSeed(seed)))

function warning(seed: number, color: string): string | undefined {
  const fig = figure(seed)
  const curve = traceCurve(fig.image, fig.calibration, parseColor(color))
  return curve.warnings.find((w) => w.code === 'ink-other-colour')?.message
}

describe('a trace whose ink is not of the colour given', () => {
  it('is warned of when a blue traces a grey line (JAMA seed 3005)', () => {
    // The grey arm #808080; the blue's core pixels are grey.
    expect(warning(3005, '#1f77b4')).toMatch(
      /^the ink the trace of colour #1f77b4 follows is grey or black \(about #7\w{5}\), with almost none of the curve's colour/,
    )
  })

  it('is warned of when a blue traces a teal line, and grey a coloured one (survminer seed 3019)', () => {
    expect(warning(3019, '#1f77b4')).toContain('is of another hue')
    expect(warning(3019, '#808080')).toContain('is coloured')
  })

  it('is warned of when black traces a navy line (Lancet seed 3028)', () => {
    expect(warning(3028, '#000000')).toContain('is coloured')
  })

  it('is warned of when black traces a grey line (JCO seed 3021) or a slate one (JAMA seed 3011)', () => {
    // A grey pixel is black covering part of it; the line is a pixel or more wide and yet no
    // pixel of it is covered fully, as a black line's would be.
    expect(warning(3021, '#000000')).toMatch(
      /^the ink the trace of colour #000000 follows is lighter than the curve's colour \(about #8\w{5}\) on a line as wide as a pixel or more/,
    )
    expect(warning(3011, '#000000')).toContain("is lighter than the curve's colour")
  })

  it('is not warned of for the arms traced with their own colours', () => {
    for (const seed of [3005, 3019, 3028, 3008, 3021, 3011]) {
      // 3008: NEJM's 0.8 px lines in a JPEG that kept little of their colour.
      for (const { curve, arm } of tracedStyled(seed)) {
        expect(
          curve.warnings.map((w) => w.code),
          `${seed} ${arm.color}`,
        ).not.toContain('ink-other-colour')
      }
    }
  })
})
