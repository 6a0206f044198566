import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { NAMES, nameOf, type AccessibleName } from '@/e2e/pages/names';

// The page objects (e2e/pages/) find elements by accessible name; the demo and the specs drive the
// console through them. A name that no longer occurs in the console's own text (a string, a
// template's fixed part, JSX text, an attribute) fails here, before any browser starts.
const ROOT = path.resolve(__dirname, '..');
// The pages' text, and what they show from the pure modules (chart titles, field labels).
const UI_DIRS = ['app', 'components', 'server/domain', 'server/validation'];

function uiFiles(): string[] {
  return UI_DIRS.flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
      .map((f) => path.join(dir, f)),
  );
}

/** The text a file shows or names things with: its literals and JSX text, comments left out. */
export function literalsOf(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node)) out.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text));
    else if (ts.isJsxText(node)) out.push(node.text.replace(/\s+/g, ' '));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out.filter((t) => t.trim() !== '');
}

const fragmentsOf = (n: AccessibleName): readonly string[] => (typeof n === 'string' ? [n] : n.inSource);

describe('page object names', () => {
  const literals = uiFiles().flatMap((f) => literalsOf(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
  const occurs = (fragment: string) => literals.some((l) => l.includes(fragment));

  it('reads the console sources', () => {
    expect(literals.length).toBeGreaterThan(1000);
  });

  for (const [pageName, names] of Object.entries(NAMES)) {
    it(`finds every name the ${pageName} page object uses in the console's sources`, () => {
      const missing = Object.entries(names as Record<string, AccessibleName>)
        .flatMap(([key, n]) => fragmentsOf(n).filter((f) => !occurs(f)).map((f) => `${pageName}.${key}: "${f}" (for "${nameOf(n)}")`));
      expect(missing).toEqual([]);
    });
  }

  it('would notice a renamed name: a fragment of nowhere is not found', () => {
    expect(occurs('Create project')).toBe(true);
    expect(occurs('Create projekt')).toBe(false);
    // Comments do not count: only what the UI can show.
    expect(literalsOf('x.tsx', '// Create projekt\nconst a = <b>Create project</b>;')).toEqual(['Create project']);
  });

  it('lists an assembled name only with the pieces of it the sources hold', () => {
    for (const names of Object.values(NAMES)) {
      for (const n of Object.values(names as Record<string, AccessibleName>)) {
        if (typeof n !== 'string') for (const f of n.inSource) expect(n.name).toContain(f.trim());
      }
    }
  });
});
