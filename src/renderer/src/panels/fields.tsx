import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react'
import { parseNumber } from '../geometry/calibration'
import { beginGesture, endGesture } from '../store/store'

export interface NumberFieldProps {
  label: string
  value: number | undefined
  /** Called with the typed number, or undefined when the field is cleared. */
  onCommit(value: number | undefined): void
  /** Why a typed number is refused, or null when it is fine. */
  validate?(value: number): string | null
  placeholder?: string
  className?: string
  hideLabel?: boolean
  /** Keys the field does not handle itself (Enter commits, Escape reverts), e.g. to move on. */
  onKeyDown?(e: KeyboardEvent<HTMLInputElement>): void
  /** Attributes for the input, e.g. a data attribute to find it by. */
  inputProps?: Record<string, string | number>
  /**
   * Text that is not one number, offered before it is refused (a whole row typed into a risk
   * table); true when taken, and the field then shows its value again.
   */
  onText?(text: string): boolean
}

function format(value: number | undefined): string {
  return value === undefined ? '' : String(Number(value.toPrecision(10)))
}

/**
 * A number typed by the reviewer. It commits on Enter or when it loses focus; text that is not a
 * valid number stays in the field, marked, with the reason, and the study keeps its last value.
 */
export function NumberField(props: NumberFieldProps) {
  const { label, value, onCommit, validate, placeholder, className, hideLabel } = props
  const { onKeyDown, inputProps } = props
  const [text, setText] = useState(format(value))
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setText(format(value))
    setError(null)
  }, [value])

  const commit = () => {
    if (text.trim() === '') {
      setError(null)
      if (value !== undefined) onCommit(undefined)
      return
    }
    const v = parseNumber(text)
    if (v === null && props.onText?.(text)) {
      setText(format(value))
      setError(null)
      return
    }
    const why = v === null ? `"${text.trim()}" is not a number` : (validate?.(v) ?? null)
    setError(why)
    if (why === null && v !== null && v !== value) onCommit(v)
  }

  const input = (
    <input
      type="text"
      inputMode="decimal"
      aria-label={hideLabel ? label : undefined}
      aria-invalid={error !== null}
      title={error ?? undefined}
      className={`number ${className ?? ''} ${error ? 'invalid' : ''}`}
      value={text}
      placeholder={placeholder}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      {...inputProps}
      onKeyDown={(e) => {
        onKeyDown?.(e)
        if (e.defaultPrevented) return
        if (e.key === 'Enter') commit()
        if (e.key === 'Escape') {
          setText(format(value))
          setError(null)
        }
      }}
    />
  )
  if (hideLabel) return input
  return (
    <label className="field">
      <span>{label}</span>
      {input}
      {error && <span className="field-error">{error}</span>}
    </label>
  )
}

/** A text field that commits on blur: one undo step per edit, not per keystroke. */
export function TextField(props: {
  label: string
  value: string
  onCommit(value: string): void
  multiline?: boolean
  list?: string
}) {
  const [text, setText] = useState(props.value)
  useEffect(() => setText(props.value), [props.value])
  const commit = () => text !== props.value && props.onCommit(text)
  return (
    <label className="field">
      <span>{props.label}</span>
      {props.multiline ? (
        <textarea value={text} rows={4} onChange={(e) => setText(e.target.value)} onBlur={commit} />
      ) : (
        <input
          type="text"
          value={text}
          list={props.list}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      )}
    </label>
  )
}

/** Edits made while a field has focus are one undo step. */
export function GestureScope({ children }: { children: ReactNode }) {
  return (
    <div onFocus={beginGesture} onBlur={endGesture}>
      {children}
    </div>
  )
}

export function Select<T extends string>(props: {
  label: string
  value: T
  options: readonly (readonly [T, string])[]
  onChange(value: T): void
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  )
}
