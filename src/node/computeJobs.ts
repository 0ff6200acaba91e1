/**
 * The computations that run in the compute worker (compute.ts), by name: each a pure function of
 * a structured-clonable input, so that main only posts the input and awaits the answer.
 */
import type { ReviewSettings } from '../shared/model/review'
import type { Study } from '../shared/model/study'
import { reconstruct, type ReconstructInput } from '../shared/reconstruct'
import { computeReview, ReviewCache, type ReviewStudyInput } from '../shared/review'
import { reviewView } from '../shared/review/reviewView'
import {
  reconstructStudy,
  type StudyReconstructionInput,
  withoutIpd,
} from '../shared/study/reconstructStudy'
import { studyIpdCsv, studySummaryCsv } from '../shared/study/studyCsv'
import { reviewFiles } from './reviewResults'

/** A review to compute, with its studies as loaded by main (src/node/reviewFolder.ts). */
export interface ReviewJob {
  /** The open review's token: its reconstructions are kept between computations. */
  review: string
  title: string
  settings: ReviewSettings
  studies: ReviewStudyInput[]
  version: string
}

/** The reconstructions of each open review, kept in the worker between computations. */
const caches = new Map<string, ReviewCache>()

function computeReviewJob(job: ReviewJob, leaveOneOut?: (outcomeId: string) => boolean) {
  let cache = caches.get(job.review)
  if (!cache) caches.set(job.review, (cache = new ReviewCache()))
  return computeReview(
    { title: job.title, settings: job.settings, studies: job.studies },
    { cache, version: job.version, leaveOneOut },
  )
}

export const computeJobs = {
  reconstruct: (input: ReconstructInput) => reconstruct(input),
  reconstructStudy: (input: StudyReconstructionInput) => withoutIpd(reconstructStudy(input)),
  ipdCsv: (input: StudyReconstructionInput) => studyIpdCsv(reconstructStudy(input)),
  summaryCsv: ({ input, record }: { input: StudyReconstructionInput; record: Study['record'] }) =>
    studySummaryCsv(reconstructStudy(input), record),
  /** The review view of one outcome's figures (leave-one-out for that outcome only). */
  reviewView: ({ job, figure }: { job: ReviewJob; figure: string | null }) => {
    const result = computeReviewJob(job, (id) => id === figure)
    const records = job.studies.map(({ study }) =>
      study ? { label: study.record.label, subgroup: study.record.subgroup } : null,
    )
    return reviewView(result, records, figure)
  },
  /** Every file of the review's results, as `kmpool review` writes them, and its settings. */
  reviewFiles: (job: ReviewJob) => {
    const result = computeReviewJob(job)
    return { files: reviewFiles(result, { png: true, dpi: 300 }), settings: result.settings }
  },
}

export type ComputeJobs = typeof computeJobs
export type JobName = keyof ComputeJobs
