import { type AxesCalibration, axesTransform } from '../calibration/axes'
import { figureTickSpacing } from '../calibration/riskTimes'
import type { OcrWord } from '../ocr/ocrWord'
import type { PixelRect, RgbaImage } from '../trace/types'
import { hasInk, inkColor } from './inkColor'
import { axisLabels, tickGrid } from './tickTimes'
import type { RiskProblem } from './types'
import { type WordRow, wordRows } from './wordRows'

/**
 * Where a number-at-risk table's rows and columns are, from the words read below a figure's plot
 * and the figure's calibration: before any cell is read as a number. Rows are lines of words
 * (wordRows); the columns stand under the x-axis ticks, whose times come from the caller, or from
 * the tick labels read under the axis (tickTimes.ts), or else from the tick spacing the
 * calibration's own values suggest, keeping the ticks that have numbers under them. Each word of a
 * row is the arm's label (left of the table's first column, or a leading word without digits) or
 * part of a cell: the cell of the tick whose place the word's box covers (centred, left- and
 * right-aligned numbers all do); a number under no tick, right of the first cell, is reported as
 * stray.
 */

/** A cell's place in a row: the tick it stands under, and the words read there. */
export interface TableSlot {
  time: number
  /** Where the cell's number would be: the tick ± 0.45 of the spacing, the row's height ± ¼. */
  box: PixelRect
  /** The words of the first reading under this tick, left to right. */
  words: OcrWord[]
}

export interface TableRow {
  label: string
  /** The label's words' box, to read it again. */
  labelBox?: PixelRect
  color?: string
  box: PixelRect
  slots: TableSlot[]
  problems: RiskProblem[]
}

export interface TableLayout {
  times: number[]
  timesFrom: 'axis-labels' | 'given' | 'calibration'
  header?: string
  rows: TableRow[]
  /** Lines below the axis with digits that are neither tick labels nor table rows, for a person. */
  ignored: { text: string; box: PixelRect }[]
}

export interface LayoutOptions {
  /** The tick times, when the caller knows them (the axes reader). */
  tickTimes?: number[]
  /** The figure, to sample the colour of each row's label. */
  image?: RgbaImage
}

const DASH = /^[-–—‒−]+$/
const hasDigit = (t: string) => /\d/.test(t)
const cellLike = (t: string) => hasDigit(t) || DASH.test(t)
const HEADER = /\brisk\b/i

function rect(b: { x0: number; y0: number; x1: number; y1: number }): PixelRect {
  return {
    x0: Math.floor(b.x0),
    y0: Math.floor(b.y0),
    x1: Math.ceil(b.x1),
    y1: Math.ceil(b.y1),
  }
}

function union(ws: readonly OcrWord[]) {
  return {
    x0: Math.min(...ws.map((w) => w.box.x0)),
    y0: Math.min(...ws.map((w) => w.box.y0)),
    x1: Math.max(...ws.map((w) => w.box.x1)),
    y1: Math.max(...ws.map((w) => w.box.y1)),
  }
}

/**
 * The row's words joined into phrases where they stand a space apart (under 0.6 of the text's
 * height): a number and its parenthesised count ("120 (5)"), a label of several words. Columns
 * stand far wider apart than a space.
 */
function phrases(row: WordRow): OcrWord[] {
  const h = row.box.y1 - row.box.y0
  const out: OcrWord[] = []
  for (const w of row.words) {
    const last = out[out.length - 1]
    // Words and numbers stay apart: a label's last word just before the first number is no part of it.
    if (last && w.box.x0 - last.box.x1 < 0.6 * h && hasDigit(last.text) === hasDigit(w.text)) {
      out[out.length - 1] = {
        text: `${last.text} ${w.text}`,
        confidence: Math.min(last.confidence, w.confidence),
        box: union([last, w]),
      }
    } else out.push(w)
  }
  return out
}

