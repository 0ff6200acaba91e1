import { formatColor, rgbToLab } from './color'
import type { CoverageMap, PixelIndex } from './coverage'
import { traceRows } from './traceAudit'
import type { Rgb, TraceWarning } from './types'

/**
 * Whether the ink a finished trace rests on has the colour the curve was given: a colour typed
 * from the legend of another figure, or picked off the wrong pixel, must not pass as a curve.
 *
 * The tracer takes a pixel as the curve's when it is some blend of the colour with the
 * background, its chroma allowed to fall to 0.4 of the blend's (coverage.ts: JPEG averages chroma
 * over 2×2 pixels). That allowance lets a grey line pass as a blue one of its lightness: given
 * #1f77b4, a JAMA figure's grey arm (#808080) was traced whole with no warning (development seed
 * 6005). One pixel cannot tell a desaturated thin blue line from a grey one; the line's core, read
 * along the whole trace, can. In each traced column the pixel of the curve's ink it covers most
 * (at least CORE_COVER) is its core; the check reads those cores' chroma and hue against the
 * colour's, in CIELAB relative to the background's:
 * - a chromatic colour whose cores show almost no chroma (under CHROMA_SEEN in all but GREY_SHARE
 *   of them, or a median under GREY_CHROMA) rests on a grey or black line;
 * - a chromatic colour whose cores show chroma of another hue (in HUE_SHARE of them or more, at a
 *   median angle over HUE_APART) rests on a line of another colour;
 * - a grey or black colour whose cores show chroma (median over COLOURED) rests on a coloured line.
 *
 * Measured on development seeds 3000–3119 and 6000–6239 (13:20 UTC 2026-12-07, not asserted;
 * each figure's arms traced with their true colours, then with every tab10 colour, black and grey
 * more than ΔE 30 from all of them). Read from the script's blends rather than the coverage map,
 * the true colours' cores kept chroma in at least 27% of columns at a median of 2.4 or more, but
 * for NEJM 6170 (0.8 px lines in a strong JPEG: 5%, 1.6), their hue within 31°, greys' chroma at
 * most 6.7 (JAMA's slate). With this check, none of the 861 true arms is warned of; of the 2716
 * wrong colours traced, 368 were whole without a warning, and 172 of them are now warned of. The
 * rest are a colour of the line's hue at another lightness or chroma (brown given for NEJM's red,
 * pink for Lancet's crimson) and black given for a grey or slate line (a grey pixel is a blend of
 * black): blends and JPEG leave those ambiguous pixel by pixel.
 *
 * Black given for a grey line is told by the line's profile instead: each grey pixel reads as
 * black covering half of it, so a grey line as wide as a pixel or more reads as a black line
 * that is wide (its column's coverage sums to a pixel or more) and yet never covers any pixel
 * fully. A line of its own colour that is a pixel wide covers some pixel nearly fully wherever
 * the drawn line falls on a pixel's rows, as it does on some of a curve's many steps. So a grey
 * or black colour whose cores' coverage, at its 90th percentile over the trace's columns, stays
 * under LIGHTER_CORE of the line's width (capped at one pixel) rests on a lighter line.
 */

/** A core pixel covered less than this is a fringe: its colour is mostly the background's. */
const CORE_COVER = 0.3
/** Chroma (ΔE*76 in a*b*, from the background's) under which a core pixel shows no colour. */
const CHROMA_SEEN = 5
/** A chromatic colour's cores that show chroma in fewer than this share of columns are grey. */
const GREY_SHARE = 0.1
/** ...or whose median chroma is below this: a grey line's JPEG noise shows chroma here and there. */
const GREY_CHROMA = 2
/** Cores showing chroma in at least this share of columns tell their hue. */
const HUE_SHARE = 0.3
/** Median hue angle (degrees) between the cores' chroma and the colour's beyond which they differ. */
const HUE_APART = 40
/** A colour whose chroma (from the background's) is at least this is judged by its hue. */
const CHROMATIC = 15
/**
 * A colour whose chroma is below this is grey or black. Between the two (a tinted grey: JAMA's
 * slate, a JPEG-faded line's shade that Suggest curves offers) neither rule applies: on
 * development seeds 6240–6359 and 7240–7359 such shades, offered by Suggest curves, rest on their
 * own tinted line and were warned of as coloured 24 times.
 */
