import FFT from 'fft.js';

// Short-time Fourier transform, streaming: samples go in as they are decoded, each complete
// frame's power spectrum goes to a consumer and is forgotten. Buffers are allocated once; the
// per-frame path allocates nothing.

export function hannWindow(size: number): Float32Array {
  const w = new Float32Array(size);
  // Periodic Hann (the STFT convention): overlapping frames at hop size/4 sum to a constant.
  for (let i = 0; i < size; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
  return w;
}

/** Receives each frame's power spectrum |X[k]|² (k = 0…size/2) and the raw frame samples. */
export type FrameConsumer = (power: Float32Array, frame: Float32Array, index: number) => void;

export class StreamingStft {
  readonly size: number;
  readonly hop: number;
  readonly sampleRate: number;
  private readonly fft: FFT;
  private readonly window: Float32Array;
  private readonly ring: Float32Array;
  private readonly frame: Float32Array;
  private readonly windowed: Float64Array;
  private readonly spectrum: Float64Array;
  private readonly power: Float32Array;
  /** Samples currently held in `ring` (the last `size` at most, oldest first). */
  private filled = 0;
  /** Samples to receive before the next frame is complete. */
  private untilNextFrame: number;
  private frameIndex = 0;

  constructor(
    size: number,
    hop: number,
    sampleRate: number,
    private readonly consumer: FrameConsumer,
  ) {
    this.size = size;
    this.hop = hop;
    this.sampleRate = sampleRate;
    this.fft = new FFT(size);
    this.window = hannWindow(size);
    this.ring = new Float32Array(size);
    this.frame = new Float32Array(size);
    this.windowed = new Float64Array(size);
    this.spectrum = new Float64Array(2 * size);
    this.power = new Float32Array(size / 2 + 1);
    // Frame 0 is centred on sample 0 (librosa's `center=True`): half a frame of zeros first.
    this.filled = size / 2;
    this.untilNextFrame = size / 2;
  }

  get framesEmitted(): number {
    return this.frameIndex;
  }

  push(samples: Float32Array): void {
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(this.untilNextFrame, samples.length - offset);
      this.write(samples, offset, take);
      offset += take;
      this.untilNextFrame -= take;
      if (this.untilNextFrame === 0) {
        this.emit();
        this.untilNextFrame = this.hop;
      }
    }
  }

  /** Pads with zeros so that the last samples are centred in a frame, and emits the remaining frames. */
  flush(): void {
    const zeros = new Float32Array(this.hop);
    let remaining = this.size / 2;
    while (remaining > 0) {
      const n = Math.min(remaining, this.untilNextFrame);
      this.push(zeros.subarray(0, n));
      remaining -= n;
    }
  }

  /** Appends samples to the ring (kept as a sliding buffer of the last `size` samples). */
  private write(source: Float32Array, offset: number, count: number): void {
    const { ring, size } = this;
    if (count >= size) {
      ring.set(source.subarray(offset + count - size, offset + count));
      this.filled = size;
      return;
    }
    const overflow = this.filled + count - size;
    if (overflow > 0) {
      ring.copyWithin(0, overflow, this.filled);
      this.filled -= overflow;
    }
    ring.set(source.subarray(offset, offset + count), this.filled);
    this.filled += count;
  }

  private emit(): void {
    const { ring, frame, windowed, window, spectrum, power, size } = this;
    // The ring holds the last `filled` samples; a frame is the last `size`, zero-padded at the start.
    const pad = size - this.filled;
    frame.fill(0, 0, pad);
    frame.set(ring.subarray(0, this.filled), pad);
    for (let i = 0; i < size; i++) windowed[i] = frame[i]! * window[i]!;
    this.fft.realTransform(spectrum, windowed);
    const half = size / 2;
    for (let k = 0; k <= half; k++) {
      const re = spectrum[2 * k]!;
      const im = spectrum[2 * k + 1]!;
      power[k] = re * re + im * im;
    }
    this.consumer(power, frame, this.frameIndex++);
  }
}

/** Centre frequency (Hz) of mel value m, HTK formula. */
function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}
function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

/**
 * A triangular mel filterbank stored sparsely: for FFT bin k, its two (band, weight) pairs.
 * Applying it costs two multiply-adds per bin.
 */
export class MelFilterbank {
  readonly bands: number;
  private readonly lowBand: Int16Array;
  private readonly lowWeight: Float32Array;
  private readonly highWeight: Float32Array;
  private readonly firstBin: number;
  private readonly lastBin: number;

  constructor(bands: number, fftSize: number, sampleRate: number, minHz: number, maxHz: number) {
    this.bands = bands;
    const bins = fftSize / 2 + 1;
    this.lowBand = new Int16Array(bins).fill(-2);
    this.lowWeight = new Float32Array(bins);
    this.highWeight = new Float32Array(bins);
    const melMin = hzToMel(minHz);
    const melMax = hzToMel(maxHz);
    // bands + 2 edge frequencies: band b rises from edge b to edge b+1 and falls to edge b+2.
    const edges = Array.from({ length: bands + 2 }, (_, i) =>
      melToHz(melMin + ((melMax - melMin) * i) / (bands + 1)),
    );
    let first = bins;
    let last = 0;
    for (let k = 0; k < bins; k++) {
      const hz = (k * sampleRate) / fftSize;
      if (hz <= edges[0]! || hz >= edges[bands + 1]!) continue;
      let e = 0;
      while (edges[e + 1]! <= hz) e++;
      // hz lies between edges e and e+1: on the falling slope of band e−1 and the rising slope of band e.
      const t = (hz - edges[e]!) / (edges[e + 1]! - edges[e]!);
      this.lowBand[k] = e - 1;
      this.lowWeight[k] = e - 1 >= 0 ? 1 - t : 0;
      this.highWeight[k] = e < bands ? t : 0;
      first = Math.min(first, k);
      last = Math.max(last, k);
    }
    this.firstBin = first;
    this.lastBin = last;
  }

  /** Band energies of a power spectrum into `out` (length bands). */
  apply(power: Float32Array, out: Float32Array): void {
    out.fill(0);
    const { lowBand, lowWeight, highWeight, bands } = this;
    for (let k = this.firstBin; k <= this.lastBin; k++) {
      const p = power[k]!;
      const b = lowBand[k]!;
      if (b >= 0) out[b]! += lowWeight[k]! * p;
      if (b + 1 < bands) out[b + 1]! += highWeight[k]! * p;
    }
  }
}

/** A Float32Array that grows by doubling: per-frame features of a file of unknown length. */
export class GrowableFloat32 {
  private data: Float32Array;
  length = 0;

  constructor(initialCapacity = 4096) {
    this.data = new Float32Array(initialCapacity);
  }

  /** Reserves `count` values at the end and returns their view (to be filled by the caller). */
  extend(count: number): Float32Array {
    if (this.length + count > this.data.length) {
      const grown = new Float32Array(Math.max(this.length + count, this.data.length * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    const view = this.data.subarray(this.length, this.length + count);
    this.length += count;
    return view;
  }

  push(value: number): void {
    this.extend(1)[0] = value;
  }

  /** The values, trimmed (a view, valid until the next extend). */
  view(): Float32Array {
    return this.data.subarray(0, this.length);
  }
}
