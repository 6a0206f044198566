import { describe, expect, it } from 'vitest';
import { checkOperation, MD_OPERATIONS } from './md-lifecycle';
import { transitionDetails } from './md-lifecycle-details';

describe('transitionDetails', () => {
  it('says what each operation does, never the state it leaves', () => {
    expect(transitionDetails('DEACTIVATE', 'ACTIVE')).toMatch(/^Deactivating: .*404/);
    expect(transitionDetails('ACTIVATE', 'INACTIVE')).toMatch(/^Activating/);
    expect(transitionDetails('UPDATE', 'ACTIVE')).toMatch(/keeps serving/);
    expect(transitionDetails('UPDATE', 'INACTIVE')).toMatch(/applies when the deployment is activated/);
    expect(transitionDetails('DELETE', 'FAILED')).toMatch(/^Deleting/);
    expect(transitionDetails('CREATE', null)).toBe('Creating the model deployment.');
  });

  it('has a text for every operation that passes through a transitional state', () => {
    for (const op of MD_OPERATIONS) {
      if (op === 'CHANGE_COMPARTMENT') continue;
      const from = op === 'CREATE' ? null : op === 'ACTIVATE' ? 'INACTIVE' : 'ACTIVE';
      const t = checkOperation(op, from);
      expect(t.ok && t.data.transitional).toBeTruthy();
      expect(transitionDetails(op, from)).not.toMatch(/is Active|is Inactive/);
    }
  });
});
