import { generateOcid } from '@/server/domain/ocid';
import type { Db } from './client';
import { compartments, settings, tagDefinitions, tagNamespaces } from './schema';

export interface SeedOptions {
  region: string;
  now?: () => Date;
}

export interface Installation {
  tenancyId: string;
  defaultCompartmentId: string;
  userId: string;
}

const KEYS = { tenancyId: 'tenancyId', defaultCompartmentId: 'defaultCompartmentId', userId: 'userId' } as const;

/** Reads the installation's singletons; null before the first seed. */
export function readInstallation(db: Db): Installation | null {
  const rows = db.select().from(settings).all();
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const tenancyId = get(KEYS.tenancyId);
  const defaultCompartmentId = get(KEYS.defaultCompartmentId);
  const userId = get(KEYS.userId);
  return tenancyId && defaultCompartmentId && userId ? { tenancyId, defaultCompartmentId, userId } : null;
}

/**
 * Creates the root tenancy, a default compartment, the local user and a sample tag namespace on
 * the first start; later starts find them and change nothing.
 */
export function seedDatabase(db: Db, { now = () => new Date() }: SeedOptions): Installation {
  const existing = readInstallation(db);
  if (existing) return existing;
  const time = now().toISOString();
  const tenancyId = generateOcid('tenancy', { region: '' });
  const defaultCompartmentId = generateOcid('compartment', { region: '' });
  const userId = generateOcid('user', { region: '' });
  const namespaceId = generateOcid('tagnamespace', { region: '' });
  db.transaction((tx) => {
    tx.insert(compartments)
      .values([
        { id: tenancyId, compartmentId: null, name: 'berth (root)', description: 'The root compartment of this installation.', lifecycleState: 'ACTIVE', timeCreated: time },
        { id: defaultCompartmentId, compartmentId: tenancyId, name: 'default', description: 'Where new resources go unless another compartment is chosen.', lifecycleState: 'ACTIVE', timeCreated: time },
      ])
      .run();
    tx.insert(tagNamespaces)
      .values({ id: namespaceId, compartmentId: tenancyId, name: 'Operations', description: 'Cost tracking and ownership.', timeCreated: time })
      .run();
    tx.insert(tagDefinitions)
      .values(
        ['CostCenter', 'Environment', 'Owner'].map((name) => ({
          id: generateOcid('tagdefinition', { region: '' }),
          tagNamespaceId: namespaceId,
          name,
          timeCreated: time,
        })),
      )
      .run();
    tx.insert(settings)
      .values([
        { key: KEYS.tenancyId, value: tenancyId },
        { key: KEYS.defaultCompartmentId, value: defaultCompartmentId },
        { key: KEYS.userId, value: userId },
      ])
      .run();
  });
  const seeded = readInstallation(db);
  if (!seeded) throw new Error('Seeding the database did not record the installation.');
  return seeded;
}
