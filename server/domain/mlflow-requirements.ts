// An MLflow model's requirements (requirements.txt, python_env.yaml, conda.yaml) against the
// packages of the runtime environment that will serve it: each package is found with a version
// that fits, found with another version, missing, or not needed (mlflow itself: Berth reads the
// MLmodel without it). Version specifiers follow PEP 440 for release numbers (==, !=, <, <=, >,
// >=, ~=, ===, ==X.*) and conda's `name=1.2` (1.2.*); pre-release and local parts are ignored.

export interface Requirement {
  /** The name as written. */
  name: string;
  /** PEP 503 normalised: lower case, runs of -_. as one -. */
  key: string;
  /** Comma-separated clauses, '' for any version. */
  spec: string;
  /** The file it came from. */
  source: string;
}

export type RequirementStatus = 'ok' | 'version' | 'missing' | 'not-needed' | 'unchecked';

export interface RequirementCheck {
  name: string;
  spec: string;
  source: string;
  status: RequirementStatus;
  /** The version in the runtime environment, when it has the package. */
  installed?: string;
  message: string;
}

export const normalizeName = (name: string) => name.trim().toLowerCase().replace(/[-_.]+/g, '-');

// Tools that build environments, not what a model imports.
const BUILD_TOOLS = new Set(['pip', 'setuptools', 'wheel', 'python', 'conda']);
// Served natively without it: Berth reads the MLmodel itself.
const NOT_NEEDED = new Set(['mlflow', 'mlflow-skinny']);

/** A pip requirement line (requirements.txt, python_env.yaml's dependencies, conda.yaml's pip list). */
export function parsePipRequirement(line: string, source: string): Requirement | { unparsed: string; source: string } | null {
  const text = line.replace(/\s+#.*$/, '').replace(/^#.*$/, '').trim();
  if (!text) return null;
  // Options (-r, -c, --index-url), paths and URLs name no package this check can look up.
  if (text.startsWith('-') || text.includes('://') || text.startsWith('.') || text.startsWith('/')) return { unparsed: text, source };
  const withoutMarker = text.split(';')[0]?.trim() ?? '';
  const m = withoutMarker.match(/^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$/);
  if (!m?.[1]) return { unparsed: text, source };
  const spec = (m[2] ?? '').replace(/^\((.*)\)$/, '$1').replace(/\s+/g, '');
  if (spec && !/^(?:(?:===|==|!=|~=|<=|>=|<|>)[A-Za-z0-9.*+!_-]+,?)+$/.test(spec)) return { unparsed: text, source };
  return { name: m[1], key: normalizeName(m[1]), spec: spec.replace(/,$/, ''), source };
}

/** A conda dependency: `numpy`, `numpy=1.24`, `numpy==1.24.2`, `numpy>=1.2`, `numpy=1.24.2=py311_0`, `conda-forge::numpy`. */
export function parseCondaDependency(dep: string, source: string): Requirement | { unparsed: string; source: string } | null {
  const text = dep.trim();
  if (!text) return null;
  const m = text.replace(/^[\w.-]+::/, '').match(/^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$/);
  if (!m?.[1]) return { unparsed: text, source };
  let spec = (m[2] ?? '').replace(/\s+/g, '');
  // name=version[=build]: the version matches as a prefix (conda's fuzzy equality).
  const fuzzy = spec.match(/^=([^=<>!~,]+)(?:=.*)?$/);
  if (fuzzy?.[1]) spec = fuzzy[1].endsWith('*') ? `==${fuzzy[1]}` : `==${fuzzy[1]}.*`;
  const exact = spec.match(/^==([^=]+)=.+$/);
  if (exact?.[1]) spec = `==${exact[1]}`;
  if (spec && !/^(?:(?:===|==|!=|~=|<=|>=|<|>)[A-Za-z0-9.*+!_-]+,?)+$/.test(spec)) return { unparsed: text, source };
  return { name: m[1], key: normalizeName(m[1]), spec: spec.replace(/,$/, ''), source };
}

/** The release numbers of a version: "1.24.2rc1+local" -> [1, 24, 2]. */
export function releaseOf(version: string): number[] {
  const m = version.trim().replace(/^v/i, '').replace(/^\d+!/, '').match(/^\d+(?:\.\d+)*/);
  return m ? m[0].split('.').map(Number) : [];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

const startsWith = (v: number[], prefix: number[]) => prefix.every((p, i) => (v[i] ?? 0) === p);

/** Whether an installed version satisfies every clause of a specifier. */
export function satisfies(installed: string, spec: string): boolean {
  if (!spec) return true;
  const v = releaseOf(installed);
  return spec.split(',').every((clause) => {
    const m = clause.match(/^(===|==|!=|~=|<=|>=|<|>)(.+)$/);
    if (!m?.[1] || !m[2]) return false;
    const [, op, target] = m;
    if (op === '===') return installed.trim() === target;
    if ((op === '==' || op === '!=') && target.endsWith('.*')) {
      const hit = startsWith(v, releaseOf(target.slice(0, -2)));
      return op === '==' ? hit : !hit;
    }
    const t = releaseOf(target);
    const c = compare(v, t);
    switch (op) {
      case '==':
        return c === 0;
      case '!=':
        return c !== 0;
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
      default:
        // ~=1.4.5 is >=1.4.5 and ==1.4.*
        return c >= 0 && t.length > 1 && startsWith(v, t.slice(0, -1));
    }
  });
}

/** Each requirement once (the first source wins), checked against the environment's packages. */
export function checkRequirements(
  parsed: readonly (Requirement | { unparsed: string; source: string })[],
  env: { slug: string; installed: Readonly<Record<string, string>> },
): RequirementCheck[] {
  const installed = new Map(Object.entries(env.installed).map(([name, version]) => [normalizeName(name), version]));
  const seen = new Set<string>();
  const out: RequirementCheck[] = [];
  for (const r of parsed) {
    if ('unparsed' in r) {
      out.push({ name: r.unparsed, spec: '', source: r.source, status: 'unchecked', message: `${r.unparsed} (${r.source}) is not a package name this check can look up; it was not checked.` });
      continue;
    }
    if (BUILD_TOOLS.has(r.key) || seen.has(r.key)) continue;
    seen.add(r.key);
    const wanted = `${r.name}${r.spec}`;
    const version = installed.get(r.key);
    if (NOT_NEEDED.has(r.key)) {
      out.push({ name: r.name, spec: r.spec, source: r.source, status: 'not-needed', message: `${wanted}: not needed, Berth reads the MLmodel and serves the model without mlflow.` });
    } else if (version === undefined) {
      out.push({ name: r.name, spec: r.spec, source: r.source, status: 'missing', message: `${wanted} (${r.source}) is missing: ${env.slug} does not have ${r.name}.` });
    } else if (!satisfies(version, r.spec)) {
      out.push({ name: r.name, spec: r.spec, source: r.source, status: 'version', installed: version, message: `${wanted} (${r.source}): ${env.slug} has ${r.name} ${version}.` });
    } else {
      out.push({ name: r.name, spec: r.spec, source: r.source, status: 'ok', installed: version, message: `${wanted}: ${env.slug} has ${r.name} ${version}.` });
    }
  }
  return out;
}
