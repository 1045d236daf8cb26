import { describe, it, expect } from 'vitest';
import { buildGraph, downstream, upstream, type GraphNode } from '../../src/notebook/graph';

const node = (id: string, name: string, ...reads: string[]): GraphNode => ({ id, name, reads });

describe('dependency graph', () => {
  it('orders by dependencies, not by cell order', () => {
    // c reads b, b reads a; written in the order c, a, b.
    const g = buildGraph([node('1', 'c', 'b'), node('2', 'a', 'deals'), node('3', 'b', 'a')], ['deals']);
    expect(g.order).toEqual(['2', '3', '1']);
    expect(g.problems.size).toBe(0);
  });
  it('re-runs exactly the dependants of a cell, in order', () => {
    const nodes = [node('a', 'a', 'deals'), node('b', 'b', 'a'), node('c', 'c', 'deals'), node('d', 'd', 'b', 'c')];
    const g = buildGraph(nodes, ['deals']);
    expect(downstream(g, 'a')).toEqual(['a', 'b', 'd']);
    expect(downstream(g, 'c')).toEqual(['c', 'd']);
    expect(upstream(g, 'd')).toEqual(['a', 'b', 'c']);
  });
  it('compares names case-insensitively', () => {
    const g = buildGraph([node('1', 'Top', 'deals'), node('2', 'x', 'TOP')], ['DEALS']);
    expect(g.deps.get('2')).toEqual(['1']);
    expect(g.problems.size).toBe(0);
  });
  it('reports a cycle on every cell of it and runs the rest', () => {
    const g = buildGraph([node('1', 'a', 'c'), node('2', 'b', 'a'), node('3', 'c', 'b'), node('4', 'd', 'deals')], ['deals']);
    for (const id of ['1', '2', '3']) expect(g.problems.get(id)?.kind).toBe('cycle');
    expect(g.problems.get('1')!.message).toContain('a reads c, c reads b, b reads a');
    expect(g.order).toEqual(['4']);
  });
  it('reports a self reference as a cycle', () => {
    const g = buildGraph([node('1', 'a', 'a')], []);
    expect(g.problems.get('1')?.kind).toBe('cycle');
  });
  it('reports duplicate names on each duplicate', () => {
    const g = buildGraph([node('1', 'a'), node('2', 'A'), node('3', 'b', 'a')], []);
    expect(g.problems.get('1')?.kind).toBe('duplicate');
    expect(g.problems.get('2')?.kind).toBe('duplicate');
    expect(g.problems.has('3')).toBe(false);
  });
  it('reports unknown names', () => {
    const g = buildGraph([node('1', 'a', 'deals', 'nope')], ['deals']);
    expect(g.problems.get('1')).toEqual({ kind: 'unknown', names: ['nope'], message: expect.stringContaining('"nope" is neither a table nor the name of a cell') });
  });
  it('refuses a cell name that would hide a table', () => {
    const g = buildGraph([node('1', 'deals', 'partners')], ['deals', 'partners']);
    expect(g.problems.get('1')?.kind).toBe('shadows-table');
  });
});
