/**
 * Exposes one named function per contract channel and one subscription per contract event, and
 * nothing else: the renderer never sees ipcRenderer, so it can only send the messages the contract
 * defines, and it only hears events whose payload passes the contract's schema.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  API_GLOBAL,
  channels,
  contract,
  eventChannels,
  events,
  type KmpoolApi,
} from '../shared/ipc/contract'

const invokers = channels.map((channel) => [
  contract[channel].method,
  (request?: unknown) => ipcRenderer.invoke(channel, request),
])

const subscribers = eventChannels.map((channel) => [
  events[channel].method,
  (listener: (payload: unknown) => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => {
      const parsed = events[channel].payload.safeParse(payload)
      if (parsed.success) listener(parsed.data)
    }
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  },
])

const api = Object.fromEntries([...invokers, ...subscribers]) as unknown as KmpoolApi

contextBridge.exposeInMainWorld(API_GLOBAL, api)
