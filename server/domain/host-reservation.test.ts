import { describe, expect, it } from 'vitest';
import { askedInstanceCount, overcommitOf, reservationOf, type ReservingDeployment } from './host-reservation';

const GB = 1024 ** 3;
const HOST = { cpus: 2, memoryBytes: 23 * GB, nvidiaRuntime: false };

const deployment = (lifecycleState: string, ocpus: number, memoryInGBs: number, instanceCount: number, currentInstanceCount?: number): ReservingDeployment => ({
  lifecycleState,
  modelConfigurationDetails: {
    modelId: 'ocid1.datasciencemodel.oc1.test.m',
    instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus, memoryInGBs } },
    scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount },
  },
  ...(currentInstanceCount === undefined ? {} : { currentInstanceCount }),
});

describe('reservationOf', () => {
  it('sums the instances of creating, active and updating deployments, each as fitted to the host', () => {
    const r = reservationOf(
      [
        deployment('ACTIVE', 1, 6, 2),
        deployment('CREATING', 1, 16, 1),
        deployment('UPDATING', 4, 64, 1), // fitted: 2 CPUs and 23 GB
        deployment('INACTIVE', 1, 6, 5),
        deployment('FAILED', 1, 6, 5),
        deployment('DELETED', 1, 6, 5),
      ],
      HOST,
    );
    expect(r).toEqual({ deployments: 3, instances: 4, cpus: 2 + 1 + 2, memoryBytes: 12 * GB + 16 * GB + 23 * GB });
  });

  it('counts what runs when the system data says so, else the scaling policy', () => {
    expect(reservationOf([deployment('ACTIVE', 1, 6, 3, 1)], HOST).instances).toBe(1);
    // A creating deployment runs none yet, but its instances are being started.
    expect(reservationOf([deployment('CREATING', 1, 6, 2, 0)], HOST)).toMatchObject({ instances: 2, cpus: 2 });
    expect(reservationOf([deployment('UPDATING', 1, 6, 1, 2)], HOST).instances).toBe(2);
    expect(
      askedInstanceCount({
        scalingPolicy: {
          policyType: 'AUTOSCALING',
          autoScalingPolicies: [{ autoScalingPolicyType: 'THRESHOLD', minimumInstanceCount: 1, maximumInstanceCount: 4, initialInstanceCount: 2, rules: [] }],
        },
      }),
    ).toBe(2);
    expect(askedInstanceCount({})).toBe(1);
  });
});

describe('reservationOf with counted entries', () => {
  it('counts an entry standing for n equal deployments as those n deployments', () => {
    const one = deployment('UPDATING', 2, 8, 3, 1);
    const three = reservationOf([one, one, one, deployment('ACTIVE', 1, 6, 2)], HOST);
    expect(reservationOf([{ ...one, count: 3 }, deployment('ACTIVE', 1, 6, 2)], HOST)).toEqual(three);
    expect(three.deployments).toBe(4);
    expect(reservationOf([{ ...deployment('INACTIVE', 1, 6, 1), count: 5 }], HOST).deployments).toBe(0);
  });
});

describe('overcommitOf', () => {
  it('is null while the existing reservation plus the new deployment fits', () => {
    expect(overcommitOf(HOST, reservationOf([deployment('ACTIVE', 1, 6, 1)], HOST), { cpus: 1, memoryBytes: 6 * GB })).toBeNull();
  });

  it('says by how much CPU and memory would be overcommitted', () => {
    const reserved = reservationOf([deployment('ACTIVE', 1, 16, 1)], HOST);
    expect(overcommitOf(HOST, reserved, { cpus: 2, memoryBytes: 16 * GB })).toEqual({ cpus: 1, memoryBytes: 9 * GB, total: { cpus: 3, memoryBytes: 32 * GB } });
    expect(overcommitOf(HOST, reserved, { cpus: 0.5, memoryBytes: 8 * GB })).toEqual({ cpus: 0, memoryBytes: GB, total: { cpus: 1.5, memoryBytes: 24 * GB } });
  });

  it('does not report float dust as an overcommit', () => {
    const reserved = { cpus: 0.1 + 0.2, memoryBytes: 0, deployments: 1, instances: 1 };
    expect(overcommitOf({ ...HOST, cpus: 1 }, reserved, { cpus: 0.7, memoryBytes: 0 })).toBeNull();
  });
});
