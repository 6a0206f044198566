import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@/db/client';
import { listArtifactLocations } from '@/db/queries/models';

export interface SweepResult {
  /** Paths removed, relative to the data directory's artifacts or uploads folder. */
  removed: string[];
}

/**
 * At boot, before any upload can start: removes uploads a stopped console left half written, the
 * folders of artifacts that never got their model (killed between the move and the insert), of
 * deleted models, and any upload folder of a model other than the one its artifact row names.
 */
export function sweepArtifactLeftovers(db: Db, dirs: { artifactsDir: string; uploadsDir: string }): SweepResult {
  const removed: string[] = [];
  const remove = (abs: string, label: string) => {
    fs.rmSync(abs, { recursive: true, force: true });
    removed.push(label);
  };
  for (const name of readDir(dirs.uploadsDir)) remove(path.join(dirs.uploadsDir, name), `uploads/${name}`);

  const kept = new Map<string, string>();
  for (const a of listArtifactLocations(db)) {
    if (a.lifecycleState !== 'DELETED') kept.set(a.modelId, path.basename(path.dirname(a.storagePath)));
  }
  for (const modelId of readDir(dirs.artifactsDir)) {
    const modelDir = path.join(dirs.artifactsDir, modelId);
    const upload = kept.get(modelId);
    if (upload === undefined) {
      remove(modelDir, `artifacts/${modelId}`);
      continue;
    }
    for (const other of readDir(modelDir)) if (other !== upload) remove(path.join(modelDir, other), `artifacts/${modelId}/${other}`);
  }
  return { removed };
}

function readDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
