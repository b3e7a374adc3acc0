// The project's own General MIDI evaluation corpus for tempo and key (issue #3, "Evaluation"):
// multi-instrument songs in 15 styles, written note by note here (exact tempo and key by
// construction), rendered with fluidsynth and the FluidR3 GM soundfont (Debian packages fluidsynth,
// fluid-soundfont-gm), and every third one re-encoded by ffmpeg (MP3, Ogg Vorbis, AAC in M4A, Opus)
// so that the decoders are in the loop too.
//
// Each song: a style (meter, swing, drum groove, bass line, comping, lead instrument, tempo range),
// a key (the 24 keys are cycled through, so every key appears), a 4-bar diatonic progression looped
// for ~32 s, a melody of scale tones with chord tones on strong beats, small velocity and timing
// humanisation, and a final bar on the tonic. Ground truth: the quarter-note tempo written in the
// MIDI file (the beat of 3/4 and 4/4 alike) and the key of the progression.
//
// Used by scripts/eval-audio.ts. Seeds are fixed: the corpus is the same on every machine.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GM_SOUNDFONT = '/usr/share/sounds/sf2/FluidR3_GM.sf2';
const PITCH_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;

export type GmSong = {
  name: string;
  style: string;
  path: string;
  bpm: number;
  key: { key: string; mode: 'major' | 'minor' };
};

function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- styles ----------------------------------------------------------------------------------
// Steps: `sub` steps per beat (4 = straight sixteenths, 3 = swung triplets), `beats` per bar.
type Hit = [step: number, velocity: number];
type Style = {
  name: string;
  beats: number;
  sub: number;
  tempo: [number, number];
  drums: Record<number, Hit[]>; // GM drum note → hits in one bar
  bass: { program: number; steps: number[]; walk?: boolean; length: number };
  comp: { program: number; steps: number[]; length: number; arpeggio?: boolean; sevenths?: boolean };
  pad?: number;
  lead: { program: number; density: number };
  progressions: { major: number[][]; minor: number[][] };
};

const KICK = 36;
const SNARE = 38;
const STICK = 37;
const CLAP = 39;
const HAT = 42;
const PEDAL_HAT = 44;
const OPEN_HAT = 46;
const RIDE = 51;
const SHAKER = 70;
const TAMBOURINE = 54;

const every = (count: number, stride: number, velocity: number, offset = 0): Hit[] =>
  Array.from({ length: count }, (_, i) => [offset + i * stride, velocity] as Hit);

const POP = { major: [[0, 4, 5, 3]], minor: [[0, 5, 2, 6]] };
const ROCK = { major: [[0, 3, 4, 3]], minor: [[0, 6, 5, 6]] };
const CADENTIAL = { major: [[0, 5, 1, 4]], minor: [[0, 3, 4, 0]] };
const JAZZ = { major: [[1, 4, 0, 0]], minor: [[1, 4, 0, 0]] };
const BLUES = { major: [[0, 3, 0, 4]], minor: [[0, 3, 0, 4]] };

