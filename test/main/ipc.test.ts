import { beforeEach, describe, expect, it, vi } from 'vitest'
import { channels, type Channel } from '../../src/shared/ipc/contract'
import type { Handlers } from '../../src/main/handlers'
import { emptyReview } from '../../src/shared/model/review'
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
const review = emptyReview('R')
const reviewRequest = {
  review: 't',
  title: 'R',
  settings: review.settings,
  studies: [{ path: 'studies/a.kmstudy', included: true, reason: '' }],
}

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
    'study:reload': vi.fn(async () => ({}) as never),
    'recovery:save': vi.fn(async () => ({}) as never),
    'recovery:list': vi.fn(async () => ({ entries: [], problems: [] })),
    'recovery:restore': vi.fn(async () => ({}) as never),
    'recovery:discard': vi.fn(async () => null),
    'window:unsaved': vi.fn(async () => null),
    'review:start': vi.fn(async () => null),
    'review:openExample': vi.fn(async () => ({ review, file: { token: 't', name: 'r' } })),
    'review:open': vi.fn(async () => null),
    'review:create': vi.fn(async () => null),
    'review:save': vi.fn(async () => ({ token: 't', name: 'r.kmreview' })),
    'review:addStudy': vi.fn(async () => null),
    'review:editStudy': vi.fn(async () => ({ label: '', subgroup: '' })),
    'review:openStudy': vi.fn(async () => ({ study, file: { token: 't', name: 's' } })),
    'review:compute': vi.fn(async () => ({}) as never),
    'review:export': vi.fn(async () => null),
    'review:copyExample': vi.fn(async () => null),
    'export:points': vi.fn(async () => null),
    'pdf:renderPage': vi.fn(async () => ({}) as never),
    'pdf:vectorCurves': vi.fn(async () => ({ curves: [] })),
    'figure:detectAxes': vi.fn(async () => ({
      calibration: null,
      x: { verified: false, ticks: 0, labels: 0, confidence: 0 },
      y: { verified: false, ticks: 0, labels: 0, confidence: 0 },
      problems: [],
    })),
    'figure:readRisk': vi.fn(async () => ({ times: [], arms: [], matchedBy: null, unmatched: [] })),
    'figure:read': vi.fn(async () => ({}) as never),
    'figure:readProgress': vi.fn(async () => null),
    'figure:cancelRead': vi.fn(async () => null),
  }
}

