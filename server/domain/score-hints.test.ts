import { describe, expect, it } from 'vitest';
import { predictInputKeys } from './score-hints';

describe('predictInputKeys', () => {
  it("finds the keys predict() subscripts on its data argument (the e2e suite's and the runtime's example models)", () => {
    // e2e/support-deployments.ts: the doubling model.
    expect(predictInputKeys('def load_model():\n    return 2\n\ndef predict(data, model=None):\n    return {"prediction": [x * 2 for x in data["x"]]}\n')).toEqual(['x']);
    // runtimes/model-server/test_berth_model_server.py and e2e/models.spec.ts: data["values"].
    expect(predictInputKeys("def predict(data, model=load_model()):\n    if isinstance(data, dict):\n        return [x * model['weight'] for x in data['values']]\n")).toEqual(['values']);
    // tests/integration: a scikit-learn model reading OCI's instances convention.
    expect(predictInputKeys('def predict(data, model=None):\n    model = model or load_model()\n    return {"prediction": model.predict(data["instances"]).tolist()}\n')).toEqual(['instances']);
  });

  it('leaves out optional reads, other variables, other functions and repeats', () => {
    const source = [
      'def helper(data):',
      '    return data["not_predict"]',
      '',
      'def predict(payload, model=None):',
      '    if payload.get("boom"):',
      '        raise ValueError("boom")',
      '    other = {}',
      '    a = payload["a"] + mydata["z"] + other["q"]',
      '    return payload["a"], payload[ \'b\' ], payload[0]',
      '',
      'def after(payload):',
      '    return payload["later"]',
    ].join('\n');
    expect(predictInputKeys(source)).toEqual(['a', 'b']);
  });

  it('is empty without a predict(), or when predict() reads no keys', () => {
    expect(predictInputKeys('def load_model():\n    return 1\n')).toEqual([]);
    expect(predictInputKeys('def predict(data, model=None):\n    return data\n')).toEqual([]);
    expect(predictInputKeys('class M:\n    def predict(self, data):\n        return data["x"]\n')).toEqual([]);
  });
});
