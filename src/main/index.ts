import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, Menu, session } from 'electron'
import type { MenuCommand, UnsavedDocuments } from '../shared/ipc/contract'
import { electronDialogs, guardUnsavedChanges } from './dialogs'
import { createHandlers } from './handlers'
import { utilityPdfCaller } from './pdfUtility'
import { registerIpc } from './ipc'
import { RecoveryStore } from './recovery'
import { menuTemplate } from './menu'
import { isAppUrl } from './security'
import { createMainWindow, hardenContents, hardenSession } from './window'

const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
// electron-vite sets ELECTRON_RENDERER_URL under `electron-vite dev` only.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const appUrl =
  devServerUrl ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href

// The end-to-end tests give the app a userData folder of their own, so that no earlier run (a
// first start already recorded, autosaves) shapes what they see.
if (process.env.KMPOOL_USER_DATA) app.setPath('userData', process.env.KMPOOL_USER_DATA)

// Every renderer, not only the ones this file creates, gets the OS sandbox.
app.enableSandbox()

app.on('web-contents-created', (_event, contents) => hardenContents(contents))

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

function sendToFocused(command: MenuCommand): void {
  BrowserWindow.getFocusedWindow()?.webContents.send('menu:command', command)
}

/**
 * A quit that got this far closed every window, each saved or its changes discarded by the
 * reviewer: the autosaves are not needed. A crash never gets here, so they stay for the next start.
 */
function removeAutosavesOnQuit(recovery: RecoveryStore): void {
  let removed = false
  app.on('will-quit', (event) => {
    if (removed) return
    event.preventDefault()
    void recovery
      .removeSession()
      .catch((error: unknown) => console.error('kmpool could not remove its autosaves', error))
      .finally(() => {
        removed = true
        app.quit()
      })
  })
}

// Which documents the page last reported unsaved (one window at a time), for the close dialog.
let unsaved: UnsavedDocuments = { study: false, review: false }

function openWindow(): void {
  unsaved = { study: false, review: false }
  guardUnsavedChanges(createMainWindow(preloadPath, appUrl), () => unsaved)
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
    const recovery = new RecoveryStore(join(app.getPath('userData'), 'recovery'))
    removeAutosavesOnQuit(recovery)
    const handlers = createHandlers({
      app: { name: app.getName(), version: app.getVersion(), platform: process.platform },
      dialogs: electronDialogs,
      recovery,
      // The app's own folder: the repository in development, app.asar (with examples/) packaged.
      examplesDir: join(app.getAppPath(), 'examples'),
      settingsPath: join(app.getPath('userData'), 'settings.json'),
      onUnsaved: (state) => {
        unsaved = state
      },
      // Built beside this file by electron.vite.config.ts.
      computeWorker: join(import.meta.dirname, 'computeWorker.js'),
      figureWorker: join(import.meta.dirname, 'figureWorker.js'),
      // PDFs are read in a utility process of their own, never in main's.
      pdfCaller: utilityPdfCaller(join(import.meta.dirname, 'pdfProcess.js')),
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