/**
 * How far right of its tick every number of the table stands, in pixels: 0 for numbers centred,
 * left- or right-aligned on their ticks; otherwise the shift common to them all (NEJM prints its
 * numbers right-aligned a little right of the ticks). Each number's left edge, centre and right
 * edge are measured from the nearest tick; the anchor whose offsets agree best (the least median
 * absolute deviation, under a tenth of the tick spacing) gives the median offset, kept only when
 * the numbers do not already cover their ticks.
 */
function tableShift(
  rows: readonly WordRow[],
  axisRows: ReadonlySet<number>,
  firstAxisRow: number,
  axisPx: (py: number) => number[],
): number {
  const offsets: Record<'x0' | 'xc' | 'x1', number[]> = { x0: [], xc: [], x1: [] }
  let gap = Infinity
  let covered = 0
  let numbers = 0
  rows.forEach((row, r) => {
    if (axisRows.has(r) || r < firstAxisRow) return
    const xs = axisPx(row.yc)
    if (xs.length >= 2) gap = Math.min(gap, Math.abs(xs[1] - xs[0]))
    for (const w of phrases(row)) {
      if (!/^[\d,() ]+$/.test(w.text)) continue
      numbers++
      const xc = (w.box.x0 + w.box.x1) / 2
      for (const [key, x] of [
        ['x0', w.box.x0],
        ['xc', xc],
        ['x1', w.box.x1],
      ] as const) {
        let best = xs[0] - x
        for (const t of xs) if (Math.abs(t - x) < Math.abs(best)) best = t - x
        offsets[key].push(-best)
      }
      if (xs.some((t) => t >= w.box.x0 - 1 && t <= w.box.x1 + 1)) covered++
    }
  })
  if (numbers < 3 || covered >= numbers / 2 || !Number.isFinite(gap)) return 0
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]
  let shift = 0
  let spread = Infinity
  for (const v of Object.values(offsets)) {
    const m = med(v)
    const mad = med(v.map((d) => Math.abs(d - m)))
    if (mad < spread) {
      spread = mad
      shift = m
    }
  }
  return spread <= 0.1 * gap && Math.abs(shift) <= 0.4 * gap ? shift : 0
}

/**
 * The ticks of a log time axis from a to b in a series: `mantissas` (1, or 1, 2 and 5) times each
 * power of ten within the range, as R's axTicks and ggplot2's log breaks place them.
 */
function logTicks(a: number, b: number, mantissas: readonly number[]): number[] {
  const lo = Math.min(a, b)
  const hi = Math.max(a, b)
  if (!(lo > 0) || !Number.isFinite(hi)) return []
  const out: number[] = []
  for (
    let e = Math.floor(Math.log10(lo));
    e <= Math.ceil(Math.log10(hi)) && out.length < 100;
    e++
  ) {
    for (const m of mantissas) {
      const t = Number((m * 10 ** e).toPrecision(12))
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) out.push(t)
    }
  }
  return out
}

/**
 * The series of a log axis's tick labels: powers of ten alone (1, 10, 100), or 1, 2 and 5 times
 * them; null when a label is in neither (the labels read are then the ticks).
 */
function logSeries(times: readonly number[]): number[] | null {
  const mantissa = (t: number) =>
    Number((t / 10 ** Math.floor(Math.log10(t) + 1e-9)).toPrecision(6))
  const ms = times.map(mantissa)
  if (ms.every((m) => m === 1)) return [1]
  if (ms.every((m) => m === 1 || m === 2 || m === 5)) return [1, 2, 5]
  return null
}

/** The divisions of the labels' step tried, finest last: a sixth of it is as fine as tables go. */
const DIVISIONS = [2, 3, 4, 5, 6]

