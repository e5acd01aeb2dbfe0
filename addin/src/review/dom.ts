/** What the pane and its review views share for the DOM: an element with attributes and children, an alert box. */
import type { Lang, Words } from '../i18n';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

export type Tone = 'info' | 'success' | 'warning' | 'error';

/** An alert box (pm-alert) with one paragraph per message, or nothing. */
export function fillNotice(box: HTMLElement, notice: { tone: Tone; lines: Words[] } | null, lang: Lang): void {
  if (!notice) {
    box.replaceChildren();
    box.className = '';
    return;
  }
  box.className = `pm-alert pm-alert--${notice.tone}`;
  box.replaceChildren(...notice.lines.map((w) => el('p', {}, lang === 'zh' ? w.zh : w.en)));
}

/** What went wrong, as a line to show: an error's message, or whatever was thrown. */
export function reasonOf(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}
