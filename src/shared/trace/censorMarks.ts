import { type CoverageMap, MARK_INK, TINTED } from './coverage'
import type { StepCorners } from './stepCorners'

/**
 * A censor mark: its image column (centre) and the level of the plateau it sits on; `inkY`, the
 * ink-weighted mean row of its ink beyond the line (a mark drawn on this line has it near `y`, a
 * mark of another line nearby only on that side); `black`, the share of that ink that is mark
 * ink of no curve (MARK_INK), which any curve nearby may read.
 */
export interface MarkPixel {
  x: number
  y: number
  inkY: number
  black: number
}

/** How far (in line widths, plus pixels) beyond the line's edge a mark may reach. */
const REACH_WIDTHS = 3
const REACH_PX = 2.5
/**
 * A pixel counts towards a mark only with at least this coverage: a confidence band drawn in a
 * translucent shade of the curve's colour (survminer) reads as a coverage of 0.2–0.3 all along.
 */
const MIN_COVER = 0.4
/** A column holds a mark when it has at least this many pixels' worth of ink beyond the line. */
const MARK_INK_PX = 1.2
/**
 * ... or, on a curve whose marks are small (markNeed: JCO's short upward ticks, 2.5 px tall on a
 * 1 px line, hold 0.4–0.8 px of ink beyond the line per column), at least this share of its
 * typical mark's peak (PEAK_Q of the peaks), and never less than MARK_INK_LOW.
 */
const MARK_INK_LOW = 0.4
const PEAK_SHARE = 0.35
const PEAK_Q = 0.7
/** Columns whose ink is a peak of at least this much count towards the typical mark's. */
const PEAK_FLOOR = 0.3
/** A curve's marks are taken as small only from more than this many peaks. */
const MIN_PEAKS = 10
/**
 * A lone group (one mark's width, not a cross's or circle's halves) whose ink beyond the line is
 * less than this share of the median of the curve's lone groups is stray ink (JPEG noise at a
 * corner, the fringe of another arm's mark or line, the frame), not one of its marks: all marks
 * of a curve have one shape and size. Taken only from at least MIN_LONE lone groups. With the
 * need lowered for small marks (markNeed), such weak groups were 4 in 5 false reads (development
 * seeds 3000–4119: 497 more than 2 px from every drawn mark, 122 within, at a share of 0.25);
 * leaving them out took precision on 3000–3119 and 4000–4119 from 0.878 and 0.861 to 0.890 and
 * 0.876, recall from 0.866 and 0.867 to 0.857 and 0.858.
 */
const STRAY_SHARE = 0.35
const MIN_LONE = 5
/**
 * A group whose ink beyond the line is at least this share of pixels tinted with a darker
 * sibling's hue (coverage.ts TINTED: held as this grey curve's, yet a blend of the darker curve of
 * another hue) is the JPEG fringe of that curve's mark, not one of this curve's: JAMA's grey arm
 * (#808080) reads the edges of the slate arm's (#374E55) ticks and "+" where the two lines run
 * together (a slate core pixel is the slate's, its anti-aliased edges read as grey but keep a
 * tint), and the grey arm's own marks hold neutral pixels. Development seeds 6000–6119, forced
 * JAMA, the grey arms' 8195 marks read: of the groups at least 0.95 tinted, 303 false marks and 77
 * true; at 0.99 or above (all but wholly tinted), 285 and 53; at 0.8, 388 and 181; of the marks
 * with no tinted ink, 300 false and 6152 true. Such a group still counts among the marks the
 * curve read for CROSSING_SHARE: it lies beside the line, as the fringe an unmarked arm reads does
 * (left out of that count, seed 3029's unmarked grey arm kept 23 of its 47 one-sided reads). Only
 * a grey curve with a darker sibling of another hue has tinted pixels (coverageMap), so no other
 * curve changes. Forced JAMA 6000–6119: recall 0.920 → 0.919, precision 0.907 → 0.918 (the grey
 * arms' 0.879 → 0.906); 7240–7359: 0.928 → 0.926 and 0.908 → 0.918. Check seeds, forced JAMA
 * 7000–7119: 0.907 → 0.905 and 0.900 → 0.909; 7000–7239 (all styles): JAMA 0.923 → 0.921 and
 * 0.908 → 0.918, the other styles and every arm's wholeness unchanged.
 */
const TINTED_SHARE = 0.99
/**
 * Two marks' strokes in one run are parted by a dip in the ink beyond the line below this share
 * of the lower one's peak (peakCount). Development seeds 3000–3119 and 4000–4119: recall 0.858 →
 * 0.860 and 0.863 → 0.865 (JCO 0.759 → 0.763, 0.779 → 0.783), precision unchanged (0.906, 0.902);
 * at 0.75 no more recall and precision 0.906 → 0.905 on 3000–3119.
 */
const DIP_SHARE = 0.5
/**
 * A sloped stretch of the path more than one column wide that falls more than this many rows per
 * column is a fall the tracer could not place (stepCorners.ts leaves a fall seen in under two
 * thirds of its columns, hidden or in a dashed line's gap, as a slope), and the line's ink lies
 * anywhere between its two levels there: the visible part of the drop's stroke, beside the
 * interpolated slope, read as ink beyond the line and so as marks at the stretch's corners.
 * Across such a stretch the line is taken to span both levels. Development seeds 3000–3119 and
 * 4000–4119: precision 0.912 → 0.914 and 0.904 → 0.906 (random 0.790 → 0.800 and 0.783 → 0.787,
 * JAMA 0.908 → 0.911 and 0.886 → 0.891, Lancet 0.940 → 0.943 and 0.957 → 0.959), recall 0.869
 * and 0.870 unchanged (Lancet 0.897 → 0.896 on 3000–3119, two ticks 0.5 px apart at a fall;
 * random 0.826 → 0.828). Gentler stretches (a steep run of small steps) hold ticks at a death
 * time that the wider band swallows: over 1 row per column, Lancet recall 0.897 → 0.895 and NEJM
 * 0.886 → 0.885 on 3000–3119; at any slope, 0.891 and 0.883.
 */
