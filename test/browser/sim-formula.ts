/**
 * A small evaluator for the formulas the template uses (IF, OR, AND, NOT, ISNUMBER, ROUND, arithmetic, comparison,
 * text and cell references), so that the simulated Excel host shows computed 本月实际 and 状态 cells and colours the
 * input column by the template's own conditional-format formulas — as Excel would. Anything else evaluates to
 * "#NAME?", which a test would notice on screen.
 */
export type Scalar = number | string | boolean;
export type Lookup = (row: number, col: number) => Scalar;

type Token = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'ref'; row: number; col: number; absRow: boolean; absCol: boolean }
  | { t: 'name'; v: string } | { t: 'op'; v: string };

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if (/^\s/.test(rest)) { i++; continue; }
    if ((m = /^"((?:[^"]|"")*)"/.exec(rest))) { out.push({ t: 'str', v: m[1]!.replace(/""/g, '"') }); i += m[0].length; continue; }
    if ((m = /^(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Z(])/.exec(rest))) {
      out.push({ t: 'ref', absCol: m[1] === '$', col: colNumber(m[2]!), absRow: m[3] === '$', row: Number(m[4]) });
      i += m[0].length; continue;
    }
    if ((m = /^\d+(\.\d+)?/.exec(rest))) { out.push({ t: 'num', v: Number(m[0]) }); i += m[0].length; continue; }
    if ((m = /^[A-Z][A-Z0-9.]*/.exec(rest))) { out.push({ t: 'name', v: m[0] }); i += m[0].length; continue; }
    if ((m = /^(<=|>=|<>|[-+*/(),=<>&])/.exec(rest))) { out.push({ t: 'op', v: m[0] }); i += m[0].length; continue; }
    throw new Error(`cannot read formula at "${rest}"`);
  }
  return out;
}

const toNumber = (v: Scalar): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v === '' ? 0 : Number.NaN);
const toBool = (v: Scalar): boolean => (typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : v.toUpperCase() === 'TRUE');

function compare(a: Scalar, b: Scalar, op: string): boolean {
  const bothText = typeof a === 'string' && typeof b === 'string';
  const x = bothText ? a : typeof a === 'string' && a === '' ? 0 : a;
  const y = bothText ? b : typeof b === 'string' && b === '' ? 0 : b;
  const cmp = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === 'string' ? 1 : -1;
  switch (op) {
    case '=': return cmp === 0;
    case '<>': return cmp !== 0;
    case '<': return cmp < 0;
    case '>': return cmp > 0;
    case '<=': return cmp <= 0;
    default: return cmp >= 0;
  }
}

/** Evaluates `formula` (without "=") as written for the cell at (row, col) whose formula was written for (baseRow, baseCol). */
export function evaluateFormula(formula: string, lookup: Lookup, offset = { rows: 0, cols: 0 }): Scalar {
  let tokens: Token[];
  try {
    tokens = tokenize(formula);
  } catch {
    return '#NAME?';
  }
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => tokens[pos++];
  const expectOp = (v: string) => {
    const t = take();
    if (!t || t.t !== 'op' || t.v !== v) throw new Error(`expected ${v}`);
  };

  function primary(): Scalar {
    const t = take();
    if (!t) throw new Error('unexpected end');
    if (t.t === 'num' || t.t === 'str') return t.v;
    if (t.t === 'ref') return lookup(t.row + (t.absRow ? 0 : offset.rows), t.col + (t.absCol ? 0 : offset.cols));
    if (t.t === 'op' && t.v === '(') { const v = comparison(); expectOp(')'); return v; }
    if (t.t === 'op' && t.v === '-') return -toNumber(primary());
    if (t.t === 'op' && t.v === '+') return toNumber(primary());
    if (t.t === 'name') {
      if (t.v === 'TRUE' || t.v === 'FALSE') return t.v === 'TRUE';
      expectOp('(');
      // Arguments are evaluated eagerly: the template's formulas have no side effects or errors in unused branches.
      const values: Scalar[] = [];
      if (!(peek()?.t === 'op' && (peek() as { v: string }).v === ')')) {
        for (;;) {
          values.push(comparison());
          const sep = take();
          if (sep?.t === 'op' && sep.v === ',') continue;
          if (sep?.t === 'op' && sep.v === ')') break;
          throw new Error('bad arguments');
        }
      } else take();
      return call(t.v, values);
    }
    throw new Error('unexpected token');
  }
  function call(name: string, a: Scalar[]): Scalar {
    switch (name) {
      case 'IF': return toBool(a[0] ?? false) ? (a[1] ?? true) : (a[2] ?? false);
      case 'OR': return a.some(toBool);
      case 'AND': return a.every(toBool);
      case 'NOT': return !toBool(a[0] ?? false);
      case 'ISNUMBER': return typeof a[0] === 'number';
      case 'ROUND': { const f = 10 ** toNumber(a[1] ?? 0); return Math.round(toNumber(a[0] ?? 0) * f) / f; }
      case 'ABS': return Math.abs(toNumber(a[0] ?? 0));
      default: throw new Error(`unknown function ${name}`);
    }
  }
  function product(): Scalar {
    let v = primary();
    while (peek()?.t === 'op' && ['*', '/'].includes((peek() as { v: string }).v)) {
      const op = (take() as { v: string }).v;
      const r = primary();
      v = op === '*' ? toNumber(v) * toNumber(r) : toNumber(v) / toNumber(r);
    }
    return v;
  }
  function sum(): Scalar {
    let v = product();
    while (peek()?.t === 'op' && ['+', '-', '&'].includes((peek() as { v: string }).v)) {
      const op = (take() as { v: string }).v;
      const r = product();
      v = op === '&' ? `${v}${r}` : op === '+' ? toNumber(v) + toNumber(r) : toNumber(v) - toNumber(r);
    }
    return v;
  }
  function comparison(): Scalar {
    const v = sum();
    const t = peek();
    if (t?.t === 'op' && ['=', '<>', '<', '>', '<=', '>='].includes(t.v)) {
      take();
      return compare(v, sum(), t.v);
    }
    return v;
  }
  try {
    const v = comparison();
    if (pos !== tokens.length) return '#NAME?';
    return typeof v === 'number' && !Number.isFinite(v) ? '#VALUE!' : v;
  } catch {
    return '#NAME?';
  }
}
