import { type Lab, luma, rgbToLab } from './color'
import type { PixelRect, Rgb, RgbaImage } from './types'

/** How far (largest channel difference, 0–255) a pixel may stray from the background and still be background. */
const BACKGROUND_NOISE = 10

/**
 * Per-pixel coverage of one curve colour over the area: `cover[i]` in [0, 1] is the estimated
 * fraction of pixel i covered by a line of that colour (0 for pixels that are not the curve's),
 * `other[i]` is k + 1 for pixels that are clearly the k-th of the other listed curves' (0 for
 * none; MARK_INK for near-black ink of no curve), so that a curve hidden under another can
 * follow that one's ink and say whose it was.
 * Indexing is (y − area.y0) · width + (x − area.x0).
 */
export interface CoverageMap {
  area: PixelRect
  width: number
  height: number
  cover: Float32Array
  other: Uint8Array
  /**
   * 1 where a pixel held as this curve's carries a darker sibling's hue (see coverageMap); null
   * when the curve has no darker sibling of another hue.
   */
  tint?: Uint8Array | null
  /**
   * k + 1 where a pixel left to no curve (`other` 0, `cover` 0) is clearly the k-th other curve's
   * ink, though an earlier listed curve explained it better than this colour does (see
   * coverageMap); null when there is none. Read only to say where this curve's ink touches
   * another's (columnRuns.ts: RUN_BESIDE_HIDDEN), not to follow it.
   */
  hidden?: Uint8Array | null
  /** The only pixels that may be non-zero in either (not background, not masked), in order. */
  inkAt: Int32Array
  /** The same pixels' rows, column by column (inkColumns). */
  columns: InkColumns
}

/**
 * The rows of each column that hold ink (the index's pixels with a colour), in order: `rows` from
 * `start[x]` to `start[x + 1]`, so that scanning a column visits its ink only; and where each
 * row's ink begins in `inkAt` (`rowStart[y]`, up to `rowStart[y + 1]`). The same for every curve
 * of a figure, found once (columnRuns.ts reads every curve's runs from it).
 */
export interface InkColumns {
  start: Int32Array
  rows: Int32Array
  rowStart: Int32Array
  /**
   * The colour id (PixelIndex's `ids`) of each pixel of `rows`: a column's colours read in order,
   * where reading `ids` down a column fetches a new cache line for every pixel.
   */
  colourIds: Int32Array
}

interface Blend {
  /** Coverage, clamped to [0, 1], and as computed (above 1: the pixel is darker than the colour). */
  alpha: number
  raw: number
  residual: number
}

/** Below this luma difference from the background (0–255), a colour's coverage is read from all three channels. */
const MIN_LUMA_CONTRAST = 60
/** JPEG's chroma subsampling can halve the chroma of a thin line; no less than this is accepted. */
const MIN_CHROMA_KEPT = 0.4
/**
 * A pixel this many times as inked as this colour can be is a darker sibling's. JPEG halos reach
 * less; a thin line of the sibling (1 px of black beside grey) spreads its ink over two rows and
 * puts 0.6–0.75 of it in one of them, which reads as 1.2–1.5 times a grey pixel, and must not
 * pass for this colour's fully inked pixel.
 */
const DARKER = 1.3
/**
 * A pixel whose hue lies at least HUE_SEEN (ΔE*76, chroma alone) from this colour's blends, and
 * that a darker sibling's blend explains better by HUE_NEARER (whole ΔE), carries that sibling's
 * hue: a grey line's pixels are neutral, a thin slate line's read as grey but keep a tint (JPEG
 * leaves a ≈ −1.6 to −2.6 of it on forced-JAMA development seed 3052). See coverageMap's `tint`.
 */
const HUE_SEEN = 1
const HUE_NEARER = 0.3
/**
 * The hue test is for a grey curve (chroma below GREY from the background): a grey arm's pixels
 * carry no hue of their own. A pale bluish JPEG halo of a blue line (#a8b3bd, chroma 6.6) has the
 * blue line as its darker sibling; tested so, all its pixels read as the blue line's, and the
 * halo was reported as ink no curve could be traced in (test/trace/arms.test.ts, JPEG 40, 1 px).
 */
const GREY = 4
/** `tint` codes: a pixel of this curve's with a darker sibling's hue; a pixel of that sibling's own ink. */
export const TINTED = 1
export const SIBLING_INK = 2

/**
 * `other` code of mark ink: a pixel that no listed curve explains and that is near-black (a blend
 * of black with the background at least MARK_ALPHA strong, within the tolerance) on a light
 * background, when no listed curve is near-black itself. Published figures draw censor marks in black over coloured curves (NEJM's "+"); the
 * marks hide the line beneath them, so the path may follow them at the curve's level, and they
 * are read as the curve's censor marks.
 */