const FALL_SLOPE = 2
/**
 * Beside a drop (besideDrops), ink is read in the rows up to TICK_WIDTHS line widths above the
 * lower level (JCO's ticks stand 2–3.5 line widths tall); a row counts only where it holds at
 * least (1 + BESIDE_SHARE) times the drop's own ink per row (a tick beside the stroke adds up to
 * as much again), and a drop only where its stroke's centre keeps within STRAIGHT_PX (pixels)
 * across its rows:
 * deaths 1–2 px apart that the tracer joined into one drop make a staircase whose lower stroke,
 * right of the upper one, reads like a tick. Only on curves whose marks rise above the line alone
 * (UPWARD times the ink above as below; development seeds 3000–3011, the ratio is 3.3–78 on JCO's
 * curves with marks, at most 3.7 on the other styles'). Development seeds, forced JCO: recall
 * 0.762 → 0.765 (3000–3119) and 0.773 → 0.777 (4000–4119), precision 0.948 and 0.952 unchanged;
 * JCO's own seeds of 3000–3119 and 4000–4119: recall 0.760 → 0.765 and 0.783 → 0.787, precision
 * unchanged; other styles and wholeness unchanged. At a share of 0.8, recall 0.768 and 0.779 but
 * precision 0.952 → 0.951 on 4000–4119; at 0.5 (forced JCO 3000–3119) 0.776 and 0.947. Without the
 * staircase test, forced JCO 3000–3029 gained 122 ticks for 69 false marks (with it: 47 for 5,
 * at a share of 0.8).
 * The share was 1 (a tick doubling the row's ink); it is 0.3 because a tick 1–2 px after the
 * drop rarely adds a full stroke's ink to the row the test sums: the row spans the band's columns
 * only, and a tick standing at the band's right edge leaves a third to a half of its ink in the
 * column beyond (too faint there, under MIN_COVER, to be read beyond the line), while the
 * curve's median `own` is taken over rows that already hold some ticks. Development seeds 6000–
 * 6119, forced JCO: of 32128 drawn ticks 25207 → 25581 found (recall 0.785 → 0.796), 23313 → 23802
 * read of which 22060 → 22464 right (precision 0.946 → 0.944: 404 of the 489 new reads right);
 * at 0.5, recall 0.793 and precision 0.945; at 0.2, 0.797 and 0.944. Asking two rows of a drop to
 * pass, or measuring `own` on the drop's own rows above the tick's, gained nothing more. Check seeds
 * 7000–7119 forced JCO: recall 0.778 → 0.793, precision 0.941 → 0.937; 7000–7239 (all styles,
 * their own): JCO 0.781 → 0.797 and 0.947 → 0.945, the other styles (no upward-only marks) and
 * every arm's wholeness unchanged.
 */
const TICK_WIDTHS = 3
const UPWARD = 4
const BESIDE_SHARE = 0.3
const STRAIGHT_PX = 0.3
/** Columns of mark ink at most this far apart are one group (one mark, or a dense run). */
const GROUP_GAP = 1
/** A row with less ink than this ends a stroke. */
const BLANK = 0.2
/**
 * The tracer's line width (pathLineWidth) is taken for the line's own unless it exceeds this many
 * times the width of the plateaus' thinnest columns (OWN_WIDTH_Q): dense marks (survminer's
 * crowded "+") widen every column, the band about the path then swallows the marks and they go
 * unseen (development seeds 3000–3119 and 4000–4119: survminer recall 0.74 and 0.69 with the
 * tracer's width, 0.86 and 0.79 with the line's own; all styles 0.76 and 0.75, 0.80 and 0.79, at
 * the same precision).
 */
const INFLATED = 1.25
const OWN_WIDTH_Q = 0.2
/** A plateau column with less of the line's own ink than this (pixels) is left out of its width. */
const MIN_OWN = 1
/** The quantile of a plateau's columns taken as its line's own ink beyond the edge. */
const BASE_Q = 0.25
/**
 * A dense run is counted in units of this quantile of the groups' widths: most groups are one
 * mark, and a lone mark's group is the narrowest.
 */
const SINGLE_Q = 0.3
/**
 * On a curve of crosses or circles, a run of mark ink holds a mark's centre where its ink dips
 * below this share of the highest within half a mark's width either side (crowdedPairs, markDips).
 * Development seeds 3000–3119 and 4000–4119, random style: precision 0.860 and 0.826 (0.861 and
 * 0.826 at 0.8, 0.859 and 0.825 at 0.95), recall 0.840 and 0.879 (0.839 and 0.876, 0.841 and
 * 0.878).
 */
const DIP_DEPTH = 0.9
/**
 * ... and a run with no dip and no half's slope, narrower than this share of a mark's width, is
 * stray ink (precision 0.857 and 0.822 keeping them, recall unchanged; at 0.7 no change).
 */
const HALF_SHARE = 0.4
/** The least slope (rows per column) of the ink of each half of a cross or circle (pairHalves). */
const MIN_SLOPE = 0.3
/** The least such slope once the curve's crosses or circles are known (pairHalves). */
const JOIN_SLOPE = 0.05
/**
 * The two halves of one cross or circle hold alike ink: at most this ratio between them, while the
 * curve's shape and size are found (pairHalves); once they are known, halves that far apart with
 * the shape's slopes are joined whatever their ink (a cross at a drop has one half on each level).
 */
const HALVES_ALIKE = 2
/** The halves of the curve's crosses or circles lie their commonest distance apart, give or take this (pixels). */
const SPACING_TOL = 1.5
/**
 * Halves are joined only where at least this many pairs of the curve, and this share of its
 * groups, lie the commonest distance apart: on a curve of ticks or "+" marks, two neighbouring
 * strokes may happen to slope, and the ends of a dashed line's dashes lie a set distance apart
 * too (development seed 3017, JAMA, a dashed arm with ticks: without the share, 6–12 of its 247
 * ticks lost and its reconstruction IAE 0.0013 → 0.0020 with marks).
 */
const MIN_PAIRS = 2
const MIN_PAIRED_SHARE = 0.05
/**
 * ... or, on a crowded curve, at least CROWD_PAIRS pairs and this share of its groups that slope
 * like a half (at least MIN_SLOPE): where small crosses or circles crowd, most groups are no half
 * (runs of several merged marks, a drop's corner, a column of stray ink), so the clean pairs are
 * few among all groups, yet a fair share of the sloped ones. Unjoined, each such mark was read
 * twice, at its halves, each 2–3 px off (development seeds 6000–6239, random style: 4 arms of
 * crosses or circles with 4–7 pairs among 137–153 groups, 0.105–0.135 of their 38–52 sloped ones,
 * held 692 of the style's 1437 false marks; with it, random precision 0.758 → 0.814 and recall
 * 0.816 → 0.825, wholeness unchanged). On the curves of ticks and "+" of 3000–3119, 4000–4119 and
 * 6000–6239, at most 3 pairs lie the commonest distance apart. Check seeds 7000–7239 (and
 * 7000–7119 forced random): no arm there meets it, all unchanged.
 */
