/**
 * Questions the app must have answered before it goes on (recover unsaved work? the file changed
 * on disk: overwrite, save elsewhere or reload?), shown by panels/Prompt.tsx one at a time. In the
 * page rather than a native dialog, so they look the same in Electron and in the browser the
 * end-to-end tests drive.
 */
import { create } from 'zustand'

export interface Choice {
  id: string
  label: string
  primary?: boolean
}

export interface Question {
  title: string
  text: string
  choices: Choice[]
  answer: (id: string) => void
}

export const usePrompt = create<{ queue: Question[] }>(() => ({ queue: [] }))

/** What Escape answers: the reviewer chose nothing. */
export const DISMISSED = 'dismissed'

/** Asks `title` and answers the id of the chosen button; questions asked together queue up. */
export function ask(title: string, text: string, choices: Choice[]): Promise<string> {
  return new Promise((resolve) => {
    const question: Question = {
      title,
      text,
      choices,
      answer: (id) => {
        usePrompt.setState((s) => ({ queue: s.queue.filter((q) => q !== question) }))
        resolve(id)
      },
    }
    usePrompt.setState((s) => ({ queue: [...s.queue, question] }))
  })
}
