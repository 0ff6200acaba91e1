import { join } from 'node:path'
import type { Configuration } from 'app-builder-lib'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')
const config: Configuration = await getConfig(ROOT, null, null)
const quietLogger = { isEnabled: false, add: () => undefined }

describe("the packaged app's Electron fuses", () => {
  it('turn off running as Node, NODE_OPTIONS and --inspect, and load only a checked app.asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
    // The integrity check covers app.asar only: the app must be packed into one.
    expect(config.asar).toBe(true)
  })

  it("pass electron-builder's validation, which refuses a misspelt fuse", async () => {
    await expect(validateConfiguration(config, quietLogger as never)).resolves.toBeUndefined()
    const wrong = { ...config, electronFuses: { runAsNod: false } } as unknown as Configuration
    await expect(validateConfiguration(wrong, quietLogger as never)).rejects.toThrow(
      /electronFuses/,
    )
  })
})
