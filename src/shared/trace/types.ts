import type { TraceStatus } from './traceStatus'

export type { TraceStatus, TraceStatusKind, TraceStretch } from './traceStatus'

/** One calibration point: a pixel position in the image and the axis value it stands for. */
export interface CalibrationPoint {
  /** Image coordinates: the image's top-left corner at (0, 0), pixel (i, j) centred at (i + ½, j + ½). */
  px: number
  py: number
  value: number
}

/**
 * The four-point axis calibration of a figure, as the app stores it and as `truth.json` of the
 * shared cases holds it: two points on the time axis (x1, x2) and two on the survival axis (y1, y2).
 */
export interface Calibration {
  x1: CalibrationPoint
  x2: CalibrationPoint
  y1: CalibrationPoint
  y2: CalibrationPoint
  /** How the survival axis is labelled: 0–1 or 0–100. */
  yScale: 'proportion' | 'percent'
  timeUnit?: string
  /** A log time axis (absent: linear). Tracing takes a log survival axis (yAxis) as refused. */
  xScale?: 'linear' | 'log'
  yAxis?: 'linear' | 'log'
  /** The y axis shows cumulative incidence, 1 − S, and the curves rise (absent: survival). */
  yShows?: 'survival' | 'cumulative-incidence'
}

/** An image as RGBA bytes, row by row from the top (a canvas's ImageData has this layout). */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array
  width: number
  height: number
}

export type Rgb = readonly [number, number, number]

/** A rectangle of whole pixels: columns x0 ≤ x < x1, rows y0 ≤ y < y1. */
export interface PixelRect {
  x0: number
  y0: number
  x1: number
  y1: number
}

export interface TraceOptions {
  /**
   * Largest colour difference (CIELAB ΔE*76) between a pixel and the nearest blend of the curve
   * colour with the background that still counts as the curve. Default 18.
   */
  tolerance?: number
  /** Pixels to ignore, one byte per pixel (non-zero = ignored): the user's painted mask. */
  mask?: Uint8Array
  /** The region searched, in pixels; by default the calibrated plot area with a small margin. */
  area?: PixelRect
  /**
   * Colours of the figure's other curves: a pixel that is better explained by one of them (at
   * full strength) than by this curve is not this curve's. Lets grey and black curves, or a curve
   * and a lighter tint of its colour, be told apart.
   */
  otherColors?: readonly Rgb[]
  /** The plot's background colour; by default the commonest colour of the area. */
  background?: Rgb
}

/** A corner of the traced step function, in pixels and in data units (survival as a proportion). */
export interface TracedPoint {
  x: number
  y: number
  time: number
  surv: number
}

/** A censor mark found on the curve. */
export interface CensorMark {
  x: number
  y: number
  time: number
  surv: number
  /** Image row of the centre of the mark's ink beyond the line (censorMarks.ts), when read. */
  inkY?: number
  /** Share of the mark's ink that is black ink of no curve, which any curve nearby may read. */
  black?: number
}

/**
 * Something the tracer could not do, or doubts: `message` is plain language for the user, `code`
 * a stable machine code for JSON — `mostly-bridged` (the curve was seen in under 70% of its
 * columns), `ink-beyond-end` (the trace ends while more of the curve's ink lies further right,
 * or a line goes on at its level in ink of another shade: lineBeyondEnd.ts),
 * `candidate-not-traced` (findCurves: an ink drawn like a curve that no curve could be traced
 * from), `candidate-is-marks` (findCurves: a black or grey ink lying in pieces along coloured
 * curves, read as their censor marks and not offered as a curve, markInk.ts), `leaves-plot`
 * (the trace ends on the edge of a y axis that does not reach survival 0, leavesPlot.ts), `steps-merged` (a thick line's steps are closer together than its width, and
 * the trace may merge or shift small drops: traceAudit.ts), `off-ink` (the trace lies over 2 px off
 * the line its ink shows in many columns: traceAudit.ts), `follows-other` (the trace runs along
 * a darker curve's trace for much of its length, or over its last stretch to where both end or
 * past where the darker one stopped short, or drops across the background onto another curve's
 * line, and may have followed that curve's line: traceAudit.ts, retraceAlongOthers.ts), `beside-ink` (the trace runs beside its
 * line rather than on it in many columns: traceAudit.ts), `marks-beyond-end` (censor marks joined to the trace's end go on beyond
 * it, where its line may continue: traceAudit.ts), `ends-under-other` (the trace ends where another
 * curve's trace goes on at its level, or at the foot of a drop onto another curve's line, under
 * which its line may continue: traceAudit.ts), `marks-shared` (censor marks on a stretch
 * where two curves' lines coincide, counted for neither: sharedMarks.ts), `marks-one-sided` (the
 * marks read on a curve lie on one side of its line only, as its own ink does, and none is kept:
 * censorMarks.ts), `beyond-axes` (the trace
 * goes beyond the rows of survival 0 or 1, along other ink: traceAudit.ts), `away-from-line` (the
 * trace follows other ink over a stretch while its line runs at another level: traceAudit.ts),
 * `faint-beside-line` (a flat stretch of the trace lies on faint ink a few pixels off its line:
 * traceAudit.ts), `off-plain-line` (the trace lies over 2 px off its line over a stretch where the
 * line is plainly seen on its own, as where it cut a corner: traceAudit.ts), `off-mark-centre`
 * (a flat stretch of the trace runs through crowded censor marks off their centre, along their
 * rims: traceAudit.ts), `never-falls` (the trace stays at its start level across nearly the
 * whole plot, as along a frame or a line at survival 1: traceAudit.ts), `on-other-line` (the trace
 * rests on another curve's line or its edge over a stretch while its own line shows at another
 * level: traceAudit.ts), `lines-swapped` (two curves whose colours differ only in darkness were
 * traced on lines of the opposite darkness, and tracing each again off its line did not part
 * them: siblingsSwapped.ts), `tail-leapt` (the trace's tail dropped across the background onto
 * another curve's line and ran along it, and was traced again with that line left out:
 * retraceAlongOthers.ts), `ink-other-colour` (the core pixels of the ink the trace follows are
 * grey for a coloured curve, of another hue, or coloured for a grey or black one; or a grey or
 * black colour's line is lighter than it: the colour given may not be the curve's: inkColour.ts).
 */
export interface TraceWarning {
  code: string
  message: string
}

export interface TracedCurve {
  color: Rgb
  /** The step function's corners, in order: every drop as its top and bottom corner. */
  points: TracedPoint[]
  censorMarks: CensorMark[]
  /** The curve's estimated line width, in pixels. */
  lineWidth: number
  /** How many columns of the curve were seen, and how many were bridged (hidden or dashed). */
  columnsSeen: number
  columnsBridged: number
  /** Whether the curve rests on its own ink throughout, with the stretches where it does not. */
  status: TraceStatus
  warnings: TraceWarning[]
}

/** Every curve found in a figure with no colour given (findCurves), and what could not be traced. */
export interface FoundCurves {
  curves: TracedCurve[]
  /** Candidates that looked like curves but could not be traced: reported, never dropped. */
  warnings: TraceWarning[]
}
