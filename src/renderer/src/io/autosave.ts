/**
 * No lost work: a moment after each change the open study goes to main, which keeps it in the
 * recovery folder until the study is saved or closed; on start, what a crashed session left there
 * is offered back. The review view autosaves through the same channel with kind 'review'.
 */
import type { RecoveryEntry } from '../../../shared/ipc/contract'
import { emptyStudy } from '../../../shared/model/study'
import { isDirty, loadStudy, notify, useStudy, type StudyState } from '../store/store'
import { showFigure } from './figure'
import { ask } from './prompt'
import { messageOf } from './messages'

/** Quiet time after the last change before the study is autosaved. */
export const AUTOSAVE_DELAY_MS = 2000
/** While changes keep coming, the longest a change waits to be autosaved. */
export const AUTOSAVE_MAX_WAIT_MS = 30_000

// The recovery file of this window's study; a recovered study keeps the key it was found under.
let key: string = crypto.randomUUID()
// Whether a recovery file under `key` may exist, to be removed once the study is saved.
let kept = false

/** Autosaves the study while it has unsaved changes; answers the function that stops it. */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let dirtySince: number | null = null

  const write = async () => {
    timer = undefined
    dirtySince = null
    const { study, file } = useStudy.getState()
    if (!isDirty()) return
    try {
      await window.kmpool.saveRecovery({
        kind: 'study',
        key,
        document: study,
        ...(file ? { file: file.token } : {}),
      })
      kept = true
    } catch (error) {
      notify('error', `Cannot autosave the study: ${messageOf(error)}`)
    }
  }

  const changed = (state: StudyState, previous: StudyState) => {
    if (state.study === previous.study && state.savedStudy === previous.savedStudy) return
    if (!isDirty(state)) {
      clearTimeout(timer)
      timer = undefined
      dirtySince = null
      if (kept) {
        kept = false
        void window.kmpool.discardRecovery({ key }).catch(() => undefined)
      }
      return
    }
    const now = Date.now()
    dirtySince ??= now
    clearTimeout(timer)
    timer = setTimeout(
      () => void write(),
      Math.max(0, Math.min(AUTOSAVE_DELAY_MS, dirtySince + AUTOSAVE_MAX_WAIT_MS - now)),
    )
  }

  const stop = useStudy.subscribe(changed)
  return () => {
    stop()
    clearTimeout(timer)
  }
}

function describe(entry: RecoveryEntry): string {
  const when = new Date(entry.savedAt).toLocaleString()
  const what = entry.name ? `changes to ${entry.name}` : 'an unsaved study'
  return `kmpool closed unexpectedly. It kept ${what} from ${when}.`
}

/** Offers back each study a crashed session left unsaved, one question at a time. */
export async function offerRecovery(): Promise<void> {
  try {
    const { entries, problems } = await window.kmpool.listRecovery()
    if (problems.length) notify('error', problems.join(' '))
    for (const entry of entries.filter((e) => e.kind === 'study')) {
      const time = new Date(entry.savedAt).toLocaleTimeString()
      const choice = await ask(`Recover unsaved work from ${time}?`, describe(entry), [
        { id: 'recover', label: 'Recover', primary: true },
        { id: 'discard', label: 'Discard' },
        { id: 'later', label: 'Ask me next time' },
      ])
      if (choice === 'discard') await window.kmpool.discardRecovery({ key: entry.key })
      if (choice !== 'recover') continue
      const recovered = await window.kmpool.restoreRecovery({ key: entry.key })
      if (recovered.kind !== 'study') continue
      await showFigure(recovered.study.figure)
      loadStudy(recovered.study, recovered.file)
      // Recovered work is not saved yet: it stays marked so, and goes on being autosaved under
      // its key until it is.
      useStudy.setState({ savedStudy: emptyStudy() })
      key = entry.key
      kept = true
      notify(
        'info',
        `Recovered ${recovered.file?.name ?? 'the unsaved study'}; save it to keep the changes.`,
      )
      // Only one study is open at a time: the rest wait for the next start.
      return
    }
  } catch (error) {
    notify('error', `Cannot recover unsaved work: ${messageOf(error)}`)
  }
}
