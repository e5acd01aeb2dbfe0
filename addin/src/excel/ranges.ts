/**
 * Groups cells into rectangular ranges so that a layout is drawn with one format call per range, not per cell:
 * fewer proxy objects in the batch and a smaller request to Excel (which matters most in Excel on the web).
 */
import { address, columnLetter } from '../../../core/layout';

export interface Placed {
  row: number;
  col: number;
}

/**
 * Vertical runs of consecutive rows in one column that share a key, then joined sideways when neighbouring columns
 * have runs over exactly the same rows with the same key. Returns A1 ranges by key.
 */
export function rangesByKey<T extends Placed>(cells: T[], keyOf: (cell: T) => string): Map<string, string[]> {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  type Run = { key: string; col: number; top: number; bottom: number; right: number };
  const runs: Run[] = [];
  for (const cell of sorted) {
    const key = keyOf(cell);
    const last = runs[runs.length - 1];
    if (last && last.key === key && last.col === cell.col && last.bottom + 1 === cell.row) last.bottom = cell.row;
    else runs.push({ key, col: cell.col, top: cell.row, bottom: cell.row, right: cell.col });
  }
  // Join a run into the run of the previous column covering the same rows with the same key.
  const open = new Map<string, Run>();
  const joined: Run[] = [];
  for (const run of runs) {
    const id = `${run.key}\u0000${run.top}\u0000${run.bottom}`;
    const left = open.get(id);
    if (left && left.right + 1 === run.col) {
      left.right = run.col;
    } else {
      joined.push(run);
      open.set(id, run);
    }
  }
  const byKey = new Map<string, string[]>();
  for (const r of joined) {
    const from = address(r.top, r.col);
    const to = address(r.bottom, r.right);
    const list = byKey.get(r.key) ?? [];
    list.push(from === to ? from : `${from}:${to}`);
    byKey.set(r.key, list);
  }
  return byKey;
}

export function blockAddress(lastRow: number, lastCol: number): string {
  return `A1:${columnLetter(lastCol)}${lastRow}`;
}

/** Splits "Sheet1!B2:D9" or "'指标 1'!B2" into its top-left row/column. */
export function topLeftOf(rangeAddress: string): Placed {
  const local = rangeAddress.includes('!') ? rangeAddress.slice(rangeAddress.lastIndexOf('!') + 1) : rangeAddress;
  const first = local.split(':')[0] ?? 'A1';
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(first.toUpperCase());
  if (!m) throw new Error(`unexpected range address ${rangeAddress}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}
