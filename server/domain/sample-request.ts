// An example predict request for the invoke panel, from what the model says about its input:
// 1. its input schema: ADS's input_schema.json ({"schema": [{"name", "dtype", "feature_type",
//    "required", "domain": {...}}], "version"}), shaped as ADS's generated score.py reads it
//    ({"data": {column: [values]}}), or a JSON Schema (its examples, defaults, or placeholders);
// 2. an example: an input schema that is neither form is taken as an example body, as it is;
// 3. the keys score.py's predict() subscripts on its data (a conda deployment only);
// An MLflow model served natively (no score.py) answers MLflow's scoring protocol instead: its
// saved input example, else one row of its signature's columns as dataframe_split, comes first.
// 4. otherwise the runtime's documented convention: the JSON body reaches predict(data) as it is,
//    and {"instances": [[...]]} is the row-list shape OCI's samples send.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type SampleSource = 'ads-schema' | 'json-schema' | 'example' | 'score-py' | 'mlflow-example' | 'mlflow-signature' | 'none';

export interface SampleRequest {
  source: SampleSource;
  body: JsonValue;
  /** One or two sentences for the user: where the sample comes from and what to change. */
  note: string;
}

export interface SampleContext {
  /** The keys score.py's predict() reads from its input (see score-hints.ts). */
  inputKeys?: readonly string[];
  /** What answers: Berth's model server running score.py, or the user's own container. */
  serving?: 'conda' | 'container';
  /** An MLflow model served natively: its input example (a scoring request) and its signature's sample. */
  mlflow?: { example?: JsonValue; signatureSample?: JsonValue };
}

export const FALLBACK_SAMPLE: JsonValue = { instances: [[1.0, 2.0, 3.0]] };
const PLACEHOLDER_VALUES: JsonValue = [1.0, 2.0, 3.0];

