/** The little DOM helper the pane and its review views share: an element with attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A message in both languages, shown in the chosen one. */
export interface Said {
  zh: string;
  en: string;
}

export type Tone = 'info' | 'success' | 'warning' | 'error';

/** An alert box (pm-alert) with one paragraph per message, or nothing. */
export function fillNotice(box: HTMLElement, notice: { tone: Tone; lines: Said[] } | null, lang: 'zh' | 'en'): void {
  if (!notice) {
    box.replaceChildren();
    box.className = '';
    return;
  }
  box.className = `pm-alert pm-alert--${notice.tone}`;
  box.replaceChildren(...notice.lines.map((w) => el('p', {}, lang === 'zh' ? w.zh : w.en)));
}
