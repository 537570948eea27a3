// Small helpers to build the page from data without ever parsing it as HTML.

/** An element with text content and attributes; children are appended in order. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; title?: string } = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) {
    node.className = props.className;
  }
  if (props.text !== undefined) {
    node.textContent = props.text;
  }
  if (props.title !== undefined) {
    node.title = props.title;
  }
  for (const child of children) {
    if (child !== undefined) {
      node.append(child);
    }
  }
  return node;
}
