/**
 * Autosaved copies of open documents, so that a crash, a killed process or a power cut loses at
 * most the last couple of seconds of work. The page sends its document a moment after each change;
 * each copy is one file in the recovery folder, written atomically, removed once the document is
 * saved or closed cleanly. What is left on the next start is offered back to the reviewer.
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { RecoveryEntry, RecoveryKind } from '../shared/ipc/contract'
import { parseStudyFile } from '../shared/model/projectFile'
import { parseReviewFile } from '../shared/model/reviewFile'
import { writeFileAtomic } from '../node/atomicWrite'
import { readBounded } from '../node/boundedRead'
import type { FileStamp } from './fileGuard'

export const RECOVERY_FORMAT = 'kmpool-recovery'
export const RECOVERY_VERSION = 1

/** Where a corrupt recovery file is moved, so that it is reported once and never lost. */
const CORRUPT_FOLDER = 'corrupt'

/** A document as the recovery file holds it. */
export interface RecoveryRecord {
  kind: RecoveryKind
  key: string
  savedAt: string
  /** The file the document came from or was last saved to; null for one never saved. */
  original: string | null
  /** What that file held when the page last opened or saved it, to detect a change since. */
  stamp: FileStamp | null
  /** The document as its own file format's text, read back with the same parser. */
  text: string
}

/** Whether `key` can name a recovery file: the page chooses it, so no path can hide in it. */
export function isRecoveryKey(key: string): boolean {
  return /^[A-Za-z0-9-]{1,64}$/.test(key)
}

function checkDocument(kind: RecoveryKind, text: string, source: string): void {
  if (kind === 'study') parseStudyFile(text, source)
  else parseReviewFile(text, source)
}

function parseRecord(text: string, source: string): RecoveryRecord {
  const json = JSON.parse(text) as Partial<RecoveryRecord> & { format?: unknown; version?: unknown }
  if (json.format !== RECOVERY_FORMAT) throw new Error(`${source}: not a kmpool recovery file`)
  if (json.version !== RECOVERY_VERSION) {
    throw new Error(`${source}: recovery format version ${String(json.version)} is not this one's`)
  }
  const { kind, key, savedAt, original, stamp, text: document } = json
  if (kind !== 'study' && kind !== 'review') throw new Error(`${source}: unknown kind`)
  if (typeof key !== 'string' || !isRecoveryKey(key)) throw new Error(`${source}: invalid key`)
  if (typeof savedAt !== 'string' || Number.isNaN(Date.parse(savedAt))) {
    throw new Error(`${source}: invalid time`)
  }
  if (typeof document !== 'string') throw new Error(`${source}: no document`)
  checkDocument(kind, document, source)
  return {
    kind,
    key,
    savedAt,
    original: typeof original === 'string' ? original : null,
    stamp: stamp ?? null,
    text: document,
  }
}

export class RecoveryStore {
  /** Keys this process wrote: a clean quit removes them, a crash leaves them for the next start. */
  private readonly written = new Set<string>()

  constructor(readonly dir: string) {}

  private pathOf(key: string): string {
    if (!isRecoveryKey(key)) throw new Error(`invalid recovery key ${JSON.stringify(key)}`)
    return join(this.dir, `${key}.json`)
  }

  async save(record: Omit<RecoveryRecord, 'savedAt'>): Promise<RecoveryEntry> {
    const savedAt = new Date().toISOString()
    await mkdir(this.dir, { recursive: true })
    const file = { format: RECOVERY_FORMAT, version: RECOVERY_VERSION, ...record, savedAt }
    await writeFileAtomic(this.pathOf(record.key), JSON.stringify(file))
    this.written.add(record.key)
    return entryOf({ ...record, savedAt })
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true })
    this.written.delete(key)
  }

  /** Removes what this process autosaved: called on a clean quit, when nothing is unsaved. */
  async removeSession(): Promise<void> {
    await Promise.all([...this.written].map((key) => this.remove(key)))
  }

  /**
   * Reads one recovery file, validated as `list` validates it, for this session to carry on: its
   * autosaves now go there, and a clean quit removes it.
   */
  async take(key: string): Promise<RecoveryRecord> {
    const path = this.pathOf(key)
    const record = parseRecord((await readBounded(path, 'study')).toString('utf8'), path)
    this.written.add(key)
    return record
  }

  /**
   * The recovery files left by earlier sessions, newest first. A file that cannot be read back is
   * moved aside into `corrupt/` and reported, so it neither blocks the start nor gets deleted.
   */
  async list(): Promise<{ entries: RecoveryEntry[]; problems: string[] }> {
    let names: string[]
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json'))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problems: [] }
      throw e
    }
    const entries: RecoveryEntry[] = []
    const problems: string[] = []
    for (const name of names) {
      const path = join(this.dir, name)
      try {
        const record = parseRecord((await readBounded(path, 'study')).toString('utf8'), name)
        if (!this.written.has(record.key)) entries.push(entryOf(record))
      } catch (e) {
        await mkdir(join(this.dir, CORRUPT_FOLDER), { recursive: true })
        await rename(path, join(this.dir, CORRUPT_FOLDER, name))
        problems.push(
          `${name} could not be recovered (${(e as Error).message}); kept in ${join(this.dir, CORRUPT_FOLDER)}`,
        )
      }
    }
    entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt))
    return { entries, problems }
  }
}

function entryOf(record: RecoveryRecord): RecoveryEntry {
  const name = record.original?.split(/[\\/]/).pop() ?? null
  return { kind: record.kind, key: record.key, savedAt: record.savedAt, name }
}