const CROWD_PAIRS = 4
const SLOPED_SHARE = 0.1
/**
 * ... or, where those find no shape, at least FAINT_PAIRS pairs (more in one sense than in the
 * other) whose halves slope at least JOIN_SLOPE in one shape's senses and lie close, no more
 * columns apart than the narrower half is wide (plus one): a cross drawn with a thick stroke
 * (random style, lines 3–4 px wide, strokes 0.8 of that) leaves beyond the line halves 3–5
 * columns wide, 2–3 columns apart across the line's band, whose blurred slopes are 0.03–0.2,
 * under MIN_SLOPE; unjoined, each half was read as a mark 3–4 px off the drawn one. Upright
 * strokes slope either way by chance, and on a coarse time grid (dev seed 6212, monthly times
 * 9.7 px apart) neighbouring ticks lie a set distance apart too, but a gap of their distance,
 * not of the band's. Development seeds 6000–6239, forced random and all styles: the curves of
 * ticks and "+" had at most 5 such close pairs in either sense, the crosses joined by this 7–17
 * (6124, 6098, 6038, 6068, 6076, 6139, 6155); forced random 6000–6119: precision 0.785 → 0.803,
 * recall 0.845 → 0.852, wholeness unchanged (6120–6239: four cross arms changed, 99 more marks
 * read right and 251 fewer false; all styles 6000–6239 unchanged). Without the closeness test,
 * 6212's thick ticks were joined in pairs and all 95 misplaced. Check seeds 7000–7119 forced
 * random: precision 0.778 → 0.785, recall 0.863 → 0.864, wholeness unchanged; 7000–7239 (all
 * styles), 3000–3119 and 4000–4119: no arm meets it, all unchanged.
 */
const FAINT_PAIRS = 7
/**
 * A mark crosses the line when its ink beyond the line on the lesser side is at least TWO_SIDED
 * times that on the greater. A curve of which fewer than CROSSING_SHARE of the marks cross the
 * line, and whose marks hold less than UP_SHARE of their ink above it (JCO's upward ticks, which
 * upwardOnly does not always tell from the columns' ink, hold 0.54–1 of it), has no marks: what
 * was read is ink of its own line beside the traced path (the corners of a run of small steps
 * drawn as a slope, a dashed line's gaps, JPEG ringing) or the fringe of another curve's line or
 * marks, and such ink lies on one side. Development seeds 6000–6239 (all styles) and 6240–6359
 * (forced JAMA): of 126 unmarked arms that read marks, 61 meet it (435 false marks), no marked arm
 * does. Precision: JAMA 0.901 → 0.908 (6000–6239) and 0.886 → 0.897 (forced JAMA), Lancet 0.954
 * → 0.964, random 0.810 → 0.813; recall and wholeness unchanged. At a share of 0.3, 70 unmarked
 * arms (654 false marks) but marked ones too: NEJM 4040 A, JCO 4101 A (0.31 and 0.21 of their
 * marks crossing), survminer 3079's third arm (0.28). Check seeds 7000–7239: JAMA 0.901 → 0.915,
 * random 0.744 → 0.758, Lancet 0.959 → 0.966, recall unchanged but JCO 0.796 → 0.794 (7023's two
 * arms, read poorly before: 20 marks right, 13 false); forced JAMA 7000–7119: 0.889 →
 * 0.901; 3000–3119 and 4000–4119: JAMA 0.912 → 0.932 and 0.888 → 0.892, recall unchanged.
 */
const TWO_SIDED = 0.3
const CROSSING_SHARE = 0.2
const UP_SHARE = 0.5

/**
 * Finds the censor marks on a traced curve: the ticks, plus signs, crosses and circles that
 * survival plots draw on the curve at each censoring time. KMtoIPD and CEN-KM, and Guyot's
 * algorithm, spread censorings evenly because the marks are not read; here they are.
 *
 * The traced path (its corners: plateaus, drops, and the slopes of steps too small to resolve;
 * a steep slope over a fall the tracer could not place spans both its levels, FALL_SLOPE),
 * thickened by the line's width (the tracer's, or the line's own where dense marks widen what the
 * tracer measures), is where the line's own ink lies. Ink of the curve's colour,
 * or mark ink (near-black ink of no curve, MARK_INK: NEJM draws black "+" on coloured curves),
 * that runs on from the line outwards within reach is a mark's: the upright of a tick or plus sign
 * crossing the line, a JCO tick rising above it only, the arms of a cross or a circle, and marks
 * at a drop, whose ink reaches below the lower level (or above the upper one) where the drop's own
 * ink never does. Columns with at least MARK_INK_PX pixels of such ink (less on a curve of small
 * marks: markNeed) more than their plateau's typical column holds (a line at a fraction of a row,
 * JPEG noise, a band's fringe) are grouped, and lone groups much weaker than the curve's typical
 * one are left out as stray ink (STRAY_SHARE); the
 * two halves of a cross or circle, either side of its centre, are joined (pairHalves); a group is
 * one mark at its ink-weighted centre (a joined pair: midway between its halves) or, for a dense
 * run of marks merged into one blob, several where its ink lies (inkShares), one per the width of the
 * curve's narrow groups (a lone mark's stroke); on a curve of crosses or circles, one per dip
 * between a mark's halves instead (crowdedPairs). A curve of which few marks cross the line and
 * whose marks are not upward ticks has none (CROSSING_SHARE): those read are `setAside`, counted
 * so that the trace can say so.
 *
 * Units: image pixels (rows down). Marks hidden wholly in the line (an upward tick on a drop
 * taller than the tick) or under another curve's ink are not seen; usableMarks.ts and the misfit
 * check in reconstruct.ts guard the reconstruction against marks missed or misread. Black mark
 * ink near two curves is read by both; sharedMarks.ts settles it between them, from each mark's
 * `inkY` and `black`.
 */
