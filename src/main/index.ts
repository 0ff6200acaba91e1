import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, Menu, session, type MenuItemConstructorOptions } from 'electron'
import { createHandlers } from './handlers'
import { registerIpc } from './ipc'
import { isAppUrl } from './security'
import { createMainWindow, hardenContents, hardenSession } from './window'

const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
// electron-vite sets ELECTRON_RENDERER_URL under `electron-vite dev` only.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const appUrl =
  devServerUrl ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href

// Every renderer, not only the ones this file creates, gets the OS sandbox.
app.enableSandbox()

app.on('web-contents-created', (_event, contents) => hardenContents(contents))

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

function menuTemplate(): MenuItemConstructorOptions[] {
  return [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]
}

app
  .whenReady()
  .then(() => {
    hardenSession(session.defaultSession, appUrl)
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()))
    const handlers = createHandlers({
      app: { name: app.getName(), version: app.getVersion(), platform: process.platform },
      examplesDir: join(app.getAppPath(), 'examples'),
    })
    registerIpc(handlers, (url) => isAppUrl(url, appUrl))
    createMainWindow(preloadPath, appUrl)
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadPath, appUrl)
    })
  })
  .catch((error: unknown) => {
    console.error('kmpool failed to start', error)
    app.exit(1)
  })