const STYLES: Style[] = [
  {
    name: 'rock',
    beats: 4,
    sub: 4,
    tempo: [100, 150],
    drums: {
      [KICK]: [
        [0, 110],
        [8, 105],
        [10, 90],
      ],
      [SNARE]: [
        [4, 110],
        [12, 112],
      ],
      [HAT]: every(8, 2, 80),
    },
    bass: { program: 34, steps: every(8, 2, 0).map((h) => h[0]), length: 2 },
    comp: { program: 29, steps: [0, 4, 8, 12], length: 4 },
    lead: { program: 30, density: 0.4 },
    progressions: ROCK,
  },
  {
    name: 'pop',
    beats: 4,
    sub: 4,
    tempo: [88, 128],
    drums: {
      [KICK]: [
        [0, 105],
        [6, 90],
        [8, 105],
      ],
      [SNARE]: [
        [4, 100],
        [12, 100],
      ],
      [HAT]: every(8, 2, 70),
    },
    bass: { program: 33, steps: [0, 6, 8, 14], length: 2 },
    comp: { program: 0, steps: [0, 8], length: 8 },
    pad: 48,
    lead: { program: 73, density: 0.5 },
    progressions: POP,
  },
  {
    name: 'funk',
    beats: 4,
    sub: 4,
    tempo: [90, 116],
    drums: {
      [KICK]: [
        [0, 115],
        [3, 90],
        [10, 100],
      ],
      [SNARE]: [
        [4, 110],
        [7, 40],
        [9, 45],
        [12, 110],
        [14, 40],
      ],
      [HAT]: Array.from({ length: 16 }, (_, i) => [i, i % 2 ? 55 : 85] as Hit),
    },
    bass: { program: 36, steps: [0, 3, 6, 8, 10, 11, 14], length: 1 },
    comp: { program: 27, steps: [2, 6, 10, 14], length: 1, sevenths: true },
    lead: { program: 65, density: 0.45 },
    progressions: CADENTIAL,
  },
  {
    name: 'blues-shuffle',
    beats: 4,
    sub: 3,
    tempo: [78, 128],
    drums: {
      [KICK]: [
        [0, 100],
        [6, 95],
      ],
      [SNARE]: [
        [3, 105],
        [9, 105],
      ],
      [HAT]: [0, 2, 3, 5, 6, 8, 9, 11].map((s) => [s, s % 3 === 0 ? 85 : 60] as Hit),
    },
    bass: { program: 33, steps: [0, 3, 6, 9], walk: true, length: 3 },
    comp: { program: 0, steps: [0, 2, 3, 5, 6, 8, 9, 11], length: 1, sevenths: true },
    lead: { program: 22, density: 0.4 },
    progressions: BLUES,
  },
  {
    name: 'jazz-swing',
    beats: 4,
    sub: 3,
    tempo: [120, 190],
    drums: {
      [RIDE]: [
        [0, 90],
        [3, 95],
        [5, 70],
        [6, 90],
        [9, 95],
        [11, 70],
      ],
      [PEDAL_HAT]: [
        [3, 75],
        [9, 75],
      ],
      [KICK]: every(4, 3, 35),
    },
    bass: { program: 32, steps: [0, 3, 6, 9], walk: true, length: 3 },
    comp: { program: 0, steps: [2, 8], length: 2, sevenths: true },
    lead: { program: 56, density: 0.55 },
    progressions: JAZZ,
  },
  {
    name: 'waltz',
    beats: 3,
    sub: 4,
    tempo: [88, 180],
    drums: {
      [KICK]: [[0, 90]],
      [STICK]: [
        [4, 60],
        [8, 60],
      ],
      [HAT]: every(3, 4, 50),
    },
    bass: { program: 32, steps: [0], length: 4 },
    comp: { program: 21, steps: [4, 8], length: 3 },
    pad: 48,
    lead: { program: 40, density: 0.35 },
    progressions: CADENTIAL,
  },
  {
    name: 'bossa',
    beats: 4,
    sub: 4,
    tempo: [118, 146],
    drums: {
      [STICK]: [
        [0, 80],
        [3, 80],
        [6, 80],
        [10, 80],
        [13, 80],
      ],
      [KICK]: [
        [0, 80],
        [3, 60],
        [4, 80],
        [7, 60],
        [8, 80],
        [11, 60],
        [12, 80],
        [15, 60],
      ],
      [SHAKER]: Array.from({ length: 16 }, (_, i) => [i, i % 4 === 0 ? 70 : 45] as Hit),
    },
    bass: { program: 32, steps: [0, 6, 8, 14], length: 3 },
    comp: { program: 24, steps: [0, 3, 6, 10, 12], length: 2, sevenths: true },
    lead: { program: 73, density: 0.4 },
    progressions: JAZZ,
  },
  {
    name: 'reggae',
    beats: 4,
    sub: 4,
    tempo: [68, 92],
    drums: { [KICK]: [[8, 110]], [STICK]: [[8, 100]], [HAT]: every(8, 2, 65) },
    bass: { program: 33, steps: [0, 3, 6, 10], length: 3 },
    comp: { program: 16, steps: [2, 6, 10, 14], length: 1 },
    lead: { program: 61, density: 0.3 },
    progressions: POP,
  },
  {
    name: 'house',
    beats: 4,
    sub: 4,
    tempo: [118, 130],
    drums: {
      [KICK]: every(4, 4, 120),
      [CLAP]: [
        [4, 100],
        [12, 100],
      ],
      [OPEN_HAT]: every(4, 4, 80, 2),
      [HAT]: every(16, 1, 45),
    },
    bass: { program: 38, steps: [2, 6, 10, 14], length: 2 },
    comp: { program: 81, steps: every(16, 1, 0).map((h) => h[0]), length: 1, arpeggio: true },
    pad: 89,
    lead: { program: 80, density: 0.2 },
    progressions: POP,
  },
  {
    name: 'drum-and-bass',
    beats: 4,
    sub: 4,
    tempo: [164, 178],
    drums: {
      [KICK]: [
        [0, 115],
        [10, 110],
      ],
      [SNARE]: [
        [4, 115],
        [12, 115],
      ],
      [HAT]: every(8, 2, 70),
    },
    bass: { program: 38, steps: [0, 10], length: 6 },
    comp: { program: 4, steps: [0], length: 16 },
    pad: 90,
    lead: { program: 81, density: 0.3 },
    progressions: ROCK,
  },
  {
    name: 'hip-hop',
    beats: 4,
    sub: 4,
    tempo: [82, 98],
    drums: {
      [KICK]: [
        [0, 115],
        [7, 95],
        [10, 105],
      ],
      [SNARE]: [
        [4, 115],
        [12, 115],
      ],
      [HAT]: every(8, 2, 75),
    },
    bass: { program: 33, steps: [0, 7, 10], length: 3 },
    comp: { program: 4, steps: [0, 8], length: 8, sevenths: true },
    lead: { program: 11, density: 0.3 },
    progressions: POP,
  },
  {
    name: 'piano-ballad',
    beats: 4,
    sub: 4,
    tempo: [60, 80],
    drums: {},
    bass: { program: 0, steps: [0, 8], length: 8 },
    comp: { program: 0, steps: every(8, 2, 0).map((h) => h[0]), length: 2, arpeggio: true },
    pad: 48,
    lead: { program: 0, density: 0.35 },
    progressions: CADENTIAL,
  },
  {
    name: 'punk',
    beats: 4,
    sub: 4,
    tempo: [160, 192],
    drums: {
      [KICK]: [
        [0, 115],
        [8, 115],
      ],
      [SNARE]: [
        [4, 115],
        [12, 115],
      ],
      [HAT]: every(8, 2, 85),
    },
    bass: { program: 34, steps: every(8, 2, 0).map((h) => h[0]), length: 2 },
    comp: { program: 30, steps: every(8, 2, 0).map((h) => h[0]), length: 2 },
    lead: { program: 29, density: 0.25 },
    progressions: ROCK,
  },
  {
    name: 'country',
    beats: 4,
    sub: 4,
    tempo: [100, 132],
    drums: {
      [KICK]: [
        [0, 100],
        [8, 100],
      ],
      [SNARE]: Array.from({ length: 16 }, (_, i) => [i, i % 4 === 0 ? 70 : i % 2 ? 35 : 50] as Hit),
      [TAMBOURINE]: [
        [4, 70],
        [12, 70],
      ],
    },
    bass: { program: 32, steps: [0, 8], length: 4 },
    comp: { program: 25, steps: [4, 12], length: 3 },
    lead: { program: 105, density: 0.45 },
    progressions: ROCK,
  },
  {
    name: 'string-quartet',
    beats: 3,
    sub: 4,
    tempo: [66, 112],
    drums: {},
    bass: { program: 42, steps: [0], length: 12 },
    comp: { program: 41, steps: [0, 4, 8], length: 4 },
    lead: { program: 40, density: 0.45 },
    progressions: CADENTIAL,
  },
];

