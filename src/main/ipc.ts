import { ipcMain } from 'electron'
import { channels } from '../shared/ipc/contract'
import { dispatch } from './dispatch'
import type { Handlers } from './handlers'

/**
 * Registers every channel of the contract. A message is answered only when it comes from the
 * app's own page, and only after dispatch has validated its payload.
 */
export function registerIpc(handlers: Handlers, isTrustedUrl: (url: string) => boolean): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const url = event.senderFrame?.url ?? ''
      if (!isTrustedUrl(url)) throw new Error(`Refused "${channel}" from untrusted page ${url}`)
      return dispatch(handlers, channel, payload)
    })
  }
}
