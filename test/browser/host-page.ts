/**
 * The simulated Excel window of the browser tests: the workbook (SimWorkbook) drawn as a grid with its formats,
 * merges, formula results and conditional colours, an in-cell editor (typing goes through protection and data
 * validation, as in Excel), and the task pane in a frame beside it.
 */
import { SimWorkbook, colLetters, parseBox, serialDate, type SimSheet } from './sim-excel';
import type { Scalar } from './sim-formula';

const book = new SimWorkbook();
Object.assign(window, { __excelHost: book, __fileStats: { opened: 0, closed: 0 } });

const PX_PER_POINT = 4 / 3;

function formatValue(value: Scalar, numberFormat: string): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value !== 'number') return value;
  if (/y/i.test(numberFormat) && /d/i.test(numberFormat)) return serialDate(value);
  const pct = numberFormat.endsWith('%');
  const fmt = pct ? numberFormat.slice(0, -1) : numberFormat;
  const v = pct ? value * 100 : value;
  const decimals = /\.(0+)/.exec(fmt)?.[1]?.length ?? (fmt === 'General' ? undefined : 0);
  const text = decimals === undefined ? String(Number(v.toPrecision(10))) : v.toLocaleString('en-US', {
    minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: fmt.includes(','),
  });
  return pct ? `${text}%` : text;
}

function borderCss(b: { style: string; color: string; weight: string } | undefined): string | null {
  if (!b) return null;
  const width = b.weight === 'Thick' ? 3 : b.weight === 'Medium' ? 2 : 1;
  return `${width}px solid #${b.color}`;
}

function render(): void {
  const sheet = book.sheet(book.activeSheet) ?? book.sheets[0]!;
  const used = sheet.usedBox();
  const lastRow = Math.max(used?.r2 ?? 0, 20);
  const lastCol = Math.max(used?.c2 ?? 0, 8);
  const covered = new Set<string>();
  const spans = new Map<string, { rows: number; cols: number }>();
  for (const m of sheet.merges) {
    const b = parseBox(m);
    spans.set(`${b.r1},${b.c1}`, { rows: b.r2 - b.r1 + 1, cols: b.c2 - b.c1 + 1 });
    for (let r = b.r1; r <= b.r2; r++) for (let c = b.c1; c <= b.c2; c++) if (r !== b.r1 || c !== b.c1) covered.add(`${r},${c}`);
  }
  const cols = Array.from({ length: lastCol }, (_, i) => i + 1).filter((c) => !sheet.hiddenColumns.has(c));
  const sel = book.selection?.sheet === sheet.name ? parseBox(book.selection.address) : null;
  let html = '<table class="grid"><colgroup><col style="width:32px">';
  for (const c of cols) html += `<col style="width:${Math.round((sheet.columnWidths.get(c) ?? 48) * PX_PER_POINT)}px">`;
  html += '</colgroup><tr><th></th>';
  for (const c of cols) html += `<th>${colLetters(c)}</th>`;
  html += '</tr>';
  for (let r = 1; r <= lastRow; r++) {
    const h = sheet.rowHeights.get(r);
    html += `<tr${h ? ` style="height:${Math.round(h * PX_PER_POINT)}px"` : ''}><th>${r}</th>`;
    for (const c of cols) {
      if (covered.has(`${r},${c}`)) continue;
      html += cellHtml(sheet, r, c, spans.get(`${r},${c}`), sel !== null && sel.r1 === r && sel.c1 === c);
    }
    html += '</tr>';
  }
  html += '</table>';
  document.getElementById('grid')!.innerHTML = html;
  document.getElementById('tabs')!.innerHTML = book.sheets.filter((s) => s.visibility === 'Visible')
    .map((s) => `<span class="${s.name === sheet.name ? 'active' : ''}">${s.name}</span>`).join('');
}