export const MARK_INK = 255
const MARK_ALPHA = 0.5
const BLACK: Rgb = [0, 0, 0]

/**
 * Beside and between black censor marks JPEG mixes a coloured line with the marks' black, so the
 * line's pixels there are darker than its colour can be and read as neither the line's blend nor
 * mark ink (NEJM, forced on development seed 3002: orange #E18727's #68552b and #4d3d1c beside a
 * "+"). A pixel that no curve explains and that is this colour and black over the background
 * (darkenedBlend), with at least this share of the colour, is the line's, fully covered (the
 * line runs beneath the black). Below 0.15 it takes the centres of "+" marks too, near-black with
 * a faint tint of the line beneath (forced NEJM 4008 A: #0e0000, #160600, share ≈ 0.08–0.1).
 * Measured on forced-NEJM development seeds 3000–3039 and 4000–4039 and all styles of 3000–3119
 * and 4000–4119 (23:10 UTC, with FRAME_RUN, not asserted): 0.08 kept 81.4% and 83.7% of
 * forced-NEJM arms whole (0.15: 75.5%, 78.6%) and all styles 90.8% and 89.4% (88.7%, 88.4%), with
 * no silent arm added. Without FRAME_RUN 0.08 took the red-tinted y axis where lancet 3112 B
 * starts (#0f0006) and that arm's path ran down the axis.
 */
const DARKENED_LINE = 0.08
/**
 * Mark ink in a vertical run of at least this many pixels is the plot's frame (the y axis), not a
 * censor mark, and lets no darkened pixel beside it be the line's (see nearMark): a curve starting
 * at the axis tints it (lancet 3112 B: #0f0006 at column 131, rows 40–44), which read as the line
 * at DARKENED_LINE 0.08 and drew the path down the axis. A mark's bar is a few pixels long. Runs of
 * 20 cost forced-NEJM 3009 C its wholeness (within 0.9499), 40 and 100 kept every development arm
 * as without the rule (3000–3119, 4000–4119, forced NEJM 3000–3039, 4000–4039; 23:15 UTC).
 * Horizontal runs are not tested: overlapping "+" marks of a densely censored stretch make long
 * ones (horizontal runs of 20 and 60 lost forced-NEJM 4016 C and 4029 B).
 */
const FRAME_RUN = 40
/**
 * Such a pixel is the line's only within this many pixels (rows and columns) of mark ink that is
 * not itself such a mix: elsewhere it is more often two curves' colours mixed where they cross
 * (survminer), and taken as one curve's it broke survminer arms of development seeds 3001, 3007
 * and 3109 (one of them silent). Radius 2 and 3 kept the same arms whole on forced-NEJM seeds
 * 3000–3039, 4 one fewer (21:50 UTC, not asserted).
 */
const NEAR_MARK = 2
/**
 * A curve colour that is another listed colour with this share of black or more (within half the
 * tolerance) takes no darkened pixels: it is that curve's ink darkened beside marks, a JPEG shade
 * findCurves tries as a candidate (nejm 3002: #8b524c beside the red #ad474c), and with them it
 * was traced along the other curve and offered as a fourth arm (suggestMarks.test.ts).
 */
const DARKENED_SELF = 0.1

/**
 * A pixel as the background with a share `line` of a line colour and a share `black` of black
 * mixed in (least squares in sRGB, both shares in [0, 1]), and the ΔE*76 between the pixel and
 * that mix, whose chroma may shrink to MIN_CHROMA_KEPT of itself as in blendOf.
 */
function darkenedBlend(
  p: Rgb,
  pLab: Lab,
  c: Rgb,
  bg: Rgb,
  bgLab: Lab,
): { line: number; black: number; residual: number } {
  // Solve p − bg = line · (c − bg) − black · bg for the two shares.
  let suu = 0
  let suv = 0
  let svv = 0
  let su = 0
  let sv = 0
  for (let i = 0; i < 3; i++) {
    const u = c[i] - bg[i]
    const v = -bg[i]
    const d = p[i] - bg[i]
    suu += u * u
    suv += u * v
    svv += v * v
    su += u * d
    sv += v * d
  }
  const det = suu * svv - suv * suv
  if (Math.abs(det) < 1e-6) return { line: 0, black: 0, residual: Infinity }
  const line = Math.min(1, Math.max(0, (su * svv - sv * suv) / det))
  const black = Math.min(1 - line, Math.max(0, (sv - line * suv) / svv))
  const q = rgbToLab(
    bg[0] + line * (c[0] - bg[0]) - black * bg[0],
    bg[1] + line * (c[1] - bg[1]) - black * bg[1],
    bg[2] + line * (c[2] - bg[2]) - black * bg[2],
  )
  return { line, black, residual: Math.hypot(pLab[0] - q[0], hueOff(pLab, q, bgLab)) }
}

