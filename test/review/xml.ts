/**
 * A small XML well-formedness check, enough for the SVG these figures write: one root element,
 * tags closed in order, attributes quoted, no bare '<' or '&' in text. Returns the text content.
 */
export function checkXml(xml: string): string {
  const stack: string[] = []
  let text = ''
  let i = 0
  let roots = 0
  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    const chunk = xml.slice(i, lt < 0 ? xml.length : lt)
    if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(chunk)) throw new Error(`bare & in "${chunk}"`)
    if (stack.length === 0 && chunk.trim()) throw new Error(`text outside the root: "${chunk}"`)
    text += chunk
    if (lt < 0) break
    const gt = xml.indexOf('>', lt)
    if (gt < 0) throw new Error('unclosed tag')
    const tag = xml.slice(lt + 1, gt)
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim()
      if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong element`)
    } else {
      const m = /^([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)$/.exec(tag)
      if (!m) throw new Error(`malformed tag <${tag}>`)
      if (stack.length === 0) roots++
      if (!m[3]) stack.push(m[1])
    }
    i = gt + 1
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`)
  if (roots !== 1) throw new Error(`${roots} root elements`)
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}
