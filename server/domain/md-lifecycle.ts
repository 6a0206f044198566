import { MODEL_DEPLOYMENT_LIFECYCLE_STATES, type ModelDeploymentLifecycleState, type ProjectLifecycleState } from './oci-types';
import { err, ok, type DomainError, type Result } from './result';

// Model deployment state machine (OCI-SPEC C). Activate and deactivate have no state of their own
// in the API enum, so they pass through UPDATING like OCI's own console shows.

export const MD_OPERATIONS = ['CREATE', 'UPDATE', 'ACTIVATE', 'DEACTIVATE', 'DELETE', 'CHANGE_COMPARTMENT'] as const;
export type MdOperation = (typeof MD_OPERATIONS)[number];

export interface Transition<S extends string = ModelDeploymentLifecycleState> {
  /** The state while the work request runs; null for synchronous operations. */
  transitional: S | null;
  onSuccess: S;
  onFailure: S;
}

export interface IncorrectStateError<O extends string = MdOperation, S extends string = ModelDeploymentLifecycleState>
  extends DomainError {
  code: 'IncorrectState';
  operation: O;
  /** Null when the resource does not exist yet. */
  state: S | null;
}

type MdState = ModelDeploymentLifecycleState;
type Rule = Partial<Record<MdState, Transition>>;

const TRANSITIONAL_STATES: readonly MdState[] = ['CREATING', 'UPDATING', 'DELETING'];

const deleteFrom = (): Transition => ({ transitional: 'DELETING', onSuccess: 'DELETED', onFailure: 'FAILED' });
const stay = (state: MdState): Transition => ({ transitional: null, onSuccess: state, onFailure: state });

const RULES: Record<Exclude<MdOperation, 'CREATE'>, Rule> = {
  UPDATE: {
    // A failed in-place update leaves the old configuration serving, which is what NEEDS_ATTENTION means.
    ACTIVE: { transitional: 'UPDATING', onSuccess: 'ACTIVE', onFailure: 'NEEDS_ATTENTION' },
    NEEDS_ATTENTION: { transitional: 'UPDATING', onSuccess: 'ACTIVE', onFailure: 'NEEDS_ATTENTION' },
    INACTIVE: { transitional: 'UPDATING', onSuccess: 'INACTIVE', onFailure: 'INACTIVE' },
  },
  ACTIVATE: {
    INACTIVE: { transitional: 'UPDATING', onSuccess: 'ACTIVE', onFailure: 'INACTIVE' },
  },
  DEACTIVATE: {
    ACTIVE: { transitional: 'UPDATING', onSuccess: 'INACTIVE', onFailure: 'NEEDS_ATTENTION' },
    NEEDS_ATTENTION: { transitional: 'UPDATING', onSuccess: 'INACTIVE', onFailure: 'NEEDS_ATTENTION' },
  },
  DELETE: { ACTIVE: deleteFrom(), FAILED: deleteFrom(), INACTIVE: deleteFrom(), NEEDS_ATTENTION: deleteFrom() },
  CHANGE_COMPARTMENT: {
    ACTIVE: stay('ACTIVE'),
    INACTIVE: stay('INACTIVE'),
    FAILED: stay('FAILED'),
    NEEDS_ATTENTION: stay('NEEDS_ATTENTION'),
  },
};

const CREATE: Transition = { transitional: 'CREATING', onSuccess: 'ACTIVE', onFailure: 'FAILED' };

export const OPERATION_VERBS: Record<MdOperation, string> = {
  CREATE: 'create',
  UPDATE: 'update',
  ACTIVATE: 'activate',
  DEACTIVATE: 'deactivate',
  DELETE: 'delete',
  CHANGE_COMPARTMENT: 'move',
};

const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

function incorrectState<O extends string, S extends string>(
  operation: O,
  state: S | null,
  verb: string,
  resource: string,
  allowedFrom: readonly string[],
): IncorrectStateError<O, S> {
  const where = state === null ? 'before it exists' : `while it is ${state}`;
  const allowed = allowedFrom.length > 0 ? `${verb} is allowed when ${orList(allowedFrom)}` : `${verb} is only possible for a new ${resource}`;
  return {
    code: 'IncorrectState',
    operation,
    state,
    message: `Cannot ${verb} the ${resource} ${where}; ${allowed}.`,
  };
}

/** The states an operation may start from, in the order of the lifecycle enum. */
export function allowedStates(op: MdOperation): MdState[] {
  if (op === 'CREATE') return [];
  const rule = RULES[op];
  return MODEL_DEPLOYMENT_LIFECYCLE_STATES.filter((s) => rule[s] !== undefined);
}

export function checkOperation(op: MdOperation, currentState: MdState | null): Result<Transition, IncorrectStateError> {
  if (op === 'CREATE') {
    return currentState === null ? ok(CREATE) : err(incorrectState(op, currentState, 'create', 'model deployment', []));
  }
  const transition = currentState === null ? undefined : RULES[op][currentState];
  if (!transition) {
    return err(incorrectState(op, currentState, OPERATION_VERBS[op], 'model deployment', allowedStates(op)));
  }
  return ok(transition);
}

export function allowedOperations(state: MdState | null): MdOperation[] {
  return MD_OPERATIONS.filter((op) => checkOperation(op, state).ok);
}

export const isTransitional = (state: MdState): boolean => TRANSITIONAL_STATES.includes(state);

// ---- Projects: ACTIVE -> DELETING -> DELETED through a work request ------------------------

export type ProjectOperation = 'DELETE';

export function checkProjectDelete(
  state: ProjectLifecycleState,
): Result<Transition<ProjectLifecycleState>, IncorrectStateError<ProjectOperation, ProjectLifecycleState>> {
  if (state !== 'ACTIVE') return err(incorrectState('DELETE', state, 'delete', 'project', ['ACTIVE']));
  return ok({ transitional: 'DELETING', onSuccess: 'DELETED', onFailure: 'ACTIVE' });
}
