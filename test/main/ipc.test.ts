import { beforeEach, describe, expect, it, vi } from 'vitest'
import { channels, type Channel } from '../../src/shared/ipc/contract'
import type { Handlers } from '../../src/main/handlers'
import { emptyStudy } from '../../src/shared/model/study'

const electron = vi.hoisted(() => ({ ipcMain: { handle: vi.fn() } }))
vi.mock('electron', () => electron)

const { registerIpc } = await import('../../src/main/ipc')
const { dispatch } = await import('../../src/main/dispatch')

const APP_URL = 'file:///app/out/renderer/index.html'
const point = { time: 0, surv: 1 }
const curve = { id: 'c1', name: 'Arm', points: [point], risk: [] }
const studyInput = { timeUnit: 'months', curves: [curve] }
const study = emptyStudy()
const csvExport = { input: studyInput, record: study.record, defaultName: 'ipd.csv' }

function stubHandlers(): Handlers {
  return {
    'app:getInfo': vi.fn(async () => ({ name: 'kmpool', version: '1.2.3', platform: 'linux' })),
    'reconstruct:run': vi.fn(async () => ({ ipd: [] }) as never),
    'study:reconstruct': vi.fn(async () => ({ curves: [] }) as never),
    'figure:open': vi.fn(async () => null),
    'points:import': vi.fn(async () => null),
    'study:open': vi.fn(async () => null),
    'study:save': vi.fn(async () => null),
    'study:saveAs': vi.fn(async () => null),
    'export:ipd': vi.fn(async () => null),
    'export:summary': vi.fn(async () => null),
    'export:png': vi.fn(async () => null),
  }
}

/** A valid request of each channel. */
const validRequests: Record<Channel, unknown> = {
  'app:getInfo': undefined,
  'reconstruct:run': { points: [point] },
  'study:reconstruct': studyInput,
  'figure:open': undefined,
  'points:import': undefined,
  'study:open': undefined,
  'study:save': { study, defaultName: 'a.kmstudy' },
  'study:saveAs': { study, file: 'token', defaultName: 'a.kmstudy' },
  'export:ipd': csvExport,
  'export:summary': csvExport,
  'export:png': { data: 'iVBORw0KGgo=', defaultName: 'a.png' },
}

type Listener = (event: unknown, payload?: unknown) => Promise<unknown>

function registered(handlers: Handlers): Map<string, Listener> {
  registerIpc(handlers, (url) => url === APP_URL)
  return new Map(
    electron.ipcMain.handle.mock.calls.map(([channel, listener]) => [channel, listener]),
  )
}

const fromApp = { senderFrame: { url: APP_URL } }

