import type { UnsavedDocuments } from '../shared/ipc/contract'

/** What the close dialog says, naming the documents with unsaved changes. */
export function unsavedMessage(unsaved: UnsavedDocuments): { message: string; detail: string } {
  if (unsaved.study && unsaved.review) {
    return {
      message: 'The study and the review have unsaved changes.',
      detail: 'Discard them, or cancel and save the study and the review first.',
    }
  }
  if (unsaved.review) {
    return {
      message: 'This review has unsaved changes.',
      detail: 'Discard them, or cancel and save the review first.',
    }
  }
  if (unsaved.study) {
    return {
      message: 'This study has unsaved changes.',
      detail: 'Discard them, or cancel and save the study first.',
    }
  }
  // The page has not said yet (the change came a moment ago).
  return {
    message: 'There are unsaved changes.',
    detail: 'Discard them, or cancel and save your work first.',
  }
}
