// No two modules under src/ import each other, directly or round a longer loop. A cycle makes
// the load order decide which module sees the other's exports as undefined, and ties modules
// together that should change apart. Type-only imports count too: they become real ones as soon
// as a value is imported along the same edge. Imports are read with TypeScript's own scanner.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from './helpers';

type Graph = Map<string, string[]>;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The project files a source imports (relative specifiers only: packages cannot import us back). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const out: string[] = [];
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), fileName);
    const target = [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => f.endsWith('.ts') && fs.existsSync(f));
    assert.ok(target, `${path.relative(REPO_ROOT, file)} imports ${fileName}, which is no .ts file`);
    out.push(target);
  }
  return out;
}

function importGraph(root: string): Graph {
  return new Map(tsFiles(root).map((f) => [f, importsOf(f)]));
}

/**
 * One cycle per strongly connected component of more than one module (or a module importing
 * itself), as the loop of imports to follow: [a, b, c, a]. Tarjan's algorithm, then a
 * shortest way back to the start inside the component.
 */
export function findCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((component) => loopThrough(graph, new Set(component)));
}

/** A shortest loop from the component's first module (by name) back to it, inside the component. */
function loopThrough(graph: Graph, component: Set<string>): string[] {
  const start = [...component].sort()[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const way: string[] = [];
        for (let u = v; u !== start; u = cameFrom.get(u)!) way.unshift(u);
        return [start, ...way, start];
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

describe('import cycles', () => {
  it('finds a cycle of two, a longer one and a self-import, and names the loop', () => {
    const graph: Graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', []],
      ['d', ['e']],
      ['e', ['f']],
      ['f', ['d', 'c']],
      ['g', ['g']],
      ['h', ['c']],
    ]);
    assert.deepEqual(
      findCycles(graph).map((loop) => loop.join(' -> ')).sort(),
      ['a -> b -> a', 'd -> e -> f -> d', 'g -> g'],
    );
    assert.deepEqual(findCycles(new Map([['x', ['y']], ['y', []]])), []);
  });

  it('reads type-only, side-effect, re-export and folder imports', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
    try {
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b';\nimport './c';\nexport * from './sub';\nimport * as fs from 'node:fs';\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "export interface B { x: number }\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "export const c = 1;\n");
      fs.writeFileSync(path.join(dir, 'sub', 'index.ts'), "import { c } from '../c';\nexport const d = c;\n");
      assert.deepEqual(importsOf(path.join(dir, 'a.ts')).map((f) => path.relative(dir, f)), ['b.ts', 'c.ts', path.join('sub', 'index.ts')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no module under src/ is part of an import cycle', () => {
    const graph = importGraph(path.join(REPO_ROOT, 'src'));
    assert.ok(graph.size > 50, `read ${graph.size} modules under src/`);
    const loops = findCycles(graph).map((loop) => loop.map((f) => path.relative(REPO_ROOT, f)).join(' -> '));
    assert.deepEqual(loops, [], `import cycles:\n${loops.join('\n')}`);
  });
});
