import { z } from 'zod';

/**
 * The surface materials a venue form can name for its floor, walls and ceiling. Labels (FR/EN) live in
 * the renderer's i18n files; absorption coefficients per octave band live in the acoustics service.
 */
export const SURFACE_MATERIALS = [
  'concrete',
  'brick',
  'plaster',
  'wood_panel',
  'wood_floor',
  'glass',
  'carpet',
  'heavy_curtain',
  'acoustic_panel',
  'upholstered_seats',
  'audience_standing',
] as const;
export type SurfaceMaterial = (typeof SURFACE_MATERIALS)[number];

export const SurfaceMaterialSchema = z.enum(SURFACE_MATERIALS);
