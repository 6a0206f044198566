import { PassThrough } from 'node:stream';
import type Database from 'better-sqlite3';
import type Docker from 'dockerode';
import { redactSecrets } from '@/server/domain/secrets';
import { LABELS } from '@/server/providers/local/deployments/containers';
import { utf8Length } from '@/server/domain/log-cap';
import { LineGrouper, splitDockerTimestamp, type LogStream, type PredictRecord } from '@/server/providers/local/telemetry/predict-log-lines';

// The predict log: the console process follows the output of every running instance container of
// this installation and writes it to log_records (category 'predict') in batches. After a restart of
// the console each container resumes after the last line stored for its instance, so nothing repeats.

export interface PredictLogFollower {
  /** Lists the containers once: follows new ones, stops following removed ones. */
  sync(): Promise<void>;
  /** Writes what is pending now. */
  flush(): void;
  start(): void;
  stop(): void;
}

export interface PredictLogOptions {
  docker: Docker;
  sqlite: Database.Database;
  installationId: string;
  pollIntervalMs?: number;
  flushIntervalMs?: number;
}

interface Followed {
  deploymentId: string;
  instanceId: string;
  grouper: LineGrouper;
  stream: NodeJS.ReadableStream & { destroy?: () => void };
  /** Lines at or before this time were stored before: skipped. */
  after: number;
}

interface Row {
  resourceId: string;
  instanceId: string;
  record: PredictRecord;
}

/** A record closes when its stream stays quiet this long (a traceback's lines arrive together). */
const QUIET_MS = 500;

