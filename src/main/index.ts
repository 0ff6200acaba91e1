import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, Menu, session } from 'electron'
import type { MenuCommand } from '../shared/ipc/contract'
import { electronDialogs, guardUnsavedChanges } from './dialogs'
import { createHandlers } from './handlers'
import { registerIpc } from './ipc'
import { menuTemplate } from './menu'
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

function sendToFocused(command: MenuCommand): void {
  BrowserWindow.getFocusedWindow()?.webContents.send('menu:command', command)
}

function openWindow(): void {
  guardUnsavedChanges(createMainWindow(preloadPath, appUrl))
}

app
  .whenReady()
  .then(() => {
    hardenSession(session.defaultSession, appUrl)
    const template = menuTemplate(sendToFocused, {
      mac: process.platform === 'darwin',
      devTools: !app.isPackaged,
    })
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
    const handlers = createHandlers({
      app: { name: app.getName(), version: app.getVersion(), platform: process.platform },
      dialogs: electronDialogs,
    })
    registerIpc(handlers, (url) => isAppUrl(url, appUrl))
    openWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow()
    })
  })
  .catch((error: unknown) => {
    console.error('kmpool failed to start', error)
    app.exit(1)
  })
