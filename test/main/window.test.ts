import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  isAllowedRequest,
  isAppUrl,
  withCsp,
} from '../../src/main/security'

const electron = vi.hoisted(() => {
  const BrowserWindow = vi.fn(function (this: Record<string, unknown>) {
    this.once = vi.fn()
    this.loadURL = vi.fn(async () => undefined)
  })
  return { BrowserWindow }
})
vi.mock('electron', () => electron)

const { createMainWindow, hardenContents, hardenSession, windowOptions } =
  await import('../../src/main/window')

type Callback = (...args: unknown[]) => unknown

function fakeContents() {
  const listeners = new Map<string, Callback>()
  let openHandler: Callback | undefined
  const contents = {
    on: vi.fn((name: string, listener: Callback) => listeners.set(name, listener)),
    setWindowOpenHandler: vi.fn((handler: Callback) => (openHandler = handler)),
  }
  hardenContents(contents as never)
  return { listeners, openHandler: () => openHandler }
}

function fakeSession(appUrl: string) {
  const captured: Record<string, Callback> = {}
  const session = {
    webRequest: {
      onHeadersReceived: vi.fn((listener: Callback) => (captured.headers = listener)),
      onBeforeRequest: vi.fn((filter: unknown, listener: Callback) => {
        captured.filter = () => filter
        captured.request = listener
      }),
    },
    setPermissionRequestHandler: vi.fn((handler: Callback) => (captured.permission = handler)),
    setPermissionCheckHandler: vi.fn((handler: Callback) => (captured.permissionCheck = handler)),
  }
  hardenSession(session as never, appUrl)
  return captured
}

describe('windowOptions', () => {
  const { webPreferences } = windowOptions('/app/out/preload/index.cjs')

  it('sandboxes and isolates the renderer', () => {
    expect(webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('loads the given CommonJS preload', () => {
    expect(webPreferences?.preload).toBe('/app/out/preload/index.cjs')
  })

  it('is what createMainWindow opens, on the app URL', () => {
    const appUrl = 'file:///app/out/renderer/index.html'
    const window = createMainWindow('/app/preload.cjs', appUrl) as unknown as {
      loadURL: ReturnType<typeof vi.fn>
    }
    expect(electron.BrowserWindow).toHaveBeenCalledWith(windowOptions('/app/preload.cjs'))
    expect(window.loadURL).toHaveBeenCalledWith(appUrl)
  })
})

describe('hardenContents', () => {
  it('prevents every navigation', () => {
    const { listeners } = fakeContents()
    const event = { preventDefault: vi.fn() }
    listeners.get('will-navigate')!(event, 'https://example.com/')
    expect(event.preventDefault).toHaveBeenCalledOnce()
  })

  it('prevents attaching a webview', () => {
    const { listeners } = fakeContents()
    const event = { preventDefault: vi.fn() }
    listeners.get('will-attach-webview')!(event, {}, {})
    expect(event.preventDefault).toHaveBeenCalledOnce()
  })

  it('denies every new window', () => {
    const handler = fakeContents().openHandler()!
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
  })
})

describe('hardenSession', () => {
  it('replaces any content security policy header with the app policy', () => {
    const { headers } = fakeSession('file:///app/out/renderer/index.html')
    const callback = vi.fn()
    const responseHeaders = {
      'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
      'Content-Type': ['text/html'],
    }
    headers({ responseHeaders }, callback)
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })

  it('sets the policy on a response without headers', () => {
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })

  it('cancels every network request of a packaged app', () => {
    const { request } = fakeSession('file:///app/out/renderer/index.html')
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:5173/', 'wss://example.com']) {
      const callback = vi.fn()
      request({ url }, callback)
      expect(callback).toHaveBeenCalledWith({ cancel: true })
    }
  })

  it('lets the development server through, and nothing else', () => {
    const { request } = fakeSession('http://localhost:5173/')
    const cancelled = (url: string) => {
      const callback = vi.fn()
      request({ url }, callback)
      return callback.mock.calls[0][0].cancel
    }
    expect(cancelled('http://localhost:5173/src/main.tsx')).toBe(false)
    expect(cancelled('ws://localhost:5173/')).toBe(false)
    expect(cancelled('http://localhost:5174/')).toBe(true)
    expect(cancelled('https://localhost:5173/')).toBe(true)
    expect(cancelled('https://example.com/')).toBe(true)
  })

  it('denies every permission', () => {
    const { permission, permissionCheck } = fakeSession('file:///app/index.html')
    const callback = vi.fn()
    permission({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(permissionCheck({}, 'notifications')).toBe(false)
  })
})

describe('content security policy', () => {
  it('is at least as strict as the house rule', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/)
        return [name, values.join(' ')]
      }),
    )
    expect(directives.get('default-src')).toBe("'self'")
    expect(directives.get('script-src')).toBe("'self'")
    expect(directives.get('object-src')).toBe("'none'")
    expect(directives.get('base-uri')).toBe("'none'")
    expect(directives.get('frame-ancestors')).toBe("'none'")
    expect(directives.get('connect-src')).toBe("'self'")
  })

  it('is the same in the meta tag of the renderer page, but for frame-ancestors', () => {
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY)
    expect(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`).toBe(CONTENT_SECURITY_POLICY)
  })
})

describe('isAppUrl', () => {
  const file = 'file:///app/out/renderer/index.html'

  it('accepts only the app page itself for a file: app', () => {
    expect(isAppUrl(file, file)).toBe(true)
    expect(isAppUrl(`${file}#/study`, file)).toBe(true)
    expect(isAppUrl('file:///tmp/evil.html', file)).toBe(false)
    expect(isAppUrl('https://app/out/renderer/index.html', file)).toBe(false)
    expect(isAppUrl('', file)).toBe(false)
  })

  it('accepts the origin of the development server', () => {
    const dev = 'http://localhost:5173/'
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAllowedRequest('not a url', dev)).toBe(false)
  })
})
