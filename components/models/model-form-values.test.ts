import { describe, expect, it } from 'vitest';
import {
  customMetadataFromRows,
  definedMetadataFromTaxonomy,
  emptyProvenance,
  emptyTaxonomy,
  formErrorsOf,
  newCustomRow,
  provenanceFromValues,
  rowsFromCustomMetadata,
  taxonomyFromMetadata,
} from './model-form-values';

describe('model form values', () => {
  it('turns taxonomy fields into a definedMetadataList and back', () => {
    const t = { ...emptyTaxonomy(), Framework: 'xgboost', UseCaseType: 'regression' };
    const list = definedMetadataFromTaxonomy(t);
    expect(list).toEqual([
      { key: 'UseCaseType', value: 'regression' },
      { key: 'Framework', value: 'xgboost' },
    ]);
    expect(taxonomyFromMetadata([...list, { key: 'Unknown', value: 'x' }])).toEqual(t);
  });

  it('leaves blank custom rows out and remembers which row each item came from', () => {
    const rows = [newCustomRow({ key: 'auc', value: '0.9', category: 'Performance' }), newCustomRow(), newCustomRow({ key: 'x', value: '', description: 'd' })];
    const { list, rowIds } = customMetadataFromRows(rows);
    expect(list).toEqual([
      { key: 'auc', value: '0.9', category: 'Performance' },
      { key: 'x', value: '', category: 'other', description: 'd' },
    ]);
    expect(rowIds).toEqual([rows[0]?.id, rows[2]?.id]);
    expect(rowsFromCustomMetadata([{ key: 'auc', value: '0.9' }])[0]).toMatchObject({ key: 'auc', value: '0.9', category: 'other', description: '' });
  });

  it('sends provenance only when something is filled in', () => {
    expect(provenanceFromValues(emptyProvenance())).toBeUndefined();
    expect(provenanceFromValues({ ...emptyProvenance(), gitBranch: 'main' })).toEqual({ gitBranch: 'main' });
  });

  it('maps list errors back to the fields', () => {
    const errors = {
      'definedMetadataList.1.value': 'bad framework',
      'customMetadataList.0.key': 'dup',
      'customMetadataList.5.key': 'no such row',
      inputSchema: 'not JSON',
    };
    expect(formErrorsOf(errors, [{ key: 'UseCaseType' }, { key: 'Framework' }], ['r1'])).toEqual({
      'taxonomy.Framework': 'bad framework',
      'custom.r1.key': 'dup',
      'customMetadataList.5.key': 'no such row',
      inputSchema: 'not JSON',
    });
  });
});
