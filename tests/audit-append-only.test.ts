import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '@/db/queries/audit';
import { createTempContext } from '@/tests/support/temp-context';

// The audit log is append-only. In the code: appendAuditEvent (db/queries/audit.ts) is the one
// write to audit_events anywhere, through drizzle or in SQL text. In the database: triggers refuse
// an UPDATE or DELETE of an event.

const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['app', 'components', 'server', 'db', 'scripts', 'e2e', 'tests'];
const SQL_WRITE = /\b(insert\s+(or\s+\w+\s+)?into|replace\s+into|update(\s+or\s+\w+)?|delete\s+from|drop\s+table(\s+if\s+exists)?|alter\s+table)\s+[`"'[]?audit_events\b/i;

/** Every write to audit_events in a source text: `where` names the file and the enclosing function. */
function auditWritesIn(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const where = (node: ts.Node, what: string) => {
    let fn: ts.Node | undefined = node.parent;
    while (fn && !ts.isFunctionDeclaration(fn)) fn = fn.parent;
    const name = fn && ts.isFunctionDeclaration(fn) ? fn.name?.text : undefined;
    found.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what} in ${name ?? '(top level or a closure)'}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['insert', 'update', 'delete'].includes(node.expression.name.text)) {
      const arg = node.arguments[0];
      const names = arg && (ts.isIdentifier(arg) ? arg.text : ts.isPropertyAccessExpression(arg) ? arg.name.text : '');
      if (names === 'auditEvents') where(node, `.${node.expression.name.text}(auditEvents)`);
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) && SQL_WRITE.test(node.text)) {
      where(node, `SQL "${node.text.slice(0, 60)}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const sources = SOURCE_DIRS.flatMap((dir) => {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mjs|js)$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(dir, f));
});

describe('the audit log stays append-only', () => {
  it('is written by appendAuditEvent alone: nothing else inserts, and nothing updates or deletes', () => {
    // This file is left out: it writes to the table on purpose, to see the triggers refuse.
    const writes = sources
      .filter((f) => f !== path.join('tests', 'audit-append-only.test.ts'))
      .map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')] as const)
      // Only a file that names the table can write to it; parsing the rest would only cost time.
      .filter(([, text]) => /auditEvents|audit_events/.test(text))
      .flatMap(([f, text]) => auditWritesIn(f, text));
    expect(writes).toEqual([expect.stringMatching(/^db\/queries\/audit\.ts:\d+ \.insert\(auditEvents\) in appendAuditEvent$/)]);
  }, 30_000);

  it('finds the writes it is looking for (the check above could not pass by seeing nothing)', () => {
    const text = [
      "import { auditEvents } from '@/db/schema';",
      'export function tidy(db) {',
      '  db.update(auditEvents).set({ detail: "" }).run();',
      '  db.delete(schema.auditEvents).run();',
      '  db.insert(auditEvents).values(x).run();',
      "  db.$client.exec('DELETE FROM audit_events WHERE id < 10');",
      '  db.run(sql`UPDATE "audit_events" SET outcome = ${o}`);',
      "  db.$client.prepare('SELECT * FROM audit_events').all();",
      '}',
    ].join('\n');
    expect(auditWritesIn('x.ts', text)).toEqual([
      'x.ts:3 .update(auditEvents) in tidy',
      'x.ts:4 .delete(auditEvents) in tidy',
      'x.ts:5 .insert(auditEvents) in tidy',
      'x.ts:6 SQL "DELETE FROM audit_events WHERE id < 10" in tidy',
      'x.ts:7 SQL "UPDATE "audit_events" SET outcome = " in tidy',
    ]);
  });

  it('is enforced by the database: an UPDATE or DELETE of an event is refused', () => {
    const ctx = createTempContext();
    try {
      appendAuditEvent(ctx.db, { time: new Date().toISOString(), principalId: null, principalName: 'x', action: 'SignInFailed', outcome: 'FAILED' });
      const sqlite = ctx.db.$client;
      expect(() => sqlite.prepare("UPDATE audit_events SET outcome = 'SUCCEEDED'").run()).toThrow(/append-only: events are never changed/);
      expect(() => sqlite.prepare('DELETE FROM audit_events').run()).toThrow(/append-only: events are never removed/);
      expect(sqlite.prepare('SELECT outcome FROM audit_events').all()).toEqual([{ outcome: 'FAILED' }]);
    } finally {
      ctx.dispose();
    }
  });
});
