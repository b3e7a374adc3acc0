import { describe, expect, it } from 'vitest';
import {
  GENRE_IDS,
  findGenrePhrases,
  foldGenreText,
  genreAffinity,
  normalizeGenres,
} from '../src/shared/genres';

describe('genre vocabulary', () => {
  it('maps the Ministry of Culture labels of the festival list', () => {
    expect(normalizeGenres(['Jazz, blues et musiques improvisées'])).toEqual(['jazz', 'blues']);
    expect(normalizeGenres(['Musiques actuelles'])).toEqual([
      'pop',
      'rock',
      'chanson',
      'electronic',
      'hiphop',
    ]);
    expect(normalizeGenres(['Musiques traditionnelles et du monde'])).toEqual(['world', 'traditional']);
    expect(normalizeGenres(['Chanson ou variété française'])).toEqual(['chanson']);
  });

  it('reads free text, accents and ligatures, and genre ids themselves', () => {
    expect(normalizeGenres(['rock indé', 'Chœurs', 'hip-hop', 'jazz'])).toEqual([
      'rock',
      'indie',
      'choral',
      'hiphop',
      'jazz',
    ]);
    expect(normalizeGenres(['théâtre', ''])).toEqual([]);
  });

  it('prefers the longest phrase and never matches inside a word', () => {
    const found = findGenrePhrases(foldGenreText('salle musiques actuelles, pas de rockabilly'));
    expect(found.map((m) => m.phrase)).toEqual(['musiques actuelles']);
  });

  it('gives full, family and neighbour credit, symmetric', () => {
    expect(genreAffinity('jazz', 'jazz')).toBe(1);
    expect(genreAffinity('jazz', 'blues')).toBe(0.6);
    expect(genreAffinity('jazz', 'funk')).toBe(0.35);
    expect(genreAffinity('jazz', 'techno')).toBe(0);
    for (const a of GENRE_IDS)
      for (const b of GENRE_IDS) expect(genreAffinity(a, b)).toBe(genreAffinity(b, a));
  });
});
