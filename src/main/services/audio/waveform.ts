import type { Waveform } from '../../../shared/audio';

// Waveform peaks for display: the lowest and highest sample of the mono mix (at the 22 050 Hz
// analysis rate: enough for a picture) per bucket. Buckets
// of 10 ms are collected while decoding (36 000 pairs for an hour), then merged down to at most
// `maxBuckets` for the card, so the result does not depend on the file's length.

const COLLECT_SEC = 0.01;

export class WaveformBuilder {
  private readonly samplesPerBucket: number;
  private readonly mins: number[] = [];
  private readonly maxs: number[] = [];
  private currentMin = Infinity;
  private currentMax = -Infinity;
  private inBucket = 0;
  private readonly bucketSec: number;

  constructor(sampleRate: number) {
    this.samplesPerBucket = Math.max(1, Math.round(sampleRate * COLLECT_SEC));
    this.bucketSec = this.samplesPerBucket / sampleRate;
  }

  push(mono: Float32Array): void {
    let i = 0;
    while (i < mono.length) {
      const end = Math.min(mono.length, i + this.samplesPerBucket - this.inBucket);
      let lo = this.currentMin;
      let hi = this.currentMax;
      for (let k = i; k < end; k++) {
        const v = mono[k]!;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
      }
      this.inBucket += end - i;
      i = end;
      if (this.inBucket === this.samplesPerBucket) {
        this.mins.push(lo);
        this.maxs.push(hi);
        this.currentMin = Infinity;
        this.currentMax = -Infinity;
        this.inBucket = 0;
      } else {
        this.currentMin = lo;
        this.currentMax = hi;
      }
    }
  }

  /** At most `maxBuckets` min/max pairs, values rounded to 1/1000 and clamped to −1…1. */
  build(maxBuckets = 800): Waveform {
    const mins = [...this.mins];
    const maxs = [...this.maxs];
    if (this.inBucket > 0) {
      mins.push(this.currentMin);
      maxs.push(this.currentMax);
    }
    const group = Math.max(1, Math.ceil(mins.length / maxBuckets));
    const round = (v: number): number => Math.round(Math.min(1, Math.max(-1, v)) * 1000) / 1000;
    const min: number[] = [];
    const max: number[] = [];
    for (let start = 0; start < mins.length; start += group) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = start; i < Math.min(mins.length, start + group); i++) {
        lo = Math.min(lo, mins[i]!);
        hi = Math.max(hi, maxs[i]!);
      }
      min.push(round(lo) + 0); // + 0 turns −0 into 0
      max.push(round(hi) + 0);
    }
    return { bucketSec: group * this.bucketSec, min, max };
  }
}
