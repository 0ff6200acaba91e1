import { describe, expect, it } from 'vitest'
import { HUE_KEPT, hueShare, rgbToLab } from '../../src/shared/trace/color'
import { expectClose } from '../helpers/close'

/**
 * hueShare, by which a coloured ink is told from a grey's shade (inkColors, lineGroups.ts): the
 * projection of one colour's a*b* onto another's, over the latter's chroma squared. Expected values
 * are that arithmetic on the Lab coordinates given, not kmpool output.
 */
describe("hueShare: the share of a colour's chroma another keeps along its hue", () => {
  it('is 1 for the colour itself, 0 for a grey, −1 for the opposite hue', () => {
    const red = rgbToLab(0xad, 0x00, 0x2a)
    expectClose(hueShare(red, red), 1, { rel: 1e-12 }, 'itself')
    expectClose(hueShare([54, 0, 0], red), 0, { abs: 1e-12 }, 'grey')
    expectClose(hueShare([36, -red[1], -red[2]], red), -1, { rel: 1e-12 }, 'opposite')
  })

  it('is the projection over the chroma squared, measured from `from`', () => {
    // (a*, b*) = (4, 3) from (1, 1) is (3, 2); p = (7, 5) from (1, 1) is (6, 4): (18 + 8) / 52.
    expectClose(hueShare([50, 4, 3], [50, 7, 5], [100, 1, 1]), 26 / 52, { rel: 1e-12 }, 'from')
  })

  it('keeps a pale shade of a line (half blended with white) above HUE_KEPT, a grey below', () => {
    // A 50 % blend of the JPEG-greyed red line of dev seed 3118 (#7f666e) with white, and the grey
    // arm's pale shade beside it (#afb0b1).
    const line = rgbToLab(0x7f, 0x66, 0x6e)
    const pale = rgbToLab((0x7f + 255) / 2, (0x66 + 255) / 2, (0x6e + 255) / 2)
    expect(hueShare(pale, line)).toBeGreaterThan(HUE_KEPT)
    expect(hueShare(rgbToLab(0xaf, 0xb0, 0xb1), line)).toBeLessThan(HUE_KEPT)
  })
})