function cellHtml(sheet: SimSheet, r: number, c: number, span: { rows: number; cols: number } | undefined, selected: boolean): string {
  const cell = sheet.get(r, c);
  const styles: string[] = [];
  const s = cell?.style ?? {};
  const cf = cell ? sheet.conditionalStyle(r, c) : null;
  if (s.bold) styles.push('font-weight:bold');
  if (s.size) styles.push(`font-size:${Math.round(s.size * PX_PER_POINT)}px`);
  const color = cf?.fontColor ?? s.color;
  if (color) styles.push(`color:#${color}`);
  const fill = cf?.fill ?? s.fill;
  if (fill) styles.push(`background:#${fill}`);
  if (s.horizontal) styles.push(`text-align:${s.horizontal.toLowerCase()}`);
  else if (typeof sheet.display(r, c) === 'number') styles.push('text-align:right');
  if (s.vertical) styles.push(`vertical-align:${s.vertical === 'Center' ? 'middle' : s.vertical.toLowerCase()}`);
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const css = borderCss(cell?.borders[side]);
    if (css) styles.push(`border-${side}:${css}`);
  }
  const text = cell ? formatValue(sheet.display(r, c), cell.numberFormat) : '';
  const attrs = [`data-addr="${colLetters(c)}${r}"`, `style="${styles.join(';')}"`];
  if (span) attrs.push(`colspan="${span.cols}"`, `rowspan="${span.rows}"`);
  const classes = [s.wrap ? 'wrap' : '', selected ? 'sel' : ''].filter(Boolean).join(' ');
  if (classes) attrs.push(`class="${classes}"`);
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>');
  return `<td ${attrs.join(' ')}>${escaped}</td>`;
}

function showAlert(message: string): void {
  const alert = document.getElementById('alert')!;
  alert.textContent = message;
  alert.style.display = 'block';
  setTimeout(() => { alert.style.display = 'none'; }, 2500);
}

/** Click a cell, type, Enter: the edit goes through the simulated Excel as typing (validation applies). */
function wireEditor(): void {
  const wrap = document.getElementById('grid-wrap')!;
  const editor = document.getElementById('editor') as HTMLInputElement;
  let editing: string | null = null;
  wrap.addEventListener('click', (e) => {
    const td = (e.target as HTMLElement).closest('td[data-addr]') as HTMLElement | null;
    if (!td) return;
    document.getElementById('alert')!.style.display = 'none';
    editing = td.dataset.addr!;
    book.selection = { sheet: book.activeSheet, address: editing };
    const rect = td.getBoundingClientRect();
    const base = wrap.getBoundingClientRect();
    Object.assign(editor.style, {
      display: 'block', left: `${rect.left - base.left + wrap.scrollLeft}px`, top: `${rect.top - base.top + wrap.scrollTop}px`,
      width: `${Math.max(rect.width, 80)}px`, height: `${rect.height}px`,
    });
    editor.value = '';
    editor.focus();
  });
  editor.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      editor.style.display = 'none';
      editing = null;
    }
    if (e.key !== 'Enter' || !editing) return;
    const outcome = book.type(book.activeSheet, editing, editor.value);
    editor.style.display = 'none';
    if (outcome === 'protected') showAlert('您试图更改的单元格或图表位于受保护的工作表中。The cell is on a protected sheet.');
    if (outcome === 'invalid') {
      const v = book.sheet(book.activeSheet)?.validations.find((x) => { const b = parseBox(x.range); const p = parseBox(editing!); return p.r1 >= b.r1 && p.r1 <= b.r2 && p.c1 >= b.c1 && p.c1 <= b.c2; });
      showAlert(`${v?.errorAlert?.title ?? '数值无效'}：${v?.errorAlert?.message ?? ''}`);
    }
    editing = null;
    render();
  });
}

book.onChange = () => render();
window.addEventListener('DOMContentLoaded', () => {
  render();
  wireEditor();
  (document.getElementById('pane') as HTMLIFrameElement).src = 'taskpane.html';
});
