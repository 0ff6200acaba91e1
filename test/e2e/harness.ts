/**
 * End-to-end harness. The built renderer runs in Debian's Chromium, served over http with the
 * app's CSP, and `window.kmpool` is bridged to the real main-process handlers in this process,
 * through the same validation as ipc.ts. Where an Electron binary and a display exist, the same
 * tests can also drive the real app. The e2e project's global setup builds out/ first.
 *
 *   describeEachTarget('the study view', (app) => {
 *     it('…', async () => {
 *       const { page, errors } = app()
 *       …
 *       await screenshot(page, 'study-view')
 *       expect(errors).toEqual([])
 *     })
 *   })
 *
 *   const { page, close } = await startApp({ handlers: { 'reconstruct:run': failing } })
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { extname, join, resolve, sep } from 'node:path'
import { _electron, chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe } from 'vitest'
import { dispatch } from '../../src/main/dispatch'
import { createHandlers, type Handlers } from '../../src/main/handlers'
import { CONTENT_SECURITY_POLICY } from '../../src/main/security'
import { API_GLOBAL, channels, contract, type AppInfo } from '../../src/shared/ipc/contract'
import { artifactsDir, outDir, repoRoot } from './paths'

export interface RunningApp {
  page: Page
  /** Uncaught page errors and console errors, CSP violations among them. */
  errors: string[]
  close(): Promise<void>
}

export interface StartOptions {
  /** Replaces some main-process handlers, e.g. to make one fail. */
  handlers?: Partial<Handlers>
}

export interface AppTarget {
  name: 'chromium' | 'electron'
  /** Why this target cannot run here, or null when it can. */
  skipReason: string | null
  start(): Promise<RunningApp>
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

export const examplesDir = join(repoRoot, 'examples')

/** The built renderer in Chromium, its preload API bridged to the main-process handlers. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: apt-get install chromium, or set KMPOOL_CHROMIUM`,
    )
  }
  const handlers: Handlers = {
    ...createHandlers({ app: appInfo, examplesDir }),
    ...options.handlers,
  }
  const server = await serveRenderer()
  let browser: Browser | undefined
  const close = async () => {
    await browser?.close()
    await server.close()
  }
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    const page = await browser.newPage({ viewport: { width: 960, height: 640 } })
    const errors = collectErrors(page)
    await bridgePreload(page, handlers)
    await page.goto(server.url)
    return { page, errors, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** The real Electron app, built in out/ by the global setup. */
export async function startElectronApp(): Promise<RunningApp> {
  const app = await _electron.launch({
    executablePath: electronBinary(),
    // Chromium refuses to run as root with its OS sandbox; the renderer sandbox stays on.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), repoRoot],
    cwd: repoRoot,
  })
  try {
    const page = await app.firstWindow()
    const errors = collectErrors(page)
    await page.waitForLoadState('domcontentloaded')
    return { page, errors, close: () => app.close() }
  } catch (error) {
    await app.close()
    throw error
  }
}

export const targets: readonly AppTarget[] = [
  { name: 'chromium', skipReason: null, start: () => startApp() },
  { name: 'electron', skipReason: electronSkipReason(), start: startElectronApp },
]

/**
 * Declares `tests` once per target, each block with its own running app from `app()`. A target
 * that cannot run here is skipped, with the reason in its title and on the console.
 */
export function describeEachTarget(
  title: string,
  tests: (app: () => RunningApp, target: AppTarget) => void,
): void {
  for (const target of targets) {
    const skip = target.skipReason
    if (skip) console.warn(`${title} [${target.name}] skipped: ${skip}`)
    describe.skipIf(skip !== null)(`${title} [${target.name}]${skip ? ` (${skip})` : ''}`, () => {
      let running: RunningApp | undefined
      beforeAll(async () => {
        running = await target.start()
      })
      afterAll(async () => {
        await running?.close()
      })
      tests(() => {
        if (!running) throw new Error(`${target.name} app did not start`)
        return running
      }, target)
    })
  }
}

/** Saves a full-page screenshot as test-artifacts/e2e/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true })
  const path = join(artifactsDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return errors
}

const BINDING = '__kmpoolInvoke'

/**
 * Gives the page the `window.kmpool` the preload would: one named function per channel, each
 * handing its request to dispatch() in this process.
 */
async function bridgePreload(page: Page, handlers: Handlers): Promise<void> {
  await page.exposeFunction(BINDING, async (channel: string, request: unknown) => {
    try {
      return await dispatch(handlers, channel, request)
    } catch (error) {
      // Worded as Electron words an error thrown by an ipcMain.handle handler.
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, {
        cause: error,
      })
    }
  })
  const methods = channels.map((channel) => [contract[channel].method, channel] as const)
  await page.addInitScript(
    ({ binding, global, methods }) => {
      const scope = globalThis as unknown as Record<string, unknown>
      const invoke = (channel: string, request: unknown) =>
        (scope[binding] as (channel: string, request: unknown) => Promise<unknown>)(
          channel,
          request,
        )
      const api = Object.fromEntries(
        methods.map(([method, channel]) => [
          method,
          (request?: unknown) => invoke(channel, request),
        ]),
      )
      Object.defineProperty(scope, global, { value: Object.freeze(api), enumerable: true })
    },
    { binding: BINDING, global: API_GLOBAL, methods },
  )
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

function electronBinary(): string {
  // The electron package exports the path of its binary, and throws when it was never downloaded.
  return createRequire(import.meta.url)('electron') as string
}

function electronSkipReason(): string | null {
  let binary: string
  try {
    binary = electronBinary()
  } catch {
    return 'the Electron binary is not downloaded'
  }
  if (!existsSync(binary)) return `no Electron binary at ${binary}`
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for Electron (run under xvfb-run)'
  }
  return null
}
