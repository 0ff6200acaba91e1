/**
 * What the e2e bridge (browser.ts) sends between the page and this process, so that a value
 * crosses it as it crosses Electron's IPC. Electron copies every request, response and event with
 * the structured clone algorithm (HTML's StructuredSerialize, V8's ValueSerializer): typed arrays,
 * ArrayBuffers, Date, Map, Set, RegExp, BigInt, NaN, ±Infinity, -0, `undefined` fields and shared
 * or cyclic references survive; a function or symbol anywhere is refused with a DataCloneError
 * ("… could not be cloned"); class instances arrive as plain objects. Playwright's own
 * serialization and JSON text do neither, so the bridge runs `structuredClone` on each side (the
 * page's for requests, as Electron's renderer does; Node's for responses and events, as main does)
 * and carries the clone as JSON text of the tagged encoding below, which keeps what the clone kept.
 *
 * `structuredCodec` is self-contained (no imports, no outer variables) because its source is also
 * injected into the page, where `btoa` and `atob` exist too.
 */

/** The JSON-safe form of a structured-cloneable value. */
export type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded }

export interface StructuredCodec {
  /**
   * The JSON-safe form of `value`, which must already be a structured clone (plain objects,
   * arrays and the types above); anything else throws, naming the type.
   */
  encode(value: unknown): Encoded
  /** The value `encode` was given, rebuilt with its types, shared references and cycles. */
  decode(encoded: Encoded): unknown
}

export function structuredCodec(): StructuredCodec {
  // A special value is an object {"$t": tag, "v": …}; a plain object that has a "$t" key itself
  // is wrapped as {"$t": "Object", "v": its entries}, so no plain object is mistaken for one.
  const TAG = '$t'
  const typedArrays: Record<string, new (buffer: ArrayBuffer) => ArrayBufferView> = {
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    Float32Array,
    Float64Array,
    BigInt64Array,
    BigUint64Array,
  }
  // The realm-independent class of a value: "[object Float64Array]" → "Float64Array".
  const kind = (x: object) => Object.prototype.toString.call(x).slice(8, -1)

  const toBase64 = (bytes: Uint8Array) => {
    let s = ''
    // In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
    for (let i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    }
    return btoa(s)
  }
  const fromBase64 = (text: string) => {
    const s = atob(text)
    const bytes = new Uint8Array(s.length)
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i)
    return bytes
  }
  const special = (tag: string, v: Encoded): Encoded => ({ [TAG]: tag, v })

  function encode(value: unknown): Encoded {
    // Every object gets the index of its first visit, before its contents, so that a later
    // visit (a shared reference or a cycle) is written as {"$t": "ref", "v": index}.
    const seen = new Map<object, number>()
    const walk = (x: unknown): Encoded => {
      switch (typeof x) {
        case 'undefined':
          return special('undefined', null)
        case 'boolean':
        case 'string':
          return x
        case 'number':
          if (Object.is(x, -0)) return special('number', '-0') // String(-0) is "0"
          return Number.isFinite(x) ? x : special('number', String(x))
        case 'bigint':
          return special('bigint', x.toString())
        case 'function':
        case 'symbol':
          throw new Error(`The e2e bridge cannot carry a ${typeof x}: clone the value first`)
      }
      if (x === null) return null
      const obj = x as object
      const ref = seen.get(obj)
      if (ref !== undefined) return special('ref', ref)
      seen.set(obj, seen.size)
      const k = kind(obj)
      if (Array.isArray(obj)) {
        const items: Encoded[] = []
        for (let i = 0; i < obj.length; i++) items.push(walk(obj[i]))
        return items
      }
      if (k === 'Object') {
        const proto = Object.getPrototypeOf(obj)
        if (proto !== Object.prototype && proto !== null) {
          throw new Error('The e2e bridge cannot carry a class instance: clone the value first')
        }
        const entries: Record<string, Encoded> = {}
        for (const key of Object.keys(obj)) {
          entries[key] = walk((obj as Record<string, unknown>)[key])
        }
        return TAG in entries ? special('Object', entries) : entries
      }
      if (k === 'Date') return special('Date', walk((obj as Date).getTime()))
      if (k === 'RegExp') {
        const r = obj as RegExp
        return special('RegExp', [r.source, r.flags])
      }
      if (k === 'Map') return special('Map', [...(obj as Map<unknown, unknown>)].map(walk))
      if (k === 'Set') return special('Set', [...(obj as Set<unknown>)].map(walk))
      if (k === 'ArrayBuffer')
        return special('ArrayBuffer', toBase64(new Uint8Array(obj as ArrayBuffer)))
      if (k in typedArrays || k === 'DataView') {
        const view = obj as ArrayBufferView
        const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
        return special(k, toBase64(bytes))
      }
      throw new Error(`The e2e bridge cannot carry a ${k}`)
    }
    return walk(value)
  }

  function decode(encoded: Encoded): unknown {
    const objects: unknown[] = []
    // Containers are registered before their contents are decoded, in the order encode visited.
    const walk = (e: Encoded): unknown => {
      if (e === null || typeof e !== 'object') return e
      if (Array.isArray(e)) {
        const items: unknown[] = []
        objects.push(items)
        for (const item of e) items.push(walk(item))
        return items
      }
      if (!(TAG in e)) return fill({}, e)
      const v = e.v
      switch (e[TAG]) {
        case 'undefined':
          return undefined
        case 'number':
          return Number(v)
        case 'bigint':
          return BigInt(v as string)
        case 'ref':
          return objects[v as number]
        case 'Object':
          return fill({}, v as Record<string, Encoded>)
        case 'Date': {
          const date = new Date(NaN)
          objects.push(date)
          date.setTime(walk(v) as number)
          return date
        }
        case 'RegExp': {
          const [source, flags] = v as [string, string]
          const r = new RegExp(source, flags)
          objects.push(r)
          return r
        }
        case 'Map': {
          const map = new Map()
          objects.push(map)
          for (const pair of v as Encoded[]) {
            const [key, value] = walk(pair) as [unknown, unknown]
            map.set(key, value)
          }
          return map
        }
        case 'Set': {
          const set = new Set()
          objects.push(set)
          for (const item of v as Encoded[]) set.add(walk(item))
          return set
        }
        case 'ArrayBuffer': {
          const buffer = fromBase64(v as string).buffer
          objects.push(buffer)
          return buffer
        }
        default: {
          const tag = e[TAG] as string
          const View = tag === 'DataView' ? DataView : typedArrays[tag]
          if (!View) throw new Error(`The e2e bridge received an unknown tag "${tag}"`)
          const view = new View(fromBase64(v as string).buffer)
          objects.push(view)
          return view
        }
      }
    }
    const fill = (target: Record<string, unknown>, entries: Record<string, Encoded>) => {
      objects.push(target)
      for (const key of Object.keys(entries)) target[key] = walk(entries[key])
      return target
    }
    return walk(encoded)
  }

  return { encode, decode }
}

const nodeCodec = structuredCodec()

/**
 * The text that carries `value` across the bridge, as Electron would deliver it: structured-cloned
 * first, so that what Electron refuses (a function, a symbol) throws here too.
 */
export function toWire(value: unknown): string {
  return JSON.stringify(nodeCodec.encode(structuredClone(value)))
}

/** The value `toWire` (or the page's side of the bridge) encoded. */
export function fromWire(text: string): unknown {
  return nodeCodec.decode(JSON.parse(text) as Encoded)
}
