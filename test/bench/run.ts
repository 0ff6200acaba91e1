import { benchPdf } from './pdf'
import { benchLoad } from './load'
import { benchPooling } from './pooling'
import { benchReconstruction } from './reconstruction'
import { benchReview } from './review'
import { benchReviewView } from './reviewView'
import { benchStudyView } from './studyView'
import { benchTracing } from './tracing'

/**
 * `npm run bench`: prints the figures the issues set targets for. Timings are means of repeated
 * runs on this machine and vary with its load; tests assert correctness, not speed.
 */
const print = (s: string) => process.stdout.write(`${s}\n`)
print(`# kmpool benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`)
print('')
benchReconstruction(print)
benchPooling(print)
benchReview(print)
benchTracing(print)
benchPdf(print)
await benchStudyView(print)
await benchReviewView(print)
await benchLoad(print)
