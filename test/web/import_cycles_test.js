// The web page's modules import each other without a cycle (issue 14): views take data and
// callbacks, the controllers (web/app.js with web/js/controller.js and web/js/account.js,
// web/js/admin.js) own the state and wire them, so no import leads back to a module that is still loading.
//   node import_cycles_test.js [WEB_DIR]        (default: web/ of this source tree)
// Reads every .js file under WEB_DIR, finds its imports (`import ... from './x.js'`, also over
// several lines, `import './x.js'`, `export ... from './x.js'` and `import('./x.js')`), builds the
// graph and fails, naming each cycle with the lines that make it, when there is one. It also
// fails when it finds no module, an entry point (app.js, js/admin.js) is missing, or an import
// names no file under WEB_DIR. Before that it checks itself on small synthetic sources and
// graphs (a cycle must be found), so that it cannot pass by finding nothing. Node.js only (no
// packages). Prints the graph, then "PASS - ..." or "FAIL - ..." as its last line; exit status 0
// or 1.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const ENTRY_POINTS = ['app.js', 'js/admin.js'];
const MODULE_FILE = /\.m?js$/;

// Statements that import a module, at the start of a line (so that `// import ...` and ` * ...`
// in comments do not count). The clause between the keyword and `from` may span lines.
const STATIC_FROM = /^[ \t]*(?:import|export)\s+([\w$*{}\s,]*?)\s*\bfrom\s*(['"])([^'"\n]+)\2/gm;
const SIDE_EFFECT = /^[ \t]*import\s*(['"])([^'"\n]+)\1/gm;
const DYNAMIC = /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;

/** The modules `source` imports: [{specifier, line}] in the order they appear. */
function importsOf(source) {
  const found = [];
  const lineAt = (index) => source.slice(0, index).split('\n').length;
  const add = (match, specifier) => {
    const start = match.index + match[0].search(/\S/);
    found.push({ specifier, line: lineAt(start), at: start });
  };
  for (const m of source.matchAll(STATIC_FROM)) add(m, m[3]);
  for (const m of source.matchAll(SIDE_EFFECT)) add(m, m[2]);
  for (const m of source.matchAll(DYNAMIC)) {
    // A line comment before it on the same line: not code.
    const lineStart = source.lastIndexOf('\n', m.index) + 1;
    if (!source.slice(lineStart, m.index).includes('//')) add(m, m[2]);
  }
  return found.sort((a, b) => a.at - b.at).map(({ specifier, line }) => ({ specifier, line }));
}

/** Every module file under `dir`, as paths relative to it with '/' separators, sorted. */
function moduleFiles(dir) {
  const files = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? sub + '/' + entry.name : entry.name;
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        walk(rel);
      } else if (entry.isFile() && MODULE_FILE.test(entry.name)) {
        files.push(rel);
      }
    }
  };
  walk('');
  return files.sort();
}

/**
 * The import graph of the modules under `dir`: {modules, edges: Map(module -> [{to, line}]),
 * problems: [text]} (imports of files that do not exist or are not local).
 */
function buildGraph(dir) {
  const modules = moduleFiles(dir);
  const known = new Set(modules);
  const edges = new Map();
  const problems = [];
  for (const module of modules) {
    const list = [];
    const source = fs.readFileSync(path.join(dir, module), 'utf8');
    for (const { specifier, line } of importsOf(source)) {
      const where = module + ':' + line;
      let target;
      if (specifier.startsWith('./') || specifier.startsWith('../')) {
        target = path.posix.normalize(path.posix.join(path.posix.dirname(module), specifier));
      } else if (specifier.startsWith('/')) {
        target = specifier.slice(1); // the page is served from WEB_DIR's root
      } else {
        problems.push(where + ': "' + specifier + '" is not a module of the page (no build ' +
          'step: only relative imports work)');
        continue;
      }
      if (!known.has(target)) {
        problems.push(where + ': "' + specifier + '" names no module under the web root');
        continue;
      }
      list.push({ to: target, line });
    }
    edges.set(module, list);
  }
  return { modules, edges, problems };
}

/**
 * The cycles of a graph (Map(node -> [{to, line}])): one per strongly connected component that
 * has one (Tarjan), as {members: the component's nodes, sorted; cycle: a shortest cycle through
 * its first member, as [{from, to, line}] edges}. Empty when the graph is acyclic.
 */
function findCycles(edges) {
  const nodes = Array.from(edges.keys()).sort();
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  let next = 0;
  const targets = (node) => (edges.get(node) || []).map((e) => e.to).filter((t) => edges.has(t));

  // Iterative, so that a long chain of modules cannot overflow the call stack.
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work = [{ node: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const outs = targets(frame.node);
      if (frame.i < outs.length) {
        const to = outs[frame.i++];
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(to)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort());
      }
    }
  }

  const cycles = [];
  for (const component of components) {
    const inside = new Set(component);
    const start = component[0];
    const selfLoop = (edges.get(start) || []).find((e) => e.to === start);
    if (component.length === 1) {
      if (selfLoop) {
        const cycle = [{ from: start, to: start, line: selfLoop.line }];
        cycles.push({ members: component, cycle });
      }
      continue;
    }
    // The shortest way from `start` back to itself within the component (breadth first).
    const cameFrom = new Map();
    const queue = [start];
    let reached = false;
    while (queue.length && !reached) {
      const node = queue.shift();
      for (const e of edges.get(node) || []) {
        if (!inside.has(e.to) || (cameFrom.has(e.to) && e.to !== start)) continue;
        if (e.to === start) {
          cameFrom.set(start, { from: node, to: start, line: e.line });
          reached = true;
          break;
        }
        cameFrom.set(e.to, { from: node, to: e.to, line: e.line });
        queue.push(e.to);
      }
    }
    const cycle = [];
    let edge = cameFrom.get(start);
    do {
      cycle.unshift(edge);
      edge = cameFrom.get(edge.from);
    } while (cycle[0].from !== start);
    cycles.push({ members: component, cycle });
  }
  return cycles;
}

