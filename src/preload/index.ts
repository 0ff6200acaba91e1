/**
 * Exposes one named function per contract channel and nothing else: the renderer never sees
 * ipcRenderer, so it can only send the messages the contract defines.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { API_GLOBAL, channels, contract, type KmpoolApi } from '../shared/ipc/contract'

const api = Object.fromEntries(
  channels.map((channel) => [
    contract[channel].method,
    (request?: unknown) => ipcRenderer.invoke(channel, request),
  ]),
) as unknown as KmpoolApi

contextBridge.exposeInMainWorld(API_GLOBAL, api)
