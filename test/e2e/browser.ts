/**
 * The built renderer in Debian's Chromium, served over http with the app's CSP, and
 * `window.kmpool` bridged to the real main-process handlers in this process, through the same
 * validation as ipc.ts. Free of vitest, so the benchmark can drive the app too.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { dispatch } from '../../src/main/dispatch'
import { createHandlers, type Dialogs, type Handlers } from '../../src/main/handlers'
import { RecoveryStore } from '../../src/main/recovery'
import { CONTENT_SECURITY_POLICY } from '../../src/main/security'
import {
  API_GLOBAL,
  channels,
  contract,
  eventChannels,
  events,
  type AppInfo,
  type MenuCommand,
} from '../../src/shared/ipc/contract'
import { artifactsDir, outDir, repoRoot } from './paths'
import { fromWire, structuredCodec, toWire, type StructuredCodec } from './structuredCodec'

export interface RunningApp {
  page: Page
  /** Uncaught page errors and console errors, CSP violations among them. */
  errors: string[]
  /** What the app does when the user picks `command` from its menu. */
  menu(command: MenuCommand): Promise<void>
  close(): Promise<void>
}

export interface StartOptions {
  /** Replaces some main-process handlers, e.g. to make one fail. */
  handlers?: Partial<Handlers>
  /** The file dialogs; by default every dialog is cancelled. */
  dialogs?: Dialogs
  viewport?: { width: number; height: number }
  /**
   * The recovery folder (the app's userData/recovery), to start again on what a killed app left;
   * by default a new temporary folder, removed on close.
   */
  recoveryDir?: string
}

const chromiumPath = process.env.KMPOOL_CHROMIUM ?? '/usr/bin/chromium'

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  name: string
  version: string
}

/** What `app:getInfo` answers in the bridged app; Electron reads the same package.json. */
export const appInfo: AppInfo = {
  name: manifest.name,
  version: manifest.version,
  platform: process.platform,
}

/** File dialogs that answer the paths queued in `open` and `save`, then cancel. */
export function scriptedDialogs(): Dialogs & { open: string[]; save: string[] } {
  const open: string[] = []
  const save: string[] = []
  return {
    open,
    save,
    openFile: async () => open.shift() ?? null,
    saveFile: async () => save.shift() ?? null,
  }
}

const cancelAll: Dialogs = { openFile: async () => null, saveFile: async () => null }

/** The built renderer in Chromium, its preload API bridged to the main-process handlers. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: apt-get install chromium, or set KMPOOL_CHROMIUM`,
    )
  }
  const ownRecoveryDir =
    options.recoveryDir === undefined ? await mkdtemp(join(tmpdir(), 'kmpool-recovery-')) : null
  const recovery = new RecoveryStore(options.recoveryDir ?? ownRecoveryDir!)
  const handlers: Handlers = {
    ...createHandlers({ app: appInfo, dialogs: options.dialogs ?? cancelAll, recovery }),
    ...options.handlers,
  }
  const server = await serveRenderer()
  let browser: Browser | undefined
  const close = async () => {
    await browser?.close()
    await server.close()
    if (ownRecoveryDir !== null) await rm(ownRecoveryDir, { recursive: true, force: true })
  }
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    const page = await browser.newPage({
      viewport: options.viewport ?? { width: 960, height: 640 },
    })
    const errors = collectErrors(page)
    await bridgePreload(page, handlers)
    await page.goto(server.url)
    const menu = (command: MenuCommand) => emit(page, 'menu:command', command)
    return { page, errors, menu, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** Saves a full-page screenshot as test-artifacts/e2e/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true })
  const path = join(artifactsDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

export function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return errors
}

const BINDING = '__kmpoolInvoke'
const EMIT = '__kmpoolEmit'

/**
 * Sends the page an event as main does, checked against the contract as the preload checks it
 * and structured-cloned as webContents.send clones it.
 */
