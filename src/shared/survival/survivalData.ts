import { timefixSorted } from './timefix'

/** Right-censored data sorted once by time, shared by every estimator in this folder. */
export interface SortedSurvival {
  /** Positions in the caller's arrays, by ascending (fixed) time, ties by position (R's `order`). */
  order: Int32Array
  /** Times after `timefixSorted`, in `order`. */
  time: Float64Array
  /** 1 = event, 0 = censored, in `order`. */
  event: Uint8Array
}

/**
 * Validates right-censored survival data and sorts it by time in O(n log n).
 *
 * Times must be finite and ≥ 0 (same unit throughout; the results are in that unit), events 0
 * (censored) or 1 (event), both arrays the same non-zero length; anything else throws an Error
 * naming the first offending position. Near-equal times are merged as R's `aeqSurv` does.
 */
export function sortSurvival(time: readonly number[], event: readonly number[]): SortedSurvival {
  const n = time.length
  if (event.length !== n) {
    throw new Error(`time has ${n} values but event has ${event.length}`)
  }
  if (n === 0) throw new Error('survival data are empty')
  for (let i = 0; i < n; i++) {
    const t = time[i]
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      throw new Error(`time[${i}] must be a finite number ≥ 0, got ${String(t)}`)
    }
    const e = event[i]
    if (e !== 0 && e !== 1) throw new Error(`event[${i}] must be 0 or 1, got ${String(e)}`)
  }
  const positions: number[] = new Array<number>(n)
  for (let i = 0; i < n; i++) positions[i] = i
  positions.sort((a, b) => time[a] - time[b] || a - b)
  const order = Int32Array.from(positions)
  const sortedTime = new Float64Array(n)
  for (let i = 0; i < n; i++) sortedTime[i] = time[order[i]]
  if (timefixSorted(sortedTime)) {
    // Merged times join runs that were apart in the first sort; R orders the fixed times, so
    // within each run of equal fixed times the original positions must be ascending again.
    for (let start = 0; start < n;) {
      let end = start + 1
      while (end < n && sortedTime[end] === sortedTime[start]) end++
      if (end - start > 1) order.subarray(start, end).sort()
      start = end
    }
  }
  const sortedEvent = new Uint8Array(n)
  for (let i = 0; i < n; i++) sortedEvent[i] = event[order[i]]
  return { order, time: sortedTime, event: sortedEvent }
}