export function createPredictLogFollower(options: PredictLogOptions): PredictLogFollower {
  const { docker, sqlite, installationId } = options;
  const followed = new Map<string, Followed>();
  let pending: Row[] = [];
  let timers: NodeJS.Timeout[] = [];
  let warned = false;

  const lastStored = sqlite.prepare(
    "SELECT MAX(timestamp) AS t FROM log_records WHERE resource_id = ? AND category = 'predict' AND instance_id = ?",
  );

  const enqueue = (f: Followed, records: readonly PredictRecord[]) => {
    for (const record of records) pending.push({ resourceId: f.deploymentId, instanceId: f.instanceId, record });
  };

  const flush = (): void => {
    const cutoff = Date.now() - QUIET_MS;
    for (const f of followed.values()) enqueue(f, f.grouper.drain(cutoff));
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    try {
      const insert = sqlite.prepare(
        'INSERT INTO log_records (resource_id, category, instance_id, level, message, data, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      // A model that prints its environment must not write a secret into the log: each
      // deployment's secret values are masked, read once per flush.
      const secretsOf = new Map<string, string[]>();
      const secrets = sqlite.prepare('SELECT value FROM deployment_secrets WHERE model_deployment_id = ?').pluck();
      const redact = (resourceId: string, text: string) => {
        let values = secretsOf.get(resourceId);
        if (!values) secretsOf.set(resourceId, (values = secrets.all(resourceId) as string[]));
        return values.length > 0 ? redactSecrets(text, values) : text;
      };
      sqlite.transaction(() => {
        for (const { resourceId, instanceId, record: r } of rows) {
          // The stored time is the last line's: resuming after it can never repeat part of a record.
          const data = { stream: r.stream, firstLineAt: r.timestamp, ...(r.cutBytes > 0 ? { cutBytes: r.cutBytes } : {}) };
          insert.run(resourceId, 'predict', instanceId, r.level, redact(resourceId, r.message), JSON.stringify(data), r.lastTimestamp);
        }
      })();
    } catch (cause) {
      if (!warned) console.error('predict logs: writing log records failed:', cause);
      warned = true;
    }
  };

  const follow = async (c: Docker.ContainerInfo): Promise<void> => {
    const deploymentId = c.Labels[LABELS.deployment] ?? '';
    const instanceId = c.Labels[LABELS.instance] ?? '';
    const row = lastStored.get(deploymentId, instanceId) as { t: number | null } | undefined;
    const after = row?.t ?? 0;
    // Docker's `since` is in seconds; lines of that same second already stored are skipped by time.
    const since = after > 0 ? Math.floor(after / 1000) : 0;
    const stream = (await docker.getContainer(c.Id).logs({ follow: true, stdout: true, stderr: true, timestamps: true, since })) as Followed['stream'];
    const f: Followed = { deploymentId, instanceId, grouper: new LineGrouper(), stream, after };
    followed.set(c.Id, f);
    const out = lineSplitter((line, dropped) => onLine(f, 'stdout', line, dropped));
    const err = lineSplitter((line, dropped) => onLine(f, 'stderr', line, dropped));
    docker.modem.demuxStream(stream, out, err);
    const done = () => {
      if (followed.get(c.Id) !== f) return;
      followed.delete(c.Id);
      enqueue(f, f.grouper.drain());
    };
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
  };

  const onLine = (f: Followed, stream: LogStream, raw: string, droppedBytes: number) => {
    const parsed = splitDockerTimestamp(raw);
    if (!parsed || parsed.timestamp <= f.after) return;
    enqueue(f, f.grouper.push({ stream, timestamp: parsed.timestamp, text: parsed.text, droppedBytes }));
  };

  let syncing: Promise<void> | null = null;
  const sync = (): Promise<void> => {
    // One listing at a time: two overlapping ones would follow a new container twice.
    syncing ??= syncOnce().finally(() => {
      syncing = null;
    });
    return syncing;
  };

  const syncOnce = async (): Promise<void> => {
    let running: Docker.ContainerInfo[];
    try {
      running = await docker.listContainers({
        filters: { status: ['running'], label: [`${LABELS.role}=instance`, `${LABELS.installation}=${installationId}`] },
      });
    } catch {
      return; // Docker is away for now; the next poll tries again.
    }
    const ids = new Set(running.map((c) => c.Id));
    for (const [id, f] of followed) {
      if (ids.has(id)) continue;
      followed.delete(id);
      enqueue(f, f.grouper.drain());
      f.stream.destroy?.();
    }
    for (const c of running) {
      if (followed.has(c.Id)) continue;
      try {
        await follow(c);
      } catch {
        // Removed between the list and the logs call: the next poll no longer lists it.
      }
    }
  };

  return {
    sync,
    flush,
    start() {
      if (timers.length > 0) return;
      void sync();
      timers = [setInterval(() => void sync(), options.pollIntervalMs ?? 3000), setInterval(flush, options.flushIntervalMs ?? 1000)];
      for (const t of timers) t.unref();
    },
    stop() {
      for (const t of timers) clearInterval(t);
      timers = [];
      for (const f of followed.values()) {
        enqueue(f, f.grouper.drain());
        f.stream.destroy?.();
      }
      followed.clear();
      flush();
    },
  };
}

/** Of a line still arriving, this many characters are kept; the rest is counted, not held. */
const MAX_PENDING_CHARS = 64 * 1024;

/**
 * A writable that calls `onLine` for each complete line written to it, with the UTF-8 bytes of that
 * line it did not keep: a container printing a 9 MB line costs 64 KB here, not 9 MB.
 */
export function lineSplitter(onLine: (line: string, droppedBytes: number) => void): PassThrough {
  const pt = new PassThrough();
  let rest = '';
  let dropped = 0;
  pt.setEncoding('utf8');
  const keep = (piece: string) => {
    const room = MAX_PENDING_CHARS - rest.length;
    if (piece.length <= room) rest += piece;
    else {
      rest += piece.slice(0, Math.max(0, room));
      dropped += utf8Length(piece.slice(Math.max(0, room)));
    }
  };
  pt.on('data', (chunk: string) => {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      keep(chunk.slice(start, nl));
      onLine(rest, dropped);
      rest = '';
      dropped = 0;
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    keep(chunk.slice(start));
  });
  pt.on('end', () => {
    if (rest || dropped) onLine(rest, dropped);
  });
  return pt;
}

let started: PredictLogFollower | null = null;

/** Starts following the predict logs once per process. */
export function startPredictLogs(options: PredictLogOptions): void {
  if (started) return;
  started = createPredictLogFollower(options);
  started.start();
}