/**
 * How far (CIELAB a*b*, ΔE*76) a pixel's hue lies from a blend `q`'s, the blend's chroma
 * (relative to the background's) allowed to shrink to MIN_CHROMA_KEPT of itself: JPEG averages
 * chroma over 2×2 pixels, which desaturates a thin line but keeps its hue.
 */
function hueOff(pLab: Lab, q: Lab, bgLab: Lab): number {
  const qa = q[1] - bgLab[1]
  const qb = q[2] - bgLab[2]
  const pa = pLab[1] - bgLab[1]
  const pb = pLab[2] - bgLab[2]
  const qn = qa * qa + qb * qb
  const kept = qn > 0 ? Math.min(1, Math.max(MIN_CHROMA_KEPT, (pa * qa + pb * qb) / qn)) : 1
  return Math.hypot(pa - kept * qa, pb - kept * qb)
}

/**
 * A pixel as a blend of a line colour over the background, which is how anti-aliasing draws a
 * partly covered pixel. The blend weight comes from luma (Rec. 601, the channel JPEG keeps at full
 * resolution), or for a colour of nearly the background's luma from the projection of
 * (pixel − background) on (colour − background) in sRGB. The residual is a CIELAB ΔE*76 between
 * the pixel and that blend in which the blend's chroma (relative to the background's) may shrink
 * to MIN_CHROMA_KEPT of itself: JPEG averages chroma over 2×2 pixels, which desaturates a thin
 * line but keeps its hue and lightness.
 */
export function blendOf(p: Rgb, pLab: Lab, c: Rgb, bg: Rgb, bgLab: Lab): Blend {
  const blend = blender(c, bg, bgLab)
  blend(p[0], p[1], p[2], pLab)
  return { alpha: blend.alpha, raw: blend.raw, residual: blend.residual }
}

/** blendOf against one line colour: called with a pixel, it leaves that pixel's Blend on itself. */
interface Blender extends Blend {
  (p0: number, p1: number, p2: number, pLab: Lab): void
  /** The residual's chroma part alone: how far the pixel's hue lies from the blend's. */
  hue: number
}

/**
 * blendOf's steps for one line colour and background, with what depends on them alone worked out
 * once, and the blend's CIELAB kept for the two coverages most pixels clamp to (0: lighter than
 * the background, 1: darker than the colour): the same numbers for each pixel, at a fraction of
 * the time (blendTable judges every colour of a figure this way).
 */
function blender(c: Rgb, bg: Rgb, bgLab: Lab): Blender {
  const dr = c[0] - bg[0]
  const dg = c[1] - bg[1]
  const db = c[2] - bg[2]
  const bgLuma = luma(...bg)
  const dl = bgLuma - luma(...c)
  const byLuma = Math.abs(dl) >= MIN_LUMA_CONTRAST
  const norm = dr * dr + dg * dg + db * db
  const blendLab = (alpha: number) =>
    rgbToLab(bg[0] + alpha * dr, bg[1] + alpha * dg, bg[2] + alpha * db)
  const none = blendLab(0)
  const full = blendLab(1)
  const blend = ((p0: number, p1: number, p2: number, pLab: Lab) => {
    let raw: number
    if (byLuma) raw = (bgLuma - luma(p0, p1, p2)) / dl
    else {
      raw = norm > 0 ? ((p0 - bg[0]) * dr + (p1 - bg[1]) * dg + (p2 - bg[2]) * db) / norm : 0
    }
    const alpha = Math.min(1, Math.max(0, raw))
    const q = alpha === 0 ? none : alpha === 1 ? full : blendLab(alpha)
    blend.alpha = alpha
    blend.raw = raw
    blend.hue = hueOff(pLab, q, bgLab)
    blend.residual = Math.hypot(pLab[0] - q[0], blend.hue)
  }) as Blender
  blend.alpha = 0
  blend.raw = 0
  blend.residual = 0
  blend.hue = 0
  return blend
}

/**
 * How another curve's colour relates to this one: `lighter` when it is this colour blended
 * with the background (grey beside black), `darker` when this one is a blend of it, otherwise
 * `distinct`. Pixels cannot tell siblings apart (a half-covered black pixel is grey); only the
 * amount of ink in a run can, which columnRuns' caller weighs.
 */
