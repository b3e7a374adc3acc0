import { writeFileSync } from 'node:fs';

// Test audio made in code: WAV writing and deterministic synthetic signals with known tempo, key
// and level. Used by the audio tests and by scripts/eval-audio.ts.

/** A deterministic pseudo-random generator (mulberry32), so synthetic signals are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Encodes channels as a WAV file: 16- or 24-bit PCM, or 32-bit float. */
export function wavBytes(
  channels: readonly Float32Array[],
  sampleRate: number,
  format: 16 | 24 | 'float' = 16,
): Uint8Array {
  const n = channels[0]!.length;
  const c = channels.length;
  const bytesPerSample = format === 16 ? 2 : format === 24 ? 3 : 4;
  const dataBytes = n * c * bytesPerSample;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const text = (at: number, s: string): void => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, format === 'float' ? 3 : 1, true);
  view.setUint16(22, c, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * c * bytesPerSample, true);
  view.setUint16(32, c * bytesPerSample, true);
  view.setUint16(34, bytesPerSample * 8, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  let at = 44;
  for (let i = 0; i < n; i++) {
    for (let ch = 0; ch < c; ch++) {
      const v = Math.max(-1, Math.min(1, channels[ch]![i]!));
      if (format === 'float') view.setFloat32(at, v, true);
      else if (format === 16) view.setInt16(at, Math.round(v * 32767), true);
      else {
        const s = Math.round(v * 8388607);
        out[at] = s & 0xff;
        out[at + 1] = (s >> 8) & 0xff;
        out[at + 2] = (s >> 16) & 0xff;
      }
      at += bytesPerSample;
    }
  }
  return out;
}

export function writeWav(
  path: string,
  channels: readonly Float32Array[],
  sampleRate: number,
  format: 16 | 24 | 'float' = 16,
): void {
  writeFileSync(path, wavBytes(channels, sampleRate, format));
}

/** A sine of `amplitude` (peak, linear) at `hz`. */
export function sine(
  hz: number,
  seconds: number,
  sampleRate: number,
  amplitude: number,
  phase = 0,
): Float32Array {
  const n = Math.round(seconds * sampleRate);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate + phase);
  return out;
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const dbToGain = (db: number): number => 10 ** (db / 20);

/**
 * A drum pattern at `bpm`: kick on beats 1 and 3, snare on 2 and 4, closed hi-hat on every eighth
 * note (swung by `swing` of an eighth), with a little timing and level jitter.
 */
export function drumPattern(
  bpm: number,
  seconds: number,
  sampleRate: number,
  seed = 1,
  swing = 0,
): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const beat = 60 / bpm;
  const addHit = (time: number, kind: 'kick' | 'snare' | 'hat', gain: number): void => {
    const start = Math.round((time + (random() - 0.5) * 0.004) * sampleRate);
    const length = Math.round((kind === 'kick' ? 0.25 : kind === 'snare' ? 0.18 : 0.05) * sampleRate);
    let lowpass = 0;
    for (let i = 0; i < length && start + i < out.length; i++) {
      if (start + i < 0) continue;
      const t = i / sampleRate;
      let v = 0;
      if (kind === 'kick') {
        const hz = 50 + 90 * Math.exp(-t * 30);
        v = Math.sin(2 * Math.PI * hz * t) * Math.exp(-t * 12);
      } else if (kind === 'snare') {
        const noise = random() * 2 - 1;
        lowpass += 0.5 * (noise - lowpass);
        v = (0.7 * lowpass + 0.4 * Math.sin(2 * Math.PI * 190 * t)) * Math.exp(-t * 22);
      } else {
        const noise = random() * 2 - 1;
        v = (noise - lowpass) * Math.exp(-t * 70) * 0.5; // crude high pass: noise minus its running mean
        lowpass += 0.2 * (noise - lowpass);
      }
      out[start + i]! += gain * (0.9 + 0.2 * random()) * v;
    }
  };
  for (let b = 0; b * beat < seconds; b++) {
    const t = b * beat;
    addHit(t, b % 2 === 0 ? 'kick' : 'snare', 0.5);
    addHit(t, 'hat', 0.25);
    addHit(t + beat * (0.5 + swing / 2), 'hat', 0.18);
  }
  return out;
}

