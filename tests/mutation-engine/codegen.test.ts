/**
 * The kernel's safe code generation (src/engine/kernel/codegen.ts), pinned text for text: what
 * each kind of value becomes, and everything it refuses. A negative number is parenthesised so
 * that `x - ${v}` can never read as `x --1`; −0 keeps its sign.
 */
import { describe, expect, it } from 'vitest';
import { _, Code, lines, name } from '../../src/engine/kernel/codegen.ts';

describe('the tagged template _', () => {
  it('writes finite numbers as JSON literals, negatives and −0 in parentheses', () => {
    expect(_`a = ${0} + ${1.5} + ${1e21} + ${2 ** -30};`.text).toBe('a = 0 + 1.5 + 1e+21 + 9.313225746154785e-10;');
    expect(_`b = x - ${-1};`.text).toBe('b = x - (-1);');
    expect(_`c = ${-0};`.text).toBe('c = (-0);');
    expect(_`d = ${-2.5e-7};`.text).toBe('d = (-2.5e-7);');
    // the generated text evaluates to the same numbers
    expect(new Function(`return ${_`${-0}`.text}`)()).toBe(-0);
    expect(new Function('x', `return ${_`x - ${-1}`.text}`)(3)).toBe(4);
  });
  it('writes booleans, nested arrays and Code as they are; the literal parts around them unchanged', () => {
    const inner = _`y`;
    expect(_`${true}|${false}|${[inner, 2, [_`z`, -3]]}|${inner}`.text).toBe('true|false|y2z(-3)|y');
    expect(_``.text).toBe('');
    expect(_`only text`.text).toBe('only text');
    expect(String(_`k = ${7}`)).toBe('k = 7');
    expect(_`k`).toBeInstanceOf(Code);
  });
  it('refuses strings, non-finite numbers and other objects', () => {
    expect(() => _`${'alert(1)' as never}`).toThrow('codegen: refusing to interpolate a string');
    expect(() => _`${{} as never}`).toThrow('codegen: refusing to interpolate a object');
    expect(() => _`${undefined as never}`).toThrow('codegen: refusing to interpolate a undefined');
    expect(() => _`${Infinity}`).toThrow('codegen: refusing the non-finite number Infinity');
    expect(() => _`${-Infinity}`).toThrow('codegen: refusing the non-finite number -Infinity');
    expect(() => _`${NaN}`).toThrow('codegen: refusing the non-finite number NaN');
    expect(() => _`${[1, 'x'] as never}`).toThrow(/refusing to interpolate a string/);
  });
});

describe('name and lines', () => {
  it('a name is a letters-only prefix and an optional non-negative integer index', () => {
    expect(name('tpVisit', 3).text).toBe('tpVisit3');
    expect(name('stage_count').text).toBe('stage_count');
    expect(name('x', 0).text).toBe('x0');
    expect(name('Q', Number.MAX_SAFE_INTEGER).text).toBe(`Q${Number.MAX_SAFE_INTEGER}`);
    expect(() => name('x;y')).toThrow('codegen: bad name prefix "x;y"');
    expect(() => name('x1')).toThrow('codegen: bad name prefix "x1"');
    expect(() => name('')).toThrow('codegen: bad name prefix ""');
    expect(() => name('a b')).toThrow(/bad name prefix/);
    expect(() => name('x', -1)).toThrow('codegen: bad name index -1');
    expect(() => name('x', 1.5)).toThrow('codegen: bad name index 1.5');
    expect(() => name('x', 2 ** 53)).toThrow(/bad name index/);
  });
  it('lines joins with newlines', () => {
    expect(lines([_`a;`, _`b;`, _`c;`]).text).toBe('a;\nb;\nc;');
    expect(lines([]).text).toBe('');
    expect(lines([_`a;`])).toBeInstanceOf(Code);
  });
});
