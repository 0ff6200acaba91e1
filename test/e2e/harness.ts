/**
 * End-to-end harness. The built renderer runs in Debian's Chromium with `window.kmpool` bridged
 * to the real main-process handlers (browser.ts). Where an Electron binary and a display exist,
 * the same tests can also drive the real app. The e2e project's global setup builds out/ first.
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
 *   const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } }, { work })
 *   it('…', async () => { const { page, menu } = app() … })
 *
 *   const { page, close } = await startApp({ handlers: { 'study:reconstruct': failing } })
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { _electron } from 'playwright-core'
import { afterAll, beforeAll, describe } from 'vitest'
import { createHandlers, type Dialogs } from '../../src/main/handlers'
import { RecoveryStore } from '../../src/main/recovery'
import { appInfo, collectErrors, startApp, type RunningApp, type StartOptions } from './browser'
import { repoRoot } from './paths'

export {
  appInfo,
  screenshot,
  scriptedDialogs,
  startApp,
  type RunningApp,
  type StartOptions,
} from './browser'

/**
 * Starts the app in Chromium before the enclosing describe block's tests and closes it after
 * them, then removes `cleanup.work` (the block's scratch folder) if given. `options` may be a
 * function, called in the block's setup, for options that need work done first (handlers over a
 * copied example). Returns the running app, for use inside the tests.
 */
export function useApp(
  options: StartOptions | (() => StartOptions),
  cleanup: { work?: string } = {},
): () => RunningApp {
  let running: RunningApp | undefined
  beforeAll(async () => {
    running = await startApp(typeof options === 'function' ? options() : options)
  })
  afterAll(async () => {
    await running?.close()
    if (cleanup.work !== undefined) rmSync(cleanup.work, { recursive: true, force: true })
  })
  return () => {
    if (!running) throw new Error('the app did not start')
    return running
  }
}

/**
 * Options (for useApp) of an app whose bundled examples folder is `examples`, a scratch folder,
 * holding a fresh copy of the example review made when the app starts: what the app opens on its
 * first start, free to edit and save.
 */
export function withExampleReview(
  examples: string,
  dialogs: Dialogs,
  viewport: { width: number; height: number },
): () => StartOptions {
  return () => {
    cpSync(join(repoRoot, 'examples/metastasectomy'), join(examples, 'metastasectomy'), {
      recursive: true,
    })
    // Autosave on, as in the app (main always has a recovery folder): without it every change to
    // the review tried to autosave and put "Cannot autosave the review" in the notice, racing
    // whatever notice a test waits for (the export's "Wrote … files", on a loaded machine).
    const recovery = new RecoveryStore(join(dirname(examples), 'recovery'))
    const handlers = createHandlers({ app: appInfo, dialogs, examplesDir: examples, recovery })
    return { dialogs, handlers, viewport }
  }
}

export interface AppTarget {
  name: 'chromium' | 'electron'
  /** Why this target cannot run here, or null when it can. */
  skipReason: string | null
  start(): Promise<RunningApp>
}

/** The real Electron app, built in out/ by the global setup. */
export async function startElectronApp(): Promise<RunningApp> {
  // A fresh userData folder in which the first start is already past: the tests begin in the
  // empty study view, not in the example review a first start opens.
  const userData = mkdtempSync(join(tmpdir(), 'kmpool-e2e-userdata-'))
  writeFileSync(join(userData, 'settings.json'), '{ "started": true }\n')
  const app = await _electron.launch({
    env: { ...process.env, KMPOOL_USER_DATA: userData },
    executablePath: electronBinary(),
    // Chromium refuses to run as root with its OS sandbox; the renderer sandbox stays on.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), repoRoot],
    cwd: repoRoot,
  })
  try {
    const page = await app.firstWindow()
    const errors = collectErrors(page)
    await page.waitForLoadState('domcontentloaded')
    const menu = async (command: string) => {
      await app.evaluate(({ BrowserWindow }, command) => {
        BrowserWindow.getAllWindows()[0]?.webContents.send('menu:command', command)
      }, command)
    }
    const close = async () => {
      await app.close()
      rmSync(userData, { recursive: true, force: true })
    }
    return { page, errors, menu, close }
  } catch (error) {
    await app.close()
    rmSync(userData, { recursive: true, force: true })
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
