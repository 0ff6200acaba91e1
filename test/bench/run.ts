import { benchAxes } from './axes'
import { benchCli } from './cli'
import { benchFirstHour } from './firstHour'
import { benchPdf } from './pdf'
import { benchLoad } from './load'
import { benchOneStage } from './oneStage'
import { benchPooling } from './pooling'
import { benchReadCases } from './readCases'
import { benchReconstruction } from './reconstruction'
import { benchReview } from './review'
import { benchRisk } from './risk'
import { benchReviewView } from './reviewView'
import { benchStatistics } from './statistics'
import { benchStudyView } from './studyView'
import { benchTracing } from './tracing'

/**
 * `npm run bench`: prints the figures the issues set targets for. Timings are means of repeated
 * runs on this machine and vary with its load; tests assert correctness, not speed.
 * `npm run bench -- tracing statistics` runs only the named sections.
 */
type Print = (s: string) => void
const sections: Record<string, (print: Print) => void | Promise<void>> = {
  reconstruction: benchReconstruction,
  pooling: benchPooling,
  statistics: benchStatistics,
  oneStage: benchOneStage,
  review: benchReview,
  tracing: benchTracing,
  pdf: benchPdf,
  studyView: benchStudyView,
  reviewView: benchReviewView,
  load: benchLoad,
  firstHour: benchFirstHour,
  cli: benchCli,
  axes: benchAxes,
  risk: benchRisk,
  read: benchReadCases,
}

const print: Print = (s) => process.stdout.write(`${s}\n`)
const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !(name in sections))
if (unknown.length > 0) {
  process.stderr.write(
    `npm run bench: no section named ${unknown.join(', ')}; the sections are ${Object.keys(sections).join(', ')}\n`,
  )
  process.exit(2)
}
print(`# kmpool benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`)
print('')
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length === 0 || wanted.includes(name)) await run(print)
}
// Every section has printed: end here rather than wait on what a section's app, browser or worker
// threads may still hold open.
process.exit(0)
