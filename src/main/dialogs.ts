import { BrowserWindow, dialog } from 'electron'
import type { UnsavedDocuments } from '../shared/ipc/contract'
import type { Dialogs } from './handlers'
import { unsavedMessage } from './unsavedMessage'

/** The handlers' file dialogs as Electron's native ones, attached to the focused window. */
export const electronDialogs: Dialogs = {
  async openFile({ title, filters }) {
    const window = BrowserWindow.getFocusedWindow()
    const options = { title, filters, properties: ['openFile' as const] }
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  async saveFile({ title, defaultName, filters }) {
    const window = BrowserWindow.getFocusedWindow()
    const options = { title, defaultPath: defaultName, filters }
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options)
    return result.canceled ? null : (result.filePath ?? null)
  },
}

/**
 * The page refuses to unload while its study or review has unsaved changes (beforeunload);
 * Electron then asks main, and main asks the user, naming which of them has the changes as the
 * page last reported (`unsaved`). Closing the window or reloading both pass here.
 */
export function guardUnsavedChanges(
  window: BrowserWindow,
  unsaved: () => UnsavedDocuments = () => ({ study: false, review: false }),
): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      buttons: ['Discard Changes', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      ...unsavedMessage(unsaved()),
    })
    if (choice === 0) event.preventDefault()
  })
}
