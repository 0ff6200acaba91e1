/**
 * Every file of a review's results, by name: the same files, names and bytes from the app's
 * export and from `kmpool review`, written as one folder by writeResultsFolder.
 */
import { type Figure, forestPlot, funnelPlot, pooledCurvesPlot } from '../shared/figures'
import {
  estimateTableCsv,
  eggerCsv,
  exclusionsCsv,
  leaveOneOutCsv,
  methodsMarkdown,
  oneStageCsv,
  oneStageFigures,
  rmstCsv,
  type ReviewResult,
  reviewIpdCsv,
  survivalTableCsv,
} from '../shared/review'
import { figurePng } from './figurePng'

export function reviewFiles(
  result: ReviewResult,
  options: { png: boolean; dpi: number },
): [string, string | Buffer][] {
  const files: [string, string | Buffer][] = [['survival_table.csv', survivalTableCsv(result)]]
  if (result.medianTable) files.push(['median_table.csv', estimateTableCsv(result.medianTable)])
  if (result.hrTable) files.push(['hr_table.csv', estimateTableCsv(result.hrTable)])
  files.push(
    ['exclusions.csv', exclusionsCsv(result)],
    ['leave_one_out.csv', leaveOneOutCsv(result)],
    ['egger.csv', eggerCsv(result)],
    ['ipd.csv', reviewIpdCsv(result)],
    ...(result.oneStage
      ? ([
          ['one_stage.csv', oneStageCsv(result.oneStage)],
          ['rmst.csv', rmstCsv(result.oneStage)],
        ] as [string, string][])
      : []),
    ['methods.md', methodsMarkdown(result.methods, result.title)],
  )
  const figures: [string, Figure][] = result.forest.map((f) => [`forest_${f.id}`, forestPlot(f)])
  if (result.curves && result.curves.groups.some((g) => g.curve.times.length)) {
    figures.push([
      'pooled_curves',
      pooledCurvesPlot(result.curves, { timeUnit: result.settings.timeUnit }),
    ])
  }
  figures.push(...oneStageFigures(result))
  for (const a of result.outcomes) {
    if (!a.funnel) continue
    figures.push([
      `funnel_${a.id}`,
      funnelPlot({ funnel: a.funnel, egger: a.egger, scaleLabel: a.scaleLabel, title: a.title }),
    ])
  }
  for (const [name, figure] of figures) {
    files.push([`${name}.svg`, figure.svg])
    if (options.png) files.push([`${name}.png`, figurePng(figure, options.dpi)])
  }
  return files
}
