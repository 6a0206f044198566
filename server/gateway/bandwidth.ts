/** OCI's load balancer bandwidth is in megabits per second; the bucket counts bytes. */
export const BYTES_PER_SECOND_PER_MBPS = 125_000;

/** A deployment's load balancer bandwidth in bytes per second, the unit of its bucket. */
export const bandwidthBytesPerSecond = (mbps: number): number => Math.max(0, mbps) * BYTES_PER_SECOND_PER_MBPS;

/**
 * A token bucket refilled at `rate` units per second, holding at most one second of them. The
 * gateway uses one per deployment for its load balancer bandwidth (in bytes: request bodies are
 * charged up front by their Content-Length; response bytes as they flow, possibly into debt,
 * which later requests pay for with a 429 until it refills), and one for the tenancy's predict
 * requests per second.
 */
export class TokenBucket {
  private rate = 0;
  private capacity = 0;
  private tokens = 0;
  private last: number;

  constructor(
    ratePerSecond: number,
    private readonly now: () => number,
  ) {
    this.last = now();
    this.setRate(ratePerSecond);
    this.tokens = this.capacity;
  }

  /** A route update keeps what is in the bucket, capped to the new burst. */
  setRate(ratePerSecond: number): void {
    this.rate = Math.max(0, ratePerSecond);
    this.capacity = this.rate;
    if (this.tokens > this.capacity) this.tokens = this.capacity;
  }

  /** A zero rate means no limit was set, not "refuse everything". */
  get unlimited(): boolean {
    return this.rate === 0;
  }

  /**
   * Admits a request carrying `bytes` and charges them, or refuses it (429). A request larger than
   * one second of bandwidth is admitted only on a full bucket, which it then leaves in debt:
   * otherwise a payload above the burst (10 MB at 10 Mbps) could never pass at all.
   */
  tryAdmit(bytes: number): boolean {
    if (this.unlimited) return true;
    this.refill();
    if (this.tokens <= 0) return false;
    if (bytes > this.tokens && this.tokens < this.capacity) return false;
    this.tokens -= bytes;
    return true;
  }

  /** Charges bytes already on their way (a response); never refuses. */
  consume(bytes: number): void {
    if (this.unlimited) return;
    this.refill();
    this.tokens -= bytes;
  }

  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const t = this.now();
    // A wall clock stepping back must not take tokens away.
    const elapsed = t > this.last ? t - this.last : 0;
    this.last = t;
    if (elapsed > 0 && this.tokens < this.capacity) {
      this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.rate) / 1000);
    }
  }
}

