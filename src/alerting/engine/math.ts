/**
 * Grafana's math expressions (pkg/expr/mathexp/parse: lex.go, parse.go;
 * exp.go: walk, biSeriesSeries/biScalarNumber/…; funcs.go), evaluated over
 * the values of the nodes they name. Precedence, lowest first:
 * `||`, `&&`, comparisons, `+ -`, `* / %`, `**`, unary `- !`.
 * Booleans are 1 and 0; a null operand gives null; Go float rules otherwise
 * (NaN compares false, x/0 is ±Inf).
 * Joining two sets of values follows mathexp's union: items whose labels are
 * equal, or one a subset of the other, combine (keeping the larger label
 * set); if nothing matches and one side has a single item, it combines with
 * every item of the other side.
 */
import { isSubset, labelKey, type Labels, type NodeResult, type Point, type Value } from './values.js';

type Tok = { t: 'num'; v: number } | { t: 'var'; v: string } | { t: 'id'; v: string } | { t: 'op'; v: string };

export class MathError extends Error {}

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '$') {
      const m = /^\$(?:\{([^}]+)\}|([A-Za-z0-9_-]+))/.exec(src.slice(i));
      if (!m) throw new MathError(`"$" at ${i} is not followed by a refId`);
      out.push({ t: 'var', v: m[1] ?? m[2]! });
      i += m[0].length;
      continue;
    }
    const num = /^(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(src.slice(i));
    if (num) { out.push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) { out.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    const op = /^(\*\*|&&|\|\||==|!=|>=|<=|[-+*/%()<>!,])/.exec(src.slice(i));
    if (op) { out.push({ t: 'op', v: op[0] }); i += op[0].length; continue; }
    throw new MathError(`unexpected character ${JSON.stringify(c)} at ${i}`);
  }
  return out;
}

export type MathNode =
  | { k: 'num'; v: number }
  | { k: 'var'; v: string }
  | { k: 'un'; op: string; a: MathNode }
  | { k: 'bin'; op: string; a: MathNode; b: MathNode }
  | { k: 'call'; fn: string; args: MathNode[] };

const LEVELS = [['||'], ['&&'], ['==', '!=', '>', '<', '>=', '<='], ['+', '-'], ['*', '/', '%'], ['**']];
const FUNCS = new Set(['abs', 'ceil', 'floor', 'log', 'round', 'is_nan', 'is_inf', 'is_null', 'is_number', 'nan', 'inf', 'infn', 'null']);

export function parseMath(src: string): MathNode {
  const toks = lex(src);
  let pos = 0;
  const peek = () => toks[pos];
  const expectOp = (v: string) => {
    const t = toks[pos++];
    if (!t || t.t !== 'op' || t.v !== v) throw new MathError(`expected "${v}"`);
  };
  const level = (n: number): MathNode => {
    if (n === LEVELS.length) return unary();
    let left = level(n + 1);
    for (;;) {
      const t = peek();
      if (t?.t === 'op' && LEVELS[n]!.includes(t.v)) {
        pos++;
        left = { k: 'bin', op: t.v, a: left, b: level(n + 1) };
      } else return left;
    }
  };
  const unary = (): MathNode => {
    const t = peek();
    if (t?.t === 'op' && (t.v === '-' || t.v === '!')) { pos++; return { k: 'un', op: t.v, a: unary() }; }
    return primary();
  };
  const primary = (): MathNode => {
    const t = toks[pos++];
    if (!t) throw new MathError('unexpected end of expression');
    if (t.t === 'num') return { k: 'num', v: t.v };
    if (t.t === 'var') return { k: 'var', v: t.v };
    if (t.t === 'op' && t.v === '(') { const e = level(0); expectOp(')'); return e; }
    if (t.t === 'id') {
      if (!FUNCS.has(t.v)) throw new MathError(`unknown function ${t.v}`);
      expectOp('(');
      const args: MathNode[] = [];
      if (!(peek()?.t === 'op' && peek()!.v === ')')) {
        args.push(level(0));
        while (peek()?.t === 'op' && peek()!.v === ',') { pos++; args.push(level(0)); }
      }
      expectOp(')');
      return { k: 'call', fn: t.v, args };
    }
    throw new MathError(`unexpected "${t.v}"`);
  };
  const tree = level(0);
  if (pos !== toks.length) throw new MathError(`unexpected "${(toks[pos] as { v: unknown }).v}" after the end of the expression`);
  return tree;
}

/** The refIds an expression reads. */
export function mathVariables(node: MathNode): string[] {
  switch (node.k) {
    case 'var': return [node.v];
    case 'un': return mathVariables(node.a);
    case 'bin': return [...mathVariables(node.a), ...mathVariables(node.b)];
    case 'call': return node.args.flatMap(mathVariables);
    default: return [];
  }
}

type Scalar = { kind: 'scalar'; value: number | null };
type Operand = Scalar | Value[];

const b2n = (b: boolean) => (b ? 1 : 0);