export function censorMarks(
  steps: Pick<StepCorners, 'corners' | 'plateaus'>,
  lineWidth: number,
  cover: CoverageMap,
): { marks: MarkPixel[]; setAside: number } {
  const none = { marks: [], setAside: 0 }
  const { corners } = steps
  const flat = steps.plateaus.filter((p) => p.weight > 0)
  if (corners.length < 2 || flat.length === 0) return none
  // Dense marks thicken the line the tracer measures (every column holds part of a mark): the
  // line's own width is then that of its thinnest columns on the plateaus.
  const own = ownWidth(flat, cover, lineWidth)
  const lw = own * INFLATED < lineWidth ? own : lineWidth
  const half = lw / 2
  const reach = REACH_WIDTHS * lw + REACH_PX
  const k = Math.ceil(half)
  const x0 = Math.floor(corners[0].x)
  const x1 = Math.ceil(corners[corners.length - 1].x) + k
  const n = x1 - x0 + 1
  // The rows the traced path passes through in each column [x, x + 1).
  const top = new Float64Array(n).fill(Infinity)
  const bottom = new Float64Array(n).fill(-Infinity)
  const put = (x: number, y: number) => {
    const c = x - x0
    if (c < 0 || c >= n) return
    top[c] = Math.min(top[c], y)
    bottom[c] = Math.max(bottom[c], y)
  }
  for (let i = 0; i + 1 < corners.length; i++) {
    const a = corners[i]
    const b = corners[i + 1]
    if (b.x - a.x < 1e-9) {
      // A vertical stretch: in the column it lies in, or both columns at a column boundary.
      const cols = Number.isInteger(a.x) ? [a.x - 1, a.x] : [Math.floor(a.x)]
      for (const x of cols) {
        put(x, a.y)
        put(x, b.y)
      }
      continue
    }
    const yAt = (x: number) => a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x)
    // A steep sloped stretch is a fall the tracer did not place (partly hidden, or a dashed
    // line's gap): the drop's stroke, wherever it shows, is the line's own, not a mark.
    const fall = b.x - a.x > 1 && Math.abs(b.y - a.y) > FALL_SLOPE * (b.x - a.x)
    for (let x = Math.floor(a.x); x < b.x; x++) {
      put(x, fall ? a.y : yAt(Math.max(a.x, x)))
      put(x, fall ? b.y : yAt(Math.min(b.x, x + 1)))
    }
  }
  const last = corners[corners.length - 1]
  for (let x = Math.floor(last.x); x <= x1; x++) put(x, last.y)
  const level = bottom
  // Thickened by the line's half width, up and down and across k columns either side.
  const lo = new Float64Array(n)
  const hi = new Float64Array(n)
  for (let c = 0; c < n; c++) {
    let a = Infinity
    let b = -Infinity
    for (let d = Math.max(0, c - k); d <= Math.min(n - 1, c + k); d++) {
      a = Math.min(a, top[d])
      b = Math.max(b, bottom[d])
    }
    lo[c] = a - half
    hi[c] = b + half
  }
  const { above, below, moment, out, black, tinted } = beyondLine(cover, x0, lo, hi, reach)
  if (upwardOnly(above, below)) besideDrops(corners, cover, x0, k, half, { above, moment, out })
  // What a column of the line holds beyond it with no mark (a line at a fraction of a row spills
  // more on one side; JPEG noise): a low quantile of the plateau's columns, or of all columns.
  const allA = quantile(above, BASE_Q)
  const allB = quantile(below, BASE_Q)
  const baseA = new Float64Array(n).fill(allA)
  const baseB = new Float64Array(n).fill(allB)
  for (const p of flat) {
    const from = Math.max(0, p.xFirst - x0)
    const to = Math.min(n - 1, p.xLast - x0)
    // A plateau read mostly from marks' bars (stepCorners.ts, RISE) is marks end to end: a low
    // quantile of its columns is a mark's ink, not the line's, and the marks crowding it were lost
    // (random development seed 3090 A: 2 of 15 marks in months 31–33; 6240–6479 recall 86.4% →
    // 86.2% before this, 86.3% with it).
    if (to - from + 1 < 5 || 2 * p.bars > p.weight) continue
    const a = quantile(above.subarray(from, to + 1), BASE_Q)
    const b = quantile(below.subarray(from, to + 1), BASE_Q)
    baseA.fill(a, from, to + 1)
    baseB.fill(b, from, to + 1)
  }
  const ink = new Float64Array(n)
  for (let c = 0; c < n; c++)
    ink[c] = Math.max(0, above[c] - baseA[c]) + Math.max(0, below[c] - baseB[c])
  const need = markNeed(ink, top, bottom, k)
  const groups: Group[] = []
  for (let c = 0; c < n; c++) {
    const extra = ink[c]
    if (!(extra >= need)) continue
    const x = x0 + c
    const g = groups[groups.length - 1]
    if (g && x - g.x1 <= GROUP_GAP + 1) g.x1 = x
    else groups.push({ ...NO_GROUP, x0: x, x1: x })
    const h = groups[groups.length - 1]
    const d = out[c] / Math.max(1e-9, above[c] + below[c])
    h.weight += extra
    h.moment += (x + 0.5) * extra
    h.xx += (x + 0.5) ** 2 * extra
    h.d += d * extra
    h.xd += (x + 0.5) * d * extra
    h.ink += above[c] + below[c]
    h.rows += moment[c]
    h.black += black[c]
    h.tinted += tinted[c]
  }
  if (groups.length === 0) return none
  const widths = groups.map((g) => g.x1 - g.x0 + 1).sort((a, b) => a - b)
  const single = Math.max(2, widths[Math.floor(SINGLE_Q * (widths.length - 1))])
  const marks: MarkPixel[] = []
  const levelAt = (x: number) => level[Math.min(n - 1, Math.max(0, Math.floor(x) - x0))]
  const shape: Shape = { sense: 0, mid: 0 }
  const joined = pairHalves(groups, reach, shape)
  const isLone = (g: Group) => g.pair === undefined && g.x1 - g.x0 + 1 <= 1.5 * single
  const lone = joined.filter(isLone).map((g) => g.weight)
  const stray = lone.length >= MIN_LONE ? STRAY_SHARE * quantile(lone, 0.5) : 0
  // On a curve of crosses or circles (its halves joined), a mark's width: that of its joined pairs.
  const pairedWidths = joined.filter((g) => g.pair !== undefined).map((g) => g.x1 - g.x0 + 1)
  const markWidth = shape.sense !== 0 && pairedWidths.length > 0 ? quantile(pairedWidths, 0.5) : 0
  // Marks that cross the line (TWO_SIDED), and the ink of all marks above and below it. A darker
  // sibling's mark fringe (TINTED_SHARE) is read but not kept: it counts as what this curve read
  // beside its line, for the test below.
  const fringe: MarkPixel[] = []
  let crossing = 0
  let upInk = 0
  let downInk = 0
  for (const g of joined) {
    if (isLone(g) && g.weight < stray) continue
    const run = ink.subarray(g.x0 - x0, g.x1 - x0 + 1)
    const measures = { inkY: g.rows / g.ink, black: Math.min(1, g.black / g.ink) }
    const xs =
      g.pair !== undefined
        ? [g.pair]
        : markWidth > 0
          ? crowdedPairs(g, run, markWidth, shape)
          : countByWidth(g, run, single, need)
    const into = g.tinted >= TINTED_SHARE * g.ink ? fringe : marks
    for (const x of xs) into.push({ x, y: levelAt(x), ...measures })
    // Ink beyond the line on each side, less what the line spills there (as in `ink`).
    let up = 0
    let down = 0
    for (let c = g.x0 - x0; c <= g.x1 - x0; c++) {
      up += Math.max(0, above[c] - baseA[c])
      down += Math.max(0, below[c] - baseB[c])
    }
    if (Math.min(up, down) >= TWO_SIDED * Math.max(up, down)) crossing += xs.length
    upInk += up * xs.length
    downInk += down * xs.length
  }
  // A curve whose marks cross the line (ticks, "+", crosses, circles) shows many of them on both
  // sides, and upward ticks (JCO) hold most of their ink above it; a curve with neither has no
  // marks: what was read is ink beside its path (CROSSING_SHARE).
  const found = marks.filter((m) => Number.isFinite(m.y))
  const read = marks.length + fringe.length
  if (crossing < CROSSING_SHARE * read && upInk < UP_SHARE * (upInk + downInk)) {
    return { marks: [], setAside: found.length + fringe.filter((m) => Number.isFinite(m.y)).length }
  }
  return { marks: found, setAside: 0 }
}

