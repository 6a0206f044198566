import { describe, expect, it } from 'vitest';
import { NO_RESERVATION } from '@/server/domain/host-reservation';
import { describeShapeFit } from './shape-fit';

const GB = 1024 ** 3;
const HOST = { cpus: 2, memoryBytes: 23 * GB, nvidiaRuntime: false };
const flex = (ocpus: number, memoryInGBs: number) => ({ instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus, memoryInGBs } });

describe('describeShapeFit with the host load', () => {
  it('says "Fits this host" only while the other deployments and this one fit together', () => {
    const alone = describeShapeFit(flex(1, 6), HOST, false, { reserved: NO_RESERVATION, instances: 1 });
    expect(alone.notes).toEqual([{ tone: 'info', text: expect.stringMatching(/^Fits this host/) }]);

    const busy = describeShapeFit(flex(1, 6), HOST, false, { reserved: { cpus: 2, memoryBytes: 12 * GB, deployments: 2, instances: 2 }, instances: 1 });
    expect(busy.notes.map((n) => n.text).join(' ')).not.toMatch(/Fits this host/);
    expect(busy.notes).toHaveLength(1);
    expect(busy.notes[0]?.tone).toBe('warning');
    expect(busy.notes[0]?.text).toBe(
      'Would overcommit this host: CPU by 1 CPU (3 CPUs of 2 CPUs). Other deployments already reserve 2 CPUs and 12 GB; this one adds 1 CPU and 6 GB (1 instance). ' +
        "Instances will compete for CPU, and memory beyond the host's can get them killed. Choose a smaller shape or fewer instances, or stop another deployment.",
    );
  });

  it('counts every instance of the new deployment, and memory too', () => {
    const fit = describeShapeFit(flex(1, 16), HOST, false, { reserved: NO_RESERVATION, instances: 3 });
    expect(fit.notes[0]?.text).toMatch(/^Would overcommit this host: CPU by 1 CPU \(3 CPUs of 2 CPUs\) and memory by 25 GB \(48 GB of 23 GB\)\. This deployment asks 3 CPUs and 48 GB \(3 instances\)\./);
  });

  it('adds nothing when the host or the load is unknown, or the count is not a number yet', () => {
    expect(describeShapeFit(flex(1, 6), HOST, false).notes[0]?.text).toMatch(/^Fits this host/);
    expect(describeShapeFit(flex(1, 6), HOST, false, { reserved: null, instances: 9 }).notes[0]?.text).toMatch(/^Fits this host/);
    expect(describeShapeFit(flex(1, 6), HOST, false, { reserved: NO_RESERVATION, instances: 0 }).notes[0]?.text).toMatch(/^Fits this host/);
  });
});
