// Sample-rate conversion by a polyphase Kaiser-windowed sinc filter, streaming.
//
// Linear interpolation (or the nearest-sample picking some players use) folds everything above the
// new Nyquist frequency back into the band we analyse: cymbals become fake tonal peaks for the key
// finder and smear the onset envelope. Here every output sample is a band-limited interpolation:
// a sinc low-pass at `ROLLOFF` × the lower Nyquist frequency, `ZERO_CROSSINGS` lobes each side,
// tapered by a Kaiser window (β = KAISER_BETA, about −80 dB stop band).
//
// Exact 2:1 decimation (44.1 → 22.05 kHz, by far the common case) uses a half-band filter instead:
// the same windowed sinc with its cutoff at the new Nyquist frequency, whose every other tap is
// zero, evaluated symmetrically — a quarter of the multiplications. Its transition band is centred
// on the new Nyquist frequency, so only the top ~1 kHz of the 11 kHz analysis band can alias.
//
// The conversion ratio is reduced to L/M (44.1 → 22.05 kHz: 1/2; 48 → 22.05: 147/320) so every
// output sample uses one of L precomputed phases; ratios with more than MAX_PHASES phases use the
// nearest of MAX_PHASES phases (timing error < 1/(2·MAX_PHASES) of a sample).

const ROLLOFF = 0.92;
const ZERO_CROSSINGS = 8;
const KAISER_BETA = 8;
const MAX_PHASES = 1024;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export class StreamingResampler {
  readonly inputRate: number;
  readonly outputRate: number;
  private readonly phases: number;
  /** Input samples advanced per output sample, as the fraction step/phases. */
  private readonly step: number;
  private readonly taps: number;
  /** Taps left of the interpolation point (the filter spans [−left, taps − left) input samples). */
  private readonly left: number;
  private readonly table: Float32Array;
  private readonly exactPhases: boolean;
  private readonly ratio: number;

  /** Pending input: the filter's history plus samples not yet consumed. */
  private buffer: Float32Array;
  private bufferLength: number;
  /** Position of the next output sample, in input samples from buffer[0]: whole + phase/phases. */
  private whole: number;
  /** Exact-ratio mode: phase index 0…phases−1. Quantised mode: the fraction of a sample in frac. */
  private phase = 0;
  private frac = 0;
  private output: Float32Array = new Float32Array(0);
  /** Half-band mode: coefficients of the odd taps 1, 3, 5, … (the centre tap is 0.5). */
  private readonly halfband: Float64Array | null;

  constructor(inputRate: number, outputRate: number) {
    if (!(inputRate > 0 && outputRate > 0)) throw new RangeError('sample rates must be positive');
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    const g = gcd(Math.round(inputRate), Math.round(outputRate));
    const up = Math.round(outputRate) / g;
    const down = Math.round(inputRate) / g;
    this.exactPhases = up <= MAX_PHASES;
    this.phases = this.exactPhases ? up : MAX_PHASES;
    this.ratio = inputRate / outputRate;
    this.step = this.exactPhases ? down : 0;
    // Cutoff in cycles per input sample; zero crossings of the sinc every 1/(2·cutoff) samples.
    const cutoff = (ROLLOFF * Math.min(inputRate, outputRate)) / (2 * inputRate);
    const halfWidth = ZERO_CROSSINGS / (2 * cutoff);
    this.left = Math.ceil(halfWidth);
    this.taps = 2 * this.left + 1;
    this.table = new Float32Array(this.phases * this.taps);
    const i0Beta = besselI0(KAISER_BETA);
    for (let p = 0; p < this.phases; p++) {
      const frac = p / this.phases; // interpolation point between input k and k + 1
      let sum = 0;
      for (let j = 0; j < this.taps; j++) {
        const t = j - this.left - frac; // distance of tap j from the interpolation point
        const x = t / halfWidth;
        const window = Math.abs(x) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / i0Beta;
        const arg = 2 * cutoff * t;
        const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
        const h = 2 * cutoff * sinc * window;
        this.table[p * this.taps + j] = h;
        sum += h;
      }
      // Unity gain at DC for every phase: no modulation of the level by the phase.
      for (let j = 0; j < this.taps; j++) this.table[p * this.taps + j]! /= sum;
    }
    this.halfband = null;
    if (Math.round(inputRate) === 2 * Math.round(outputRate)) {
      // h[k] = ½·sinc(k/2)·kaiser(k): zero for even k ≠ 0. Normalised for unity gain at DC.
      const span = this.left; // taps ±span
      const odd = new Float64Array(Math.ceil(span / 2));
      let sum = 0.5;
      for (let m = 0; m < odd.length; m++) {
        const k = 2 * m + 1;
        const x = k / (span + 1);
        const window = Math.abs(x) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / i0Beta;
        odd[m] = 0.5 * (Math.sin((Math.PI * k) / 2) / ((Math.PI * k) / 2)) * window;
        sum += 2 * odd[m]!;
      }
      for (let m = 0; m < odd.length; m++) odd[m]! /= sum;
      this.halfband = odd;
      this.centreTap = 0.5 / sum;
    }
    // Start with `left` zeros of history so that output 0 is aligned with input 0.
    this.buffer = new Float32Array(8192 + this.taps);
    this.bufferLength = this.left;
    this.whole = this.left;
  }

  /**
   * Feeds input samples; returns the output samples they complete. The returned array is reused
   * by the next call: copy it if you keep it.
   */
  process(input: Float32Array): Float32Array {
    this.append(input);
    return this.run(this.bufferLength - (this.taps - this.left));
  }

  /** Ends the stream: the last outputs, computed with zeros after the input. */
  flush(): Float32Array {
    this.append(new Float32Array(this.taps));
    // Emit outputs up to the real end of the input (excluding the zero padding).
    return this.run(this.bufferLength - this.taps);
  }

  private append(input: Float32Array): void {
    const needed = this.bufferLength + input.length;
    if (needed > this.buffer.length) {
      const grown = new Float32Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.bufferLength));
      this.buffer = grown;
    }
    this.buffer.set(input, this.bufferLength);
    this.bufferLength = needed;
  }

  private centreTap = 0;

  /** Computes every output whose interpolation point lies before `limit` (input index), then drops consumed input. */
  private run(limit: number): Float32Array {
    if (this.halfband) return this.runHalfband(limit, this.halfband);
    const { buffer, table, taps, left, phases, step, ratio, exactPhases } = this;
    const capacity = Math.max(0, Math.ceil((limit - this.whole) / ratio) + 2);
    if (this.output.length < capacity) this.output = new Float32Array(capacity);
    const out = this.output;
    let count = 0;
    let whole = this.whole;
    let phase = this.phase;
    let frac = this.frac;
    while (whole < limit) {
      const p = exactPhases ? phase : Math.min(phases - 1, Math.round(frac * phases));
      const base = whole - left;
      const row = p * taps;
      let acc = 0;
      for (let j = 0; j < taps; j++) acc += table[row + j]! * buffer[base + j]!;
      out[count++] = acc;
      if (exactPhases) {
        phase += step;
        if (phase >= phases) {
          whole += Math.floor(phase / phases);
          phase %= phases;
        }
      } else {
        frac += ratio;
        const advance = Math.floor(frac);
        whole += advance;
        frac -= advance;
      }
    }
    // Keep the history the next outputs need (from whole − left on).
    const keepFrom = Math.max(0, whole - left);
    if (keepFrom > 0) {
      buffer.copyWithin(0, keepFrom, this.bufferLength);
      this.bufferLength -= keepFrom;
      whole -= keepFrom;
    }
    this.whole = whole;
    this.phase = phase;
    this.frac = frac;
    return out.subarray(0, count);
  }

  /** Half-band 2:1 decimation of the pending input, same bookkeeping as run() with phase 0. */
  private runHalfband(limit: number, odd: Float64Array): Float32Array {
    const buffer = this.buffer;
    const capacity = Math.max(0, Math.ceil((limit - this.whole) / 2) + 2);
    if (this.output.length < capacity) this.output = new Float32Array(capacity);
    const out = this.output;
    const centre = this.centreTap;
    const taps = odd.length;
    let count = 0;
    let whole = this.whole;
    for (; whole < limit; whole += 2) {
      let acc = centre * buffer[whole]!;
      for (let m = 0; m < taps; m++)
        acc += odd[m]! * (buffer[whole - 2 * m - 1]! + buffer[whole + 2 * m + 1]!);
      out[count++] = acc;
    }
    const keepFrom = Math.max(0, whole - this.left);
    if (keepFrom > 0) {
      buffer.copyWithin(0, keepFrom, this.bufferLength);
      this.bufferLength -= keepFrom;
      whole -= keepFrom;
    }
    this.whole = whole;
    return out.subarray(0, count);
  }
}

/** Resamples a whole signal (tests and short clips). */
export function resample(input: Float32Array, inputRate: number, outputRate: number): Float32Array {
  if (inputRate === outputRate) return input.slice();
  const resampler = new StreamingResampler(inputRate, outputRate);
  const head = resampler.process(input).slice();
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