export function relation(
  color: Rgb,
  other: Rgb,
  bg: Rgb,
  tolerance: number,
): { kind: 'lighter' | 'darker' | 'distinct'; strength: number } {
  const bgLab = rgbToLab(...bg)
  const asBlend = blendOf(other, rgbToLab(...other), color, bg, bgLab)
  if (asBlend.residual <= tolerance / 2 && asBlend.raw > 0.1 && asBlend.raw < 0.85) {
    return { kind: 'lighter', strength: asBlend.raw }
  }
  const inverse = blendOf(color, rgbToLab(...color), other, bg, bgLab)
  if (inverse.residual <= tolerance / 2 && inverse.raw > 0.1 && inverse.raw < 0.85) {
    return { kind: 'darker', strength: inverse.raw }
  }
  return { kind: 'distinct', strength: 1 }
}

/**
 * The pixels of an area by colour, found once per figure and shared by every curve traced in it:
 * `ids[i]` is the index of pixel i's colour among `colors` (three bytes each), or −1 for a pixel
 * within BACKGROUND_NOISE of the background or masked. Indexing is (y − area.y0) · width +
 * (x − area.x0). A figure holds far fewer colours than pixels (a JPEG some tens of thousands, a
 * PNG hundreds), so each curve's test runs once per colour, not once per pixel.
 */
export interface PixelIndex {
  area: PixelRect
  width: number
  height: number
  background: Rgb
  ids: Int32Array
  /** The pixels with a colour (ids ≥ 0), in order: the only ones any curve can hold. */
  inkAt: Int32Array
  colors: Uint8Array
  count: number
  /** CIELAB of each colour. */
  labs: Lab[]
  /** blendTable's tables, by line colour. */
  blends: Map<string, BlendTable>
  /** The same pixels by column. */
  columns: InkColumns
  /** The arrays of the last coverage map made from the index, for the next (see coverageMap). */
  scratch?: { cover: Float32Array; other: Uint8Array; lent: boolean }
}

/**
 * Says that no coverage map made from the index so far is used any more (a trace is done with
 * its map), so that the next coverageMap may write into the last one's arrays rather than
 * allocate its own: a 1400×1000 plot's map is 5 MB, and finding a figure's curves makes a dozen.
 */
export function coverageMapsDone(index: PixelIndex): void {
  if (index.scratch) index.scratch.lent = false
}

/** The index's ink pixels by column (InkColumns): found with the index (indexPixels). */
export function inkColumns(index: PixelIndex): InkColumns {
  return index.columns
}

/**
 * The ids of the colours seen so far, by colour (0xrrggbb): an open-addressed hash table in typed
 * arrays, which indexPixels asks once for every ink pixel whose colour is not the last pixel's.
 * A Map with number keys took a tenth of indexing a JPEG figure, which holds tens of thousands of
 * colours.
 */
class ColourIds {
  private keys = new Int32Array(1 << 12).fill(-1)
  private ids = new Int32Array(1 << 12)
  private count = 0
  private mask = (1 << 12) - 1
  /** 32 less the table's bits: a slot is the top bits of the key's Fibonacci hash. */
  private shift = 20

  /** The id of colour `key`, or −1 if it has none. */
  get(key: number): number {
    for (let h = this.slot(key); ; h = (h + 1) & this.mask) {
      const k = this.keys[h]
      if (k === key) return this.ids[h]
      if (k < 0) return -1
    }
  }

  /** Gives colour `key` (not held yet) the id `id`. */
  set(key: number, id: number): void {
    if (2 * (this.count + 1) > this.keys.length) this.grow()
    let h = this.slot(key)
    while (this.keys[h] >= 0) h = (h + 1) & this.mask
    this.keys[h] = key
    this.ids[h] = id
    this.count++
  }

  private slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift
  }

  private grow(): void {
    const { keys, ids } = this
    this.keys = new Int32Array(2 * keys.length).fill(-1)
    this.ids = new Int32Array(2 * keys.length)
    this.mask = this.keys.length - 1
    this.shift--
    this.count = 0
    for (let h = 0; h < keys.length; h++) if (keys[h] >= 0) this.set(keys[h], ids[h])
  }
}

/**
 * The pixels of the area by colour (PixelIndex), with their columns (InkColumns): every curve's
 * coverage map reads both.
 */
