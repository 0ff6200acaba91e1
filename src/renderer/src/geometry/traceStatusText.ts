/**
 * A traced curve's status in plain words (issue 10), for the curve list and the reconstruction
 * panel: "traced whole", "partly under Arm B, 3.1–7.8 months", "hidden under censor marks, 10–12
 * and 14–17 months", "no ink of its own, 12–15 months".
 */
import type { CurveTrace, CurveTraceStretch } from '../../../shared/model/curveTrace'
import type { TimeUnit } from '../../../shared/study/reconstructStudy'

/** A time as a reader would say it: whole numbers from 10 up, else 1 decimal (2 below 1). */
export function formatTime(t: number): string {
  return timeWith(t, 0)
}

function timeWith(t: number, extraDigits: number): string {
  const a = Math.abs(t)
  const digits = (a >= 10 ? 0 : a >= 1 ? 1 : 2) + extraDigits
  return String(Number(t.toFixed(digits)))
}

/** "12–15"; a span too short for that ("24–24") gets one more decimal: "23.5–23.9". */
function formatSpan(from: number, to: number): string {
  const extra = formatTime(from) === formatTime(to) ? 1 : 0
  return `${timeWith(from, extra)}–${timeWith(to, extra)}`
}

interface Named {
  id: string
  name: string
  color: string
}

/** A curve with its last trace, and its points when known (their times, the calibration's unit). */
type Traced = Named & { trace?: CurveTrace; points?: readonly { time: number }[] }

/**
 * The curve's gap stretches that lie beyond its last point: there a gap is the tracer's
 * `ink-beyond-end` (more of the curve's line lies right of where its trace stopped), no bridge.
 * Empty when the curve has no points. The points are read once (a curve may hold thousands).
 */
export function stretchesBeyondEnd(curve: Traced): Set<CurveTraceStretch> {
  const out = new Set<CurveTraceStretch>()
  if (!curve.trace || !curve.points?.length) return out
  let end = -Infinity
  for (const p of curve.points) end = Math.max(end, p.time)
  for (const s of curve.trace.stretches) if (s.kind === 'gap' && s.from >= end) out.add(s)
  return out
}

/** The curve whose colour the tracer followed, by name; another curve when none of the study's is. */
function whose(color: string | undefined, selfId: string, curves: readonly Named[]): string {
  if (color === undefined) return 'another curve'
  const c = curves.find((k) => k.id !== selfId && k.color.toLowerCase() === color.toLowerCase())
  return c ? c.name || 'an unnamed curve' : `another curve (${color})`
}

/**
 * The status of `curve`'s last trace in words, or null when it was not traced (digitized by hand,
 * or saved before trace statuses were kept): nothing is claimed about it.
 */
export function traceStatusText(
  curve: Traced,
  curves: readonly Named[],
  unit: TimeUnit,
): string | null {
  const trace = curve.trace
  if (!trace) return null
  if (trace.stretches.length === 0) {
    // A non-whole status with no stretch listed still must not read as whole.
    if (trace.status !== 'whole') return 'traced, partly not on its own ink'
    // Whole as the tracer sees its ink, but a note may say it followed another curve's line:
    // the words point to the notes, so that "whole" is not read as the last word.
    const n = trace.notes?.length ?? 0
    return n === 0 ? 'traced whole' : `traced whole; see the note${n === 1 ? '' : 's'} below`
  }
  // Stretches of one kind are said once, with their spans in order: a trace under a run of
  // censor marks can list many, and the same words repeated hide the one that differs.
  const spans = new Map<string, string[]>()
  const beyond = stretchesBeyondEnd(curve)
  for (const s of trace.stretches) {
    const what =
      s.kind === 'gap'
        ? beyond.has(s)
          ? 'not traced where its line goes on'
          : 'no ink of its own'
        : s.underMarks
          ? 'hidden under censor marks'
          : `partly under ${whose(s.underColor, curve.id, curves)}`
    const list = spans.get(what) ?? []
    list.push(formatSpan(s.from, s.to))
    spans.set(what, list)
  }
  return [...spans].map(([what, list]) => `${what}, ${sayList(list)} ${unit}`).join('; ')
}

