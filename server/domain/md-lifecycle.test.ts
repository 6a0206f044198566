import { describe, expect, it } from 'vitest';
import { allowedOperations, checkOperation, checkProjectDelete, isTransitional, type MdOperation } from './md-lifecycle';
import { MODEL_DEPLOYMENT_LIFECYCLE_STATES, type ModelDeploymentLifecycleState } from './oci-types';

const transition = (op: MdOperation, state: ModelDeploymentLifecycleState | null) => {
  const r = checkOperation(op, state);
  if (!r.ok) throw new Error(`expected ${op} from ${state} to be allowed: ${r.error.message}`);
  return r.data;
};

const refusal = (op: MdOperation, state: ModelDeploymentLifecycleState | null) => {
  const r = checkOperation(op, state);
  if (r.ok) throw new Error(`expected ${op} from ${state} to be refused`);
  return r.error;
};

describe('checkOperation', () => {
  it('creates through CREATING to ACTIVE or FAILED', () => {
    expect(transition('CREATE', null)).toEqual({ transitional: 'CREATING', onSuccess: 'ACTIVE', onFailure: 'FAILED' });
    expect(refusal('CREATE', 'ACTIVE').code).toBe('IncorrectState');
  });

  it('updates an ACTIVE or NEEDS_ATTENTION deployment, falling back to NEEDS_ATTENTION on failure', () => {
    for (const state of ['ACTIVE', 'NEEDS_ATTENTION'] as const) {
      expect(transition('UPDATE', state)).toEqual({ transitional: 'UPDATING', onSuccess: 'ACTIVE', onFailure: 'NEEDS_ATTENTION' });
    }
  });

  it('updates an INACTIVE deployment and keeps it INACTIVE either way', () => {
    expect(transition('UPDATE', 'INACTIVE')).toEqual({ transitional: 'UPDATING', onSuccess: 'INACTIVE', onFailure: 'INACTIVE' });
  });

  it('activates only from INACTIVE', () => {
    expect(transition('ACTIVATE', 'INACTIVE')).toEqual({ transitional: 'UPDATING', onSuccess: 'ACTIVE', onFailure: 'INACTIVE' });
    expect(refusal('ACTIVATE', 'ACTIVE').message).toBe(
      'Cannot activate the model deployment while it is ACTIVE; activate is allowed when INACTIVE.',
    );
  });

  it('deactivates from ACTIVE or NEEDS_ATTENTION', () => {
    for (const state of ['ACTIVE', 'NEEDS_ATTENTION'] as const) {
      expect(transition('DEACTIVATE', state)).toEqual({ transitional: 'UPDATING', onSuccess: 'INACTIVE', onFailure: 'NEEDS_ATTENTION' });
    }
    expect(refusal('DEACTIVATE', 'INACTIVE').state).toBe('INACTIVE');
  });

  it('deletes from every stable state except DELETED', () => {
    for (const state of ['ACTIVE', 'FAILED', 'INACTIVE', 'NEEDS_ATTENTION'] as const) {
      expect(transition('DELETE', state)).toEqual({ transitional: 'DELETING', onSuccess: 'DELETED', onFailure: 'FAILED' });
    }
  });

  it('moves compartments synchronously, staying in the same state', () => {
    for (const state of ['ACTIVE', 'INACTIVE', 'FAILED', 'NEEDS_ATTENTION'] as const) {
      expect(transition('CHANGE_COMPARTMENT', state)).toEqual({ transitional: null, onSuccess: state, onFailure: state });
    }
  });

  it('refuses every operation while a work request is running or after deletion', () => {
    for (const state of ['CREATING', 'UPDATING', 'DELETING', 'DELETED'] as const) {
      for (const op of ['UPDATE', 'ACTIVATE', 'DEACTIVATE', 'DELETE', 'CHANGE_COMPARTMENT', 'CREATE'] as const) {
        const e = refusal(op, state);
        expect(e).toMatchObject({ code: 'IncorrectState', operation: op, state });
      }
    }
  });

  it('explains the refusal with the state and where the operation is allowed', () => {
    expect(refusal('DEACTIVATE', 'UPDATING').message).toBe(
      'Cannot deactivate the model deployment while it is UPDATING; deactivate is allowed when ACTIVE or NEEDS_ATTENTION.',
    );
    expect(refusal('DELETE', 'DELETING').message).toBe(
      'Cannot delete the model deployment while it is DELETING; delete is allowed when ACTIVE, FAILED, INACTIVE or NEEDS_ATTENTION.',
    );
    expect(refusal('CHANGE_COMPARTMENT', 'CREATING').message).toMatch(/^Cannot move the model deployment while it is CREATING; move is allowed when/);
    expect(refusal('UPDATE', null).message).toMatch(/before it exists/);
  });
});

describe('allowedOperations', () => {
  it('lists what the console may offer in each state', () => {
    expect(allowedOperations(null)).toEqual(['CREATE']);
    expect(allowedOperations('ACTIVE')).toEqual(['UPDATE', 'DEACTIVATE', 'DELETE', 'CHANGE_COMPARTMENT']);
    expect(allowedOperations('INACTIVE')).toEqual(['UPDATE', 'ACTIVATE', 'DELETE', 'CHANGE_COMPARTMENT']);
    expect(allowedOperations('FAILED')).toEqual(['DELETE', 'CHANGE_COMPARTMENT']);
    expect(allowedOperations('NEEDS_ATTENTION')).toEqual(['UPDATE', 'DEACTIVATE', 'DELETE', 'CHANGE_COMPARTMENT']);
    expect(allowedOperations('UPDATING')).toEqual([]);
    expect(allowedOperations('DELETED')).toEqual([]);
  });
});

describe('isTransitional', () => {
  it('is true only for the states a work request holds', () => {
    const transitional = MODEL_DEPLOYMENT_LIFECYCLE_STATES.filter(isTransitional);
    expect(transitional).toEqual(['CREATING', 'DELETING', 'UPDATING']);
  });
});

describe('checkProjectDelete', () => {
  it('deletes an ACTIVE project through DELETING', () => {
    expect(checkProjectDelete('ACTIVE')).toEqual({ ok: true, data: { transitional: 'DELETING', onSuccess: 'DELETED', onFailure: 'ACTIVE' } });
  });

  it('refuses a project that is already being deleted or gone', () => {
    for (const state of ['DELETING', 'DELETED'] as const) {
      const r = checkProjectDelete(state);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toMatchObject({ code: 'IncorrectState', operation: 'DELETE', state });
        expect(r.error.message).toBe(`Cannot delete the project while it is ${state}; delete is allowed when ACTIVE.`);
      }
    }
  });
});