export function indexPixels(
  image: RgbaImage,
  area: PixelRect,
  background: Rgb,
  mask?: Uint8Array,
): PixelIndex {
  const width = area.x1 - area.x0
  const height = area.y1 - area.y0
  const ids = new Int32Array(width * height).fill(-1)
  const seen = new ColourIds()
  const colors: number[] = []
  // The ink pixels, in a typed array doubled when full.
  let inkAt = new Int32Array(1 << 16)
  let inks = 0
  // InkColumns' counts, gathered as the pixels are read: each column's ink, each row's first.
  const start = new Int32Array(width + 1)
  const rowStart = new Int32Array(height + 1)
  const { data } = image
  const [br, bgg, bb] = background
  // A line's pixels often come in a row of one colour: the last colour's id is at hand.
  let lastKey = -1
  let lastId = -1
  // Most pixels are the background's very bytes: read as one 32-bit word, a pixel equal to the
  // last background pixel seen is background at once. Signed words: an unsigned word above 2³¹
  // (any opaque pixel) is compared as a double, which made this test most of the indexing's
  // time. Before any background pixel is seen, the background rounded to bytes, opaque, is one
  // (when it is within BACKGROUND_NOISE of the background: a background given out of range is
  // not).
  const words =
    data.byteOffset % 4 === 0
      ? new Int32Array(data.buffer, data.byteOffset, data.length >> 2)
      : null
  const bytes = [Math.round(br), Math.round(bgg), Math.round(bb)]
  let haveBg = bytes.every(
    (v, c) => v >= 0 && v <= 255 && Math.abs(v - background[c]) <= BACKGROUND_NOISE,
  )
  let bgWord = haveBg ? new Int32Array(new Uint8Array([...bytes, 255]).buffer)[0] : 0
  const { x0, x1, y0, y1 } = area
  const imageWidth = image.width
  for (let y = y0; y < y1; y++) {
    let i = (y - y0) * width
    rowStart[y - y0] = inks
    for (let x = x0; x < x1; x++, i++) {
      const k = y * imageWidth + x
      if (mask && mask[k]) continue
      if (words && haveBg && words[k] === bgWord) continue
      const o = k * 4
      const r = data[o]
      const g = data[o + 1]
      const b = data[o + 2]
      if (
        Math.abs(r - br) <= BACKGROUND_NOISE &&
        Math.abs(g - bgg) <= BACKGROUND_NOISE &&
        Math.abs(b - bb) <= BACKGROUND_NOISE
      ) {
        if (words) {
          bgWord = words[k]
          haveBg = true
        }
        continue
      }
      const key = (r << 16) | (g << 8) | b
      let id = key === lastKey ? lastId : seen.get(key)
      if (id < 0) {
        id = colors.length / 3
        seen.set(key, id)
        colors.push(r, g, b)
      }
      lastKey = key
      lastId = id
      ids[i] = id
      if (inks === inkAt.length) {
        const more = new Int32Array(2 * inks)
        more.set(inkAt)
        inkAt = more
      }
      inkAt[inks++] = i
      start[x - x0 + 1]++
    }
  }
  rowStart[height] = inks
  return {
    area,
    width,
    height,
    background,
    ids,
    inkAt: inkAt.slice(0, inks),
    colors: Uint8Array.from(colors),
    count: colors.length / 3,
    labs: Array.from({ length: colors.length / 3 }, (_, c) =>
      rgbToLab(colors[3 * c], colors[3 * c + 1], colors[3 * c + 2]),
    ),
    blends: new Map(),
    columns: columnsOf(inkAt, ids, start, rowStart),
  }
}

/**
 * InkColumns from the ink pixels (`inkAt`, in row order, as many as `rowStart`'s last entry),
 * their colour ids, each column's count of ink (`start[x + 1]`, turned into the columns' starts
 * here) and where each row's ink begins.
 */
function columnsOf(
  inkAt: Int32Array,
  ids: Int32Array,
  start: Int32Array,
  rowStart: Int32Array,
): InkColumns {
  const width = start.length - 1
  const height = rowStart.length - 1
  const inks = rowStart[height]
  for (let x = 0; x < width; x++) start[x + 1] += start[x]
  const rows = new Int32Array(inks)
  const colourIds = new Int32Array(inks)
  const fill = start.slice(0, width)
  // inkAt is in row order, so each column's rows come out in order.
  for (let y = 0; y < height; y++) {
    for (let k = rowStart[y]; k < rowStart[y + 1]; k++) {
      const at = fill[inkAt[k] - y * width]++
      rows[at] = y
      colourIds[at] = ids[inkAt[k]]
    }
  }
  return { start, rows, rowStart, colourIds }
}

/**
 * The index indexPixels would make of the same image and area with `mask` (image pixels,
 * non-zero left out), which must leave out every pixel the index's own mask left out: read from
 * the index's ink alone, not from every pixel of the image (a re-trace with a traced line masked
 * indexed the whole plot again). Colours are numbered in the order their first pixel comes, as
 * indexPixels numbers them, so the index is the same.
 */