/**
 * The marks in a run of columns that no mark's width explains alone (a dense run, several marks
 * merged; or one mark): one per the width of the curve's narrow groups (SINGLE_Q), or per stroke
 * (peakCount) where more, at the ink's centre or spread where its ink lies (inkShares).
 */
function countByWidth(g: Group, ink: Float64Array, single: number, need: number): number[] {
  const width = g.x1 - g.x0 + 1
  const count = Math.max(
    width <= 1.5 * single ? 1 : Math.round(width / single),
    peakCount(ink, need),
  )
  return count === 1 ? [g.moment / g.weight] : inkShares(ink, g.x0, count)
}

/**
 * The marks in a run of columns (ink beyond the line `ink` per column) that pairHalves left
 * unjoined, on a curve of crosses or circles `markWidth` wide. A cross's or circle's ink beyond the
 * line lies in its two halves, with none at its centre (inside the line's band): a run of such
 * marks merged into one blob holds a dip at each mark's centre, while its peaks are halves, two per
 * mark; counting it by the narrow groups' width (countByWidth: a half's) counted each mark about
 * twice, at its halves. So one mark per dip (markDips), spread evenly between half a mark's width
 * in from either end (where their centres lie: a crowd's dips are blurred by the halves of its
 * neighbours, ink-weighted centres pulled out to the halves). A run with no dip is one mark: a
 * lone half whose partner merged with another run or lies under the line (it slopes like one
 * half of the curve's shape, at least JOIN_SLOPE) at the distance between halves inwards; else,
 * at least HALF_SHARE of a mark wide, at its centre; narrower and not sloped, stray ink.
 * Development seeds 3000–3119 and 4000–4119, random style, censorMarks' inputs cached from the
 * tracer of 2026-12-07: precision 0.798 → 0.860 and 0.784 → 0.826, recall 0.835 → 0.840 and
 * 0.865 → 0.879 (10 arms of crosses or circles changed, the other shapes untouched; traced in
 * full, after sharedMarks.ts: precision 0.800 → 0.861 and 0.785 → 0.827, recall 0.835 → 0.840 and
 * 0.864 → 0.878, every arm's wholeness unchanged; check seeds 5000–5119: precision 0.717 → 0.737,
 * recall 0.849 → 0.839). One mark per unjoined run: precision 0.850 and 0.812, recall 0.801 and
 * 0.851; by a mark's width, one more per 0.3 of it beyond the first: 0.841 and 0.812, 0.820 and
 * 0.854; a blob's marks at its dips themselves: precision 0.872 and 0.828, recall 0.816 and
 * 0.863; lone halves left out: precision 0.854 and 0.822, recall 0.824 and 0.866.
 */
function crowdedPairs(g: Group, ink: Float64Array, markWidth: number, shape: Shape): number[] {
  const width = g.x1 - g.x0 + 1
  const dips = markDips(ink, g.x0, markWidth / 2)
  if (dips.length > 1) {
    const a = g.x0 + Math.min(width, markWidth) / 2
    const b = g.x1 + 1 - Math.min(width, markWidth) / 2
    return dips.map((_, i) => a + ((b - a) * i) / (dips.length - 1))
  }
  if (dips.length === 1) return dips
  const sense = slope(g) * shape.sense
  if (Math.abs(sense) >= JOIN_SLOPE)
    return [g.moment / g.weight + (Math.sign(sense) * shape.mid) / 2]
  return width >= HALF_SHARE * markWidth ? [g.moment / g.weight] : []
}

/**
 * The centres of the crosses or circles in a run of columns (first column `x0`, ink beyond the
 * line `ink` per column): its inner minima (a flat bottom at its middle) lower than DIP_DEPTH of
 * the lower of the highest ink within `reach` (half a mark's width) on either side.
 */
function markDips(ink: Float64Array, x0: number, reach: number): number[] {
  const xs: number[] = []
  const h = Math.max(1, Math.round(reach))
  for (let c = 1; c + 1 < ink.length; c++) {
    if (!(ink[c] <= ink[c - 1])) continue
    let e = c
    while (e + 1 < ink.length && ink[e + 1] === ink[c]) e++
    if (e + 1 < ink.length && ink[e + 1] > ink[c]) {
      let left = 0
      let right = 0
      for (let d = Math.max(0, c - h); d < c; d++) left = Math.max(left, ink[d])
      for (let d = e + 1; d <= Math.min(ink.length - 1, e + h); d++) right = Math.max(right, ink[d])
      if (ink[c] < DIP_DEPTH * Math.min(left, right)) xs.push(x0 + (c + e) / 2 + 0.5)
    }
    c = e
  }
  return xs
}

/**
 * The marks' strokes in a run of columns (ink beyond the line `ink` per column): its peaks of at
 * least `need`, each parted from the next by a dip below DIP_SHARE of the lower of the two. Two
 * or three ticks 2–3 px apart (JCO's crowded censorings) make a run no wider than a lone mark's
 * group allows, counted as one mark by its width, yet each tick stands as a peak of its own.
 */
function peakCount(ink: Float64Array, need: number): number {
  let count = 1
  let peak = ink[0]
  let low = ink[0]
  for (let c = 1; c < ink.length; c++) {
    const v = ink[c]
    if (v < low) low = v
    else if (v >= need && low < DIP_SHARE * Math.min(peak, v)) {
      count++
      peak = v
      low = v
    } else if (v > peak) {
      peak = v
      low = v
    }
  }
  return count
}

/**
 * The centres of `count` marks merged into one run of columns (first column `x0`, ink beyond the
 * line `ink` per column): the run's ink cut into `count` equal shares, left to right, each mark at
 * the ink-weighted centre of its share. Crowded marks lie where their ink is, not evenly across
 * the run: development seeds 3000–3119 and 4000–4119 (as in markNeed), precision 0.890 and 0.876
 * spread evenly, 0.899 and 0.888 by ink, recall 0.857 and 0.858, 0.854 and 0.855; arms
 * reconstructed better with marks 34 and 29, 34 and 31, worse 3 and 5, 4 and 5, mean IAE with
 * marks unchanged (0.00243, 0.00330).
 */
function inkShares(ink: Float64Array, x0: number, count: number): number[] {
  const total = ink.reduce((a, b) => a + b, 0)
  const share = total / count
  const xs: number[] = []
  let taken = 0
  let moment = 0
  let weight = 0
  for (let c = 0; c < ink.length; c++) {
    let left = ink[c]
    while (left > 1e-12 && xs.length < count) {
      const take = Math.min(left, share * (xs.length + 1) - taken)
      moment += take * (x0 + c + 0.5)
      weight += take
      taken += take
      left -= take
      if (taken >= share * (xs.length + 1) - 1e-9) {
        if (weight > 0) xs.push(moment / weight)
        moment = 0
        weight = 0
      }
    }
  }
  if (xs.length < count && weight > 0) xs.push(moment / weight)
  return xs
}

