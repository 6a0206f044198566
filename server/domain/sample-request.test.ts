import { describe, expect, it } from 'vitest';
import { buildSampleRequest, FALLBACK_SAMPLE } from './sample-request';

// An input_schema.json as ADS writes it for scikit-learn's iris data (trimmed to three features).
const ADS_IRIS = JSON.stringify({
  schema: [
    {
      dtype: 'float64',
      feature_type: 'Continuous',
      name: 'sepal length (cm)',
      domain: { values: 'Continuous', stats: { count: 150.0, mean: 5.843333, std: 0.8280661, min: 4.3, '25%': 5.1, '50%': 5.8, '75%': 6.4, max: 7.9 }, constraints: [] },
      required: true,
      description: 'sepal length (cm)',
      order: 0,
    },
    {
      dtype: 'int64',
      feature_type: 'Integer',
      name: 'petals',
      domain: { values: 'Integer', stats: { count: 150, mean: 4.6, min: 3, max: 6 }, constraints: [] },
      required: true,
      order: 1,
    },
    {
      dtype: 'object',
      feature_type: 'Category',
      name: 'species',
      domain: { values: ['setosa', 'versicolor', 'virginica'], stats: { count: 150, unique: 3 }, constraints: [] },
      required: false,
      order: 2,
    },
    { dtype: 'bool', feature_type: 'Boolean', name: 'wild', required: true },
    { dtype: 'datetime64[ns]', feature_type: 'DateTime', name: 'seen', required: true },
    { dtype: 'object', feature_type: 'String', name: 'note', domain: { stats: { top: 'fresh' } } },
  ],
  version: '1.1',
});

describe('buildSampleRequest', () => {
  it('falls back to an instances example when there is no schema', () => {
    for (const schema of [undefined, null, '', '   ']) {
      const s = buildSampleRequest(schema);
      expect(s.source).toBe('none');
      expect(s.body).toEqual(FALLBACK_SAMPLE);
      expect(s.note).toMatch(/no input schema/);
    }
  });

  it('says so when the schema is not JSON or not a known form', () => {
    expect(buildSampleRequest('{not json').note).toMatch(/not valid JSON/);
    expect(buildSampleRequest('"just text"').note).toMatch(/does not read/);
    expect(buildSampleRequest('42').source).toBe('none');
    expect(buildSampleRequest('{"schema": []}').source).toBe('none');
  });

  it('sends an input schema that is an example request as it is', () => {
    expect(buildSampleRequest('{"x": [4, 5]}')).toMatchObject({ source: 'example', body: { x: [4, 5] } });
    expect(buildSampleRequest('[[1, 2]]')).toMatchObject({ source: 'example', body: [[1, 2]] });
  });

  it("without a schema, fills the keys score.py's predict() reads", () => {
    const s = buildSampleRequest(null, { inputKeys: ['x'], serving: 'conda' });
    expect(s).toMatchObject({ source: 'score-py', body: { x: [1, 2, 3] } });
    expect(s.note).toContain('data["x"]');
    expect(buildSampleRequest('', { inputKeys: ['instances', 'scale'] }).body).toEqual({ instances: [[1, 2, 3]], scale: [1, 2, 3] });
    // A schema, when there is one, wins over the hints; a broken one falls back to them.
    expect(buildSampleRequest('{"x": [9]}', { inputKeys: ['y'] }).body).toEqual({ x: [9] });
    expect(buildSampleRequest('{oops', { inputKeys: ['y'] }).body).toEqual({ y: [1, 2, 3] });
  });

  it("does not speak of score.py for a custom container, whose own server answers", () => {
    const s = buildSampleRequest(null, { inputKeys: ['x'], serving: 'container' });
    expect(s.source).toBe('none');
    expect(s.body).toEqual(FALLBACK_SAMPLE);
    expect(s.note).not.toMatch(/score\.py/);
    expect(s.note).toMatch(/container/);
  });

  it('builds one row of an ADS schema, shaped for ADS score.py ({"data": {column: [value]}})', () => {
    const s = buildSampleRequest(ADS_IRIS);
    expect(s.source).toBe('ads-schema');
    expect(s.body).toEqual({
      data: {
        'sepal length (cm)': [5.843],
        petals: [5],
        species: ['setosa'],
        wild: [false],
        seen: ['2024-01-01T00:00:00'],
        note: ['fresh'],
      },
    });
    expect(s.note).toMatch(/6 features/);
  });

  it('uses type defaults for ADS columns without statistics', () => {
    const s = buildSampleRequest(JSON.stringify({ schema: [{ name: 'x', dtype: 'float32' }, { name: 'n', dtype: 'uint8' }, { name: 'c', dtype: 'category' }] }));
    expect(s.body).toEqual({ data: { x: [0], n: [0], c: ['text'] } });
  });

  it('builds an example from a JSON Schema, preferring examples, defaults and enums', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['x'],
      properties: {
        x: { type: 'array', items: { type: 'number' }, minItems: 3 },
        label: { type: 'string', enum: ['a', 'b'] },
        threshold: { type: 'number', default: 0.5 },
        name: { type: 'string', examples: ['alice'] },
        when: { type: 'string', format: 'date-time' },
        count: { type: ['integer', 'null'], minimum: 2 },
        flag: { type: 'boolean' },
        point: { $ref: '#/$defs/point' },
        either: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        merged: { allOf: [{ type: 'object', properties: { a: { const: 1 } } }, { properties: { b: { type: 'string' } } }] },
      },
      $defs: { point: { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number', example: 2.35 } } } },
    };
    const s = buildSampleRequest(JSON.stringify(schema));
    expect(s.source).toBe('json-schema');
    expect(s.body).toEqual({
      x: [0, 0, 0],
      label: 'a',
      threshold: 0.5,
      name: 'alice',
      when: '2024-01-01T00:00:00Z',
      count: 2,
      flag: false,
      point: { lat: 0, lon: 2.35 },
      either: 'text',
      merged: { a: 1, b: 'text' },
    });
  });

  it('survives recursive references and broken refs', () => {
    const schema = { type: 'object', properties: { self: { $ref: '#' }, gone: { $ref: '#/definitions/none' }, ext: { $ref: 'other.json' } } };
    const s = buildSampleRequest(JSON.stringify(schema));
    expect(s.source).toBe('json-schema');
    const body = s.body as Record<string, unknown>;
    expect(body.gone).toBeNull();
    expect(body.ext).toBeNull();
    expect(JSON.stringify(body).length).toBeLessThan(2000);
  });

  it('handles a top-level array schema (a batch of rows)', () => {
    const s = buildSampleRequest(JSON.stringify({ type: 'array', items: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'integer' }] } }));
    expect(s.body).toEqual([[0, 0]]);
  });
});