/**
 * "a.js -> b.js -> a.js  (a.js:3, b.js:7)", and when more modules import each other round in
 * circles than that cycle shows: "; all of a.js, b.js, c.js import each other in circles".
 */
function describeCycle({ members, cycle }) {
  const text = cycle.map((e) => e.from).concat(cycle[0].from).join(' -> ') + '  (' +
    cycle.map((e) => e.from + ':' + e.line).join(', ') + ')';
  if (members.length <= cycle.length) return text;
  return text + '; all of ' + members.join(', ') + ' import each other in circles';
}

/** Checks `webDir`: {ok, lines: what to print, summary}. */
function checkWebDir(webDir) {
  const lines = [];
  if (!fs.existsSync(webDir) || !fs.statSync(webDir).isDirectory()) {
    return { ok: false, lines, summary: 'no web directory at ' + webDir };
  }
  const { modules, edges, problems } = buildGraph(webDir);
  if (!modules.length) return { ok: false, lines, summary: 'no module found under ' + webDir };
  const missing = ENTRY_POINTS.filter((entry) => !edges.has(entry));
  let imports = 0;
  for (const module of modules) {
    const targets = edges.get(module).map((e) => e.to);
    imports += targets.length;
    lines.push('  ' + module + (targets.length ? ' -> ' + targets.join(', ') : ''));
  }
  // Modules no entry point reaches: not an error, but worth a look.
  const reached = new Set();
  const visit = (m) => {
    if (reached.has(m) || !edges.has(m)) return;
    reached.add(m);
    for (const e of edges.get(m)) visit(e.to);
  };
  ENTRY_POINTS.forEach(visit);
  const unused = modules.filter((m) => !reached.has(m));
  if (unused.length && !missing.length) {
    lines.push('  note: not imported from ' + ENTRY_POINTS.join(' or ') + ': ' + unused.join(', '));
  }
  const cycles = findCycles(edges);
  for (const cycle of cycles) lines.push('FAIL - import cycle: ' + describeCycle(cycle));
  for (const problem of problems) lines.push('FAIL - ' + problem);
  for (const entry of missing) lines.push('FAIL - entry point missing: ' + entry);
  const counts = modules.length + ' modules, ' + imports + ' imports';
  if (cycles.length || problems.length || missing.length) {
    const what = [];
    if (cycles.length) what.push(cycles.length + (cycles.length === 1 ? ' cycle' : ' cycles'));
    if (problems.length) {
      what.push(problems.length + ' broken ' + (problems.length === 1 ? 'import' : 'imports'));
    }
    if (missing.length) what.push('missing entry points');
    return { ok: false, lines, summary: counts + ': ' + what.join(', ') };
  }
  return { ok: true, lines, summary: counts + ', no cycle' };
}

// --- self-check: the parser and the cycle finder find what is there ----------------------------

function graph(spec) {
  return new Map(Object.entries(spec).map(([from, tos]) =>
    [from, tos.map((to, i) => ({ to, line: i + 1 }))]));
}

