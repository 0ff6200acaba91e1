import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../shared/ipc/contract'

/**
 * The application menu. Items that act on the study send their command to the focused page,
 * which owns the study and its undo history; text editing keeps Electron's roles so that cut,
 * copy and paste work in every field (and paste reaches the page's figure and table handlers).
 */
export function menuTemplate(
  send: (command: MenuCommand) => void,
  options: { mac: boolean; devTools: boolean },
): MenuItemConstructorOptions[] {
  // The page handles these keys itself (in a field they stay the field's): the menu shows them
  // without registering them, so a key press is never acted on twice.
  const item = (
    label: string,
    command: MenuCommand,
    accelerator?: string,
  ): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => send(command),
  })
  return [
    ...(options.mac ? [{ role: 'appMenu' } as const] : []),
    {
      label: '&File',
      submenu: [
        item('Open Figure…', 'open-figure', 'CmdOrCtrl+O'),
        item('Open Study…', 'open-study', 'CmdOrCtrl+Shift+O'),
        { type: 'separator' },
        item('New Review…', 'new-review'),
        item('Open Review…', 'open-review'),
        item('Save Review', 'save-review'),
        { type: 'separator' },
        item('Save', 'save', 'CmdOrCtrl+S'),
        item('Save As…', 'save-as', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        item('Import Points CSV…', 'import-points'),
        {
          label: 'Export',
          submenu: [
            item('IPD CSV…', 'export-ipd'),
            item('KM Summary CSV…', 'export-summary'),
            item('Figure with Overlay (PNG)…', 'export-png'),
          ],
        },
        { type: 'separator' },
        options.mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // Not the undo role: the page decides between a text field's undo and the study's.
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', 'CmdOrCtrl+Shift+Z'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        item('Fit to Window', 'zoom-fit', 'CmdOrCtrl+0'),
        item('Actual Size (100%)', 'zoom-100', 'CmdOrCtrl+1'),
        item('Zoom In', 'zoom-in', 'CmdOrCtrl+='),
        item('Zoom Out', 'zoom-out', 'CmdOrCtrl+-'),
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [item('Open Example Review', 'open-example-review')] },
  ]
}