const pdfPage = { token: 't', page: 1, scale: 2, crop: { x: 0, y: 0, width: 100, height: 80 } }
const pdfCalibration = {
  x1: { px: 10, py: 90, value: 0 },
  x2: { px: 90, py: 90, value: 36 },
  y1: { px: 10, py: 90, value: 0 },
  y2: { px: 10, py: 10, value: 1 },
  yScale: 'proportion',
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
  'export:points': csvExport,
  'export:png': { data: 'iVBORw0KGgo=', defaultName: 'a.png' },
  'study:reload': { file: 'token' },
  'recovery:save': { kind: 'study', key: 'a1-b2', document: study, file: 'token' },
  'recovery:list': undefined,
  'recovery:restore': { key: 'a1-b2' },
  'recovery:discard': { key: 'a1-b2' },
  'window:unsaved': { study: true, review: false },
  'review:start': undefined,
  'review:openExample': undefined,
  'review:open': undefined,
  'review:create': undefined,
  'review:save': { review: 't', content: review },
  'review:addStudy': { review: 't' },
  'review:editStudy': { review: 't', path: 'studies/a.kmstudy', label: 'A', subgroup: 'Lung' },
  'review:openStudy': { review: 't', path: 'studies/a.kmstudy' },
  'review:compute': { ...reviewRequest, figure: 'survival_60' },
  'review:export': reviewRequest,
  'review:copyExample': { review: 't' },
  'pdf:renderPage': pdfPage,
  'pdf:vectorCurves': { ...pdfPage, calibration: pdfCalibration },
  'figure:detectAxes': { data: 'iVBORw0KGgo=', name: 'figure.png' },
  'figure:readRisk': {
    data: 'iVBORw0KGgo=',
    name: 'figure.png',
    calibration: pdfCalibration,
    curves: [{ id: 'c1', name: 'Arm', color: '#d62728', points: [point], totalN: 100 }],
  },
  'figure:read': { data: 'iVBORw0KGgo=', name: 'figure.png', job: 'read-1' },
  'figure:readProgress': { job: 'read-1' },
  'figure:cancelRead': { job: 'read-1' },
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
  'export:points': [{ payload: { ...csvExport, defaultName: 3 }, message: /defaultName/ }],
  'study:reload': [{ payload: { path: '/etc/passwd' }, message: /Unrecognized key/ }],
  'recovery:save': [
    { payload: { kind: 'study', key: '../../x', document: study }, message: /key/ },
    { payload: { kind: 'notes', key: 'a', document: study }, message: /kind/ },
    { payload: { kind: 'review', key: 'a', document: study }, message: /document/ },
  ],
  'recovery:list': [{ payload: { dir: '/' }, message: /expected undefined/ }],
  'recovery:restore': [{ payload: { key: '../secrets' }, message: /key/ }],
  'recovery:discard': [{ payload: { key: 'a/b' }, message: /key/ }],
  'window:unsaved': [{ payload: { study: 'yes', review: false }, message: /study/ }],
  'export:png': [
    { payload: { data: '', defaultName: 'a.png' }, message: /data/ },
    { payload: { data: 'x' }, message: /defaultName/ },
  ],
  'review:start': [{ payload: { path: '/x' }, message: /expected undefined, received object/ }],
  'review:openExample': [{ payload: 'x', message: /expected undefined, received string/ }],
  'review:open': [{ payload: '/etc', message: /expected undefined, received string/ }],
  'review:create': [{ payload: '/tmp/r', message: /expected undefined, received string/ }],
  'review:save': [
    { payload: { review: 't', content: { ...review, version: 9 } }, message: /content\.version/ },
    { payload: { review: '', content: review }, message: /review/ },
  ],
  'review:addStudy': [{ payload: { review: 't', path: '/etc' }, message: /Unrecognized key/ }],
  'review:editStudy': [
    {
      payload: { review: 't', path: '/etc/passwd', label: '', subgroup: '' },
      message: /path: must be relative/,
    },
    { payload: { review: 't', path: 'a.kmstudy', label: 3, subgroup: '' }, message: /label/ },
  ],
  'review:openStudy': [
    { payload: { review: 't', path: 'C:/x.kmstudy' }, message: /must be relative/ },
  ],
  'review:compute': [
    { payload: reviewRequest, message: /figure/ },
    {
      payload: { ...reviewRequest, figure: null, settings: { ...review.settings, method: 'X' } },
      message: /settings\.method/,
    },
  ],
  'review:export': [
    { payload: { ...reviewRequest, studies: [{ path: '' }] }, message: /studies\[0\]\.path/ },
  ],
  'review:copyExample': [{ payload: { review: 't', path: '/etc' }, message: /Unrecognized key/ }],
  'pdf:renderPage': [
    { payload: { ...pdfPage, path: '/etc/passwd' }, message: /Unrecognized key/ },
    { payload: { ...pdfPage, page: 0 }, message: /page: Too small/ },
    { payload: { ...pdfPage, scale: 100 }, message: /scale: Too big/ },
    { payload: { ...pdfPage, crop: { x: 0, y: 0, width: 0, height: 5 } }, message: /crop\.width/ },
  ],
  'pdf:vectorCurves': [
    { payload: pdfPage, message: /calibration/ },
    {
      payload: { ...pdfPage, calibration: { ...pdfCalibration, yScale: 'log' } },
      message: /calibration\.yScale/,
    },
  ],
  'figure:detectAxes': [
    { payload: { name: 'figure.png' }, message: /data/ },
    { payload: { data: '', name: 'figure.png' }, message: /data: Too small/ },
  ],
  'figure:readRisk': [
    {
      payload: { data: 'iVBORw0KGgo=', name: 'figure.png', curves: [] },
      message: /calibration: Invalid input/,
    },
    {
      payload: {
        data: 'iVBORw0KGgo=',
        name: 'figure.png',
        calibration: pdfCalibration,
        curves: [],
      },
      message: /curves: Too small/,
    },
    {
      payload: {
        data: 'iVBORw0KGgo=',
        name: 'figure.png',
        calibration: pdfCalibration,
        curves: [{ id: 'c1', name: 'Arm', color: 'red', points: [] }],
      },
      message: /curves\[0\]\.color/,
    },
    {
      payload: {
        data: 'iVBORw0KGgo=',
        name: 'figure.png',
        calibration: { ...pdfCalibration, yScale: 'odds' },
        curves: [{ id: 'c1', name: 'Arm', color: '#d62728', points: [] }],
      },
      message: /calibration\.yScale/,
    },
  ],
  'figure:read': [
    { payload: { data: 'iVBORw0KGgo=', name: 'figure.png' }, message: /job/ },
    {
      payload: { data: 'iVBORw0KGgo=', name: 'figure.png', job: '../x' },
      message: /job: letters, digits and dashes/,
    },
    { payload: { data: 'iVBORw0KGgo=', name: '', job: 'j' }, message: /name: Too small/ },
  ],
  'figure:readProgress': [
    { payload: undefined, message: /expected object, received undefined/ },
    { payload: { job: 'a'.repeat(65) }, message: /job/ },
  ],
  'figure:cancelRead': [
    { payload: { job: '' }, message: /job/ },
    { payload: { job: 'j', all: true }, message: /Unrecognized key/ },
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
