import { describe, expect, it } from 'vitest';

/**
 * Every module of the renderer, as text. A module that imports itself back, even through others and even for types
 * only, makes the order modules run in depend on which one was loaded first; the store and its slices are built
 * so that none does (see store/state.ts).
 */
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, `import type` included. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** A path from `dir` (a list of folders), as a name from renderer/src: 'store/state.ts'. */
function join(dir: string[], specifier: string): string {
  const parts = [...dir];
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** The renderer's modules by their names from renderer/src (the glob's keys are relative to this folder). */
const modules = new Map(Object.entries(sources).map(([key, text]) => [join(['store'], key), text]));

function resolve(from: string, specifier: string): string | null {
  const base = join(from.split('/').slice(0, -1), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`])
    if (modules.has(candidate)) return candidate;
  return null;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of modules) {
    const targets = [...text.matchAll(IMPORT)].map((m) => resolve(file, m[1]!)).filter((t) => t !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Each cycle once, as the files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string) => {
    if (onPath.has(file)) {
      found.push([...path.slice(path.indexOf(file)), file]);
      return;
    }
    if (done.has(file)) return;
    path.push(file);
    onPath.add(file);
    for (const next of graph.get(file) ?? []) visit(next);
    onPath.delete(file);
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

describe('renderer imports', () => {
  it('finds the imports it looks for', () => {
    const graph = importGraph();
    expect(graph.get('store/app-store.ts')).toContain('features/vault/vault-slice.ts');
    expect(graph.get('features/vault/vault-slice.ts')).toContain('store/state.ts');
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'a']]);
  });

  it('have no cycle', () => {
    expect(cycles(importGraph())).toEqual([]);
  });
});
