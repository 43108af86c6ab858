// Tiny DOM helpers: build elements without innerHTML (no injection from data).

type Attrs = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing element #${id}`);
  return node as T;
}

export function fmt(n: number | null | undefined): string {
  return n === null || n === undefined ? 'not provided' : n.toLocaleString('en-US');
}

// Replaces a section body with a short message (e.g. why it is empty).
export function notice(container: HTMLElement, text: string, kind = 'muted'): void {
  container.replaceChildren(el('p', { class: kind }, text));
}