/**
 * Into how many ticks each step between the tick labels read is divided (1 when the labels are
 * every tick): small labels are easily lost on a sparse page, two of "0 9 18 27 36" leave a step
 * of 27 where the table's numbers stand every 9. The least division n at which at least 80% of the
 * table's numbers (each the times of its left and right edges) cover exactly one tick of step / n
 * (numbers stand centred, left- or right-aligned on their tick, a twentieth of the finer step of
 * slack), at least two of them a tick between the labels' and two one of the labels' own, and
 * every tick between two labels but one some number's; 1 when no division does. Numbers beyond
 * the axis (a label's "Arm 1") are left out.
 */
function tickDivision(
  step: number,
  numbers: readonly (readonly [number, number])[],
  axis: readonly [number, number],
): number {
  const lo = Math.min(...axis) - 0.5 * step
  const hi = Math.max(...axis) + 0.5 * step
  const inside = numbers.filter(([a, b]) => Math.min(a, b) >= lo && Math.max(a, b) <= hi)
  if (inside.length < 4) return 1
  /** The ticks of spacing `sub` the number covers (indices, every tick of it). */
  const covered = ([a, b]: readonly [number, number], sub: number) => {
    const from = Math.ceil(Math.min(a, b) / sub - 0.05)
    const to = Math.floor(Math.max(a, b) / sub + 0.05)
    return to >= from ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : []
  }
  const fits = (n: number) => {
    let on = 0
    let off = 0
    const between = new Set<number>()
    for (const x of inside) {
      const ks = covered(x, step / n)
      if (ks.length !== 1) continue
      const at = ((ks[0] % n) + n) % n
      if (at === 0) on++
      else {
        off++
        between.add(at)
      }
    }
    return { on, off, between: between.size }
  }
  if (fits(1).on >= 0.8 * inside.length) return 1
  for (const n of DIVISIONS) {
    // The ticks between two labels have numbers under them (all but one, which the first
    // reading may have lost whole): a finer division that leaves more of them empty only fits
    // numbers standing anywhere (a stray one, a misplaced one).
    const { on, off, between } = fits(n)
    if (on + off >= 0.8 * inside.length && on >= 2 && off >= 2 && between >= Math.max(1, n - 2))
      return n
  }
  return 1
}

