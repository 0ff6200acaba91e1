/**
 * Live reconstruction: every edit of the study's curves or time unit asks main to reconstruct the
 * study, at most one request at a time and always for the latest study, so a drag never queues
 * up stale work and the overlay catches up within one reconstruction of the last edit.
 */
import type { Study } from '../../../shared/model/study'
import { studyReconstructionInput } from '../../../shared/study/reconstructStudy'
import { useStudy } from '../store/store'
import { messageOf } from './messages'

/**
 * Edits made in one task (a paste, a bulk delete with its selection change) are one
 * reconstruction; a drag's moves coalesce behind the request in flight.
 */
const DEBOUNCE_MS = 0

/**
 * Above this many points a study is reconstructed when a drag ends rather than while it moves:
 * each request copies every point to main, and at 20,000 points that copy alone costs more than a
 * frame, so live updates would make the drag itself stutter. Smaller studies follow the drag.
 */
const LIVE_DRAG_POINTS = 2_000

function pointCount(study: Study): number {
  return study.curves.reduce((n, c) => n + c.points.length, 0)
}

export function startLiveReconstruction(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight = false
  // What the last result was made from: an edit elsewhere (the record, the view) keeps it.
  let last: { curves: Study['curves']; timeUnit: string; referenceId?: string } | null = null

  const run = async () => {
    timer = undefined
    if (inFlight) return
    const { study, gestureBase } = useStudy.getState()
    if (gestureBase && pointCount(study) > LIVE_DRAG_POINTS) return
    const input = studyReconstructionInput(study)
    if (
      last?.curves === study.curves &&
      last.timeUnit === input.timeUnit &&
      last.referenceId === input.referenceId
    ) {
      useStudy.setState((s) => ({ reconstruction: { ...s.reconstruction, of: study } }))
      return
    }
    inFlight = true
    try {
      const result = await window.kmpool.reconstructStudy(input)
      last = { curves: study.curves, timeUnit: input.timeUnit, referenceId: input.referenceId }
      useStudy.setState((s) => ({
        reconstruction: {
          status: 'done',
          result,
          of: study,
          error: null,
          revision: s.reconstruction.revision + 1,
        },
      }))
    } catch (error) {
      last = null
      useStudy.setState((s) => ({
        reconstruction: {
          ...s.reconstruction,
          status: 'failed',
          of: study,
          error: messageOf(error),
          revision: s.reconstruction.revision + 1,
        },
      }))
    } finally {
      inFlight = false
    }
    if (useStudy.getState().study !== study) schedule()
  }

  const schedule = () => {
    if (timer === undefined) timer = setTimeout(run, DEBOUNCE_MS)
  }

  schedule()
  const unsubscribe = useStudy.subscribe((state, previous) => {
    if (state.study !== previous.study || state.gestureBase !== previous.gestureBase) schedule()
  })
  return () => {
    unsubscribe()
    if (timer !== undefined) clearTimeout(timer)
  }
}
