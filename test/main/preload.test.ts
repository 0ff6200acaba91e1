import { describe, expect, it, vi } from 'vitest'
import { API_GLOBAL, channels, contract } from '../../src/shared/ipc/contract'

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => 'response'), send: vi.fn(), on: vi.fn() },
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
    const methods = channels.map((channel) => contract[channel].method)
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

  it('never touches ipcRenderer except to invoke', () => {
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled()
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled()
  })
})
