import { describe, expect, it, vi } from 'vitest'
import {
  API_GLOBAL,
  channels,
  contract,
  eventChannels,
  events,
} from '../../src/shared/ipc/contract'

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async () => 'response'),
    send: vi.fn(),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}))
vi.mock('electron', () => electron)

await import('../../src/preload/index')

describe('preload', () => {
  const [[name, api]] = electron.contextBridge.exposeInMainWorld.mock.calls as unknown as [
    [string, Record<string, unknown>],
  ]

  it('exposes one API object, under the contract name', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
    expect(name).toBe(API_GLOBAL)
  })

  it('exposes exactly the named functions of the contract', () => {
    const methods = [
      ...channels.map((channel) => contract[channel].method),
      ...eventChannels.map((channel) => events[channel].method),
    ]
    expect(Object.keys(api).sort()).toEqual([...methods].sort())
    for (const value of Object.values(api)) expect(value).toBeTypeOf('function')
  })

  it.each(channels)(
    '%s is invoked by its named function with the request as is',
    async (channel) => {
      electron.ipcRenderer.invoke.mockClear()
      const request = { points: [{ time: 0, surv: 1 }] }
      const call = api[contract[channel].method] as (request?: unknown) => Promise<unknown>
      await expect(call(request)).resolves.toBe('response')
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, request)
    },
  )

  it('never touches ipcRenderer except to invoke and to hear contract events', () => {
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled()
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled()
  })

  it.each(eventChannels)(
    '%s passes on only payloads its schema accepts, until unsubscribed',
    (channel) => {
      const subscribe = api[events[channel].method] as (l: (p: unknown) => void) => () => void
      const listener = vi.fn()
      const unsubscribe = subscribe(listener)
      const [[name, forward]] = electron.ipcRenderer.on.mock.calls as unknown as [
        [string, (event: unknown, payload: unknown) => void],
      ]
      expect(name).toBe(channel)
      forward({}, 'save')
      forward({}, 'rm -rf /')
      forward({}, { command: 'save' })
      expect(listener.mock.calls).toEqual([['save']])
      unsubscribe()
      expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(channel, forward)
      electron.ipcRenderer.on.mockClear()
    },
  )
})
