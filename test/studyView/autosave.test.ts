import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emptyStudy } from '../../src/shared/model/study'
import {
  AUTOSAVE_DELAY_MS,
  AUTOSAVE_MAX_WAIT_MS,
  startAutosave,
} from '../../src/renderer/src/io/autosave'
import { edit, loadStudy, markSaved, useStudy } from '../../src/renderer/src/store/store'

const file = { token: 't-1', name: 'a.kmstudy' }
const api = {
  saveRecovery: vi.fn(async () => ({})),
  discardRecovery: vi.fn(async () => null),
}
let stop: () => void

beforeEach(() => {
  vi.useFakeTimers()
  vi.stubGlobal('window', { kmpool: api })
  api.saveRecovery.mockClear()
  api.discardRecovery.mockClear()
  loadStudy(emptyStudy(), file)
  stop = startAutosave()
})
afterEach(() => {
  stop()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

const note = (text: string) => edit((s) => ({ ...s, record: { ...s.record, notes: text } }))

describe('autosave', () => {
  it('sends the study a moment after the last change, with its file', async () => {
    note('a')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1)
    note('ab')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1)
    expect(api.saveRecovery).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(api.saveRecovery).toHaveBeenCalledOnce()
    expect(api.saveRecovery).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'study',
        file: 't-1',
        document: expect.objectContaining({ record: expect.objectContaining({ notes: 'ab' }) }),
      }),
    )
  })

  it('saves at least every 30 s while changes keep coming', async () => {
    for (let t = 0; t < AUTOSAVE_MAX_WAIT_MS; t += 1000) {
      note(`edit at ${t}`)
      await vi.advanceTimersByTimeAsync(1000)
    }
    expect(api.saveRecovery).toHaveBeenCalledOnce()
  })

  it('removes the copy once the study is saved, and sends nothing for a clean study', async () => {
    note('a')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    const { key } = (api.saveRecovery.mock.calls[0] as unknown as [{ key: string }])[0]
    markSaved(useStudy.getState().study, file)
    expect(api.discardRecovery).toHaveBeenCalledWith({ key })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MAX_WAIT_MS)
    expect(api.saveRecovery).toHaveBeenCalledOnce()
  })
})