// --- harmony -----------------------------------------------------------------------------------
const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const NATURAL_MINOR = [0, 2, 3, 5, 7, 8, 10];

/** Chord tones (semitones above the tonic) of the chord on `degree` (0 = I); minor V is major. */
function chordTones(mode: 'major' | 'minor', degree: number, sevenths: boolean): number[] {
  const scale = mode === 'major' ? MAJOR : NATURAL_MINOR;
  const steps = sevenths ? [0, 2, 4, 6] : [0, 2, 4];
  return steps.map((s) => {
    const i = degree + s;
    let pitch = scale[i % 7]! + 12 * Math.floor(i / 7);
    // Harmonic minor on V: the leading tone, as in most minor-key music.
    if (mode === 'minor' && degree === 4 && s === 2) pitch += 1;
    return pitch;
  });
}

// --- MIDI file -------------------------------------------------------------------------------
const TICKS_PER_QUARTER = 480;
type NoteEvent = { tick: number; channel: number; note: number; velocity: number; length: number };

function variableLength(value: number): number[] {
  const bytes = [value & 0x7f];
  let v = value >>> 7;
  while (v > 0) {
    bytes.unshift((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  return bytes;
}

function midiFile(bpm: number, beats: number, programs: Map<number, number>, notes: NoteEvent[]): Buffer {
  const events: { tick: number; order: number; bytes: number[] }[] = [];
  const microsPerQuarter = Math.round(60_000_000 / bpm);
  events.push({
    tick: 0,
    order: 0,
    bytes: [
      0xff,
      0x51,
      3,
      (microsPerQuarter >> 16) & 255,
      (microsPerQuarter >> 8) & 255,
      microsPerQuarter & 255,
    ],
  });
  events.push({ tick: 0, order: 0, bytes: [0xff, 0x58, 4, beats, 2, 24, 8] });
  for (const [channel, program] of programs)
    events.push({ tick: 0, order: 1, bytes: [0xc0 | channel, program] });
  for (const n of notes) {
    const tick = Math.max(0, Math.round(n.tick));
    const velocity = Math.max(1, Math.min(127, Math.round(n.velocity)));
    events.push({ tick, order: 3, bytes: [0x90 | n.channel, n.note, velocity] });
    events.push({
      tick: tick + Math.max(1, Math.round(n.length)),
      order: 2,
      bytes: [0x80 | n.channel, n.note, 0],
    });
  }
  events.sort((a, b) => a.tick - b.tick || a.order - b.order);
  const track: number[] = [];
  let last = 0;
  for (const e of events) {
    track.push(...variableLength(e.tick - last), ...e.bytes);
    last = e.tick;
  }
  track.push(0, 0xff, 0x2f, 0);
  const header = Buffer.from([
    0x4d,
    0x54,
    0x68,
    0x64,
    0,
    0,
    0,
    6,
    0,
    0,
    0,
    1,
    TICKS_PER_QUARTER >> 8,
    TICKS_PER_QUARTER & 255,
  ]);
  const trackHeader = Buffer.alloc(8);
  trackHeader.write('MTrk', 0, 'ascii');
  trackHeader.writeUInt32BE(track.length, 4);
  return Buffer.concat([header, trackHeader, Buffer.from(track)]);
}

/** Writes one song's notes: drums, bass, comping, pad, lead over a looped 4-bar progression. */
function composeSong(
  style: Style,
  bpm: number,
  tonic: number,
  mode: 'major' | 'minor',
  seed: number,
): Buffer {
  const random = seededRandom(seed);
  const stepTicks = TICKS_PER_QUARTER / style.sub;
  const barSteps = style.beats * style.sub;
  const bars = Math.max(8, Math.ceil((32 * bpm) / 60 / style.beats / 4) * 4) + 1;
  const progression = style.progressions[mode][0]!;
  const scale = mode === 'major' ? MAJOR : NATURAL_MINOR;
  const jitter = (): number => (random() - 0.5) * 0.02 * TICKS_PER_QUARTER; // ±5 ms-ish
  const human = (v: number): number => v * (0.88 + 0.24 * random());
  const notes: NoteEvent[] = [];
  const base = 48 + tonic; // tonic around C3–B3
  const programs = new Map<number, number>([
    [0, style.bass.program],
    [1, style.comp.program],
    [2, style.lead.program],
  ]);
  if (style.pad !== undefined) programs.set(3, style.pad);
  const sevenths = style.comp.sevenths ?? false;

  for (let bar = 0; bar < bars; bar++) {
    const final = bar === bars - 1;
    const degree = final ? 0 : progression[bar % progression.length]!;
    const tones = chordTones(mode, degree, sevenths && !final);
    const barTick = bar * barSteps * stepTicks;
    const at = (step: number): number => barTick + step * stepTicks;
    // Drums (none in the final bar but a closing hit).
    for (const [note, hits] of Object.entries(style.drums)) {
      for (const [step, velocity] of hits) {
        if (final && step > 0) continue;
        notes.push({
          tick: at(step) + jitter(),
          channel: 9,
          note: Number(note),
          velocity: human(velocity),
          length: stepTicks,
        });
      }
    }
    if (final) {
      for (const t of tones)
        notes.push({ tick: at(0), channel: 1, note: base + t, velocity: 85, length: barSteps * stepTicks });
      notes.push({ tick: at(0), channel: 0, note: base - 12, velocity: 95, length: barSteps * stepTicks });
      notes.push({
        tick: at(0),
        channel: 2,
        note: base + 12 + tones[random() < 0.5 ? 0 : 2]!,
        velocity: 80,
        length: barSteps * stepTicks,
      });
      break;
    }
    // Bass: root (and fifth / walking tones).
    style.bass.steps.forEach((step, i) => {
      let pitch = tones[0]!;
      if (style.bass.walk)
        pitch = [tones[0]!, tones[1]!, tones[2]!, tones[2]! + (random() < 0.5 ? 2 : 1)][i % 4]!;
      else if (i % 4 === 2 && random() < 0.5) pitch = tones[2]!;
      notes.push({
        tick: at(step) + jitter(),
        channel: 0,
        note: base - 12 + (pitch % 12),
        velocity: human(95),
        length: style.bass.length * stepTicks * 0.9,
      });
    });
    // Comping: block chords, or an arpeggio over the chord tones.
    style.comp.steps.forEach((step, i) => {
      const length = style.comp.length * stepTicks * 0.9;
      if (style.comp.arpeggio) {
        const t = tones[i % tones.length]! + 12 * (Math.floor(i / tones.length) % 2);
        notes.push({ tick: at(step) + jitter(), channel: 1, note: base + t, velocity: human(70), length });
      } else {
        for (const t of tones)
          notes.push({ tick: at(step) + jitter(), channel: 1, note: base + t, velocity: human(72), length });
      }
    });
    if (style.pad !== undefined)
      for (const t of tones)
        notes.push({
          tick: at(0),
          channel: 3,
          note: base + 12 + t,
          velocity: 55,
          length: barSteps * stepTicks,
        });
    // Lead: from bar 2 on, on beats and off-beats with the style's density; chord tones on beats.
    if (bar >= 2) {
      for (let step = 0; step < barSteps; step += style.sub / 2 >= 1 ? Math.floor(style.sub / 2) : 1) {
        const onBeat = step % style.sub === 0;
        if (random() > style.lead.density * (onBeat ? 1.4 : 0.8)) continue;
        let pitch: number;
        if (onBeat) pitch = tones[Math.floor(random() * 3)]!;
        else {
          const d = Math.floor(random() * 7);
          pitch = scale[d]!;
          if (mode === 'minor' && degree === 4 && d === 6) pitch = 11; // leading tone over V
        }
        notes.push({
          tick: at(step) + jitter(),
          channel: 2,
          note: base + 12 + (pitch % 12),
          velocity: human(88),
          length: stepTicks * style.sub * 0.45,
        });
      }
    }
  }
  return midiFile(bpm, style.beats, programs, notes);
}

/** Renders (or reuses) the corpus in `dir`; returns the songs, 3 per style. */
export function gmCorpus(dir: string, songsPerStyle = 3): GmSong[] {
  if (!existsSync(GM_SOUNDFONT)) return [];
  mkdirSync(dir, { recursive: true });
  const songs: GmSong[] = [];
  const formats = ['mp3', 'ogg', 'm4a', 'opus'];
  let index = 0;
  for (let variant = 0; variant < songsPerStyle; variant++) {
    for (const style of STYLES) {
      const random = seededRandom(1000 + index * 7919);
      const keyIndex = (index * 7) % 24; // every key, in an order that mixes modes and tonics
      const tonic = keyIndex % 12;
      const mode = keyIndex < 12 ? 'major' : 'minor';
      const bpm = Math.round(style.tempo[0] + random() * (style.tempo[1] - style.tempo[0]));
      const name = `gm${String(index).padStart(2, '0')}-${style.name}-${bpm}-${PITCH_NAMES[tonic]}${mode === 'minor' ? 'm' : ''}`;
      const mid = join(dir, `${name}.mid`);
      const wav = join(dir, `${name}.wav`);
      const format = index % 3 === 2 ? formats[Math.floor(index / 3) % formats.length]! : 'wav';
      const path = format === 'wav' ? wav : join(dir, `${name}.${format}`);
      if (!existsSync(path)) {
        writeFileSync(mid, composeSong(style, bpm, tonic, mode, 5000 + index));
        const temporary = `${wav}.part.wav`;
        execFileSync('fluidsynth', ['-ni', '-g', '0.6', '-r', '44100', '-F', temporary, GM_SOUNDFONT, mid], {
          stdio: 'ignore',
        });
        renameSync(temporary, wav);
        if (format !== 'wav') {
          const codec = {
            mp3: ['-c:a', 'libmp3lame', '-b:a', '192k'],
            ogg: ['-c:a', 'libvorbis', '-q:a', '5'],
            m4a: ['-c:a', 'aac', '-b:a', '160k'],
            opus: ['-c:a', 'libopus', '-b:a', '96k'],
          }[format]!;
          execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, ...codec, path], { stdio: 'ignore' });
        }
      }
      songs.push({ name, style: style.name, path, bpm, key: { key: PITCH_NAMES[tonic]!, mode } });
      index++;
    }
  }
  return songs;
}
