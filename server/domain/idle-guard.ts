import type { ModelDeploymentLifecycleState } from './oci-types';
import { relativeTime } from './relative-time';

// The idle guard (local provider): deactivate a deployment after N minutes without predict
// requests, keeping its URL, and optionally activate it again on a weekly schedule (days of the
// week and one UTC time). Pure: the engine reads the facts (the newest PredictRequestCount point,
// when the deployment last became ACTIVE, the queue), this decides; every action it asks for is
// the ordinary ACTIVATE or DEACTIVATE work request.

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Berth's minimum idle time; BERTH_IDLE_GUARD_MIN_MINUTES lowers it for tests and demos. */
export const IDLE_GUARD_MIN_MINUTES = 5;
export const IDLE_GUARD_MAX_MINUTES = 7 * 24 * 60;

export interface ActivationSchedule {
  /** At least one day. */
  days: Weekday[];
  /** "HH:MM", UTC. */
  time: string;
}

export interface IdleGuardSettings {
  isEnabled: boolean;
  idleMinutes: number;
  schedule: ActivationSchedule | null;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Date.getUTCDay(): 0 is Sunday.
const DAY_INDEX: Record<Weekday, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

function minutesOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Each scheduled time from `from` onwards within a week and a day, in order. */
function slotsAround(schedule: ActivationSchedule, from: number): number[] {
  const start = new Date(from);
  const midnight = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const offset = minutesOfDay(schedule.time) * MINUTE;
  const days = new Set(schedule.days.map((d) => DAY_INDEX[d]));
  const out: number[] = [];
  for (let i = -8; i <= 8; i++) {
    const day = midnight + i * DAY;
    if (days.has(new Date(day).getUTCDay())) out.push(day + offset);
  }
  return out;
}

/** The newest scheduled activation at or before `now`; null without a schedule. */
export function latestScheduledActivation(schedule: ActivationSchedule | null, now: number): number | null {
  if (!schedule || schedule.days.length === 0) return null;
  const past = slotsAround(schedule, now).filter((t) => t <= now);
  return past.at(-1) ?? null;
}

/** The first scheduled activation after `now`; null without a schedule. */
export function nextScheduledActivation(schedule: ActivationSchedule | null, now: number): number | null {
  if (!schedule || schedule.days.length === 0) return null;
  return slotsAround(schedule, now).find((t) => t > now) ?? null;
}

export interface IdleFacts {
  /** Start of the newest metric point with predict requests (epoch ms); null: none recorded. */
  lastRequestAt: number | null;
  /** That point's resolution: the request may have come at any moment of it. */
  lastRequestResolutionMs: number;
  /** When the deployment last became ACTIVE (its create or activation finished). */
  activeSince: number | null;
  /** When the guard was last saved: it counts only idle time it watched. */
  watchingSince: number;
}

export type IdleClock = { since: number; by: 'REQUEST' | 'ACTIVE' | 'GUARD' };

/** Since when the deployment has been idle, and what that time is (its last request, its activation, the guard's saving). */
export function idleSince(f: IdleFacts): IdleClock {
  const candidates: IdleClock[] = [{ since: f.watchingSince, by: 'GUARD' }];
  if (f.activeSince !== null) candidates.push({ since: f.activeSince, by: 'ACTIVE' });
  // The end of the point's interval: never sooner than N minutes after the request itself.
  if (f.lastRequestAt !== null) candidates.push({ since: f.lastRequestAt + f.lastRequestResolutionMs, by: 'REQUEST' });
  return candidates.reduce((a, b) => (b.since >= a.since ? b : a));
}

/** "12:04 UTC", with the date when it is not today's. */
export function utcTime(t: number, now: number): string {
  const iso = new Date(t).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}

const DAY_NAMES: Record<Weekday, string> = { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' };

/** "Mon–Fri at 08:00 UTC", "every day at 07:30 UTC", "Mon, Wed at 09:00 UTC". */
export function describeSchedule(s: ActivationSchedule): string {
  const sorted = WEEKDAYS.filter((d) => s.days.includes(d));
  const at = `at ${s.time} UTC`;
  if (sorted.length === 7) return `every day ${at}`;
  const idx = sorted.map((d) => WEEKDAYS.indexOf(d));
  const contiguous = idx.length >= 3 && idx.every((v, i) => i === 0 || v === (idx[i - 1] ?? -2) + 1);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (contiguous && first && last) return `${DAY_NAMES[first]}–${DAY_NAMES[last]} ${at}`;
  return `${sorted.map((d) => DAY_NAMES[d]).join(', ')} ${at}`;
}

export interface GuardInput {
  settings: IdleGuardSettings;
  state: ModelDeploymentLifecycleState;
  /** The work request queued or running on the deployment: none, an activation, a deactivation, or other work. */
  work: 'NONE' | GuardAction | 'OTHER';
  now: number;
  facts: IdleFacts;
  /** The newest scheduled activation already carried out or passed over. */
  handledSlot: number | null;
}

export type GuardAction = 'DEACTIVATE' | 'ACTIVATE';

export type GuardDecision =
  | { kind: 'NONE'; /** A scheduled time passed over (the deployment was already serving). */ handledSlot?: number }
  | { kind: GuardAction; reason: string; slot?: number }
  /** Held back: recorded once per key, not at every evaluation. */
  | { kind: 'HELD'; action: GuardAction; reason: string; key: string; heldBy: 'BUSY' | 'STATE'; handledSlot?: number };

function pendingSlot(input: GuardInput): number | null {
  const slot = latestScheduledActivation(input.settings.schedule, input.now);
  if (slot === null) return null;
  // Only times after the guard was saved count: saving a schedule does not act on its past.
  if (slot <= input.facts.watchingSince || (input.handledSlot !== null && slot <= input.handledSlot)) return null;
  return slot;
}

// OCI's deployments activate and deactivate through UPDATING; CREATING and DELETING are work too.
const TRANSITIONAL: readonly ModelDeploymentLifecycleState[] = ['CREATING', 'UPDATING', 'DELETING'];

function idleReason(clock: IdleClock, facts: IdleFacts, now: number): string {
  const minutes = Math.floor((now - clock.since) / MINUTE);
  const last = facts.lastRequestAt === null ? 'none recorded' : `last at ${utcTime(facts.lastRequestAt, now)}`;
  const since = clock.by === 'ACTIVE' ? `, active since ${utcTime(clock.since, now)}` : clock.by === 'GUARD' ? `, watched since ${utcTime(clock.since, now)}` : '';
  return `no predict requests for ${minutes} min (${last}${since})`;
}

export function decideIdleGuard(input: GuardInput): GuardDecision {
  const { settings, state, work, now, facts } = input;
  const busy = work !== 'NONE' || TRANSITIONAL.includes(state);
  if (!settings.isEnabled) return { kind: 'NONE' };
  const slot = pendingSlot(input);
  if (slot !== null) {
    const what = `scheduled activation (${describeSchedule(settings.schedule ?? { days: [], time: '00:00' })})`;
    // Serving already, or being activated by hand: the time is passed over, nothing to say.
    if ((state === 'ACTIVE' && work === 'NONE') || work === 'ACTIVATE') return { kind: 'NONE', handledSlot: slot };
    if (busy) {
      return { kind: 'HELD', action: 'ACTIVATE', heldBy: 'BUSY', key: `ACTIVATE:BUSY:${slot}`, reason: `Idle guard: ${what} held back: another work request is in progress on the deployment.` };
    }
    if (state === 'INACTIVE') return { kind: 'ACTIVATE', slot, reason: `Idle guard: ${what}.` };
    return { kind: 'HELD', action: 'ACTIVATE', heldBy: 'STATE', key: `ACTIVATE:STATE:${slot}`, handledSlot: slot, reason: `Idle guard: ${what} not carried out: the deployment is ${state}, and only an INACTIVE one is activated.` };
  }
  // Off, going off, or coming on (its idle clock starts again once it is ACTIVE): nothing to hold back.
  if (['INACTIVE', 'DELETED', 'CREATING', 'DELETING'].includes(state) || work === 'ACTIVATE' || work === 'DEACTIVATE') return { kind: 'NONE' };
  const clock = idleSince(facts);
  if (now - clock.since < settings.idleMinutes * MINUTE) return { kind: 'NONE' };
  const idle = idleReason(clock, facts, now);
  if (busy) {
    return { kind: 'HELD', action: 'DEACTIVATE', heldBy: 'BUSY', key: 'DEACTIVATE:BUSY', reason: `Idle guard: deactivation held back: another work request is in progress on the deployment; ${idle}.` };
  }
  if (state !== 'ACTIVE') {
    return { kind: 'HELD', action: 'DEACTIVATE', heldBy: 'STATE', key: `DEACTIVATE:STATE:${state}`, reason: `Idle guard: deactivation held back: the deployment is ${state}, and only an ACTIVE one is deactivated; ${idle}.` };
  }
  return { kind: 'DEACTIVATE', reason: `Idle guard: ${idle}.` };
}

/** The guard's state in words for the Scaling tab: "Deactivates after 30 min without requests; last request 3 min ago." */
export function describeIdleGuard(input: Omit<GuardInput, 'work' | 'handledSlot'>): string[] {
  const { settings, state, now, facts } = input;
  if (!settings.isEnabled) return ['Off: the deployment serves until it is deactivated by hand.'];
  const lines: string[] = [];
  const last = facts.lastRequestAt === null ? 'no request recorded' : `last request ${relativeTime(facts.lastRequestAt, now)}`;
  if (state === 'ACTIVE') {
    const clock = idleSince(facts);
    const at = clock.since + settings.idleMinutes * MINUTE;
    const when = at <= now ? 'at the next evaluation' : relativeTime(at, now);
    lines.push(`Deactivates after ${settings.idleMinutes} min without requests; ${last}. Without requests it deactivates ${when}.`);
  } else {
    lines.push(`Deactivates after ${settings.idleMinutes} min without requests while it is active; ${last}.`);
  }
  const next = nextScheduledActivation(settings.schedule, now);
  if (settings.schedule && next !== null) {
    lines.push(`Activates ${describeSchedule(settings.schedule)} when it is inactive then; next ${utcTime(next, now)} (${relativeTime(next, now)}).`);
  } else {
    lines.push('No activation schedule: once deactivated it stays inactive until it is activated by hand.');
  }
  return lines;
}
