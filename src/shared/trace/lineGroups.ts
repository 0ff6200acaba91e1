import { type Lab, deltaE, rgbToLab, sameHue } from './color'
import type { PixelIndex } from './coverage'
import type { Rgb } from './types'

/** A pixel is a candidate's own when its colour is this close (ΔE) to it, and nearer no other. */
const OWN = 16
/** Two pixels this close (pixels, in both directions) touch. */
const REACH = 2
/** A candidate whose pixels touch another's this often (share of its own) lies along that one's line. */
const ALONG = 0.75
/** Two candidates each holding pixels in this share of the other's columns... */
const SAME_COLUMNS = 0.5
/** ... with less than this share of their pixels near the other's are two lines, never one group. */
const APART = 0.3
/** A candidate with more pixels per column than this share of the area's height fills an area. */
const FILLED = 0.1
/**
 * A candidate this thick (pixels per column, share of the area's height) beside a line much
 * thinner is a filled area: a curve's ink with its halo stays under 0.027 of the height (dev seeds
 * 3000–3119, 4000–4119: the thickest a grey arm with gridlines, or a legend's text), survminer's
 * band tints are 0.04–0.13 (FILLED catches only the widest).
 */
const BAND = 0.03
/** A filled area holds at least this many times the pixels per column of the lines beside it. */
const BAND_OVER_LINE = 3
/** A group's core has at least this share of the pixels of its largest member. */
const CORE_SHARE = 0.25
/** A colour with chroma (ΔE from the neutral axis) below this is a grey. */
const NEUTRAL = 8
/** Two greys this far apart in L* are two inks (black and grey arms), not one and its edge. */
const GREY_STEP = 18
/**
 * Coloured ink this far (ΔE) from the background is a line's, not a pale halo or a tint. Two such
 * candidates of different hues (sameHue) are two lines, never one group, however much they lie
 * together (dev seed 6338, NEJM: the red and orange arms run together under dense black marks,
 * and were one group traced from the orange; the red arm was lost without a word).
 */
export const LINE_INK = 40

/** Candidate colours of one drawn line: traced from `core`, its inkiest shade. */
export interface LineGroup {
  core: Rgb
  members: Rgb[]
  /** Indices of the members among the candidates. */
  indices: number[]
  /** A filled area (FILLED), not a line: a confidence band or a shaded panel. */
  filled: boolean
}

/** The candidates' pixels: `label[i]` the candidate pixel i is nearest (within OWN), or −1. */
export interface CandidatePixels {
  label: Int8Array
  counts: number[]
}

/** Each ink pixel of the area labelled with the nearest candidate colour (within OWN ΔE). */
export function candidatePixels(index: PixelIndex, candidates: readonly Rgb[]): CandidatePixels {
  const labs = candidates.map((c) => rgbToLab(...c))
  const byColor = new Int8Array(index.count)
  // A colour further than OWN from a candidate on the square of the distance (with room for
  // rounding) is no nearer than OWN by deltaE either: deltaE is computed only for the others.
  const far = OWN * OWN * (1 + 1e-9)
  for (let c = 0; c < index.count; c++) {
    const lab = index.labs[c]
    let best = -1
    let bestD = OWN
    for (let k = 0; k < labs.length; k++) {
      const l = labs[k]
      const d0 = lab[0] - l[0]
      const d1 = lab[1] - l[1]
      const d2 = lab[2] - l[2]
      if (d0 * d0 + d1 * d1 + d2 * d2 > far) continue
      const d = deltaE(lab, l)
      if (d <= bestD) {
        bestD = d
        best = k
      }
    }
    byColor[c] = best
  }
  const label = new Int8Array(index.ids.length).fill(-1)
  const counts = candidates.map(() => 0)
  const { ids, inkAt } = index
  for (let j = 0; j < inkAt.length; j++) {
    const i = inkAt[j]
    const k = byColor[ids[i]]
    label[i] = k
    if (k >= 0) counts[k]++
  }
  return { label, counts }
}

const isGrey = (lab: Lab) => Math.hypot(lab[1], lab[2]) < NEUTRAL

/** Share of candidate set g's pixels within REACH of set h's, from counts by neighbourhood. */
export type Along = (g: number, h: number) => number

