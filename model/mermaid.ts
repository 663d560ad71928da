/**
 * Text inside a quoted Mermaid node label ("..."): quotes and angle brackets as Mermaid's entity
 * codes, so a name can never end the label or open HTML. The OU diagrams of `lzkit diagram`, the
 * audit's markdown report and `lzkit diff` all label nodes through it.
 * https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters
 */
export function mermaidLabel(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