/**
 * The ink beyond the line (pixels) a column needs to hold a mark: MARK_INK_PX, or less on a curve
 * whose marks are small — PEAK_SHARE of the PEAK_Q quantile of the peaks of `ink` (columns with
 * at least PEAK_FLOOR of it, and more than their neighbours), at least MARK_INK_LOW, where there
 * are more than MIN_PEAKS of them. A drop's columns and `k` + 1 either side (where the path is
 * vertical: `bottom` more than half a row below `top`) are left out of the peaks, as the drop's
 * own ink beside the path is no mark's. A curve without marks has few peaks, or peaks of noise
 * that stay below MARK_INK_PX once scaled. Development seeds 3000–3119 and 4000–4119, censorMarks'
 * inputs cached from the tracer of 2026-12-06 and scored with the bench's rule (a mark matches
 * within 2 px in time), with STRAY_SHARE and before inkShares: recall 0.805 and 0.795 with MARK_INK_PX alone, 0.857 and 0.858 with both (JCO 0.588
 * and 0.581, 0.762 and 0.780); precision 0.881 and 0.856, 0.890 and 0.876; arms reconstructed
 * better with marks 29 and 23, 34 and 29, worse 4 and 4, 3 and 5 (check seeds 5000–5119: recall
 * 0.777 → 0.839, precision 0.834 → 0.854, better 32 → 31, worse 1 → 2, mean IAE with marks
 * 0.00418 → 0.00417).
 */
function markNeed(ink: Float64Array, top: Float64Array, bottom: Float64Array, k: number): number {
  const n = ink.length
  const nearDrop = new Uint8Array(n)
  for (let c = 0; c < n; c++) {
    if (!(bottom[c] - top[c] > 0.5)) continue
    nearDrop.fill(1, Math.max(0, c - k - 1), Math.min(n, c + k + 2))
  }
  const peaks: number[] = []
  for (let c = 0; c < n; c++) {
    if (nearDrop[c] || !(ink[c] >= PEAK_FLOOR)) continue
    if ((c === 0 || ink[c] >= ink[c - 1]) && (c === n - 1 || ink[c] > ink[c + 1])) {
      peaks.push(ink[c])
    }
  }
  if (peaks.length <= MIN_PEAKS) return MARK_INK_PX
  return Math.min(MARK_INK_PX, Math.max(MARK_INK_LOW, PEAK_SHARE * quantile(peaks, PEAK_Q)))
}

/**
 * For each column x0 + c, the curve's ink (its coverage where at least MIN_COVER, less what a
 * band holds beyond reach; 1 for a pixel of mark ink) in the rows wholly above lo[c] or below
 * hi[c], within `reach` of them and joined to the line.
 */
function beyondLine(
  map: CoverageMap,
  x0: number,
  lo: Float64Array,
  hi: Float64Array,
  reach: number,
): Beyond {
  const { area, width, height, cover, other } = map
  const above = new Float64Array(lo.length)
  const below = new Float64Array(lo.length)
  const moment = new Float64Array(lo.length)
  const out = new Float64Array(lo.length)
  const black = new Float64Array(lo.length)
  const tinted = new Float64Array(lo.length)
  const raw = (x: number, r: number) => {
    const y = r - area.y0
    if (y < 0 || y >= height) return 0
    const i = y * width + (x - area.x0)
    return other[i] === MARK_INK ? -1 : cover[i]
  }
  for (let c = 0; c < lo.length; c++) {
    const x = x0 + c
    if (x < area.x0 || x >= area.x1 || !Number.isFinite(lo[c])) continue
    for (const side of [-1, 1]) {
      const from = side < 0 ? Math.floor(lo[c]) - 1 : Math.ceil(hi[c])
      const steps = Math.floor(reach)
      // A translucent band about the line (survminer's confidence band) holds as much of the
      // colour just beyond a mark's reach as beside the line: only ink above that is a mark's.
      const far = Math.max(
        0,
        Math.min(raw(x, from + side * (steps + 1)), raw(x, from + side * (steps + 2))),
      )
      // Outwards from the line, up to the first blank row past the first: a mark's stroke starts
      // at the line; another curve's black mark, a label or a band's edge merely near it does not.
      let sum = 0
      for (let i = 0; i <= steps; i++) {
        const r = from + side * i
        const v = raw(x, r)
        const ink = v < 0 ? 1 : v >= MIN_COVER ? Math.max(0, v - far) : 0
        if (ink < BLANK && i > 0) break
        sum += ink
        moment[c] += ink * (r + 0.5)
        out[c] += ink * (i + 0.5)
        if (v < 0) black[c] += 1
        else if (ink > 0 && map.tint?.[(r - area.y0) * width + (x - area.x0)] === TINTED)
          tinted[c] += ink
      }
      if (side < 0) above[c] = sum
      else below[c] = sum
    }
  }
  return { above, below, moment, out, black, tinted }
}

/**
 * Whether the curve's marks rise above the line only (JCO's upward ticks): its ink beyond the line
 * above it, less a low quantile's worth per column (BASE_Q: the line's own spill), at least
 * UPWARD times that below it. Marks that cross the line (ticks, "+", crosses, circles) show below
 * a drop's lower level too and are read there; only upward ticks hide beside a drop.
 */
function upwardOnly(above: Float64Array, below: Float64Array): boolean {
  const a = quantile(above, BASE_Q)
  const b = quantile(below, BASE_Q)
  let up = 0
  let down = 0
  for (let c = 0; c < above.length; c++) {
    up += Math.max(0, above[c] - a)
    down += Math.max(0, below[c] - b)
  }
  return up > UPWARD * down
}

/**
 * Adds to `above` (with its row moment and distance) the ink of ticks beside a drop, inside the
 * band. Across k columns either side of a drop the band spans the drop's full height, so an upward
 * tick rising from the lower level 1–3 px after the drop (JCO's censorings just after a death)
 * lies wholly inside it. The drop's own stroke holds the same ink in each row between its levels
 * (its width, however its anti-aliased sides fall), and at the same place; such a tick adds as much
 * again in the rows just above the lower level, right of the stroke. So, per drop whose stroke
 * keeps its place (STRAIGHT_PX), in its rows within TICK_WIDTHS line widths of the lower level
 * that hold more than the drop's own ink (BESIDE_SHARE; the own ink is the curve's median per
 * such row), over the band's columns and two more on the left: what is left of the row's ink once
 * the stroke's own is taken from the left (the stroke lies left of a tick after it) is ink beyond
 * the line in the columns it is left in.
 */
