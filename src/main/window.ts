import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  type Session,
  type WebContents,
} from 'electron'
import { isAllowedRequest, withCsp } from './security'

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'kmpool',
    backgroundColor: '#ffffff',
    // Shown once painted, so the window never flashes empty.
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  }
}

/** Keeps every page where it was loaded: no navigation, no new windows, no webviews. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/**
 * The header CSP covers responses from the development server; the meta tag in index.html covers
 * file: loads, which have no headers.
 */
export function hardenSession(session: Session, appUrl: string): void {
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCsp(details.responseHeaders) }),
  )
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => callback({ cancel: !isAllowedRequest(details.url, appUrl) }),
  )
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

export function createMainWindow(preloadPath: string, appUrl: string): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath))
  window.once('ready-to-show', () => window.show())
  window.loadURL(appUrl).catch((error: unknown) => console.error('Cannot load the app page', error))
  return window
}
