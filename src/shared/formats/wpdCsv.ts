/**
 * Digitized points in WebPlotDigitizer's "export all data" CSV layout, so that other tools (and
 * WebPlotDigitizer itself) read a curve digitized in kmpool: a first row with each dataset's name
 * over its two columns, a second row `X,Y` per dataset, then the points, one row per index,
 * shorter datasets left empty. Times in the figure's unit, survival as a proportion.
 */
import { csvCell } from './table'

export interface WpdDataset {
  name: string
  points: readonly { time: number; surv: number }[]
}

/** Ten significant digits: the value without float noise (0.9, not 0.8999999999999999). */
const value = (x: number) => String(Number(x.toPrecision(10)))

export function formatWpdCsv(datasets: readonly WpdDataset[]): string {
  const names = datasets.flatMap((d) => [csvCell(d.name), ''])
  const axes = datasets.flatMap(() => ['X', 'Y'])
  const rows = Math.max(0, ...datasets.map((d) => d.points.length))
  const lines = [names.join(','), axes.join(',')]
  for (let i = 0; i < rows; i++) {
    lines.push(
      datasets
        .flatMap((d) => {
          const p = d.points[i]
          return p ? [value(p.time), value(p.surv)] : ['', '']
        })
        .join(','),
    )
  }
  return `${lines.join('\n')}\n`
}