const NEUTRAL = 5
/** Median chroma of the cores above which a grey or black colour's line is coloured. */
const COLOURED = 10
/**
 * A grey or black colour whose cores' coverage stays, in 90% of columns, under this share of the
 * line's width (the median over columns of the coverage summed down the core's stroke, capped at
 * one pixel) rests on a lighter line. Measured on development seeds 6000–6239 and 7000–7119
 * (16:10 UTC 2026-12-07, not asserted; every arm traced alone with its true colour, then with
 * black and grey where no arm is within ΔE 30 of them): true grey and black arms' ratio 0.91 or
 * more (146 arms; the lowest are 0.5 px JAMA greys and JCO's 1 px grey in JPEG); black or grey
 * traced whole and unflagged along another line, 105: 71 under 0.8 (JCO's and Lancet's greys
 * 0.41–0.60, JAMA's slate 0.70–0.80). The rest are half-pixel lines, whose one pixel a lighter
 * ink fills as fully as a thinner black line would, and NEJM's black marks. As built, on
 * 6000–6239 and 7000–7239: 47 and 44 more wrong colours' silent traces warned of, no true arm,
 * traced with the others or alone (but 6030's black arm traced alone: it followed the grey arm,
 * whose pixels pass for black ones).
 */
const LIGHTER_CORE = 0.8
/** A pixel covered less than this ends the stroke when its coverage is summed down a column. */
const STROKE_EDGE = 0.05
/** Columns of cores needed for a judgement. */
const MIN_COLUMNS = 20

/**
 * The warning (code `ink-other-colour`) for a trace whose core pixels are not of its colour, or
 * null. `points` are the trace's corners (image pixels); `cover` the coverage map it was traced
 * from, still valid; `lightness`: whether that map's coverage is the colour's alone (no shades),
 * so that a grey or black colour's line may be judged lighter than it.
 */
export function inkOfOtherColour(
  index: PixelIndex,
  cover: CoverageMap,
  color: Rgb,
  points: readonly { x: number; y: number }[],
  lineWidth: number,
  lightness: boolean,
): TraceWarning | null {
  if (points.length < 2) return null
  const { ids, labs, background } = index
  const bg = rgbToLab(...background)
  const c = rgbToLab(...color)
  const ca = c[1] - bg[1]
  const cb = c[2] - bg[2]
  const chroma0 = Math.hypot(ca, cb)
  const chromatic = chroma0 >= CHROMATIC
  const chroma: number[] = []
  const hues: number[] = []
  const cores: number[] = []
  const coreCover: number[] = []
  const strokes: number[] = []
  alongTrace(index, points, lineWidth, (first, last, step) => {
    let best = -1
    let most = CORE_COVER
    for (let i = first; i <= last; i += step) {
      if (cover.cover[i] >= most) {
        most = cover.cover[i]
        best = i
      }
    }
    if (best < 0) return
    coreCover.push(most)
    strokes.push(stroke(cover, best))
    const id = ids[best]
    const p = labs[id]
    const pa = p[1] - bg[1]
    const pb = p[2] - bg[2]
    const ch = Math.hypot(pa, pb)
    chroma.push(ch)
    cores.push(id)
    if (ch >= CHROMA_SEEN && chromatic) {
      hues.push((Math.abs(Math.atan2(pa * cb - pb * ca, pa * ca + pb * cb)) * 180) / Math.PI)
    }
  })
  if (chroma.length < MIN_COLUMNS) return null
  // Sorted as a typed array: natively, faster than by a comparator.
  const median = (v: number[]) => Float64Array.from(v).sort()[Math.floor(v.length / 2)]
  const name = formatColor(color)
  // The cores' colour as a reader would name it.
  const seen = formatColor(medianColour(index, cores))
  const tail = `: it may be another curve's line, or the colour may be wrong; check the colour against the figure (the eyedropper picks it from the curve)`
  const grey = hues.length < GREY_SHARE * chroma.length || median([...chroma]) < GREY_CHROMA
  if (chromatic && grey) {
    return {
      code: 'ink-other-colour',
      message: `the ink the trace of colour ${name} follows is grey or black (about ${seen}), with almost none of the curve's colour${tail}`,
    }
  }
  if (chromatic && hues.length >= HUE_SHARE * chroma.length && median(hues) > HUE_APART) {
    return {
      code: 'ink-other-colour',
      message: `the ink the trace of colour ${name} follows is of another hue than the curve's colour (about ${seen})${tail}`,
    }
  }
  if (chroma0 < NEUTRAL && median(chroma) > COLOURED) {
    return {
      code: 'ink-other-colour',
      message: `the ink the trace of colour ${name} follows is coloured (about ${seen}), not grey or black${tail}`,
    }
  }
  const top = Float64Array.from(coreCover).sort()[Math.floor(0.9 * coreCover.length)]
  if (lightness && chroma0 < NEUTRAL && top < LIGHTER_CORE * Math.min(1, median(strokes))) {
    return {
      code: 'ink-other-colour',
      message: `the ink the trace of colour ${name} follows is lighter than the curve's colour (about ${seen}) on a line as wide as a pixel or more${tail}`,
    }
  }
  return null
}