function selfCheck() {
  const failures = [];
  const expect = (what, actual, expected) => {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) failures.push(what + ': expected ' + e + ', got ' + a);
  };

  const source = [
    "// A module. import { no } from './commented.js';",
    "import { a } from './a.js';",
    'import {',
    '  b1,',
    '  b2 as bee,',
    "} from \"./b.js\";",
    "import * as c from './c.js';",
    "import d, { e } from '../d.js';",
    "import './side-effect.js';",
    "export { f } from './f.js';",
    "export * from './g.js';",
    " * import { h } from './in-a-block-comment.js'",
    "const text = 'import x from \"./in-a-string.js\"';",
    "export function load() { return import('./lazy.js'); }",
    "// import('./commented-dynamic.js')",
    "export const from = 'not an import';",
  ].join('\n');
  expect('imports of the synthetic source', importsOf(source), [
    { specifier: './a.js', line: 2 },
    { specifier: './b.js', line: 3 },
    { specifier: './c.js', line: 7 },
    { specifier: '../d.js', line: 8 },
    { specifier: './side-effect.js', line: 9 },
    { specifier: './f.js', line: 10 },
    { specifier: './g.js', line: 11 },
    { specifier: './lazy.js', line: 14 },
  ]);

  const names = (cycles) => cycles.map((c) => c.cycle.map((e) => e.from));
  expect('a three-module cycle', names(findCycles(graph(
    { 'a.js': ['b.js'], 'b.js': ['c.js'], 'c.js': ['a.js'], 'd.js': ['a.js'] }))),
  [['a.js', 'b.js', 'c.js']]);
  expect('a module importing itself', names(findCycles(graph({ 'a.js': ['a.js'] }))),
    [['a.js']]);
  expect('two separate cycles', names(findCycles(graph(
    { 'a.js': ['b.js'], 'b.js': ['a.js'], 'c.js': ['d.js'], 'd.js': ['e.js'], 'e.js': ['c.js'] })))
    .sort(), [['a.js', 'b.js'], ['c.js', 'd.js', 'e.js']]);
  expect('an acyclic graph (a diamond)', findCycles(graph(
    { 'a.js': ['b.js', 'c.js'], 'b.js': ['d.js'], 'c.js': ['d.js'], 'd.js': [] })), []);

  // End to end on a tiny tree on disk: a cycle through a multi-line import fails the check.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cycles-'));
  try {
    fs.mkdirSync(path.join(dir, 'js'));
    fs.writeFileSync(path.join(dir, 'app.js'), "import { x } from './js/x.js';\n");
    fs.writeFileSync(path.join(dir, 'js', 'admin.js'), "import { leaf } from './leaf.js';\n");
    fs.writeFileSync(path.join(dir, 'js', 'leaf.js'), 'export const leaf = 1;\n');
    fs.writeFileSync(path.join(dir, 'js', 'x.js'), "import {\n  y,\n} from './y.js';\n");
    fs.writeFileSync(path.join(dir, 'js', 'y.js'), "import { x } from './x.js';\n");
    const cyclic = checkWebDir(dir);
    expect('a synthetic web dir with a cycle passes', cyclic.ok, false);
    expect('its cycle', cyclic.lines.filter((l) => l.startsWith('FAIL')),
      ['FAIL - import cycle: js/x.js -> js/y.js -> js/x.js  (js/x.js:1, js/y.js:1)']);
    fs.writeFileSync(path.join(dir, 'js', 'y.js'), "import { leaf } from './leaf.js';\n");
    expect('the same dir without the cycle passes', checkWebDir(dir).ok, true);
    for (const f of ['app.js', 'js/admin.js', 'js/leaf.js', 'js/x.js', 'js/y.js']) {
      fs.unlinkSync(path.join(dir, f));
    }
    const empty = checkWebDir(dir);
    expect('an empty web dir passes', empty.ok, false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return failures;
}

function main() {
  const webDir = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'web'));
  const failures = selfCheck();
  if (failures.length) {
    for (const f of failures) console.log('FAIL - self-check: ' + f);
    console.log('FAIL - the import cycle check does not work (self-check), so it checked nothing');
    process.exitCode = 1;
    return;
  }
  console.log('ok   - self-check: multi-line imports are read and synthetic cycles are found');
  const result = checkWebDir(webDir);
  console.log('import graph of ' + webDir + ':');
  for (const line of result.lines) console.log(line);
  if (result.ok) {
    console.log('PASS - web import graph: ' + result.summary);
  } else {
    console.log('FAIL - web import graph: ' + result.summary);
    process.exitCode = 1;
  }
}

if (require.main === module) main();

module.exports = { importsOf, buildGraph, findCycles, checkWebDir };
