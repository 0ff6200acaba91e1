/**
 * Undo history of immutable snapshots. One completed gesture is one step: a drag updates the
 * present many times but records only the snapshot from before it, when it ends.
 */
export interface History<T> {
  past: T[]
  future: T[]
}

const HISTORY_LIMIT = 500

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] }
}

/** The history after an edit that replaced `before`: it can be undone, and redo is gone. */
export function record<T>(history: History<T>, before: T): History<T> {
  const past = [...history.past, before]
  return { past: past.length > HISTORY_LIMIT ? past.slice(-HISTORY_LIMIT) : past, future: [] }
}

/** The end of a gesture that started at `base`: one step, or none if nothing changed. */
export function endGesture<T>(history: History<T>, base: T, present: T): History<T> {
  return base === present ? history : record(history, base)
}

export function undo<T>(
  history: History<T>,
  present: T,
): { history: History<T>; present: T } | null {
  if (history.past.length === 0) return null
  const previous = history.past[history.past.length - 1]
  return {
    history: { past: history.past.slice(0, -1), future: [present, ...history.future] },
    present: previous,
  }
}

export function redo<T>(
  history: History<T>,
  present: T,
): { history: History<T>; present: T } | null {
  if (history.future.length === 0) return null
  const [next, ...future] = history.future
  return { history: { past: [...history.past, present], future }, present: next }
}