/**
 * Groups ink colour candidates into the lines they draw: a core with its anti-aliased or JPEG
 * halo, or two shades that occupy the same strokes, are one line; two arms of similar hue that lie
 * apart are two. Colour alone cannot tell these apart (a halo is a lighter blend of its core, and
 * so is a light arm beside a dark one); where the pixels lie can. A group at least ALONG of whose
 * pixels lie within REACH pixels of another's lies along that one's line, and joins the one it
 * lies along most; a line of its own has most of its extent away from any other's (two arms meet
 * only where they cross or share a stretch), and lies along no single shade even where a pale
 * shade edges it and another arm alike. Joins are made strongest first, and none that would put
 * into one group two candidates that are two lines — each spanning most of the other's columns
 * (SAME_COLUMNS) with their pixels apart (APART) — so that a pale shade that edges two arms
 * cannot bind them (shades of one line that JPEG shifts in hue along it share few columns).
 * A filled area (FILLED: a confidence band, a shaded panel; or BAND, beside lines far thinner)
 * joins nothing, and a shade lying along one joins the line it lies along most, SAME_COLUMNS
 * sufficing (the line's own shade over the band's tint). Greys far apart in lightness stay
 * apart (a black arm is edged in grey, and yet a grey arm is a line of its own), and so does a
 * darker grey from a lighter one that lies mostly away from it (greyOfItsOwn), a coloured ink
 * from a lighter grey (colourOfItsOwn), and two coloured line inks of different hues
 * (huesApart). The core of a group, which the line is traced from, is its inkiest member (furthest from the background: a halo or an anti-aliased edge is always a
 * lighter blend of its core) among those with at least CORE_SHARE of the largest member's pixels.
 * Groups are in the order of their first candidate; `along` measures how much of one set of
 * candidates (bits of their indices) lies along another.
 */