/** The median of each channel over the index's colours `ids` (the upper one of an even count). */
export function medianColour(index: PixelIndex, ids: readonly number[]): Rgb {
  const channel = (o: number) =>
    Float64Array.from(ids, (id) => index.colors[3 * id + o]).sort()[ids.length >> 1]
  return [channel(0), channel(1), channel(2)]
}

/**
 * Calls `visit` for each column of a trace (image columns from its first corner to its last, in
 * the index's area) with the pixels, in the index's area order, within half the line's width and
 * a pixel of the rows the trace spans there: from `first` to `last` by `step`.
 */
export function alongTrace(
  index: PixelIndex,
  points: readonly { x: number; y: number }[],
  lineWidth: number,
  visit: (first: number, last: number, step: number) => void,
): void {
  if (points.length < 2) return
  const { area, width, height } = index
  const from = Math.ceil(points[0].x)
  const x1 = Math.min(area.x1 - 1, Math.floor(points[points.length - 1].x))
  const { lo, hi } = traceRows(points, from, x1)
  const reach = lineWidth / 2 + 1
  for (let x = Math.max(area.x0, from); x <= x1; x++) {
    const k = x - from
    if (!(lo[k] <= hi[k])) continue
    const y0 = Math.max(area.y0, Math.floor(lo[k] - reach))
    const y1 = Math.min(area.y0 + height - 1, Math.ceil(hi[k] + reach))
    const at = (y: number) => (y - area.y0) * width + (x - area.x0)
    visit(at(y0), at(y1), width)
  }
}

/**
 * The coverage summed down the stroke through pixel `at` of a column (rows next to it, up and
 * down, until one is covered less than STROKE_EDGE): the line's width there in pixels of this
 * colour's full ink.
 */
function stroke(cover: CoverageMap, at: number): number {
  const { width, height } = cover
  const row = Math.floor(at / width)
  let sum = cover.cover[at]
  for (let y = row - 1, i = at - width; y >= 0 && cover.cover[i] >= STROKE_EDGE; y--, i -= width) {
    sum += cover.cover[i]
  }
  for (
    let y = row + 1, i = at + width;
    y < height && cover.cover[i] >= STROKE_EDGE;
    y++, i += width
  ) {
    sum += cover.cover[i]
  }
  return sum
}
