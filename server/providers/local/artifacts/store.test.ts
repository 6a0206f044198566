import { describe, expect, it } from 'vitest';
import { definesFunction } from './store';

// The upload's reading of score.py: every top-level way of giving it the name counts, so the
// checklist does not call a servable artifact broken.
describe('definesFunction', () => {
  it('finds a def, an async def, an assignment and an import at the top level', () => {
    for (const source of ['def predict(data, model=None):\n    return data', 'async def predict(data):\n    pass', 'predict = _double', 'from helpers import load_model, predict', 'import predict']) {
      expect(definesFunction(source, 'predict'), source).toBe(true);
    }
  });

  it('reads past a UTF-8 byte order mark', () => {
    expect(definesFunction('\uFEFFdef predict(data):\n    return data', 'predict')).toBe(true);
  });

  it('does not take an indented def, a comparison, another name or a comment', () => {
    for (const source of ['class M:\n    def predict(self):\n        pass', 'predict == 1', 'def predict_proba(data):', 'def predictor(data):', 'import os  # predict later', '# def predict(']) {
      expect(definesFunction(source, 'predict'), source).toBe(false);
    }
  });
});