function besideDrops(
  corners: readonly { x: number; y: number }[],
  map: CoverageMap,
  x0: number,
  k: number,
  half: number,
  into: Pick<Beyond, 'above' | 'moment' | 'out'>,
): void {
  const at = coverAt(map)
  const sum = (row: readonly number[]) => row.reduce((s, v) => s + v, 0)
  // Each drop's rows wholly between its levels (columns `from` on), and the first of them near
  // enough to the lower level to hold a tick.
  const drops: { from: number; first: number; low: number; rows: number[][] }[] = []
  for (let i = 0; i + 1 < corners.length; i++) {
    const a = corners[i]
    const b = corners[i + 1]
    if (b.x - a.x > 1e-9 || !(b.y > a.y)) continue
    const first = Math.ceil(a.y + half)
    const last = Math.floor(b.y - half) - 1
    const low = Math.max(first, Math.floor(b.y - half - TICK_WIDTHS * 2 * half))
    if (last < low) continue
    const from = Math.ceil(a.x) - k - 2
    const rows: number[][] = []
    for (let r = first; r <= last; r++) {
      const row: number[] = []
      for (let x = from; x <= Math.floor(a.x) + k; x++) row.push(at(x, r))
      rows.push(row)
    }
    drops.push({ from, first, low, rows })
  }
  if (drops.length === 0) return
  const own = quantile(
    drops.flatMap((d) => d.rows.map(sum)),
    0.5,
  )
  // Where the first half of the stroke's ink ends in a row: its centre, a tick right of it aside.
  const centre = (row: readonly number[]) => {
    let taken = 0
    for (let i = 0; i < row.length; i++) {
      if (taken + row[i] >= own / 2) return i + (own / 2 - taken) / row[i]
      taken += row[i]
    }
    return row.length
  }
  for (const d of drops) {
    const cs = d.rows.map(centre)
    if (Math.max(...cs) - Math.min(...cs) > STRAIGHT_PX) continue
    for (let r = d.low; r < d.first + d.rows.length; r++) {
      const row = d.rows[r - d.first]
      if (sum(row) < (1 + BESIDE_SHARE) * own) continue
      let owed = own
      for (let i = 0; i < row.length; i++) {
        const left = Math.max(0, row[i] - owed)
        owed = Math.max(0, owed - row[i])
        const c = d.from + i - x0
        if (left <= 0 || c < 0 || c >= into.above.length) continue
        into.above[c] += left
        into.moment[c] += (r + 0.5) * left
        // Inside the band, at its edge: half a row out.
        into.out[c] += left * 0.5
      }
    }
  }
}

/** Per column: ink beyond the line above and below it, its row moment, and its mark ink. */
interface Beyond {
  above: Float64Array
  below: Float64Array
  moment: Float64Array
  /** Ink-weighted distance (rows) of the ink from the line's edge, summed over both sides. */
  out: Float64Array
  black: Float64Array
  /** The part of the ink from pixels tinted with a darker sibling's hue (TINTED_SHARE). */
  tinted: Float64Array
}

/**
 * A run of columns with mark ink: its ink beyond the baseline (weight) and raw ink, with moments
 * (`xx`, `d`, `xd`: of the column's centre squared, of the ink's distance from the line, and of
 * their product, for the slope of that distance across the group); `pair`, the centre of a cross
 * or circle whose two halves it joins.
 */
interface Group {
  x0: number
  x1: number
  weight: number
  moment: number
  xx: number
  d: number
  xd: number
  ink: number
  rows: number
  black: number
  tinted: number
  pair?: number
}

/**
 * The shape of a curve's crosses or circles, as pairHalves learns it: `sense`, +1 for circles,
 * -1 for crosses (0 unknown); `mid`, the distance between a mark's halves' centres (pixels).
 */
interface Shape {
  sense: number
  mid: number
}

const NO_GROUP: Group = {
  x0: 0,
  x1: 0,
  weight: 0,
  moment: 0,
  xx: 0,
  d: 0,
  xd: 0,
  ink: 0,
  rows: 0,
  black: 0,
  tinted: 0,
}

/**
 * How far the ink of a group moves away from the line per column (rows per column, a weighted
 * least-squares slope): about 0 for an upright stroke (a tick, the upright of a plus sign).
 */
function slope(g: Group): number {
  const mx = g.moment / g.weight
  const varX = g.xx / g.weight - mx * mx
  if (varX < 1e-6) return 0
  return (g.xd / g.weight - mx * (g.d / g.weight)) / varX
}

/**
 * Joins the two halves of a cross or a circle into one group centred between them. Their centre
 * lies inside the line's band (the arms of an "x" cross there; a circle's top and bottom are
 * detached from the line), so their ink beyond the line is two groups either side of the centre,
 * mirror images: a cross's arms move away from the line outwards, a circle's sides towards the
 * centre (slope()). All marks of a curve have one shape and size, so the pairs of neighbouring
 * groups at most `reach` apart, with alike ink (HALVES_ALIKE) and slopes of at least MIN_SLOPE in
 * one shape's senses, lie a set distance apart; where at least MIN_PAIRS do (within SPACING_TOL),
 * every neighbouring pair of that shape's senses (slopes of at least JOIN_SLOPE) that far apart is
 * one mark at the midpoint of their centres. Upright strokes (ticks, "+") slope about 0 and are
 * never joined. Development seeds 3000–3119 and 4000–4119, random style (its marks include crosses
 * and circles): precision 0.687 and 0.680 without, 0.741 and 0.706 with; recall 0.738 and 0.768,
 * 0.765 and 0.781; the other styles' marks unchanged (check seeds 5000–5119: random precision
 * 0.665 → 0.671). Once the shape is known, halves of unlike ink are joined too (a cross at a drop
 * has a half on each level, or a half partly under the line): random style precision 0.761 →
 * 0.768 and 0.773 → 0.776, recall 0.818 → 0.820 and 0.867 → 0.869, arms better and worse with
 * marks unchanged, mean IAE with marks 0.002063 → 0.002063 and 0.002272 → 0.002269 (all styles;
 * check seeds 5000–5119: random precision 0.718 → 0.722, recall 0.845 → 0.847). Without the
 * slope senses too (any neighbours that far apart) precision rose further (0.782, 0.781) but one
 * arm of 4000–4119 lost its gain from marks. The shape found is put in `shape` (its sense and the
 * distance between halves), for the runs left unjoined (crowdedPairs).
 */