export function maskIndex(index: PixelIndex, imageWidth: number, mask: Uint8Array): PixelIndex {
  const { area, width, height, ids: allIds, inkAt: allInk } = index
  const ids = new Int32Array(width * height).fill(-1)
  // Each colour's id in the new index (−1: none yet).
  const renumbered = new Int32Array(index.count).fill(-1)
  const colors: number[] = []
  const labs: Lab[] = []
  const inkAt = new Int32Array(allInk.length)
  let inks = 0
  const start = new Int32Array(width + 1)
  const rowStart = new Int32Array(height + 1)
  const allRows = index.columns.rowStart
  for (let y = 0; y < height; y++) {
    rowStart[y] = inks
    const row = (y + area.y0) * imageWidth + area.x0
    for (let k = allRows[y]; k < allRows[y + 1]; k++) {
      const i = allInk[k]
      const x = i - y * width
      if (mask[row + x]) continue
      const old = allIds[i]
      if (renumbered[old] < 0) {
        renumbered[old] = labs.length
        colors.push(index.colors[3 * old], index.colors[3 * old + 1], index.colors[3 * old + 2])
        labs.push(index.labs[old])
      }
      ids[i] = renumbered[old]
      inkAt[inks++] = i
      start[x + 1]++
    }
  }
  rowStart[height] = inks
  return {
    area,
    width,
    height,
    background: index.background,
    ids,
    inkAt: inkAt.slice(0, inks),
    colors: Uint8Array.from(colors),
    count: labs.length,
    labs,
    blends: new Map(),
    columns: columnsOf(inkAt, ids, start, rowStart),
  }
}

/** blendOf for every colour of an index against one line colour, as typed arrays. */
interface BlendTable {
  alpha: Float32Array
  raw: Float32Array
  residual: Float32Array
  hue: Float32Array
}

/**
 * Every colour of the index as a blend of `color` with the background (blendOf), computed once
 * per line colour and kept with the index: finding a figure's curves traces each colour several
 * times, beside the others and as another's neighbour.
 */
function blendTable(index: PixelIndex, color: Rgb): BlendTable {
  const key = color.join(',')
  const kept = index.blends.get(key)
  if (kept) return kept
  const { colors, count, background, labs } = index
  const table = {
    alpha: new Float32Array(count),
    raw: new Float32Array(count),
    residual: new Float32Array(count),
    hue: new Float32Array(count),
  }
  const blend = blender(color, background, rgbToLab(...background))
  for (let c = 0; c < count; c++) {
    blend(colors[3 * c], colors[3 * c + 1], colors[3 * c + 2], labs[c])
    table.alpha[c] = blend.alpha
    table.raw[c] = blend.raw
    table.residual[c] = blend.residual
    table.hue[c] = blend.hue
  }
  index.blends.set(key, table)
  return table
}

/**
 * Which pixels of the area belong to the curve of colour `color`, and how much of each its line
 * covers. A pixel belongs when it lies within `tolerance` (ΔE*76) of some blend of the colour with
 * the background: this accepts the anti-aliased edges of the line, whose colours run from the
 * line's to the background's, which a plain distance to the colour (WebPlotDigitizer's RGB
 * distance) either drops or, with a tolerance wide enough to keep them, confuses with other
 * colours. A pixel that a curve of another hue among `others` explains better is left to it
 * (and marked as that curve's when it is its near full strength); a pixel darker than this colour
 * can be, of a darker sibling's ink (black beside grey), is marked as the sibling's. A lighter
 * sibling's pixels cannot be told from this colour's anti-aliased ones (a half-covered black pixel
 * is grey): siblingRuns.ts weighs whole runs instead. `shades` are other colours of the same
 * drawn line (lineGroups.ts: JPEG splits a line into a core, a halo and hue-shifted stretches): a
 * pixel that is a blend of one of them is the line's too, its coverage scaled by how much ink the
 * shade holds beside the colour (a halo's full strength is a partial coverage of the core).
 * Background and masked pixels are 0 (the index left them out). Each distinct colour of the index
 * is judged once. The map's arrays are the index's last map's when its caller said that map was
 * done with (coverageMapsDone): a map stays valid until then.
 */