function fallbackNote(serving: SampleContext['serving']): string {
  return serving === 'container'
    ? "The model has no input schema, so this is only a common shape (OCI's instances convention), not what your container expects: its server receives this JSON at its predict endpoint. Replace it with your model's input."
    : "The model has no input schema, so this is only a common shape (OCI's instances convention), not what your model expects: score.py's predict(data) receives this JSON as `data`. Replace it with your model's input.";
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fallback(ctx: SampleContext, prefix = ''): SampleRequest {
  const keys = ctx.serving === 'container' ? [] : (ctx.inputKeys ?? []);
  if (keys.length > 0) {
    const body: Record<string, JsonValue> = {};
    for (const key of keys) body[key] = key === 'instances' ? [PLACEHOLDER_VALUES] : PLACEHOLDER_VALUES;
    const named = keys.map((k) => `data["${k}"]`).join(', ');
    return {
      source: 'score-py',
      body,
      note: `${prefix}The model has no input schema; score.py's predict() reads ${named}, so the sample sets ${keys.length === 1 ? 'it' : 'them'} to placeholder numbers. Replace them with your model's input.`,
    };
  }
  return { source: 'none', body: FALLBACK_SAMPLE, note: `${prefix}${fallbackNote(ctx.serving)}` };
}

/** Builds the sample; never throws, whatever the model's inputSchema holds. */
export function buildSampleRequest(inputSchema: string | null | undefined, ctx: SampleContext = {}): SampleRequest {
  if (ctx.mlflow && ctx.serving !== 'container') return mlflowSample(ctx.mlflow);
  if (!inputSchema || !inputSchema.trim()) return fallback(ctx);
  let parsed: unknown;
  try {
    parsed = JSON.parse(inputSchema);
  } catch {
    return fallback(ctx, "The model's input schema is not valid JSON, so it could not guide this sample. ");
  }
  if (isObj(parsed) && Array.isArray(parsed.schema)) {
    const columns = parsed.schema.filter(isObj).filter((c) => typeof c.name === 'string');
    if (columns.length > 0) {
      const data: Record<string, JsonValue> = {};
      for (const c of columns) data[c.name as string] = [adsExample(c)];
      return {
        source: 'ads-schema',
        body: { data },
        note: `Built from the model's input schema (${columns.length} feature${columns.length === 1 ? '' : 's'}): one row with typical values. Change them to score your own data.`,
      };
    }
    return fallback(ctx, "The model's input schema lists no features, so it could not guide this sample. ");
  }
  if (isObj(parsed) && looksLikeJsonSchema(parsed)) {
    return {
      source: 'json-schema',
      body: jsonSchemaExample(parsed, parsed, 0),
      note: "Built from the model's input schema (JSON Schema), with example, default or placeholder values.",
    };
  }
  if (isObj(parsed) || Array.isArray(parsed)) {
    return { source: 'example', body: parsed as JsonValue, note: "The model's input schema is an example request, sent as it is. Change it to score your own data." };
  }
  return fallback(ctx, "The model's input schema is in a form this console does not read. ");
}

function mlflowSample(m: NonNullable<SampleContext['mlflow']>): SampleRequest {
  if (m.example !== undefined) {
    return { source: 'mlflow-example', body: m.example, note: "The MLflow model's saved input example, in MLflow's scoring protocol. Change it to score your own data; the answer is {\"predictions\": [...]}." };
  }
  if (m.signatureSample !== undefined) {
    return {
      source: 'mlflow-signature',
      body: m.signatureSample,
      note: "One row of placeholder values in the columns of the MLflow model's signature (dataframe_split); dataframe_records, instances and inputs are taken too. Requests are checked against the signature.",
    };
  }
  return {
    source: 'none',
    body: FALLBACK_SAMPLE,
    note: "The MLflow model has no signature or input example, so this is only MLflow's instances form, not what your model expects. Replace it with your model's input.",
  };
}

// ---- ADS schema -------------------------------------------------------------------------------

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const round = (n: number) => Math.round(n * 1000) / 1000;

function adsExample(column: Obj): JsonValue {
  const dtype = typeof column.dtype === 'string' ? column.dtype.toLowerCase() : '';
  const featureType = typeof column.feature_type === 'string' ? column.feature_type.toLowerCase() : '';
  const domain = isObj(column.domain) ? column.domain : {};
  const stats = isObj(domain.stats) ? domain.stats : {};
  const values = domain.values;

  if (dtype.startsWith('bool') || featureType === 'boolean') return typeof stats.top === 'boolean' ? stats.top : false;
  if (dtype.startsWith('datetime') || featureType === 'datetime' || featureType === 'date_time') return '2024-01-01T00:00:00';
  if (dtype.startsWith('int') || dtype.startsWith('uint') || featureType === 'integer' || featureType === 'ordinal') {
    const n = num(stats.mean) ?? num(stats.min) ?? num(stats['25%']);
    return n === undefined ? 0 : Math.round(n);
  }
  if (dtype.startsWith('float') || featureType === 'continuous') {
    const n = num(stats.mean) ?? num(stats.min);
    return n === undefined ? 0.0 : round(n);
  }
  // Categories: ADS keeps the observed values in domain.values (a list or a descriptive string) or
  // the most frequent one in stats.top.
  if (Array.isArray(values) && values.length > 0 && isScalar(values[0])) return values[0] as JsonValue;
  if (typeof stats.top === 'string' || typeof stats.top === 'number') return stats.top;
  return 'text';
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

// ---- JSON Schema ------------------------------------------------------------------------------

const SCHEMA_KEYS = ['type', 'properties', 'items', '$schema', 'oneOf', 'anyOf', 'allOf', '$ref', 'enum', 'const'];
const looksLikeJsonSchema = (o: Obj) => SCHEMA_KEYS.some((k) => k in o);
const MAX_DEPTH = 8;

function resolveRef(root: Obj, ref: string): Obj | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (!isObj(node)) return undefined;
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return isObj(node) ? node : undefined;
}

function jsonSchemaExample(schema: Obj, root: Obj, depth: number): JsonValue {
  if (depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(root, schema.$ref);
    return target ? jsonSchemaExample(target, root, depth + 1) : null;
  }
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0] as JsonValue;
  if ('example' in schema) return schema.example as JsonValue;
  if ('default' in schema) return schema.default as JsonValue;
  if ('const' in schema) return schema.const as JsonValue;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] as JsonValue;
  for (const key of ['oneOf', 'anyOf'] as const) {
    const first = Array.isArray(schema[key]) ? (schema[key] as unknown[]).find(isObj) : undefined;
    if (first) return jsonSchemaExample(first, root, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.filter(isObj).map((s) => jsonSchemaExample(s, root, depth + 1));
    if (parts.every(isObj)) return Object.assign({}, ...parts) as JsonValue;
    return parts[0] ?? null;
  }

  const type: unknown = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || (type === undefined && isObj(schema.properties))) {
    const out: Record<string, JsonValue> = {};
    const props = isObj(schema.properties) ? schema.properties : {};
    for (const [name, prop] of Object.entries(props)) if (isObj(prop)) out[name] = jsonSchemaExample(prop, root, depth + 1);
    return out;
  }
  if (type === 'array' || (type === undefined && 'items' in schema)) {
    const items = Array.isArray(schema.prefixItems) ? schema.prefixItems.filter(isObj) : [];
    if (items.length > 0) return items.map((s) => jsonSchemaExample(s, root, depth + 1));
    const item = isObj(schema.items) ? jsonSchemaExample(schema.items, root, depth + 1) : 1.0;
    const count = Math.max(1, Math.min(num(schema.minItems) ?? 1, 10));
    return Array.from({ length: count }, () => item);
  }
  if (type === 'string') return stringExample(schema);
  if (type === 'integer') return Math.ceil(num(schema.minimum) ?? num(schema.exclusiveMinimum) ?? 0);
  if (type === 'number') return num(schema.minimum) ?? 0.0;
  if (type === 'boolean') return false;
  return null;
}

function stringExample(schema: Obj): string {
  switch (schema.format) {
    case 'date-time':
      return '2024-01-01T00:00:00Z';
    case 'date':
      return '2024-01-01';
    case 'email':
      return 'user@example.com';
    case 'uri':
      return 'https://example.com';
    default:
      return 'text';
  }
}