function pairHalves(groups: readonly Group[], reach: number, shape: Shape): Group[] {
  const centre = (g: Group) => g.moment / g.weight
  // Candidate pairs of each sense: +1, the left half's ink rising away from the line towards the
  // centre (a circle's side), -1 away from it (a cross's arm); `close`: no more columns apart than
  // the narrower is wide, plus one (a thick cross's halves across the line's band, FAINT_PAIRS).
  const candidates = (sense: number, least: number, alike: boolean, close = false) => {
    const spacing: number[] = []
    for (let i = 0; i + 1 < groups.length; i++) {
      const a = groups[i]
      const b = groups[i + 1]
      const gap = b.x0 - a.x1 - 1
      if (gap > reach) continue
      if (close && gap > Math.min(a.x1 - a.x0, b.x1 - b.x0) + 1) continue
      if (alike && Math.max(a.weight, b.weight) > HALVES_ALIKE * Math.min(a.weight, b.weight)) {
        continue
      }
      if (sense * slope(a) >= least && -sense * slope(b) >= least) {
        spacing[i] = centre(b) - centre(a)
      }
    }
    return spacing
  }
  // The pairs of one sense at the commonest distance apart (about their median, within SPACING_TOL).
  const commonest = (sense: number, least: number, close = false) => {
    const present = candidates(sense, least, true, close).filter((x) => x !== undefined)
    if (present.length === 0) return { count: 0, mid: 0 }
    const m = quantile(present, 0.5)
    return { count: present.filter((x) => Math.abs(x - m) <= SPACING_TOL).length, mid: m }
  }
  // All marks of a curve have one shape and size: its halves lie a set distance apart, where two
  // marks' facing halves lie as far apart as the censorings.
  let bestSense = 0
  let bestCount = 0
  let mid = 0
  for (const sense of [1, -1]) {
    const { count, mid: m } = commonest(sense, MIN_SLOPE)
    if (count > bestCount) {
      bestSense = sense
      bestCount = count
      mid = m
    }
  }
  const sloped = groups.filter((g) => Math.abs(slope(g)) >= MIN_SLOPE).length
  const crowded = bestCount >= CROWD_PAIRS && bestCount >= SLOPED_SHARE * sloped
  if (bestCount < MIN_PAIRS || (bestCount < MIN_PAIRED_SHARE * groups.length && !crowded)) {
    // Thick strokes: halves that barely slope, but beside each other across the line's band.
    const up = commonest(1, JOIN_SLOPE, true)
    const down = commonest(-1, JOIN_SLOPE, true)
    const faint = up.count > down.count ? up : down
    if (faint.count < FAINT_PAIRS || up.count === down.count) return [...groups]
    bestSense = up.count > down.count ? 1 : -1
    mid = faint.mid
  }
  shape.sense = bestSense
  shape.mid = mid
  // Once the shape and size are known, halves that slope less (a small or blurred mark) are
  // joined too, if they lie that distance apart with the shape's senses of slope, and so are
  // halves of unlike ink: a cross at a drop, or one half partly under the line or another mark.
  const best = candidates(bestSense, JOIN_SLOPE, false)
  const out: Group[] = []
  for (let i = 0; i < groups.length; i++) {
    const a = groups[i]
    const b = groups[i + 1]
    if (best[i] !== undefined && Math.abs(best[i] - mid) <= SPACING_TOL) {
      const joined: Group = { ...NO_GROUP, x0: a.x0, x1: b.x1 }
      for (const k of [
        'weight',
        'moment',
        'xx',
        'd',
        'xd',
        'ink',
        'rows',
        'black',
        'tinted',
      ] as const) {
        joined[k] = a[k] + b[k]
      }
      joined.pair = (centre(a) + centre(b)) / 2
      out.push(joined)
      i++
      continue
    }
    out.push(a)
  }
  return out
}

/**
 * The width of the line itself (pixels): a low quantile (OWN_WIDTH_Q) of the ink across the flat
 * columns of its plateaus (the coverage of the rows joined to its level), at least 0.8 px; columns
 * with less than MIN_OWN of it (under another curve, a gap) are left out, and with none left the
 * tracer's `lineWidth` is kept. On a side where faint ink runs on past the line's reach (a
 * translucent band), only rows of at least MIN_COVER count: with the band taken in, survminer's
 * widths came out 2–3 times the drawn ones and its "+" were swallowed by the line. Development
 * seeds 3000–3119 and 4000–4119 (censorMarks' inputs dumped from the tracer of 2026-12-06 18:52
 * UTC, scored with the bench's rule): survminer recall 0.843 → 0.899 and 0.800 → 0.862, precision
 * 0.906 → 0.906 and 0.911 → 0.906; all styles recall 0.847 → 0.858 and 0.852 → 0.866, precision
 * 0.904 → 0.904 and 0.900 → 0.899; arms reconstructed better and worse with marks unchanged
 * (78 and 1, 87 and 3), mean IAE with marks 0.002063 → 0.002063 and 0.002274 → 0.002272 (check
 * seeds 5000–5119: recall 0.826 → 0.848, precision 0.881 → 0.885). With MIN_COVER on every side
 * random style's precision fell (0.761 → 0.710 on 3000–3119).
 */
function ownWidth(
  flat: readonly { level: number; xFirst: number; xLast: number }[],
  map: CoverageMap,
  lineWidth: number,
): number {
  const at = coverAt(map)
  const span = Math.ceil(lineWidth) + 2
  // The ink of the rows joined to row r0 on one side, each with at least `least` coverage, and
  // whether it runs on through all `span` rows.
  const joined = (x: number, r0: number, side: number, least: number) => {
    let sum = 0
    for (let i = 1; i <= span; i++) {
      const v = at(x, r0 + side * i)
      if (v < least) return { sum, through: false }
      sum += v
    }
    return { sum, through: true }
  }
  const widths: number[] = []
  for (const p of flat) {
    const r0 = Math.round(p.level)
    for (let x = p.xFirst; x <= p.xLast; x++) {
      let sum = at(x, r0)
      for (const side of [-1, 1]) {
        // Faint ink that runs on past the line's reach is a translucent band about it
        // (survminer's confidence band, a coverage of 0.2–0.3): there only the rows of at least
        // MIN_COVER are the line's own.
        const ink = joined(x, r0, side, BLANK)
        sum += ink.through ? joined(x, r0, side, MIN_COVER).sum : ink.sum
      }
      if (sum >= MIN_OWN) widths.push(sum)
    }
  }
  return widths.length === 0 ? lineWidth : Math.max(0.8, quantile(widths, OWN_WIDTH_Q))
}

const quantile = (xs: ArrayLike<number>, q: number) => {
  const s = Array.from(xs).sort((a, b) => a - b)
  return s.length ? s[Math.floor(q * (s.length - 1))] : 0
}

/** The map's coverage of image pixel (x, row r); 0 outside its area. */
function coverAt(map: CoverageMap): (x: number, r: number) => number {
  const { area, width, height, cover } = map
  return (x, r) => {
    const y = r - area.y0
    if (y < 0 || y >= height || x < area.x0 || x >= area.x1) return 0
    return cover[y * width + (x - area.x0)]
  }
}
