/**
 * The overlay's styles that make the check readable (issue 10): the reconstructed KM curve in a
 * contrasting style (never the curve's own colour, which would hide it on the digitized line it
 * should be compared with), and a traced curve's inferred and gap stretches dashed. One style
 * for the canvas, the PNG export and both legends.
 */
import type { StudyCurve } from '../../../shared/model/study'
import { stretchPath, type PixelPoint } from '../geometry/traceStretchPath'
import { stretchesBeyondEnd } from '../geometry/traceStatusText'

type Ctx = CanvasRenderingContext2D

/** Sizes in screen pixels (times `px`). */
export const RECONSTRUCTED = {
  color: '#111827',
  casing: 'rgba(255,255,255,0.75)',
  width: 1.5,
  casingWidth: 4,
  dash: [7, 4],
} as const

export const STRETCH = {
  /** An amber highlighter band under the stretch, so that a short one is seen at any zoom. */
  band: 'rgba(245, 158, 11, 0.4)',
  bandWidth: 11,
  width: 3,
  alpha: 0.9,
  under: [6, 4],
  gap: [1, 5],
} as const

/** A polyline with the reconstruction's look: white casing, dark dashes on it. */
export function strokeReconstructed(ctx: Ctx, path: readonly PixelPoint[], px: number): void {
  if (path.length < 2) return
  ctx.save()
  ctx.lineJoin = 'round'
  ctx.beginPath()
  path.forEach((p, i) => (i ? ctx.lineTo(p.px, p.py) : ctx.moveTo(p.px, p.py)))
  ctx.strokeStyle = RECONSTRUCTED.casing
  ctx.lineWidth = RECONSTRUCTED.casingWidth * px
  ctx.stroke()
  ctx.strokeStyle = RECONSTRUCTED.color
  ctx.lineWidth = RECONSTRUCTED.width * px
  ctx.setLineDash(RECONSTRUCTED.dash.map((d) => d * px))
  ctx.stroke()
  ctx.restore()
}

/** A polyline in a flagged stretch's look: an amber band, the curve's colour dashed or dotted on it. */
export function strokeStretch(
  ctx: Ctx,
  path: readonly PixelPoint[],
  kind: 'under' | 'gap',
  color: string,
  px: number,
): void {
  if (path.length < 2) return
  ctx.save()
  ctx.lineJoin = 'round'
  ctx.beginPath()
  path.forEach((p, i) => (i ? ctx.lineTo(p.px, p.py) : ctx.moveTo(p.px, p.py)))
  ctx.lineCap = 'round'
  ctx.strokeStyle = STRETCH.band
  ctx.lineWidth = STRETCH.bandWidth * px
  ctx.stroke()
  ctx.lineCap = kind === 'gap' ? 'round' : 'butt'
  ctx.globalAlpha = STRETCH.alpha
  ctx.strokeStyle = color
  ctx.lineWidth = STRETCH.width * px
  ctx.setLineDash(STRETCH[kind].map((d) => d * px))
  ctx.stroke()
  ctx.restore()
}

/** A curve's inferred ('under') and gap stretches, along its digitized step line. */
export function drawTraceStretches(ctx: Ctx, curve: StudyCurve, px: number): void {
  if (!curve.trace?.stretches.length) return
  for (const s of curve.trace.stretches) {
    strokeStretch(ctx, stretchPath(curve.points, s.x0, s.x1), s.kind, curve.color, px)
  }
}

/** The legend's rows: each curve's points, then the styles a reader must tell apart. */
export function legendRows(curves: readonly StudyCurve[]): LegendRow[] {
  const rows: LegendRow[] = curves.map((c) => ({
    kind: 'points',
    color: c.color,
    text: `${c.name}: digitized points`,
  }))
  rows.push({ kind: 'reconstructed', text: 'Reconstructed KM curve (from the IPD)' })
  const stretches = curves.flatMap((c) => c.trace?.stretches ?? [])
  const kinds = new Set(stretches.map((s) => s.kind))
  const under = stretches.filter((s) => s.kind === 'under')
  if (under.length) {
    const what = under.every((s) => s.underMarks)
      ? 'censor marks'
      : under.some((s) => s.underMarks)
        ? 'another curve’s line or censor marks'
        : 'another curve’s line'
    rows.push({ kind: 'under', text: `Traced under ${what} (inferred)` })
  }
  if (kinds.has('gap')) {
    // A gap from a trace's end on is what lies beyond it, not traced: nothing bridges it.
    const beyond = curves.reduce((n, c) => n + stretchesBeyondEnd(c).size, 0)
    const past = beyond > 0
    const bridged = stretches.filter((s) => s.kind === 'gap').length > beyond
    const text =
      past && bridged
        ? 'No ink of its own: bridged, or not traced beyond its end (gap)'
        : past
          ? 'Not traced beyond the trace’s end, where its line goes on (gap)'
          : 'No ink of its own: bridged (gap)'
    rows.push({ kind: 'gap', text })
  }
  return rows
}

export type LegendRow =
  | { kind: 'points'; color: string; text: string }
  | { kind: 'reconstructed' | 'under' | 'gap'; text: string }
