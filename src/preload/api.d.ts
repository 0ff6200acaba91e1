import type { KmpoolApi } from '../shared/ipc/contract'

declare global {
  interface Window {
    /** The preload API; `API_GLOBAL` in the contract names this property. */
    readonly kmpool: KmpoolApi
  }
}
