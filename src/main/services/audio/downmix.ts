// Mono mix for rhythm, key and timbre analysis, from any channel layout.
//
// A plain average cancels what is out of phase between channels: a stereo file whose right
// channel is the left one inverted (a wiring mistake that happens on real demos) averages to
// silence. Each channel's polarity is therefore aligned with the first channel's before averaging,
// from the running correlation of the two; the LFE of 5.1/7.1 layouts is left out (it carries no
// tonal or rhythmic information of its own and would only add rumble).

export class PolarityAlignedDownmix {
  private readonly used: number[];
  /** Running Σ x0·xc and Σ xc² per channel, over the whole stream so far. */
  private readonly correlation: Float64Array;
  private readonly energy: Float64Array;
  private energy0 = 0;
  private readonly sign: Float64Array;
  private out = new Float32Array(0);

  constructor(channelCount: number) {
    this.used = Array.from({ length: channelCount }, (_, c) => c).filter(
      (c) => !((channelCount === 6 || channelCount === 8) && c === 3),
    );
    this.correlation = new Float64Array(channelCount);
    this.energy = new Float64Array(channelCount);
    this.sign = new Float64Array(channelCount).fill(1);
  }

  /** The mono mix of a chunk. The returned array is reused by the next call. */
  process(channels: readonly Float32Array[]): Float32Array {
    const length = channels[0]?.length ?? 0;
    if (this.out.length < length) this.out = new Float32Array(length);
    const out = this.out.subarray(0, length);
    const first = channels[0];
    if (!first) return out;
    let e0 = 0;
    for (let i = 0; i < length; i++) e0 += first[i]! * first[i]!;
    this.energy0 += e0;
    for (const c of this.used) {
      if (c === 0) continue;
      const x = channels[c];
      if (!x) continue;
      let r = 0;
      let e = 0;
      for (let i = 0; i < length; i++) {
        r += first[i]! * x[i]!;
        e += x[i]! * x[i]!;
      }
      this.correlation[c]! += r;
      this.energy[c]! += e;
      // Flip only on a clear anti-correlation, so that unrelated channels keep their polarity.
      const norm = Math.sqrt(this.energy0 * this.energy[c]!);
      if (norm > 0) this.sign[c] = this.correlation[c]! < -0.3 * norm ? -1 : 1;
    }
    const scale = 1 / this.used.length;
    const second = this.used.length === 2 ? channels[this.used[1]!] : undefined;
    if (second) {
      // Stereo (the common case) in one pass.
      const s = this.sign[this.used[1]!]! * scale;
      for (let i = 0; i < length; i++) out[i] = scale * first[i]! + s * second[i]!;
      return out;
    }
    for (let i = 0; i < length; i++) out[i] = scale * first[i]!;
    for (const c of this.used) {
      if (c === 0) continue;
      const x = channels[c];
      if (!x) continue;
      const s = this.sign[c]! * scale;
      for (let i = 0; i < length; i++) out[i]! += s * x[i]!;
    }
    return out;
  }
}