export function coverageMap(
  index: PixelIndex,
  color: Rgb,
  tolerance: number,
  others: readonly Rgb[],
  shades: readonly Rgb[] = [],
): CoverageMap {
  const { area, width, height, background, ids } = index
  // The arrays of a map no longer used (coverageMapsDone), or new ones. Only ink pixels are ever
  // written (below, and by no reader), and each is written here, so reused arrays need no clearing.
  const spare = index.scratch && !index.scratch.lent ? index.scratch : undefined
  const cover = spare ? spare.cover : new Float32Array(width * height)
  const other = spare ? spare.other : new Uint8Array(width * height)
  if (spare) spare.lent = true
  else if (!index.scratch) index.scratch = { cover, other, lent: true }
  const kinds = others.map((o) => ({ color: o, ...relation(color, o, background, tolerance) }))
  // A shade's full ink is this share of the colour's (by luma, as blendOf weighs a blend).
  const contrast = luma(...background) - luma(...color)
  const strengths = shades.map((sh) =>
    Math.abs(contrast) >= 1
      ? Math.min(1, Math.max(0, (luma(...background) - luma(...sh)) / contrast))
      : 1,
  )
  const mine = blendTable(index, color)
  const shadeTables = shades.map((sh) => blendTable(index, sh))
  const theirTables = kinds.map((o) => (o.kind === 'lighter' ? null : blendTable(index, o.color)))
  const bgLab = rgbToLab(...background)
  const ownLab = rgbToLab(...color)
  const grey = Math.hypot(ownLab[1] - bgLab[1], ownLab[2] - bgLab[2]) < GREY
  // Coverage of this curve, or −1 − k for a pixel of colour c that is clearly the k-th other
  // curve's.
  const classify = (c: number): number => {
    let residual = mine.residual[c]
    let code = residual <= tolerance ? mine.alpha[c] : 0
    // Indexed loops: this runs for every colour of the figure in every trace.
    for (let k = 0; k < shadeTables.length; k++) {
      const t = shadeTables[k]
      if (t.residual[c] < residual) residual = t.residual[c]
      if (t.residual[c] <= tolerance) code = Math.max(code, t.alpha[c] * strengths[k])
    }
    for (let k = 0; k < kinds.length; k++) {
      const theirs = theirTables[k]
      if (!theirs) continue
      if (kinds[k].kind === 'darker') {
        // Darker than this colour can be: the other curve's ink.
        if (mine.raw[c] > DARKER && theirs.residual[c] <= tolerance) {
          tinted[c] = SIBLING_INK
          return -1 - k
        }
        if (
          grey &&
          mine.hue[c] >= HUE_SEEN &&
          theirs.residual[c] <= residual - HUE_NEARER &&
          theirs.residual[c] <= tolerance
        ) {
          tinted[c] = TINTED
        }
        continue
      }
      if (theirs.residual[c] < residual && theirs.alpha[c] >= 0.25) {
        if (theirs.alpha[c] >= 0.7 && theirs.residual[c] <= tolerance) return -1 - k
        claimed[c] = clearClaim(c, residual)
        return 0
      }
    }
    return code
  }
  // The other curve, if any, whose near full-strength ink pixel colour c is, explaining it better
  // than this colour's `residual` (1 + its index; 0 for none): a pixel that an earlier listed
  // curve explained better too, but only weakly, is left to no curve above (survminer development
  // seeds 6001 and 6097: the blue arm's pure #619cff read by the green arm's map as a weak blend
  // of red, so that the green runs beneath the blue line touched no other curve's ink and the
  // green trace, on their edge 3–13 px off its line, was whole by its status). Marking such
  // pixels the other curve's, as the loop would for the best of the others, changed the traces
  // (forced survminer 6000–6119, 15:29 UTC: whole 83.7% → 81.4%): they are kept apart (`hidden`).
  const clearClaim = (c: number, residual: number): number => {
    let best = 0
    let least = residual
    for (let k = 0; k < kinds.length; k++) {
      const theirs = theirTables[k]
      if (!theirs || kinds[k].kind === 'darker') continue
      if (theirs.residual[c] < least && theirs.alpha[c] >= 0.7 && theirs.residual[c] <= tolerance) {
        best = k + 1
        least = theirs.residual[c]
      }
    }
    return best
  }
  // Near-black ink no curve explains is mark ink, unless a curve of the figure is itself
  // near-black (a black or slate arm), whose ink black marks could not be told from.
  const nearBlack = (c: Rgb) => {
    const b = blendOf(c, rgbToLab(...c), BLACK, background, bgLab)
    return b.alpha >= MARK_ALPHA && b.residual <= tolerance
  }
  const dark =
    luma(...background) > 128 && !nearBlack(color) && !others.some(nearBlack)
      ? blendTable(index, BLACK)
      : null
  const codes = new Float32Array(index.count)
  const tinted = new Uint8Array(index.count)
  const claimed = new Uint8Array(index.count)
  // The curves whose colour mixed with black a pixel might also be (not a lighter sibling's,
  // whose blends are this colour's own).
  const rivals = kinds.filter((o) => o.kind !== 'lighter').map((o) => o.color)
  // See DARKENED_SELF.
  const shadeOfOther = rivals.some((o) => {
    const f = darkenedBlend(color, ownLab, o, background, bgLab)
    return f.black >= DARKENED_SELF && f.residual <= tolerance / 2
  })
  const darkened = (c: number): number => {
    const p: Rgb = [index.colors[3 * c], index.colors[3 * c + 1], index.colors[3 * c + 2]]
    const fit = darkenedBlend(p, index.labs[c], color, background, bgLab)
    if (fit.line < DARKENED_LINE || fit.residual > tolerance) return 0
    for (const o of rivals) {
      if (darkenedBlend(p, index.labs[c], o, background, bgLab).residual <= fit.residual) return 0
    }
    return Math.min(1, fit.line + fit.black)
  }
  // Coverage of this colour mixed with black, taken where mark ink lies near (below).
  const darker = new Float32Array(index.count)
  for (let c = 0; c < index.count; c++) {
    codes[c] = classify(c)
    if (dark && !grey && !shadeOfOther && codes[c] === 0) darker[c] = darkened(c)
    if (dark && codes[c] === 0 && dark.alpha[c] >= MARK_ALPHA && dark.residual[c] <= tolerance) {
      codes[c] = -MARK_INK
    }
  }
  const { inkAt } = index
  const tint = tinted.includes(TINTED) ? new Uint8Array(width * height) : null
  const hidden = claimed.some((k) => k > 0) ? new Uint8Array(width * height) : null
  // Only a map with darkened pixels asks where the frame is (nearMark).
  const frame = darker.some((d) => d > 0) ? frameInk(index, (id) => codes[id] === -MARK_INK) : null
  const nearMark = (i: number): boolean => {
    const y = Math.floor(i / width)
    const x = i - y * width
    for (let dy = -NEAR_MARK; dy <= NEAR_MARK; dy++) {
      if (y + dy < 0 || y + dy >= height) continue
      for (let dx = -NEAR_MARK; dx <= NEAR_MARK; dx++) {
        if (x + dx < 0 || x + dx >= width) continue
        const j = i + dy * width + dx
        const id = ids[j]
        if (id >= 0 && codes[id] === -MARK_INK && darker[id] === 0 && !frame?.[j]) return true
      }
    }
    return false
  }
  for (let k = 0; k < inkAt.length; k++) {
    const i = inkAt[k]
    let code = codes[ids[i]]
    if (darker[ids[i]] > 0 && nearMark(i)) code = darker[ids[i]]
    if (code < 0) {
      other[i] = code === -MARK_INK ? MARK_INK : Math.min(MARK_INK - 1, -code)
      cover[i] = 0
      if (tint) tint[i] = tinted[ids[i]]
    } else {
      cover[i] = code
      other[i] = 0
      if (tint) tint[i] = tinted[ids[i]]
    }
    if (hidden) hidden[i] = code === 0 ? claimed[ids[i]] : 0
  }
  return { area, width, height, cover, other, tint, hidden, inkAt, columns: inkColumns(index) }
}

