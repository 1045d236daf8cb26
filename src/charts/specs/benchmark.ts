/**
 * Retention against the industry band, over a `benchmark.retention` result
 * (src/analytics/benchmark.ts): each sector's band as a grey bar, its rate as a point coloured and
 * shaped by where it falls — colour and shape both, so the position reads without colour vision.
 */
import type { JsonObject } from '../json';
import { BAD, GOOD, INK, NEUTRAL, NEUTRAL_LIGHT, PRIMARY } from '../palette';
import { chart, COUNT, PCT_POINTS } from './common';

export interface BenchmarkOptions {
  /** A `benchmark.retention` result. */
  data?: string;
}

const GROUP = "datum.level === 'overall' ? 'All partners' : (datum.sector == null ? '(no sector)' : datum.sector)";
/** A sector the bands table does not list still gets its point, in grey. */
const PLACE = "datum.position == null ? 'no range' : datum.position";
const PLACES = ['below', 'within', 'above', 'no range'];
const RATE_TITLE = 'Annual partner retention (%)';

export function benchmarkBandSpec(o: BenchmarkOptions = {}): JsonObject {
  return chart(
    {
      text: 'Partner retention against the industry range',
      subtitle: [
        'Grey bars: the published range for the sector. Points: your partners\' annual retention, coloured and shaped by where they fall.',
        '"All partners" is compared with the range of your own industry.',
      ],
    },
    o.data ?? 'retention_vs_benchmark',
    {
      transform: [
        { calculate: GROUP, as: 'group' },
        { calculate: PLACE, as: 'place' },
      ],
      width: 460,
      encoding: {
        y: { field: 'group', type: 'nominal', title: null, sort: null, axis: { labelFontWeight: 500 } },
      },
      layer: [
        {
          mark: { type: 'bar', height: 14, color: NEUTRAL_LIGHT, cornerRadius: 2 },
          encoding: {
            x: { field: 'band_low_pct', type: 'quantitative', title: RATE_TITLE, scale: { zero: false, padding: 12 } },
            x2: { field: 'band_high_pct' },
            tooltip: [
              { field: 'band', type: 'nominal', title: 'Range of' },
              { field: 'band_low_pct', type: 'quantitative', title: 'From (%)', format: PCT_POINTS },
              { field: 'band_high_pct', type: 'quantitative', title: 'To (%)', format: PCT_POINTS },
            ],
          },
        },
        {
          mark: { type: 'point', filled: true, size: 110, opacity: 1, stroke: '#ffffff', strokeWidth: 1 },
          encoding: {
            x: { field: 'retention_pct', type: 'quantitative', title: RATE_TITLE },
            color: { field: 'place', type: 'nominal', title: 'Against the range', scale: { domain: PLACES, range: [BAD, PRIMARY, GOOD, NEUTRAL] } },
            shape: { field: 'place', type: 'nominal', scale: { domain: PLACES, range: ['triangle-down', 'circle', 'triangle-up', 'square'] } },
            tooltip: [
              { field: 'group', type: 'nominal', title: 'Partners' },
              { field: 'year', type: 'ordinal', title: 'Year' },
              { field: 'retention_pct', type: 'quantitative', title: 'Retention (%)', format: PCT_POINTS },
              { field: 'place', type: 'nominal', title: 'Against the range' },
              { field: 'points_vs_band', type: 'quantitative', title: 'Points outside the range', format: '+,.1f' },
              { field: 'partners_prev_year', type: 'quantitative', title: 'Partners the year before', format: COUNT },
            ],
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 9, fontSize: 11, color: INK },
          encoding: { x: { field: 'retention_pct', type: 'quantitative' }, text: { field: 'retention_pct', type: 'quantitative', format: PCT_POINTS } },
        },
      ],
    },
  );
}
