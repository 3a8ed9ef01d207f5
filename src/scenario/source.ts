/**
 * Scenario files as YAML documents with positions. JSON is read by the same parser (JSON is
 * YAML 1.2), so both formats get line:column for every value. `locate` maps a path of the
 * merged scenario back to the file (child or parent of an `extends:` chain) and the place
 * where the value was written, following the same rules as deepMerge.
 */
import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { isPlainObject } from './merge.ts';
import type { PathSegment, Problem } from './errors.ts';

export interface SourceFile {
  /** File name as it is shown in messages. */
  name: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The file's content as plain data. */
  data: unknown;
}

export interface Position {
  file: string;
  line: number;
  column: number;
}

/** Parses a file's text; YAML syntax errors come back as problems at their position. */
export function parseSource(name: string, text: string): { source: SourceFile; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems = doc.errors.map((e) => {
    const { line, col } = lines.linePos(e.pos[0]);
    const key = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:,{}[\]\s]+)/.exec(text.slice(e.pos[0]))?.[1];
    const message =
      e.code === 'DUPLICATE_KEY' && key
        ? `duplicate key ${/^["']/.test(key) ? key : `"${key}"`} (keys of a map must be unique)`
        : e.code === 'MULTIPLE_DOCS'
          ? 'expected one YAML document, found a second one (a scenario file holds one document: remove the second "---" line)'
          : e.message;
    return { file: name, line, column: col, path: '', message: `syntax error: ${message}` };
  });
  let data: unknown = null;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      problems.push({ file: name, line: 1, column: 1, path: '', message: `syntax error: ${(e as Error).message}` });
    }
  }
  return { source: { name, doc, lines, data }, problems };
}

function resolve(node: unknown, doc: Document.Parsed): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The YAML node at `path` in one file, or the deepest node on the way with how far it got. */
function walk(src: SourceFile, path: readonly PathSegment[]): { node: Node | null; key: Node | null; depth: number } {
  let node = resolve(src.doc.contents, src.doc) as Node | null;
  let key: Node | null = null;
  let depth = 0;
  for (const seg of path) {
    let next: unknown;
    let nextKey: Node | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (pair) {
        next = resolve(pair.value, src.doc);
        nextKey = pair.key as Node;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = resolve(node.items[seg], src.doc);
    }
    if (next === undefined && nextKey === null) break;
    node = (next ?? null) as Node | null;
    key = nextKey;
    depth++;
    if (node === null) break;
  }
  return { node, key, depth };
}

function position(src: SourceFile, offset: number): Position {
  const { line, col } = src.lines.linePos(offset);
  return { file: src.name, line, column: col };
}

/**
 * Position of the node at `path` in one file. A value is shown where it starts, except block
 * maps and lists (their key line reads better than their first child) and empty values. A
 * path that stops early (a missing field) is shown at the deepest part that exists.
 */
function positionIn(src: SourceFile, path: readonly PathSegment[], at: 'key' | 'value'): Position {
  const { node, key, depth } = walk(src, path);
  const keyPos = key?.range ? position(src, key.range[0]) : undefined;
  const nodePos = node?.range ? position(src, node.range[0]) : undefined;
  if (depth < path.length) return keyPos ?? nodePos ?? { file: src.name, line: 1, column: 1 };
  const blockCollection = (isMap(node) || isSeq(node)) && !node.flow;
  const emptyValue = node === null || (isScalar(node) && node.range != null && node.range[0] === node.range[1]);
  if (keyPos && (at === 'key' || blockCollection || emptyValue)) return keyPos;
  return nodePos ?? keyPos ?? { file: src.name, line: 1, column: 1 };
}

const mergeable = (v: unknown): boolean => isPlainObject(v) && !('dist' in v);

function child(v: unknown, seg: PathSegment): { has: boolean; value: unknown } {
  if (Array.isArray(v) && typeof seg === 'number') return { has: seg < v.length, value: v[seg] };
  if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, String(seg))) return { has: true, value: v[String(seg)] };
  return { has: false, value: undefined };
}

/**
 * Where the value at `path` of the merged scenario was written. `layers` are the files of an
 * `extends:` chain, the file itself first and its furthest ancestor last. At each step only
 * the layers whose values deepMerge actually combined can own the rest of the path; the most
 * derived of them wins. A path that does not exist (a missing field) is placed at the
 * deepest part of it that does.
 */
export function locate(layers: readonly SourceFile[], path: readonly PathSegment[], at: 'key' | 'value' = 'value'): Position {
  let contributors = layers.map((src) => ({ src, value: src.data }));
  for (const seg of path) {
    const have = contributors.map((c) => ({ src: c.src, ...child(c.value, seg) })).filter((c) => c.has);
    if (have.length === 0) break;
    const next = [have[0]];
    for (let i = 1; i < have.length && mergeable(have[i - 1].value) && mergeable(have[i].value); i++) next.push(have[i]);
    contributors = next.map((c) => ({ src: c.src, value: c.value }));
  }
  return positionIn(contributors[0].src, path, at);
}
