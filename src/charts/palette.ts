/**
 * Colours every chart uses, chosen to stay distinguishable with the common colour-vision deficiencies.
 * Categories use Okabe & Ito's palette ("Color Universal Design", 2008), reordered so that the first
 * colours are also the ones with the best contrast on white (yellow, the weakest, comes last).
 * Continuous values use single-hue ramps whose lightness changes monotonically: they read the same in
 * greyscale, so they need no hue discrimination at all.
 */

export const OKABE_ITO = {
  blue: '#0072B2',
  orange: '#E69F00',
  bluishGreen: '#009E73',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  skyBlue: '#56B4E9',
  yellow: '#F0E442',
  black: '#000000',
} as const;

export const CATEGORICAL: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/** The default single colour of marks (bars, lines, points). */
export const PRIMARY = OKABE_ITO.blue;
/** A second series next to the primary one (naive vs incremental, partners vs revenue). */
export const SECONDARY = OKABE_ITO.orange;
/** Good / bad positions (above / below a band). Blue-green against vermillion survives deuteranopia. */
export const GOOD = OKABE_ITO.bluishGreen;
export const BAD = OKABE_ITO.vermillion;
/** Reference marks that must not compete with the data: bands, guides, "no purchase". */
export const NEUTRAL = '#9aa3ae';
export const NEUTRAL_LIGHT = '#dde2e8';
/** Dark text on charts (the app's foreground colour). */
export const INK = '#1b2430';
export const INK_MUTED = '#4d5866';

/**
 * A light sequential ramp for heatmaps that carry their numbers as text: its darkest end (#4a90c8)
 * still gives dark text a contrast above 4.5:1, so labels need no colour switching.
 */
export const HEAT_RANGE: readonly string[] = ['#f3f8fd', '#4a90c8'];

/** Vega's built-in schemes with monotonic lightness, for ordered categories and continuous values. */
export const SEQUENTIAL_SCHEME = 'blues';
export const DIVERGING_SCHEME = 'blueorange';
