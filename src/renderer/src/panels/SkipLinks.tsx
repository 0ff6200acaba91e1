/**
 * The first stops of the Tab key: links past the toolbar and the long tables to the parts a
 * keyboard user goes to most, each shown when focused (issue 13: 118 Tab presses from the top of
 * the review to its pooling settings).
 */
export function SkipLinks({ targets }: { targets: [selector: string, label: string][] }) {
  const go = (selector: string) => {
    const target = document.querySelector<HTMLElement>(selector)
    if (!target) return
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
    target.focus()
    target.scrollIntoView({ block: 'start' })
  }
  return (
    <nav className="skip-links" aria-label="Skip links">
      {targets.map(([selector, label]) => (
        <a
          key={selector}
          href={selector}
          onClick={(e) => {
            e.preventDefault()
            go(selector)
          }}
        >
          {label}
        </a>
      ))}
    </nav>
  )
}