/** A 4/4 click track: accented downbeats. */
export function clickTrack(bpm: number, seconds: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const beat = 60 / bpm;
  for (let b = 0; b * beat < seconds; b++) {
    const start = Math.round(b * beat * sampleRate);
    const hz = b % 4 === 0 ? 1500 : 1000;
    for (let i = 0; i < 0.03 * sampleRate && start + i < out.length; i++) {
      out[start + i] =
        0.5 * Math.sin((2 * Math.PI * hz * i) / sampleRate) * Math.exp((-i / sampleRate) * 150);
    }
  }
  return out;
}

const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const HARMONIC_MINOR_SCALE = [0, 2, 3, 5, 7, 8, 11];

/**
 * A chord progression in a key (tonic pitch class 0 = C): triads on scale degrees, a bass on the
 * root and an arpeggiated melody, each note an additive tone with decaying harmonics.
 * Major: I–vi–IV–V; minor: i–iv–V–i (harmonic minor, so V has the leading tone).
 */
export function chordProgression(
  tonic: number,
  mode: 'major' | 'minor',
  seconds: number,
  sampleRate: number,
  options: { seed?: number; chordSec?: number; brightness?: number } = {},
): Float32Array {
  const random = seededRandom(options.seed ?? 7);
  const chordSec = options.chordSec ?? 2;
  const brightness = options.brightness ?? 0.6;
  const scale = mode === 'major' ? MAJOR_SCALE : HARMONIC_MINOR_SCALE;
  const degrees = mode === 'major' ? [0, 5, 3, 4] : [0, 3, 4, 0];
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const midiToHz = (m: number): number => 440 * 2 ** ((m - 69) / 12);
  const addNote = (midi: number, start: number, duration: number, gain: number): void => {
    const hz = midiToHz(midi);
    const s0 = Math.round(start * sampleRate);
    const n = Math.round(duration * sampleRate);
    const harmonics = [1, 2, 3, 4, 5, 6].filter((h) => h * hz < sampleRate / 2.2);
    for (let i = 0; i < n && s0 + i < out.length; i++) {
      const t = i / sampleRate;
      const envelope = Math.min(1, t / 0.01) * Math.exp(-t * 1.5) * Math.min(1, (duration - t) / 0.05);
      let v = 0;
      for (const h of harmonics) v += (brightness ** (h - 1) / h) * Math.sin(2 * Math.PI * h * hz * t);
      out[s0 + i]! += gain * envelope * v;
    }
  };
  const base = 48 + tonic; // tonic in octave 3
  for (let c = 0; c * chordSec < seconds; c++) {
    const degree = degrees[c % degrees.length]!;
    const notes = [0, 2, 4].map((step) => {
      const index = degree + step;
      return base + scale[index % 7]! + 12 * Math.floor(index / 7);
    });
    const start = c * chordSec;
    for (const note of notes) addNote(note + 12, start, chordSec, 0.12);
    addNote(notes[0]! - 12, start, chordSec, 0.2);
    // Arpeggio of the chord tones, eighth notes at 120 BPM.
    for (let k = 0; k < chordSec / 0.25; k++) {
      const note = notes[Math.floor(random() * 3)]! + 24;
      addNote(note, start + k * 0.25, 0.25, 0.07);
    }
  }
  let peak = 0;
  for (let i = 0; i < out.length; i++) peak = Math.max(peak, Math.abs(out[i]!));
  if (peak > 0) for (let i = 0; i < out.length; i++) out[i]! *= 0.5 / peak;
  return out;
}

export const PITCH_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;

// The scoring rules live with the app (demos.accuracy uses them too).
export { mirexKeyScore, tempoAccuracy } from '../src/main/services/audio/metrics';