// Typed by channel, so a new channel without invalid examples fails to compile.
const invalidRequests: Record<Channel, { payload: unknown; message: RegExp }[]> = {
  'app:getInfo': [{ payload: { all: true }, message: /expected undefined, received object/ }],
  'figure:open': [{ payload: '/etc/passwd', message: /expected undefined, received string/ }],
  'points:import': [{ payload: { path: '/etc' }, message: /expected undefined, received object/ }],
  'study:open': [{ payload: '../../x.kmstudy', message: /expected undefined, received string/ }],
  'study:save': [
    { payload: { study: {}, defaultName: 'a' }, message: /study\.format/ },
    { payload: { study, defaultName: 'a', path: '/etc/passwd' }, message: /Unrecognized key/ },
    { payload: { study, defaultName: '' }, message: /defaultName/ },
  ],
  'study:saveAs': [
    { payload: { study: { ...study, version: 2 }, defaultName: 'a' }, message: /study\.version/ },
  ],
  'study:reconstruct': [
    { payload: { timeUnit: 'hours', curves: [] }, message: /timeUnit/ },
    {
      payload: { ...studyInput, curves: [{ ...curve, points: [{ time: NaN, surv: 1 }] }] },
      message: /curves\[0\]\.points\[0\]\.time/,
    },
    {
      payload: { ...studyInput, curves: [{ ...curve, risk: [{ time: 0, nRisk: -2 }] }] },
      message: /curves\[0\]\.risk\[0\]\.nRisk/,
    },
    { payload: { ...studyInput, curves: [{ ...curve, id: '' }] }, message: /curves\[0\]\.id/ },
  ],
  'export:ipd': [
    { payload: { ...csvExport, input: undefined }, message: /input/ },
    { payload: { ...csvExport, path: '/tmp/x' }, message: /Unrecognized key: "path"/ },
  ],
  'export:summary': [{ payload: { ...csvExport, record: { notes: 3 } }, message: /record\.notes/ }],
  'export:png': [
    { payload: { data: '', defaultName: 'a.png' }, message: /data/ },
    { payload: { data: 'x' }, message: /defaultName/ },
  ],
  'reconstruct:run': [
    { payload: undefined, message: /expected object, received undefined/ },
    { payload: { points: [] }, message: /points: Too small/ },
    { payload: { points: [{ time: Number.NaN, surv: 1 }] }, message: /points\[0\]\.time:.*NaN/ },
    { payload: { points: [{ time: Infinity, surv: 1 }] }, message: /points\[0\]\.time:.*Infinity/ },
    { payload: { points: [point, { time: 1, surv: null }] }, message: /points\[1\]\.surv:.*null/ },
    { payload: { points: [point], risk: [{ time: -3, nRisk: 9 }] }, message: /risk\[0\]\.time/ },
    { payload: { points: [point], options: { method: 'magic' } }, message: /options\.method/ },
    { payload: { points: [{ time: '1', surv: 1 }] }, message: /points\[0\]\.time:.*string/ },
    { payload: { points: [point], risk: [{ time: 0, nRisk: 9.5 }] }, message: /risk\[0\]\.nRisk/ },
    { payload: { points: [point], risk: [{ time: 0, nRisk: -1 }] }, message: /risk\[0\]\.nRisk/ },
    { payload: { points: [point], totalN: 0 }, message: /totalN: Too small/ },
    { payload: { points: [point], totalEvents: 2.5 }, message: /totalEvents:.*int/ },
    { payload: { points: [point], script: 'x' }, message: /Unrecognized key: "script"/ },
  ],
}

beforeEach(() => electron.ipcMain.handle.mockClear())

describe('registerIpc', () => {
  it('registers every channel of the contract, once', () => {
    const listeners = registered(stubHandlers())
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(channels.length)
    expect([...listeners.keys()].sort()).toEqual([...channels].sort())
  })

  it.each(channels)('%s passes a valid request on to its handler', async (channel) => {
    const handlers = stubHandlers()
    const payload = validRequests[channel]
    await registered(handlers).get(channel)!(fromApp, payload)
    expect(handlers[channel]).toHaveBeenCalledOnce()
    expect(handlers[channel]).toHaveBeenCalledWith(payload)
  })

  it.each(channels)('%s refuses a message from a page that is not the app', async (channel) => {
    const handlers = stubHandlers()
    const listener = registered(handlers).get(channel)!
    const event = { senderFrame: { url: 'https://example.com/' } }
    await expect(listener(event)).rejects.toThrow(/untrusted page https:\/\/example\.com/)
    await expect(listener({ senderFrame: null })).rejects.toThrow(/untrusted page/)
    expect(handlers[channel]).not.toHaveBeenCalled()
  })

  describe.each(channels)('%s rejects an invalid request', (channel) => {
    it.each(invalidRequests[channel])('$payload', async ({ payload, message }) => {
      const handlers = stubHandlers()
      const listener = registered(handlers).get(channel)!
      const error = `Invalid request for "${channel}"`
      await expect(listener(fromApp, payload)).rejects.toThrow(error)
      await expect(listener(fromApp, payload)).rejects.toThrow(message)
      expect(handlers[channel]).not.toHaveBeenCalled()
    })
  })
})

describe('dispatch', () => {
  it('rejects a channel the contract does not define', async () => {
    await expect(dispatch(stubHandlers(), 'fs:readFile', '/etc/passwd')).rejects.toThrow(
      'Unknown IPC channel "fs:readFile"',
    )
    await expect(dispatch(stubHandlers(), 'constructor', undefined)).rejects.toThrow(/Unknown/)
  })

  it('hands the handler the parsed request, not the object it was sent', async () => {
    const handlers = stubHandlers()
    const request = { points: [point], risk: [{ time: 0, nRisk: 10 }], totalN: 10 }
    await dispatch(handlers, 'reconstruct:run', request)
    const received = vi.mocked(handlers['reconstruct:run']).mock.calls[0][0]
    expect(received).toEqual(request)
    expect(received).not.toBe(request)
  })
})