export function lineGroups(
  index: PixelIndex,
  candidates: readonly Rgb[],
  pixels: CandidatePixels,
): { groups: LineGroup[]; along: Along } {
  const n = candidates.length
  const { width, height } = index
  const { label, counts } = pixels
  // byMask[a][m]: pixels of candidate a whose neighbourhood holds exactly the other candidates
  // of m. The neighbourhood's candidates (bits) are gathered in two passes, along rows then
  // down columns: near[i] holds those within REACH of pixel i in its row.
  const byMask = Array.from({ length: n }, () => new Float64Array(1 << n))
  // Only ink pixels can be labelled (index.inkAt, in row order).
  const { inkAt } = index
  const near = n <= 8 ? new Uint8Array(width * height) : new Int32Array(width * height)
  for (let j = 0, row = 0; j < inkAt.length; j++) {
    const i = inkAt[j]
    const a = label[i]
    if (a < 0) continue
    while (i >= row + width) row += width
    const x = i - row
    for (let xx = Math.max(0, x - REACH); xx <= Math.min(width - 1, x + REACH); xx++) {
      near[row + xx] |= 1 << a
    }
  }
  for (let j = 0, y = 0, row = 0; j < inkAt.length; j++) {
    const i = inkAt[j]
    const a = label[i]
    if (a < 0) continue
    while (i >= row + width) {
      y++
      row += width
    }
    const x = i - row
    let seen = 0
    for (let yy = Math.max(0, y - REACH); yy <= Math.min(height - 1, y + REACH); yy++) {
      seen |= near[yy * width + x]
    }
    byMask[a][seen & ~(1 << a)]++
  }
  const labs = candidates.map((c) => rgbToLab(...c))
  const ink = labs.map((l) => deltaE(l, rgbToLab(...index.background)))
  const greysApart = (a: number, b: number) =>
    isGrey(labs[a]) && isGrey(labs[b]) && Math.abs(labs[a][0] - labs[b][0]) >= GREY_STEP
  // Share of group g's pixels within REACH of group h's (groups as bit sets of candidates).
  const along = (g: number, h: number) => {
    let inside = 0
    let total = 0
    for (let a = 0; a < n; a++) {
      if (!(g & (1 << a))) continue
      total += counts[a]
      for (let m = 1; m < 1 << n; m++) if (m & h) inside += byMask[a][m]
    }
    return total > 0 ? inside / total : 0
  }
  const apart = (g: number, h: number) => {
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        if (g & (1 << a) && h & (1 << b) && greysApart(a, b)) return true
      }
    }
    return false
  }
  // A darker grey that lies along a lighter one which mostly lies away from it is another line
  // edged by the lighter grey's shade, not that grey's core: JAMA's dark slate arm, whose JPEG
  // edge reads as the grey of the grey arm beside it (dev seeds 4031, 4115: the slate lies 0.93
  // and 0.96 along the grey, the grey 0.25 and 0.30 along the slate; a halo lies along its core
  // both ways). Joined, the group was traced from the slate, and the grey arm was lost.
  const greyOfItsOwn = (a: number, b: number) =>
    isGrey(labs[a]) && isGrey(labs[b]) && labs[a][0] < labs[b][0] && along(1 << b, 1 << a) < APART
  // A coloured ink inkier than a grey it lies along is no shade of that grey (a grey's shades are
  // greys, and lighter): it is a coloured line that JPEG greyed, edged by another line's grey (dev
  // seed 3118: a red line at C* 11 lay along the grey arm's pale shade; joined to it, the group
  // was traced from the grey, and the red arm was lost).
  const colourOfItsOwn = (a: number, b: number) =>
    !isGrey(labs[a]) && isGrey(labs[b]) && ink[a] > ink[b]
  const huesApart = (a: number, b: number) =>
    !isGrey(labs[a]) &&
    !isGrey(labs[b]) &&
    ink[a] >= LINE_INK &&
    ink[b] >= LINE_INK &&
    !sameHue(labs[a], labs[b])
  // Columns each candidate occupies (bit k of colMask[x]: candidate k has a pixel in column x).
  const colMask = new Int32Array(width)
  for (let j = 0; j < inkAt.length; j++) {
    const a = label[inkAt[j]]
    if (a >= 0) colMask[inkAt[j] % width] |= 1 << a
  }
  const columns = candidates.map((_, a) => colMask.reduce((n, m) => n + ((m >> a) & 1), 0))
  const shared = (a: number, b: number) =>
    colMask.reduce((n, m) => n + ((m >> a) & (m >> b) & 1), 0)
  // Two lines: each spans most of the other's columns, yet their pixels lie apart.
  const twoLines = (a: number, b: number) => {
    const both = shared(a, b)
    return (
      both >= SAME_COLUMNS * columns[a] &&
      both >= SAME_COLUMNS * columns[b] &&
      along(1 << a, 1 << b) < APART &&
      along(1 << b, 1 << a) < APART
    )
  }
  // A filled area (a confidence band, a shaded panel) holds its lines' pixels, not the reverse.
  const perColumn = counts.map((c, k) => (columns[k] > 0 ? c / columns[k] : 0))
  // A survminer band's tint may be narrower than FILLED, yet it is no line's shade: an inkier line
  // over as many columns holds a third or less of its pixels per column (a halo holds about as
  // many as its core). Joined to the line it holds, the tint became the group's core (it has
  // most pixels) and the trace followed the band rather than the line (dev seeds 3049, 3097);
  // alone, or where two bands overlap (a blend of both tints), it was offered as a curve.
  const thinLine = (a: number, b: number) =>
    ink[b] > ink[a] &&
    BAND_OVER_LINE * perColumn[b] <= perColumn[a] &&
    columns[b] >= SAME_COLUMNS * columns[a]
  const area = perColumn.map(
    (p, k) =>
      p > FILLED * height ||
      (p > BAND * height && candidates.some((_, b) => counts[b] > 0 && thinLine(k, b))),
  )
  // Each shade joins the one other it lies along most (when it lies along one at all), the
  // strongest joins first; a join that would put two lines into one group is not made (a pale
  // shade that edges two lines lies along both).
  const joins: { a: number; b: number; f: number }[] = []
  for (let a = 0; a < n; a++) {
    if (counts[a] === 0) continue
    // A line drawn over a band takes a shade of its own there, blended with the tint: that shade
    // lies along the band, and along its line only where the line leaves the band (dev seed
    // 4075: green over the blue band, 0.81 along the tint, 0.67 along the green). It joins the
    // line it lies along most over SAME_COLUMNS.
    const inBand = !area[a] && candidates.some((_, b) => area[b] && along(1 << a, 1 << b) >= ALONG)
    let best = -1
    let bestAlong = inBand ? SAME_COLUMNS : ALONG
    for (let b = 0; b < n; b++) {
      if (b === a || counts[b] === 0 || area[a] || area[b] || apart(1 << a, 1 << b)) continue
      if (greyOfItsOwn(a, b) || colourOfItsOwn(a, b) || huesApart(a, b)) continue
      const f = along(1 << a, 1 << b)
      if (f >= bestAlong) {
        bestAlong = f
        best = b
      }
    }
    if (best >= 0) joins.push({ a, b: best, f: bestAlong })
  }
  const groupOf = candidates.map((_, k) => k)
  const find = (k: number): number => (groupOf[k] === k ? k : (groupOf[k] = find(groupOf[k])))
  for (const { a, b } of joins.sort((p, q) => q.f - p.f)) {
    const ga = find(a)
    const gb = find(b)
    if (ga === gb) continue
    const membersOf = (g: number) => candidates.map((_, k) => k).filter((k) => find(k) === g)
    const conflict = membersOf(ga).some((p) =>
      membersOf(gb).some((q) => twoLines(p, q) || huesApart(p, q)),
    )
    if (!conflict) groupOf[ga] = gb
  }
  const sets = new Map<number, number>()
  for (let k = 0; k < n; k++) {
    if (counts[k] > 0) sets.set(find(k), (sets.get(find(k)) ?? 0) | (1 << k))
  }
  const groups = [...sets.values()]
    .map((set) => candidates.map((_, k) => k).filter((k) => set & (1 << k)))
    .sort((p, q) => p[0] - q[0])
    .map((g) => {
      const most = Math.max(...g.map((k) => counts[k]))
      const core = g
        .filter((k) => counts[k] >= CORE_SHARE * most)
        .sort((p, q) => ink[q] - ink[p])[0]
      return {
        core: candidates[core],
        members: g.map((k) => candidates[k]),
        indices: g,
        filled: g.every((k) => area[k]),
      }
    })
  return { groups, along }
}