function binary(op: string, a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return a % b;
    case '**': return a ** b;
    case '==': return b2n(a === b);
    case '!=': return b2n(a !== b);
    case '>': return b2n(a > b);
    case '<': return b2n(a < b);
    case '>=': return b2n(a >= b);
    case '<=': return b2n(a <= b);
    case '&&': return b2n(a !== 0 && b !== 0);
    case '||': return b2n(a !== 0 || b !== 0);
  }
  throw new MathError(`unknown operator ${op}`);
}

function mapValue(v: Value, f: (x: number | null) => number | null): Value {
  return v.kind === 'number' ? { ...v, value: f(v.value) } : { ...v, points: v.points.map(([t, x]) => [t, f(x)] as Point) };
}

function combine(op: string, x: Value, y: Value, labels: Labels): Value {
  if (x.kind === 'number' && y.kind === 'number') return { kind: 'number', labels, value: binary(op, x.value, y.value) };
  if (x.kind === 'series' && y.kind === 'number') return { ...mapValue(x, (a) => binary(op, a, y.value)), labels };
  if (x.kind === 'number' && y.kind === 'series') return { ...mapValue(y, (b) => binary(op, x.value, b)), labels };
  // series ⊗ series: points at the same timestamps (biSeriesSeries).
  const ys = new Map((y as Extract<Value, { kind: 'series' }>).points.map(([t, v]) => [t, v]));
  const points = (x as Extract<Value, { kind: 'series' }>).points.filter(([t]) => ys.has(t)).map(([t, v]) => [t, binary(op, v, ys.get(t)!)] as Point);
  return { kind: 'series', labels, points };
}

function union(op: string, left: Value[], right: Value[]): Value[] {
  const out: Value[] = [];
  for (const a of left) {
    for (const b of right) {
      if (labelKey(a.labels) === labelKey(b.labels) || isSubset(a.labels, b.labels) || isSubset(b.labels, a.labels)) {
        out.push(combine(op, a, b, Object.keys(a.labels).length >= Object.keys(b.labels).length ? a.labels : b.labels));
      }
    }
  }
  if (out.length === 0 && (left.length === 1 || right.length === 1)) {
    for (const a of left) for (const b of right) out.push(combine(op, a, b, left.length === 1 ? b.labels : a.labels));
  }
  return out;
}

const FUNC_IMPL: Record<string, (x: number | null) => number | null> = {
  abs: (x) => (x === null ? null : Math.abs(x)),
  ceil: (x) => (x === null ? null : Math.ceil(x)),
  floor: (x) => (x === null ? null : Math.floor(x)),
  log: (x) => (x === null ? null : Math.log(x)),
  round: (x) => (x === null ? null : Math.round(x)),
  is_nan: (x) => (x === null ? 0 : b2n(Number.isNaN(x))),
  is_inf: (x) => (x === null ? 0 : b2n(x === Infinity || x === -Infinity)),
  is_null: (x) => b2n(x === null),
  is_number: (x) => (x === null ? 0 : b2n(Number.isFinite(x))),
};

function evalNode(n: MathNode, vars: ReadonlyMap<string, NodeResult>): Operand {
  switch (n.k) {
    case 'num': return { kind: 'scalar', value: n.v };
    case 'var': {
      const r = vars.get(n.v);
      if (!r) throw new MathError(`$${n.v} is not a node of this rule`);
      return [...r.values];
    }
    case 'un': {
      const a = evalNode(n.a, vars);
      const f = (x: number | null) => (x === null ? null : n.op === '-' ? -x : b2n(x === 0));
      return Array.isArray(a) ? a.map((v) => mapValue(v, f)) : { kind: 'scalar', value: f(a.value) };
    }
    case 'call': {
      if (['nan', 'inf', 'infn', 'null'].includes(n.fn)) return { kind: 'scalar', value: n.fn === 'nan' ? NaN : n.fn === 'inf' ? Infinity : n.fn === 'infn' ? -Infinity : null };
      if (n.args.length !== 1) throw new MathError(`${n.fn} takes one argument`);
      const a = evalNode(n.args[0]!, vars);
      const f = FUNC_IMPL[n.fn]!;
      return Array.isArray(a) ? a.map((v) => mapValue(v, f)) : { kind: 'scalar', value: f(a.value) };
    }
    case 'bin': {
      const a = evalNode(n.a, vars);
      const b = evalNode(n.b, vars);
      if (!Array.isArray(a) && !Array.isArray(b)) return { kind: 'scalar', value: binary(n.op, a.value, b.value) };
      if (!Array.isArray(a)) return (b as Value[]).map((v) => mapValue(v, (x) => binary(n.op, a.value, x)));
      if (!Array.isArray(b)) return a.map((v) => mapValue(v, (x) => binary(n.op, x, b.value)));
      return union(n.op, a, b);
    }
  }
}

/** Evaluates `expression`; a scalar result becomes one unlabelled number. */
export function evaluateMath(expression: string, vars: ReadonlyMap<string, NodeResult>): NodeResult {
  const result = evalNode(parseMath(expression), vars);
  return { values: Array.isArray(result) ? result : [{ kind: 'number', labels: {}, value: result.value }] };
}
