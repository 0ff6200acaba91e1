import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { menuTemplate } from '../../src/main/menu'
import { menuCommands, type MenuCommand } from '../../src/shared/ipc/contract'

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ])
}

describe('menuTemplate', () => {
  it('offers every command of the contract once, and sends it to the page', () => {
    const send = vi.fn<(command: MenuCommand) => void>()
    const all = items(menuTemplate(send, { mac: false, devTools: false }))
    for (const item of all) item.click?.({} as never, undefined, {} as never)
    expect([...send.mock.calls.map(([c]) => c)].sort()).toEqual([...menuCommands].sort())
  })

  it('shows accelerators without registering them, since the page handles the keys', () => {
    const all = items(menuTemplate(vi.fn(), { mac: false, devTools: false }))
    const withKeys = all.filter((item) => item.accelerator)
    expect(withKeys.map((item) => item.accelerator)).toContain('CmdOrCtrl+Z')
    for (const item of withKeys) expect(item.registerAccelerator).toBe(false)
  })

  it('keeps developer tools out of a packaged app', () => {
    const roles = (devTools: boolean) =>
      items(menuTemplate(vi.fn(), { mac: true, devTools })).map((item) => item.role)
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(true)).toContain('toggleDevTools')
    expect(roles(false)).toContain('appMenu')
  })
})
