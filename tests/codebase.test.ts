import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// House rules that tsc does not enforce: no `any`, and the layering of STYLE.md.
const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['app', 'components', 'server', 'db', 'scripts', 'e2e', 'tests', 'cli'];

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(dir, f));
}

const files = SOURCE_DIRS.flatMap(sourceFiles);
const parse = (file: string) =>
  ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

function importsOf(file: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return out;
}

/** The project path an import points at ('server/domain/x'), or null for a package. */
function target(file: string, spec: string): string | null {
  if (spec.startsWith('@/')) return spec.slice(2);
  if (spec.startsWith('.')) return path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
  return null;
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** A route file's exported HTTP handlers, and whether each is `withPrincipal(...)`. */
function exportedHandlers(file: string): { name: string; wrapped: boolean }[] {
  const out: { name: string; wrapped: boolean }[] = [];
  for (const st of parse(file).statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(st) && st.name && HTTP_METHODS.has(st.name.text)) out.push({ name: st.name.text, wrapped: false });
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !HTTP_METHODS.has(d.name.text)) continue;
        const init = d.initializer;
        const wrapped = !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'withPrincipal';
        out.push({ name: d.name.text, wrapped });
      }
    }
  }
  return out;
}

/** The exported functions of a module (declarations and arrow constants). */
function exportedFunctions(file: string): { name: string; node: ts.Node }[] {
  const out: { name: string; node: ts.Node }[] = [];
  for (const st of parse(file).statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(st) && st.name) out.push({ name: st.name.text, node: st });
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) out.push({ name: d.name.text, node: d.initializer });
      }
    }
  }
  return out;
}

function callsRunAction(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    // runAdminAction (server/actions/iam) is runAction with the admin scope on top.
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && (n.expression.text === 'runAction' || n.expression.text === 'runAdminAction')) found = true;
    if (!found) ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

