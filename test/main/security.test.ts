/**
 * The Electron security settings of issue 7, each asserted for every input rather than examples
 * (test/main/window.test.ts and ipc.test.ts hold the examples), plus the source-level facts the
 * static scanner's allowlist (scripts/security-scan.mjs) relies on.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { channels } from '../../src/shared/ipc/contract'
import type { Handlers } from '../../src/main/handlers'
import { CONTENT_SECURITY_POLICY, isAppUrl } from '../../src/main/security'

const electron = vi.hoisted(() => ({ ipcMain: { handle: vi.fn() }, BrowserWindow: vi.fn() }))
vi.mock('electron', () => electron)

const { hardenContents, hardenSession } = await import('../../src/main/window')
const { registerIpc } = await import('../../src/main/ipc')

const SRC = join(import.meta.dirname, '../../src')
const FILE_APP = 'file:///opt/kmpool/resources/app.asar/out/renderer/index.html'
const DEV_APP = 'http://localhost:5173/'
const RUNS = { seed: 7, numRuns: 300 }

type Callback = (...args: unknown[]) => unknown

function sourcesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(join(SRC, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|html)$/.test(e.name))
    .map((e) => {
      const path = join(e.parentPath, e.name)
      return { path, text: readFileSync(path, 'utf8') }
    })
}

function hardenedContents() {
  const listeners = new Map<string, Callback>()
  let openHandler: Callback = () => undefined
  hardenContents({
    on: (name: string, listener: Callback) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: Callback) => (openHandler = handler),
  } as never)
  return { listeners, openHandler: (details: unknown) => openHandler(details) }
}

function hardenedSession(appUrl: string) {
  const captured: Record<string, Callback> = {}
  let filter: { urls: string[] } = { urls: [] }
  hardenSession(
    {
      webRequest: {
        onHeadersReceived: (l: Callback) => (captured.headers = l),
        onBeforeRequest: (f: { urls: string[] }, l: Callback) => {
          filter = f
          captured.request = l
        },
      },
      setPermissionRequestHandler: (h: Callback) => (captured.permission = h),
      setPermissionCheckHandler: (h: Callback) => (captured.check = h),
    } as never,
    appUrl,
  )
  const cancelled = (url: string) => {
    let answer: unknown
    captured.request({ url }, (response: { cancel: boolean }) => (answer = response.cancel))
    return answer
  }
  return { captured, filter: () => filter, cancelled }
}

const urlArb = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'file:///etc/passwd',
    'file:///opt/kmpool/resources/app.asar/out/renderer/other.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'devtools://devtools/bundled/inspector.html',
    'chrome://settings',
    'about:blank',
    'http://localhost:5173.evil.com/',
    'http://localhost:5174/',
    '',
  ),
)

// Every permission Electron's session can be asked for.
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'unknown',
  'fileSystem',
  'hid',
  'serial',
  'usb',
  'deprecated-sync-clipboard-read',
]

describe('navigation and new windows', () => {
  it('prevents every navigation and every webview, whatever the URL', () => {
    const { listeners } = hardenedContents()
    fc.assert(
      fc.property(urlArb, (url) => {
        for (const name of ['will-navigate', 'will-attach-webview']) {
          const event = { preventDefault: vi.fn() }
          listeners.get(name)!(event, url)
          expect(event.preventDefault).toHaveBeenCalledOnce()
        }
      }),
      RUNS,
    )
  })

  it('denies every new window, whatever the URL and however it was asked for', () => {
    const { openHandler } = hardenedContents()
    const disposition = fc.constantFrom('default', 'foreground-tab', 'background-tab', 'new-window')
    fc.assert(
      fc.property(urlArb, disposition, (url, how) => {
        expect(openHandler({ url, disposition: how, frameName: '', features: '' })).toEqual({
          action: 'deny',
        })
      }),
      RUNS,
    )
  })

  it('is applied to every web contents the app creates, in a sandbox for every renderer', () => {
    const index = readFileSync(join(SRC, 'main/index.ts'), 'utf8')
    expect(index).toMatch(/app\.enableSandbox\(\)/)
    expect(index).toMatch(
      /app\.on\(\s*'web-contents-created',\s*\(_event, contents\)\s*=>\s*hardenContents\(contents\)/,
    )
    expect(index).toMatch(/hardenSession\(session\.defaultSession, appUrl\)/)
  })
})

describe('no remote content', () => {
  it('cancels every network request of a packaged app', () => {
    const { filter, cancelled } = hardenedSession(FILE_APP)
    expect(filter().urls.sort()).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'])
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https', 'ws', 'wss'] }), (url) => {
        expect(cancelled(url)).toBe(true)
      }),
      RUNS,
    )
  })

  it('lets through only the development server of a development build', () => {
    const { cancelled } = hardenedSession(DEV_APP)
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        const { host, protocol } = new URL(url)
        const fromServer = host === 'localhost:5173' && protocol === 'http:'
        expect(cancelled(url)).toBe(!fromServer)
      }),
      RUNS,
    )
  })

  it('has a content security policy that names no other origin and runs no inline script', () => {
    const allowed = new Set(["'self'", "'none'", 'data:', 'blob:'])
    for (const directive of CONTENT_SECURITY_POLICY.split(';')) {
      const [name, ...sources] = directive.trim().split(/\s+/)
      for (const source of sources) {
        const inlineStyle = name === 'style-src' && source === "'unsafe-inline'"
        expect(allowed.has(source) || inlineStyle, `${name} ${source}`).toBe(true)
      }
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/)
  })

  it('loads no script, style or image from outside the app in the renderer page', () => {
    for (const { path, text } of sourcesUnder('renderer').filter((s) => s.path.endsWith('.html'))) {
      expect(text, path).not.toMatch(/(src|href)\s*=\s*["'](https?:)?\/\//i)
    }
  })
})

describe('permissions', () => {
  it('denies every permission request and check, from any page', () => {
    const { captured } = hardenedSession(FILE_APP)
    fc.assert(
      fc.property(fc.constantFrom(...PERMISSIONS), urlArb, (permission, url) => {
        let granted: unknown
        captured.permission({ getURL: () => url }, permission, (g: boolean) => (granted = g), {
          requestingUrl: url,
        })
        expect(granted).toBe(false)
        expect(captured.check({}, permission, url, {})).toBe(false)
      }),
      RUNS,
    )
  })
})

describe('IPC from the app page only', () => {
  beforeEach(() => electron.ipcMain.handle.mockClear())

  it('accepts only the app page itself as a sender, for any other URL', () => {
    fc.assert(
      fc.property(urlArb, (url) => {
        const same = url.split('#')[0] === FILE_APP
        expect(isAppUrl(url, FILE_APP)).toBe(same)
      }),
      RUNS,
    )
    fc.assert(
      fc.property(urlArb, (url) => {
        expect(isAppUrl(url, DEV_APP)).toBe(
          URL.canParse(url) && new URL(url).origin === 'http://localhost:5173',
        )
      }),
      RUNS,
    )
  })

  it('refuses every channel to any other sender before looking at the payload', async () => {
    const handlers = Object.fromEntries(channels.map((c) => [c, vi.fn()])) as unknown as Handlers
    registerIpc(handlers, (url) => isAppUrl(url, FILE_APP))
    const listeners = new Map(electron.ipcMain.handle.mock.calls as [string, Callback][])
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channels),
        urlArb.filter((u) => !isAppUrl(u, FILE_APP)),
        fc.anything(),
        async (channel, url, payload) => {
          await expect(
            listeners.get(channel)!({ senderFrame: { url } }, payload) as Promise<unknown>,
          ).rejects.toThrow(/untrusted page/)
        },
      ),
      { seed: 7, numRuns: 200 },
    )
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled()
  })
})

describe('what the static scanner cannot see', () => {
  const main = sourcesUnder('main')

  it('makes every window from windowOptions(), the settings window.test.ts asserts', () => {
    const creations = main.flatMap(({ path, text }) =>
      [...text.matchAll(/new BrowserWindow\(([^)]*)/g)].map((m) => ({ path, args: m[1] })),
    )
    expect(creations.length).toBeGreaterThan(0)
    for (const { path, args } of creations) expect(args, path).toMatch(/^windowOptions\(/)
  })

  it('turns no protection off and opens nothing outside the app', () => {
    const risky =
      /nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false|allowRunningInsecureContent:\s*true|webviewTag:\s*true|openExternal|enableRemoteModule|experimentalFeatures|enableBlinkFeatures|setCertificateVerifyProc|certificate-error/
    for (const { path, text } of [...main, ...sourcesUnder('preload')]) {
      expect(text, path).not.toMatch(risky)
    }
  })
})
