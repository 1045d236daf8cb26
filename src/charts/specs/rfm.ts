/**
 * RFM charts over `rfm.scores` and `rfm.segments` results (src/analytics/rfm.ts).
 * The grid is R across and F up, so Champions (R 5, F 4–5) sit top right and the partners to call
 * (R 1–2, F 4–5: Can't lose, At risk) top left — the corner the eye reaches first in a left-to-right
 * reading.
 */
import { RFM_SEGMENTS, NO_PURCHASE } from '../../analytics/rfm';
import type { JsonObject } from '../json';
import { HEAT_RANGE, INK, NEUTRAL, PRIMARY, SECONDARY } from '../palette';
import { chart, COUNT, MONEY, MONEY_SHORT, PCT } from './common';

const SCORES = [1, 2, 3, 4, 5];

function rfmPanel(title: string, value: JsonObject, label: JsonObject, legendTitle: string): JsonObject {
  return {
    title,
    width: 230,
    height: 230,
    encoding: {
      x: { field: 'r_score', type: 'ordinal', title: 'Recency R (5 = most recent)', scale: { domain: SCORES }, axis: { labelAngle: 0 } },
      y: { field: 'f_score', type: 'ordinal', title: 'Frequency F (5 = most deals)', scale: { domain: [...SCORES].reverse() } },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1.5 },
        encoding: {
          color: { ...value, title: legendTitle, scale: { range: [...HEAT_RANGE] }, legend: null },
          tooltip: [
            { field: 'r_score', type: 'ordinal', title: 'R score' },
            { field: 'f_score', type: 'ordinal', title: 'F score' },
            { aggregate: 'count', type: 'quantitative', title: 'Partners', format: COUNT },
            { field: 'monetary', aggregate: 'sum', type: 'quantitative', title: 'Revenue', format: MONEY },
          ],
        },
      },
      { mark: { type: 'text', fontSize: 12, color: INK }, encoding: { text: { ...label } } },
    ],
  };
}

export interface RfmGridOptions {
  /** An `rfm.scores` result. */
  data?: string;
}

/** Two R × F heatmaps side by side: how many partners, and how much revenue, in each cell. */
export function rfmGridSpec(o: RfmGridOptions = {}): JsonObject {
  return chart(
    {
      text: 'RFM grid: where the partners and the revenue are',
      subtitle: [
        'Recency score across, frequency score up (5 is best). Top right: Champions; top left: Can\'t lose and At risk.',
        'Partners with no won deal in the window are not on the grid (see the segments chart).',
      ],
    },
    o.data ?? 'rfm_scores',
    {
      transform: [{ filter: { field: 'r_score', valid: true } }],
      hconcat: [
        rfmPanel('Partners per cell', { aggregate: 'count', type: 'quantitative' }, { aggregate: 'count', type: 'quantitative', format: COUNT }, 'Partners'),
        rfmPanel(
          'Revenue per cell',
          { field: 'monetary', aggregate: 'sum', type: 'quantitative' },
          { field: 'monetary', aggregate: 'sum', type: 'quantitative', format: MONEY_SHORT },
          'Revenue',
        ),
      ],
      // Counts and money each need their own colour scale.
      resolve: { scale: { color: 'independent' } },
    },
  );
}

export interface RfmSegmentsOptions {
  /** An `rfm.segments` result. */
  data?: string;
}

const SEGMENT_ORDER = [...RFM_SEGMENTS.map((s) => s.name), NO_PURCHASE.name];

interface SegmentPanel {
  title: string;
  field: string;
  axisTitle: string;
  format: string;
  /** The share field labelling each bar. */
  share: string;
  colour: string;
  /** Segment names on the left panel only: the right one reads across from it. */
  names: boolean;
}

function segmentPanel(p: SegmentPanel): JsonObject {
  return {
    title: p.title,
    width: 260,
    encoding: {
      y: { field: 'segment', type: 'nominal', title: null, sort: SEGMENT_ORDER, ...(p.names ? {} : { axis: null }) },
      x: { field: p.field, type: 'quantitative', title: p.axisTitle, axis: { format: p.format } },
    },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          // The tail is shown, never hidden, but in grey: it is not a segment to act on like the others.
          color: { condition: { test: `datum.segment === '${NO_PURCHASE.name}'`, value: NEUTRAL }, value: p.colour },
          tooltip: [
            { field: 'segment', type: 'nominal', title: 'Segment' },
            { field: 'partners', type: 'quantitative', title: 'Partners', format: COUNT },
            { field: 'revenue', type: 'quantitative', title: 'Revenue', format: MONEY },
            { field: 'revenue_share', type: 'quantitative', title: 'Share of revenue', format: PCT },
            { field: 'action', type: 'nominal', title: 'What to do' },
          ],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: INK }, encoding: { text: { field: p.share, type: 'quantitative', format: PCT } } },
    ],
  };
}

/** Partners and revenue per segment, in the segment table's order, each bar labelled with its share. */
export function rfmSegmentBarsSpec(o: RfmSegmentsOptions = {}): JsonObject {
  return chart(
    { text: 'RFM segments: partners and revenue', subtitle: 'Labels give each segment\'s share of all partners and of all revenue.' },
    o.data ?? 'rfm_segments',
    {
      hconcat: [
        segmentPanel({ title: 'Partners', field: 'partners', axisTitle: 'Partners', format: COUNT, share: 'partner_share', colour: PRIMARY, names: true }),
        segmentPanel({
          title: 'Revenue',
          field: 'revenue',
          axisTitle: 'Revenue (sum of won deals)',
          format: MONEY_SHORT,
          share: 'revenue_share',
          colour: SECONDARY,
          names: false,
        }),
      ],
      resolve: { scale: { y: 'shared' } },
    },
  );
}
