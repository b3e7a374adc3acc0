/**
 * Hybrid logical clock (Kulkarni et al. 2014) serialised as a string that sorts in causal order:
 * `2026-11-25T16:40:00.000Z_0000_<node>`. Wall time keeps it readable; the counter orders events in
 * the same millisecond or behind a clock that went backwards; the node id breaks ties between devices.
 * Sync will compare these strings for field-level last-writer-wins.
 */
export class HybridClock {
  private lastMs = 0;
  private counter = 0;

  constructor(
    private readonly node: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!/^[0-9a-f]{16}$/.test(node)) throw new Error('HLC node id must be 16 lowercase hex characters');
  }

  /** A timestamp strictly greater than every one this clock issued or received. */
  tick(): string {
    const wall = this.now();
    if (wall > this.lastMs) {
      this.lastMs = wall;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    return format(this.lastMs, this.counter, this.node);
  }

  /** Advance past a timestamp received from another device. */
  receive(remote: string): void {
    const parsed = parseHlc(remote);
    if (parsed.ms > this.lastMs || (parsed.ms === this.lastMs && parsed.counter > this.counter)) {
      this.lastMs = parsed.ms;
      this.counter = parsed.counter;
    }
  }
}

function format(ms: number, counter: number, node: string): string {
  return `${new Date(ms).toISOString()}_${counter.toString(16).padStart(4, '0')}_${node}`;
}

export function parseHlc(value: string): { ms: number; counter: number; node: string } {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([0-9a-f]{4,})_([0-9a-f]{16})$/.exec(value);
  if (!match) throw new Error(`Not a hybrid logical clock timestamp: ${value.slice(0, 80)}`);
  return { ms: Date.parse(match[1]!), counter: parseInt(match[2]!, 16), node: match[3]! };
}

/** The wall-clock part of an HLC timestamp, as ISO 8601, for display. */
export function hlcToIso(value: string): string {
  return value.slice(0, 24);
}