async function emit(page: Page, channel: (typeof eventChannels)[number], payload: unknown) {
  const parsed = events[channel].payload.parse(payload)
  await page.evaluate(
    ({ hook, channel, payload }) =>
      (globalThis as unknown as Record<string, (c: string, p: string) => void>)[hook](
        channel,
        payload,
      ),
    { hook: EMIT, channel, payload: toWire(parsed) },
  )
}

/**
 * Gives the page the `window.kmpool` the preload would: one named function per channel, each
 * handing its request to dispatch() in this process, and one subscription per event, fed by
 * emit(). Requests, responses and events cross as Electron's IPC copies them: structured-cloned
 * (by the page's `structuredClone` for requests, as Electron's renderer does; by Node's for
 * responses and events, as main does), then carried as JSON text of structuredCodec's tagged
 * encoding, which keeps typed arrays, Dates, Maps, `undefined` fields and NaN. A function or
 * symbol in a payload is refused with "… could not be cloned", as Electron refuses it.
 */
async function bridgePreload(page: Page, handlers: Handlers): Promise<void> {
  // Text, not Playwright's own serialization, crosses the page boundary: that serialization of
  // large objects (a study's points, a reconstruction) costs far more than Electron's clone.
  await page.exposeFunction(BINDING, async (channel: string, request: string) => {
    try {
      return toWire(await dispatch(handlers, channel, fromWire(request)))
    } catch (error) {
      // Worded as Electron words an error thrown by an ipcMain.handle handler.
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, {
        cause: error,
      })
    }
  })
  // tsx, which runs the benchmark, compiles with esbuild's keepNames: functions sent to the page
  // call its __name helper, which the page must have too.
  await page.addInitScript({ content: 'globalThis.__name = (target) => target' })
  const methods = channels.map((channel) => [contract[channel].method, channel] as const)
  const subscriptions = eventChannels.map((channel) => [events[channel].method, channel] as const)
  const preload = (
    { binding, hook, global, methods, subscriptions }: PreloadArgs,
    codec: StructuredCodec,
  ) => {
    const scope = globalThis as unknown as Record<string, unknown>
    const call = scope[binding] as (channel: string, request: string) => Promise<string>
    const toText = (value: unknown) => JSON.stringify(codec.encode(structuredClone(value)))
    const fromText = (text: string) => codec.decode(JSON.parse(text))
    const invoke = async (channel: string, request: unknown) =>
      fromText(await call(channel, toText(request)))
    const listeners = new Map<string, Set<(payload: unknown) => void>>()
    const api = Object.fromEntries([
      ...methods.map(([method, channel]) => [
        method,
        (request?: unknown) => invoke(channel, request),
      ]),
      ...subscriptions.map(([method, channel]) => [
        method,
        (listener: (payload: unknown) => void) => {
          const set = listeners.get(channel) ?? new Set()
          listeners.set(channel, set)
          set.add(listener)
          return () => set.delete(listener)
        },
      ]),
    ])
    Object.defineProperty(scope, global, { value: Object.freeze(api), enumerable: true })
    Object.defineProperty(scope, hook, {
      value: (channel: string, payload: string) => {
        const set = listeners.get(channel)
        if (set) for (const listener of set) listener(fromText(payload))
      },
    })
  }
  const args: PreloadArgs = {
    binding: BINDING,
    hook: EMIT,
    global: API_GLOBAL,
    methods,
    subscriptions,
  }
  // One script, so that the codec stays local to it: the page's code sees only window.kmpool.
  await page.addInitScript({
    content: `(${preload.toString()})(${JSON.stringify(args)}, (${structuredCodec.toString()})())`,
  })
}

interface PreloadArgs {
  binding: string
  hook: string
  global: string
  methods: (readonly [string, string])[]
  subscriptions: (readonly [string, string])[]
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** Serves out/renderer on 127.0.0.1 at a free port, with the app's CSP on every response. */
async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const root = join(outDir, 'renderer')
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root} has no index.html: run the e2e tests through vitest, which builds it`)
  }
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname)
    const file = resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`)
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end()
      return
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        })
        response.end(body)
      },
      () => response.writeHead(404).end(),
    )
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
