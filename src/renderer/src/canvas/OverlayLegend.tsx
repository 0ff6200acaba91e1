import { useStudy } from '../store/store'
import { RECONSTRUCTED, STRETCH, legendRows, type LegendRow } from './traceStatusOverlay'

/** Samples of the overlay's line styles are drawn in grey where the canvas uses curve colours. */
const GREY = '#4b5563'

function Sample({ row }: { row: LegendRow }) {
  const line = { x1: 2, y1: 6, x2: 24, y2: 6 }
  if (row.kind === 'points') {
    return (
      <svg width={26} height={12} aria-hidden="true">
        <circle cx={13} cy={6} r={3} fill={row.color} stroke="#ffffff" strokeWidth={0.75} />
      </svg>
    )
  }
  if (row.kind === 'reconstructed') {
    return (
      <svg width={26} height={12} aria-hidden="true">
        <line {...line} stroke={RECONSTRUCTED.casing} strokeWidth={RECONSTRUCTED.casingWidth} />
        <line
          {...line}
          stroke={RECONSTRUCTED.color}
          strokeWidth={RECONSTRUCTED.width}
          strokeDasharray={RECONSTRUCTED.dash.join(' ')}
        />
      </svg>
    )
  }
  return (
    <svg width={26} height={12} aria-hidden="true">
      <line {...line} stroke={STRETCH.band} strokeWidth={10} strokeLinecap="round" />
      <line
        {...line}
        stroke={GREY}
        strokeOpacity={STRETCH.alpha}
        strokeWidth={STRETCH.width}
        strokeLinecap={row.kind === 'gap' ? 'round' : 'butt'}
        strokeDasharray={STRETCH[row.kind].join(' ')}
      />
    </svg>
  )
}

/**
 * The on-screen overlay's legend (issue 10): which marks are the digitized data and which the
 * reconstruction, and the flagged trace stretches' styles when a curve has some. Shown once
 * there is something to tell apart.
 */
export function OverlayLegend() {
  const curves = useStudy((s) => s.study.curves)
  const result = useStudy((s) => s.reconstruction.result)
  const reconstructed = result?.curves.some((c) => c.status === 'done') ?? false
  const rows = legendRows(curves).filter(
    (r) => r.kind !== 'points' && (r.kind !== 'reconstructed' || reconstructed),
  )
  if (curves.length === 0 || rows.length === 0) return null
  const all: LegendRow[] = [
    { kind: 'points', color: GREY, text: 'Digitized points (each curve’s colour)' },
    ...rows,
  ]
  return (
    <div className="overlay-legend" role="note" aria-label="Overlay legend">
      {all.map((row) => (
        <span key={row.kind}>
          <Sample row={row} />
          {row.text}
        </span>
      ))}
    </div>
  )
}