/**
 * The pixels of the index whose colour is `ink` (by colour id) and that lie in a vertical run of
 * at least FRAME_RUN of them: the plot's frame. Read from the ink's columns (inkColumns), so that
 * only ink pixels are visited; indexing as the index's.
 */
function frameInk(index: PixelIndex, ink: (id: number) => boolean): Uint8Array {
  const { width, height } = index
  const { start, rows, colourIds } = inkColumns(index)
  const frame = new Uint8Array(width * height)
  for (let x = 0; x < width; x++) {
    let k = start[x]
    while (k < start[x + 1]) {
      if (!ink(colourIds[k])) {
        k++
        continue
      }
      // A run: consecutive rows of the column, each of the ink.
      let e = k + 1
      while (e < start[x + 1] && rows[e] === rows[e - 1] + 1 && ink(colourIds[e])) e++
      if (e - k >= FRAME_RUN) for (let q = k; q < e; q++) frame[rows[q] * width + x] = 1
      k = e
    }
  }
  return frame
}

/**
 * The plot's background: the commonest colour of the area (quantised to 32 levels per channel,
 * then averaged over its pixels), white in nearly every published figure but not in all.
 */
export function backgroundColor(image: RgbaImage, area: PixelRect): Rgb {
  // Counts and channel sums by quantised colour (15 bits) in typed arrays, and the colours in the
  // order first seen, so that the first of the commonest wins as before (a Map of objects took
  // a quarter as long as indexing the pixels).
  const n = new Int32Array(1 << 15)
  const sums = new Float64Array(3 << 15)
  const order: number[] = []
  const step = Math.max(
    1,
    Math.floor(Math.sqrt(((area.x1 - area.x0) * (area.y1 - area.y0)) / 40000)),
  )
  for (let y = area.y0; y < area.y1; y += step) {
    for (let x = area.x0; x < area.x1; x += step) {
      const o = (y * image.width + x) * 4
      const r = image.data[o]
      const g = image.data[o + 1]
      const b = image.data[o + 2]
      const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)
      if (n[key]++ === 0) order.push(key)
      sums[3 * key] += r
      sums[3 * key + 1] += g
      sums[3 * key + 2] += b
    }
  }
  let best = -1
  for (const key of order) if (best < 0 || n[key] > n[best]) best = key
  return best >= 0
    ? [sums[3 * best] / n[best], sums[3 * best + 1] / n[best], sums[3 * best + 2] / n[best]]
    : [255, 255, 255]
}