/** A word that is only a line drawn beside a label (a swatch read as a dash) or a stray mark. */
const MARK = /^[-–—‒−_|.,:;'"`~+=*°]+$/

/** A calibration of the axes; any time unit (the tracer's calibration has a free-text one). */
export type TableCalibration = Omit<AxesCalibration, 'timeUnit'> & { timeUnit?: string }

export function layoutRiskTable(
  words: readonly OcrWord[],
  calibration: TableCalibration,
  opts: LayoutOptions = {},
): TableLayout {
  const tr = axesTransform({ ...calibration, timeUnit: undefined })
  const timeAt = (px: number, py: number) => tr.toData(px, py).x
  const logX = calibration.xScale === 'log'
  /** A time on the axis's own scale, along which pixels and times are affine: log10 on a log axis. */
  const toScale = (t: number) => (logX ? Math.log10(t) : t)
  const axisY = Math.max(calibration.x1.py, calibration.x2.py)
  const below = words.filter((w) => (w.box.y0 + w.box.y1) / 2 > axisY)
  const rows = wordRows(below)
  const span = Math.abs(toScale(calibration.x2.value) - toScale(calibration.x1.value))
  const labels = axisLabels(rows, timeAt, span, logX ? 'log' : 'linear')
  const axisRows = new Set(labels.rows)
  const firstAxisRow = labels.rows.length ? labels.rows[0] : -1

  // Candidate cell words' times, to extend the ticks over the columns the table has.
  const candidates = rows.flatMap((row, r) =>
    axisRows.has(r) || r < firstAxisRow
      ? []
      : row.words
          .filter((w) => hasDigit(w.text))
          .map((w) => timeAt((w.box.x0 + w.box.x1) / 2, row.yc)),
  )
  let ticks: number[]
  let timesFrom: TableLayout['timesFrom']
  let onlyOccupied = false
  /** Ticks past the last label read, up to the axis's end: kept only where a row has ink. */
  let firstTentative = Infinity
  /** Ticks of a log axis's series that no label was read for: kept only where a row has ink. */
  const unlabelled = new Set<number>()
  if (opts.tickTimes && opts.tickTimes.length >= 1) {
    ticks = [...opts.tickTimes].sort((a, b) => a - b)
    timesFrom = 'given'
  } else if (labels.times.length >= 2) {
    timesFrom = 'axis-labels'
    let step = labels.step
    // Numbers standing between the labels read, as well as under them: the labels of every
    // other (third, fourth…) tick were lost (small text), and the ticks are that much denser.
    if (step !== null && !logX) {
      const numbers = rows.flatMap((row, r) =>
        axisRows.has(r) || r < firstAxisRow
          ? []
          : phrases(row)
              .filter((w) => /^[\d,() ]+$/.test(w.text))
              .map((w) => [timeAt(w.box.x0, row.yc), timeAt(w.box.x1, row.yc)] as const),
      )
      step /= tickDivision(step, numbers, [calibration.x1.value, calibration.x2.value])
    }
    const series = logX ? logSeries(labels.times) : null
    if (series) {
      // Tesseract loses lone digits ("1", "2", "5") on a sparse page: the series the labels read
      // belong to, over the calibrated axis, gives the ticks whose labels were lost.
      const read = new Set(labels.times)
      ticks = logTicks(calibration.x1.value, calibration.x2.value, series)
      for (const t of labels.times) if (!ticks.includes(t)) ticks.push(t)
      ticks.sort((a, b) => a - b)
      ticks.forEach((t, k) => {
        if (!read.has(t)) unlabelled.add(k)
      })
    } else if (step === null) ticks = labels.times
    else {
      const near = candidates
        .filter((t) => Math.abs(t / step - Math.round(t / step)) < 0.3)
        .map((t) => Math.round(t / step) * step)
      const floor = labels.times[0] >= 0 ? 0 : -Infinity
      const last = Math.max(labels.times[labels.times.length - 1], ...near)
      ticks = tickGrid(step, Math.min(labels.times[0], ...near), last, floor)
      // The last label and the numbers under it are easily all lost (a lone "0" under the last
      // tick of each row): the axis's end, as calibrated, says how far the ticks may go.
      const axisEnd = Math.max(calibration.x1.value, calibration.x2.value)
      if (opts.image && axisEnd > last && (axisEnd - last) / step <= 3) {
        const more = tickGrid(step, last, axisEnd + 1e-9 * step, floor).filter((t) => t > last)
        firstTentative = ticks.length
        ticks.push(...more.filter((t) => t <= axisEnd + 1e-6 * step))
      }
    }
  } else if (logX) {
    timesFrom = 'calibration'
    onlyOccupied = true
    ticks = logTicks(calibration.x1.value, calibration.x2.value, [1, 2, 5])
  } else {
    timesFrom = 'calibration'
    onlyOccupied = true
    const step = figureTickSpacing(
      calibration.x1.value,
      calibration.x2.value,
      calibration.timeUnit ?? '',
    )
    const near = step === null ? [] : candidates.filter((t) => t >= -0.3 * step)
    ticks =
      step === null || near.length === 0
        ? []
        : tickGrid(step, Math.min(...near), Math.max(...near), 0)
  }
  // A log axis has no time 0 or below: no column can stand there.
  if (logX) ticks = ticks.filter((t) => t > 0)
  if (ticks.length === 0) return { times: [], timesFrom, rows: [], ignored: [] }

  /** The pixel column of each tick on the line at height py (affine on the axis's own scale). */
  const axisPx = (py: number) => {
    const t0 = toScale(timeAt(0, py))
    const slope = toScale(timeAt(1000, py)) - t0
    return ticks.map((t) => ((toScale(t) - t0) / slope) * 1000)
  }
  const shift = tableShift(rows, axisRows, firstAxisRow, axisPx)
  /** Where the table's numbers stand for each tick: the tick, moved by the table's shift. */
  const tickPx = (py: number) => axisPx(py).map((x) => x + shift)
  const gapPx = (xs: number[], k: number) => {
    const gaps = [
      k > 0 ? xs[k] - xs[k - 1] : Infinity,
      k + 1 < xs.length ? xs[k + 1] - xs[k] : Infinity,
    ]
    const g = Math.min(...gaps.map(Math.abs))
    return Number.isFinite(g) ? g : Math.abs(xs[0]) // a single tick: its own distance from the edge
  }
  const nearest = (xs: number[], x: number) => {
    let best = 0
    for (let k = 1; k < xs.length; k++) if (Math.abs(xs[k] - x) < Math.abs(xs[best] - x)) best = k
    return best
  }

  /**
   * A label left of the first tick and ink under two ticks or more: an arm's row whose numbers
   * the first reading missed (Tesseract drops lone digits), to be read cell by cell.
   */
  const labelledInk = (row: WordRow, label: OcrWord[], xs: number[]) => {
    if (!opts.image || label.length === 0 || union(label).x1 >= xs[0]) return false
    const inked = xs.filter((x, k) =>
      hasInk(opts.image!, {
        x0: x - 0.3 * gapPx(xs, k),
        x1: x + 0.3 * gapPx(xs, k),
        y0: row.box.y0,
        y1: row.box.y1,
      }),
    )
    return inked.length >= 2
  }

  interface Laid {
    row: WordRow
    label: OcrWord[]
    cells: Map<number, OcrWord[]>
    stray: OcrWord[]
    xs: number[]
  }
  const laid: Laid[] = []
  let header: string | undefined
  const ignored: TableLayout['ignored'] = []
  rows.forEach((row, r) => {
    if (axisRows.has(r) || r < firstAxisRow) return
    const xs = tickPx(row.yc)
    const regionStart = xs[0] - 0.5 * gapPx(xs, 0)
    const label: OcrWord[] = []
    const cells = new Map<number, OcrWord[]>()
    const stray: OcrWord[] = []
    // A number covers its tick (centred, left- or right-aligned under it): within a third of the
    // text's height, so that a label's last word ("Arm 1") just left of the first column is not
    // taken for a number.
    const reach = (k: number) =>
      Math.min(0.2 * gapPx(xs, k), Math.max(2, 0.35 * (row.box.y1 - row.box.y0)))
    let inCells = false
    for (const w of phrases(row)) {
      const xc = (w.box.x0 + w.box.x1) / 2
      const k = nearest(xs, xc)
      const covers = Math.max(0, w.box.x0 - xs[k], xs[k] - w.box.x1) <= reach(k)
      // A short word that is no number, after the label and centred on a tick ("dD" for a
      // blurred "75"): a misread cell, to be read again on its own, not the label's last word
      // (a label stands clear of the first column).
      const misread =
        label.length > 0 &&
        xc >= regionStart &&
        w.text.length <= 6 &&
        Math.abs(xc - xs[k]) <= Math.min(0.25 * gapPx(xs, k), 0.6 * (row.box.y1 - row.box.y0))
      if (!inCells && !misread && (xc < regionStart || !cellLike(w.text) || !covers)) {
        label.push(w)
        continue
      }
      inCells = true
      if (covers) cells.set(k, [...(cells.get(k) ?? []), w])
      else stray.push(w)
    }
    // A line two or more of whose numbers are their own tick's time is the axis's labels (some
    // misread, noise beside them read as words), not an arm: an arm's numbers fall as the times
    // rise, so at most one of them can equal its time.
    const asTimes = [...cells].filter(
      ([k, ws]) => ws.length === 1 && Number(ws[0].text) === ticks[k],
    )
    if (asTimes.length >= 2) return
    const minCells = ticks.length <= 2 || label.length ? 1 : 2
    if (cells.size >= minCells || labelledInk(row, label, xs))
      laid.push({ row, label, cells, stray, xs })
    else if (
      cells.size === 0 &&
      header === undefined &&
      laid.length === 0 &&
      HEADER.test(row.words.map((w) => w.text).join(' '))
    )
      header = row.words.map((w) => w.text).join(' ')
    else if (row.words.some((w) => hasDigit(w.text)))
      ignored.push({ text: row.words.map((w) => w.text).join(' '), box: rect(row.box) })
  })

  // Every tick has a cell in every row (one with nothing printed is reported as blank), except,
  // with ticks guessed from the calibration, those no row has a number under.
  const occupied = new Set(laid.flatMap((l) => [...l.cells.keys()]))
  const inkedTick = (k: number) =>
    laid.some((l) =>
      hasInk(opts.image!, {
        x0: l.xs[k] - 0.3 * gapPx(l.xs, k),
        x1: l.xs[k] + 0.3 * gapPx(l.xs, k),
        y0: l.row.box.y0,
        y1: l.row.box.y1,
      }),
    )
  let lastTick = ticks.length - 1
  while (lastTick >= firstTentative && !occupied.has(lastTick) && !inkedTick(lastTick)) lastTick--
  const expected = ticks
    .map((_, k) => k)
    .filter(
      (k) =>
        k <= lastTick &&
        (!onlyOccupied || occupied.has(k)) &&
        (!unlabelled.has(k) || occupied.has(k) || (opts.image !== undefined && inkedTick(k))),
    )

  const tableRows: TableRow[] = laid.map((l) => {
    const h = l.row.box.y1 - l.row.box.y0
    const problems: RiskProblem[] = l.stray.map((w) => ({
      code: 'stray',
      box: rect(w.box),
      text: w.text,
      message: `"${w.text}" stands between two ticks, under neither; not read`,
    }))
    // A cell's place ends where the row's label ends: read on its own, it must not see the label.
    const labelEnd = l.label.length ? union(l.label).x1 + 1 : -Infinity
    const slots = expected.map((k) => ({
      time: ticks[k],
      box: rect({
        x0: Math.max(labelEnd, l.xs[k] - 0.45 * gapPx(l.xs, k)),
        x1: l.xs[k] + 0.45 * gapPx(l.xs, k),
        y0: l.row.box.y0 - 0.25 * h,
        y1: l.row.box.y1 + 0.25 * h,
      }),
      words: l.cells.get(k) ?? [],
    }))
    const labelText = l.label
      .flatMap((w) => w.text.split(' '))
      .filter((t) => !MARK.test(t))
      .join(' ')
    let color: string | undefined
    if (opts.image) {
      const y0 = l.row.box.y0
      const y1 = l.row.box.y1
      const lb = l.label.length ? union(l.label) : null
      const firstX = l.xs[0] - 0.5 * gapPx(l.xs, 0)
      const swatchEnd = lb ? lb.x0 - 1 : firstX
      const places = [
        ...(lb ? [lb] : []),
        { x0: Math.max(0, swatchEnd - 4 * h), y0, x1: swatchEnd, y1 },
        ...[...l.cells.values()].map(union),
      ]
      for (const p of places) {
        color = inkColor(opts.image, p)
        if (color) break
      }
    }
    if (!labelText && !color) {
      problems.push({
        code: 'no-label',
        box: rect(l.row.box),
        message: 'no label or colour names the arm of this row',
      })
    }
    return {
      label: labelText,
      ...(l.label.length ? { labelBox: rect(union(l.label)) } : {}),
      ...(color ? { color } : {}),
      box: rect(l.row.box),
      slots,
      problems,
    }
  })
  return {
    times: expected.map((k) => ticks[k]),
    timesFrom,
    ...(header !== undefined ? { header } : {}),
    rows: tableRows,
    ignored,
  }
}
