import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of electron/core/importing (docs/adding-a-reader.md, reader-kit/README.md): no cycles, the
 * generic model depends on no reader, the kit on nothing but the model, and a reader on its own folder, the kit,
 * the model and the classifier only. Read from the sources' import lines, type-only imports included.
 */
const ROOT = resolve(process.cwd(), 'electron/core/importing');
const READERS = ['pc3', 'pc4', 'android', 'ios', 'exports'];
const MODEL = ['model.ts', 'raw-layouts.ts'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each file (relative to ROOT) with the files of ROOT it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(ROOT)) {
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      if (!specifier.startsWith('.')) continue;
      const base = resolve(dirname(file), specifier);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
      if (target && !relative(ROOT, target).startsWith('..')) targets.push(relative(ROOT, target));
    }
    graph.set(relative(ROOT, file), targets);
  }
  return graph;
}

const folderOf = (file: string): string => (file.includes('/') ? file.split('/')[0]! : '.');

function mayImport(from: string, to: string): boolean {
  if (MODEL.includes(from)) return MODEL.includes(to);
  if (folderOf(from) === 'reader-kit') return folderOf(to) === 'reader-kit' || MODEL.includes(to);
  if (READERS.includes(folderOf(from)))
    return [folderOf(from), 'reader-kit'].includes(folderOf(to)) || MODEL.includes(to) || to === 'classify-message.ts';
  return true;
}

/** The files on some import cycle, each cycle as its sorted members. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)).sort());
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the imports of electron/core/importing', () => {
  const graph = importGraph();

  it('reads the whole folder', () => {
    expect(graph.get('source-formats.ts')).toContain('pc3/read-pc3.ts');
    expect(graph.size).toBeGreaterThan(100);
  });

  it('form no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('go down the layers only: readers use the kit and the model, never each other, the pipeline or the registry', () => {
    const across = [...graph].flatMap(([from, targets]) =>
      targets.filter((to) => !mayImport(from, to)).map((to) => `${from} -> ${to}`),
    );
    expect(across).toEqual([]);
  });
});