/** "a", "a and b", "a, b and c" (or "a, b or c"). */
function sayList(items: readonly string[], word: 'and' | 'or' = 'and'): string {
  return items.length === 1
    ? items[0]
    : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`
}

/**
 * For the reconstruction panel: why its IPD is less certain than the figure, or null when the
 * curve's trace rests on its own ink throughout (or it was not traced).
 */
export function reconstructionCaveat(
  curve: Traced,
  curves: readonly Named[],
  unit: TimeUnit,
): string | null {
  if (!curve.trace || curve.trace.status === 'whole') return null
  // What lies beyond the trace's end is not in the reconstruction at all: said apart.
  const past = stretchesBeyondEnd(curve)
  const beyond = curve.trace.stretches.filter((s) => past.has(s))
  const stretches = curve.trace.stretches.filter((s) => !past.has(s))
  const sentences: string[] = []
  if (stretches.length > 0 || beyond.length === 0) {
    const text = traceStatusText({ ...curve, trace: { ...curve.trace, stretches } }, curves, unit)
    const ways = [
      stretches.some((s) => s.kind === 'under' && !s.underMarks) && 'followed another curve’s ink',
      stretches.some((s) => s.kind === 'under' && s.underMarks) &&
        'ran under censor marks drawn over its line',
      (stretches.some((s) => s.kind === 'gap') ||
        (curve.trace.status === 'gaps' && beyond.length === 0)) &&
        'had no ink of its own (bridged by a straight line)',
    ].filter((w): w is string => typeof w === 'string')
    const what = `stretches where the trace ${ways.length ? sayList(ways, 'or') : 'left its own ink'}`
    sentences.push(
      `These patients rest on ${what}: ${text}. Check them on the figure (dashed on the overlay).`,
    )
  }
  if (beyond.length > 0) {
    const spans = sayList(beyond.map((s) => formatSpan(s.from, s.to)))
    sentences.push(
      `The trace stops before its line does (${spans} ${unit} not traced): the reconstruction knows nothing of the curve after its end. Check the end on the figure.`,
    )
  }
  return sentences.join(' ')
}

/**
 * The app's words for what instructions in the tracer's messages say for the command line:
 * `--color` is the eyedropper here.
 */
const CLI_WORDS: [RegExp, string][] = [
  [/give the curve colours with --color/g, 'pick each curve’s colour with the eyedropper (I)'],
  [/give its colour with --color/g, 'pick its colour with the eyedropper (I) and press Trace'],
  [/give each arm's colour with --color/g, 'pick each arm’s colour with the eyedropper (I)'],
]

/** "the trace of colour #1f77b4", "the curve of colour #d62728" in the tracer's messages. */
const OF_COLOUR = /\b(trace|curve) of colour (#[0-9a-fA-F]{6})\b/g
/** "the #1f77b4 curve" (Suggest curves' note on marks along one curve). */
const COLOUR_CURVE = /\bthe (#[0-9a-fA-F]{6}) curve\b/g

/**
 * A note of the tracer (a trace warning, or a Suggest curves note on an ink it did not offer) as a
 * sentence for the app: a curve named by its colour is named by its name when one of `curves` has
 * that colour, the command line's instructions are in the app's terms, with a capital letter and
 * a full stop.
 */
export function traceNoteText(message: string, curves: readonly Named[] = []): string {
  let text = message.trim()
  for (const [cli, app] of CLI_WORDS) text = text.replace(cli, app)
  const named = (color: string) =>
    curves.find((k) => k.color.toLowerCase() === color.toLowerCase())?.name
  text = text.replace(OF_COLOUR, (all, what: string, color: string) => {
    const name = named(color)
    return name ? `${what} of ${name}` : all
  })
  text = text.replace(COLOUR_CURVE, (all, color: string) => {
    const name = named(color)
    return name ? `the curve of ${name}` : all
  })
  text = text.charAt(0).toUpperCase() + text.slice(1)
  return /[.!?]$/.test(text) ? text : `${text}.`
}
