#!/usr/bin/env node
// Lists the functions, arrow functions, methods and accessors of a source folder with their
// length in lines, largest first: a function too long to read at once is the first sign of a
// room doing more than one job. The length runs from the function's first line (its name, not
// the comment above it) to its closing line, nested functions included.
//
//   node scripts/function-lengths.mjs [folder = server/src] [--top=N] [--over=LINES] [--json]
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(fileURLToPath(import.meta.url), '../..');

/** Every .ts file under the folder, in a stable order. */
function sourceFiles(folder) {
  const files = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(?:ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function propertyName(name, source) {
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) ? name.text : name?.getText(source);
}

/** A name a reader can find the function by: its own, the variable or property it is assigned to, or the call it is passed to. */
function nameOf(node, source) {
  if (node.name) {
    const own = propertyName(node.name, source);
    const owner = node.parent && (ts.isClassLike(node.parent) || ts.isObjectLiteralExpression(node.parent)) && node.parent.name ? `${node.parent.name.text}.` : '';
    return `${owner}${own}`;
  }
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return propertyName(parent.name, source);
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    const callee = parent.expression.getText(source).replace(/\s+/g, '');
    return `(callback of ${callee.length > 60 ? `${callee.slice(0, 57)}...` : callee})`;
  }
  return '(anonymous)';
}

const isFunction = (node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node);

/** The functions of every source file under `folder` (default server/src), largest first. */
export function functionLengths(folder = join(ROOT, 'server/src')) {
  const functions = [];
  for (const path of sourceFiles(folder)) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (isFunction(node) && node.body) {
        const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        functions.push({ file: relative(ROOT, path), line: first + 1, name: nameOf(node, source), lines: last - first + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return functions.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const folder = args.find((arg) => !arg.startsWith('--'));
  const over = Number(option('over') ?? 0);
  const top = Number(option('top') ?? 20);
  const listed = functionLengths(folder === undefined ? undefined : join(process.cwd(), folder)).filter((fn) => fn.lines > over);
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
  } else {
    for (const fn of listed.slice(0, top)) process.stdout.write(`${String(fn.lines).padStart(5)}  ${fn.file}:${fn.line}  ${fn.name}\n`);
  }
}
