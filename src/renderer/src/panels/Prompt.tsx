/** The question the app is asking (see io/prompt.ts), over everything else until answered. */
import { useEffect, useRef } from 'react'
import { DISMISSED, usePrompt } from '../io/prompt'

export function Prompt() {
  const question = usePrompt((s) => s.queue[0])
  const dialog = useRef<HTMLDivElement>(null)
  // The key that asked the question (Enter in a field) must not also answer it: a button pressed
  // from the keyboard counts only once a key has gone down inside the question.
  const armed = useRef(false)
  useEffect(() => {
    armed.current = false
    dialog.current?.querySelector<HTMLButtonElement>('button.primary, button')?.focus()
  }, [question])
  if (!question) return null
  return (
    <div className="prompt-backdrop">
      <div
        ref={dialog}
        className="prompt"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="prompt-title"
        aria-describedby="prompt-text"
        // The study's shortcuts must not act behind the question.
        onKeyDown={(e) => {
          e.stopPropagation()
          armed.current = true
          if (e.key === 'Escape') question.answer(DISMISSED)
        }}
      >
        <h2 id="prompt-title">{question.title}</h2>
        <p id="prompt-text">{question.text}</p>
        <div className="prompt-choices">
          {question.choices.map((choice) => (
            <button
              key={choice.id}
              type="button"
              className={choice.primary ? 'primary' : 'secondary'}
              onClick={(e) => {
                // detail 0: a click made by a key, not by the mouse.
                if (e.detail === 0 && !armed.current) return
                question.answer(choice.id)
              }}
            >
              {choice.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  )
}