describe('codebase rules', () => {
  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('has no `any` type anywhere', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const sf = parse(file);
      const visit = (node: ts.Node) => {
        if (node.kind === ts.SyntaxKind.AnyKeyword) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
          offenders.push(`${file}:${line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(offenders).toEqual([]);
    // Parses every source file: far past 5 s on a loaded 2-core machine.
  }, 60_000);

  const rules: { from: string; forbidden: (spec: string, to: string | null) => boolean; why: string }[] = [
    { from: 'server/domain/', forbidden: (_s, to) => to !== null && !to.startsWith('server/domain'), why: 'domain is pure' },
    { from: 'components/ui/', forbidden: (_s, to) => to !== null && (to.startsWith('server') || to.startsWith('db')), why: 'ui primitives know no server' },
    { from: 'components/', forbidden: (_s, to) => to !== null && (to.startsWith('db') || to.startsWith('server/providers') || to.startsWith('server/services')), why: 'components go through actions' },
    { from: 'server/providers/', forbidden: (s) => s.startsWith('next'), why: 'providers never import next' },
    // The checks (server/providers/local/checks/) run containers for services; they never call back up.
    {
      from: 'server/providers/',
      forbidden: (_s, to) => to !== null && (to.startsWith('server/services') || to.startsWith('server/actions') || to.startsWith('app/')),
      why: 'providers never import services, actions or routes',
    },
    // The platform interface is what services see of the machine: domain types and the data plane's contract only.
    {
      from: 'server/providers/platform',
      forbidden: (_s, to) => to !== null && !to.startsWith('server/domain') && to !== 'server/gateway/status-contract',
      why: 'the local platform interface names domain types and the gateway contract only',
    },
    {
      from: 'server/providers/oci/',
      forbidden: (_s, to) => to !== null && (to.startsWith('server/providers/local') || to.startsWith('db/')),
      why: 'the OCI provider reaches OCI only through the SDK: nothing of the local provider or the database',
    },
    {
      from: 'server/oci-api/',
      forbidden: (s, to) => s.startsWith('next') || (to !== null && (to.startsWith('app/') || to.startsWith('components') || to.startsWith('server/actions'))),
      why: 'the OCI API is a Fetch handler: no next, routes, components or actions',
    },
    // The CLI is a client of the OCI API only: the console's services, db and providers are not its to call.
    { from: 'cli/', forbidden: (_s, to) => to !== null && !to.startsWith('cli') && !to.startsWith('server/domain') && !to.startsWith('server/validation'), why: 'the CLI imports only server/domain and server/validation' },
    // Page objects drive the console as a person does: they import Playwright and one another only.
    { from: 'e2e/pages/', forbidden: (_s, to) => to !== null && !to.startsWith('e2e/pages'), why: 'page objects know only the pages' },
    { from: 'db/', forbidden: (s, to) => s.startsWith('next') || (to !== null && to.startsWith('server/') && !to.startsWith('server/domain') && to !== 'server/config'), why: 'db depends on domain types only' },
    // Routes parse, call a query or a service, and render: the provider, the tables and the job
    // runner are the services' to use.
    {
      from: 'app/',
      forbidden: (_s, to) => to !== null && (to.startsWith('server/providers') || to.startsWith('db/schema') || to === 'db/client' || to.startsWith('server/jobs')),
      why: 'routes reach providers, tables and jobs only through services and db/queries',
    },
    {
      from: 'server/services/',
      forbidden: (s, to) => s.startsWith('next') || (to !== null && (to.startsWith('app/') || to.startsWith('components') || to.startsWith('server/actions'))),
      why: 'services know no next, routes, components or actions',
    },
    // The gateway is the data plane, a process of its own (scripts/gateway.ts): it reads the routes
    // from the database and records telemetry, and knows nothing of the console above it.
    {
      from: 'server/gateway/',
      forbidden: (s, to) =>
        s.startsWith('next') ||
        (to !== null && ['app/', 'components', 'server/actions', 'server/services', 'server/providers', 'server/jobs'].some((p) => to.startsWith(p))),
      why: 'the gateway imports no next, routes, components, actions, services, providers or jobs',
    },
    // scripts/ is the entry points' room, above the product. Its plain-Node helpers (scripts/lib/*.mjs,
    // dependency-free because the console server runs them before any TypeScript loads) are the
    // one part the product may share: the gateway answers early errors and builds its bundle with them.
    ...['app/', 'components/', 'server/', 'db/', 'cli/'].map((from) => ({
      from,
      forbidden: (_s: string, to: string | null) => to !== null && to.startsWith('scripts/') && !/^scripts\/lib\/[^/]+\.mjs$/.test(to),
      why: `${from} imports nothing of scripts/ but its plain-Node helpers (scripts/lib/*.mjs)`,
    })),
    // Telemetry lives by plane: what the data plane records is the gateway's (server/gateway/telemetry/),
    // what Docker reports is the local provider's (server/providers/local/telemetry/), reads are
    // db/queries and retention a job. The recorder runs in the gateway's own process.
    {
      from: 'server/gateway/telemetry/',
      forbidden: (_s, to) => to !== null && !to.startsWith('server/gateway') && !to.startsWith('server/domain') && !to.startsWith('db/queries'),
      why: "the gateway's telemetry imports only the gateway, domain and db/queries",
    },
    {
      from: 'server/jobs/telemetry-retention',
      forbidden: (_s, to) => to !== null && !to.startsWith('server/domain') && !to.startsWith('db/queries'),
      why: 'telemetry retention imports only domain and db/queries',
    },
  ];

  for (const rule of rules) {
    it(`keeps the layering: ${rule.why}`, () => {
      const broken = files
        .filter((f) => f.startsWith(rule.from) && !/\.test\.tsx?$/.test(f))
        .flatMap((f) => importsOf(f).filter((s) => rule.forbidden(s, target(f, s))).map((s) => `${f} imports ${s}`));
      expect(broken).toEqual([]);
    });
  }

  // Services depend on interfaces: the provider (server/providers/types.ts), the local platform
  // (server/providers/platform.ts) and db/queries. What builds them is the composition root,
  // which services take as a type only: it is handed in, never reached for.
  it('keeps services on interfaces: no provider implementation, tables, SQL builder or Docker; the composition root as a type only', () => {
    const ROOT_FILES = new Set(['server/services/context.ts', 'server/services/provider-contexts.ts']);
    const implementation = (to: string | null, spec: string) =>
      spec === 'drizzle-orm' || spec === 'dockerode' || (to !== null && (to.startsWith('server/providers/local') || to.startsWith('server/providers/oci') || to.startsWith('db/schema') || to === 'db/client'));
    const broken: string[] = [];
    for (const f of files.filter((f) => f.startsWith('server/services/') && !ROOT_FILES.has(f) && !/\.test\.tsx?$/.test(f))) {
      for (const st of parse(f).statements) {
        if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
        const spec = st.moduleSpecifier.text;
        const to = target(f, spec);
        const typeOnly = st.importClause?.isTypeOnly === true;
        if (implementation(to, spec) && !(typeOnly && to === 'db/client')) broken.push(`${f} imports ${spec}`);
        if (to === 'server/services/context' && !typeOnly) broken.push(`${f} imports the composition root's values`);
      }
      // The local runtime (its Docker client, its gateway client) stays behind ctx.platform.
      if (/\bctx\.local\b/.test(fs.readFileSync(path.join(ROOT, f), 'utf8'))) broken.push(`${f} reads ctx.local`);
    }
    expect(broken).toEqual([]);
  });

  it('runs every identity admin action through runAdminAction (validated, gated, audited)', () => {
    const actions = files.filter((f) => f.startsWith('server/actions/iam/') && !f.endsWith('run-admin-action.ts'));
    expect(actions.length).toBeGreaterThan(0);
    const bare = actions.filter((f) => !/return runAdminAction\(/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(bare).toEqual([]);
  });

  it('answers every API route only to a principal (withPrincipal), /api/health aside', () => {
    const routes = files.filter((f) => f.startsWith('app/api/') && f.endsWith('route.ts') && f !== path.join('app', 'api', 'health', 'route.ts'));
    expect(routes.length).toBeGreaterThan(5);
    const open = routes.flatMap((f) => exportedHandlers(f).filter((h) => !h.wrapped).map((h) => `${f}: ${h.name}`));
    expect(open).toEqual([]);
  });

  it('runs every server action through runAction or runAdminAction (sign-in aside: it makes the principal)', () => {
    const actions = files.filter((f) => f.startsWith('server/actions/') && !f.startsWith('server/actions/auth/') && f !== 'server/actions/run-action.ts' && !/\.test\.tsx?$/.test(f));
    expect(actions.length).toBeGreaterThan(5);
    const unchecked = actions.flatMap((f) => exportedFunctions(f).filter((fn) => !callsRunAction(fn.node)).map((fn) => `${f}: ${fn.name}`));
    expect(unchecked).toEqual([]);
  });

  // One rule, one home: each of these lives in one module, and a copy elsewhere drifts from it (two
  // copies of a policy's instance count disagreed; four byte formatters rounded four ways).
  describe('keeps each rule in its one home', () => {
    const product = files.filter((f) => /^(app|components|server|db|cli|scripts)\//.test(f) && !/\.test\.tsx?$/.test(f));
    // Comments may name a rule's figures; only code counts.
    const codeOf = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    const homes: { rule: string; home: string; pattern: RegExp }[] = [
      { rule: 'the default load balancer bandwidth and its range', home: 'server/domain/load-balancer.ts', pattern: /bandwidthMbps\s*\?\?\s*\d|(BANDWIDTH_(MIN|MAX)_MBPS|DEFAULT_BANDWIDTH_MBPS)\s*=/ },
      { rule: 'the predict payload limit', home: 'server/domain/predict-limits.ts', pattern: /10\s*\*\s*1024\s*\*\s*1024|10_485_760|payload size limit is/ },
      { rule: 'validation issues as field errors', home: 'server/domain/field-errors.ts', pattern: /\.path\.map\(String\)|for \(const \w+ of [^)]*\bissues\b/ },
      { rule: 'byte formatting', home: 'server/domain/bytes.ts', pattern: /(1024|1_048_576|1e6|1e9|1000 \*\* \d)[^`'\n]*\}\s?(B|KB|MB|GB)\b|function format(Bytes|Size)\b/ },
      { rule: "OCI's cool-down of 300 s", home: 'server/domain/cool-down.ts', pattern: /[cC]ool_?[dD]own\w*\s*(\?\?|=)\s*300\b|[cC]ool_?[dD]own\w*:\s*'300'|COOL_?DOWN\w*\s*=\s*300\b/ },
      { rule: "the gateway's status contract", home: 'server/gateway/status-contract.ts', pattern: /(interface|type)\s+(GatewayStatus|GatewayHealth|RouteStatus)\s*[={]/ },
    ];
    for (const { rule, home, pattern } of homes) {
      it(`${rule}: only in ${home}`, () => {
        expect(product).toContain(home);
        expect(pattern.test(codeOf(home))).toBe(true);
        expect(product.filter((f) => f !== home && pattern.test(codeOf(f)))).toEqual([]);
      });
    }

    it("a scaling policy's instance counts: read only in server/domain/scaling-instances.ts (and by the schema and the form that write them)", () => {
      const COUNTS = new Set(['initialInstanceCount', 'minimumInstanceCount', 'maximumInstanceCount']);
      const allowed = new Set(['server/domain/scaling-instances.ts', 'server/validation/scaling.ts', 'components/deployments/wizard/scaling-form.ts']);
      const reads: string[] = [];
      for (const file of product.filter((f) => !allowed.has(f))) {
        const sf = parse(file);
        const visit = (node: ts.Node) => {
          const read =
            (ts.isPropertyAccessExpression(node) && (COUNTS.has(node.name.text) || (node.name.text === 'instanceCount' && /[pP]olicy$/.test(node.expression.getText(sf).replace(/[?!]$/, ''))))) ||
            (ts.isBindingElement(node) && COUNTS.has((node.propertyName ?? node.name).getText(sf)));
          if (read) reads.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`);
          ts.forEachChild(node, visit);
        };
        visit(sf);
      }
      expect(reads).toEqual([]);
    }, 60_000);
  });

  it('reads API request bodies only through the bounded reader', () => {
    // app/api/_lib/body.ts caps every body (1 MB JSON, refused on the declared length first).
    const unbounded = files
      .filter((f) => f.startsWith('app/api/') && f.endsWith('route.ts'))
      .filter((f) => /\b(req|request)\.(json|text|arrayBuffer|formData|blob)\(/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(unbounded).toEqual([]);
  });
});
