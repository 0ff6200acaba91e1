/**
 * A review's results written as one unit, by `kmpool review --out` and by the app's export: the
 * files go into a new hidden folder beside the target, each flushed, with a manifest (what made
 * them, when, with which settings, and each file's SHA-256); only then does the new folder take
 * the target's place. A crash before that leaves the previous results untouched; the next run
 * removes the hidden folder it left. Between the two renames of the swap (microseconds) the target
 * is briefly absent with the old set beside it, which the next run puts back: at every moment the
 * target holds the old set or the new one, never a mix.
 *
 * An existing target is replaced only when it is empty or holds a kmpool manifest (earlier
 * results), so that choosing a folder of other files never deletes them.
 */
import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from 'node:path'
import { syncFolder } from './atomicWrite'
import { FileRefused, ioReason, shownPath } from './fileRefused'

export const MANIFEST = 'manifest.json'
export const MANIFEST_FORMAT = 'kmpool-results'

export interface ResultsManifest {
  format: typeof MANIFEST_FORMAT
  version: 1
  kmpool: string
  createdAt: string
  settings: unknown
  files: { name: string; bytes: number; sha256: string }[]
}

const HIDDEN = '.kmpool-'

function hiddenPrefix(target: string): string {
  return `${HIDDEN}${basename(target)}.`
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))
}

function real(path: string): string {
  try {
    return fs.realpathSync(path)
  } catch {
    return resolve(path)
  }
}

/** Puts back what an interrupted earlier write left beside `target`, and removes the rest. */
function recover(target: string): void {
  const parent = dirname(target)
  const prefix = hiddenPrefix(target)
  const left = fs.readdirSync(parent).filter((f) => f.startsWith(prefix))
  const old = left.find((f) => f.endsWith('.old'))
  if (old !== undefined && !fs.existsSync(target)) fs.renameSync(join(parent, old), target)
  for (const f of left) {
    if (fs.existsSync(join(parent, f))) fs.rmSync(join(parent, f), { recursive: true, force: true })
  }
}

function checkReplaceable(target: string): void {
  let stats
  try {
    stats = fs.lstatSync(target)
  } catch {
    return
  }
  const shown = shownPath(target)
  if (!stats.isDirectory()) {
    throw new FileRefused(
      `${shown}: exists and is not a folder; choose a new folder for the results`,
    )
  }
  const entries = fs.readdirSync(target)
  if (entries.length > 0 && !entries.includes(MANIFEST)) {
    throw new FileRefused(
      `${shown}: holds other files and no kmpool results (no ${MANIFEST}); choose a new or empty folder`,
    )
  }
}

function writeNew(path: string, bytes: Uint8Array): void {
  const fd = fs.openSync(path, 'wx', 0o666)
  try {
    let offset = 0
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Writes `files` (name → content) as the results folder `target`, replacing earlier results
 * there as one unit (see the top of this file). `inputs` are folders and files the results were
 * computed from: a target that is one of them, or contains one, is refused. Returns the manifest.
 */
export function writeResultsFolder(
  target: string,
  files: readonly (readonly [string, string | Uint8Array])[],
  about: { kmpool: string; settings: unknown; inputs?: readonly string[]; now?: Date },
): ResultsManifest {
  const out = resolve(target)
  const shown = shownPath(target)
  for (const input of about.inputs ?? []) {
    if (isInside(real(out), real(input))) {
      throw new FileRefused(`${shown}: holds the review it would replace; choose another folder`)
    }
  }
  const parent = dirname(out)
  let staging: string | undefined
  try {
    fs.mkdirSync(parent, { recursive: true })
    recover(out)
    checkReplaceable(out)
    staging = join(parent, `${hiddenPrefix(out)}${randomBytes(6).toString('hex')}.new`)
    fs.mkdirSync(staging)
    const listed: ResultsManifest['files'] = []
    for (const [name, content] of files) {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
      writeNew(join(staging, name), bytes)
      listed.push({
        name,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      })
    }
    const manifest: ResultsManifest = {
      format: MANIFEST_FORMAT,
      version: 1,
      kmpool: about.kmpool,
      createdAt: (about.now ?? new Date()).toISOString(),
      settings: about.settings,
      files: listed,
    }
    writeNew(join(staging, MANIFEST), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`))
    syncFolder(staging)
    if (fs.existsSync(out)) {
      const old = join(parent, `${hiddenPrefix(out)}${randomBytes(6).toString('hex')}.old`)
      fs.renameSync(out, old)
      fs.renameSync(staging, out)
      staging = undefined
      syncFolder(parent)
      fs.rmSync(old, { recursive: true, force: true })
    } else {
      fs.renameSync(staging, out)
      staging = undefined
    }
    syncFolder(parent)
    return manifest
  } catch (error) {
    if (staging !== undefined) fs.rmSync(staging, { recursive: true, force: true })
    if (error instanceof FileRefused) throw error
    throw new FileRefused(`${shown}: cannot write the results (${ioReason(error)})`)
  }
}
