/**
 * NPS by segment with its 95 % interval, over an `nps.summary` result (src/analytics/nps.ts). Only the
 * latest period is drawn, overall first then segments from best to worst; each label carries the number
 * of respondents, since that is what makes an interval wide.
 */
import type { JsonObject } from '../json';
import { INK, NEUTRAL, PRIMARY } from '../palette';
import { chart, COUNT, ONE_ROW } from './common';

export interface NpsOptions {
  /** An `nps.summary` result (with a segment breakdown). */
  data?: string;
  /** The breakdown drawn next to the overall NPS. */
  dimension?: 'segment' | 'sector' | 'tier';
}

const NPS_TITLE = 'NPS (points, −100 to +100)';

export function npsSpec(o: NpsOptions = {}): JsonObject {
  const dimension = o.dimension ?? 'segment';
  const y = {
    field: 'label',
    type: 'nominal',
    title: null,
    sort: { field: 'order', op: 'min', order: 'ascending' },
  };
  const x = { type: 'quantitative', scale: { domain: [-100, 100] }, title: NPS_TITLE, axis: { values: [-100, -50, 0, 50, 100], format: 'd' } };
  return chart(
    {
      text: `Partner NPS by ${dimension}`,
      subtitle: [
        'Each partner\'s latest answer in the period; NPS = % promoters (9–10) − % detractors (0–6).',
        'The line is the 95 % interval: wide when few partners answered (n). Intervals that overlap do not prove a difference.',
      ],
    },
    o.data ?? 'nps_by_segment',
    {
      transform: [
        { filter: { field: 'dimension', oneOf: ['overall', dimension] } },
        // The latest period only (all rows share it when the analysis ran over all answers).
        { joinaggregate: [{ op: 'max', field: 'period', as: 'latest' }] },
        { filter: 'datum.period === datum.latest' },
        { calculate: "datum.group_name + ' (n = ' + format(datum.respondents, ',') + ')'", as: 'label' },
        { calculate: "datum.dimension === 'overall' ? -1000 : -datum.nps", as: 'order' },
      ],
      width: 460,
      layer: [
        // No y: the zero line spans the whole height.
        { data: ONE_ROW, mark: { type: 'rule', color: NEUTRAL }, encoding: { x: { datum: 0, ...x } } },
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y,
            x: { field: 'ci_low', ...x },
            x2: { field: 'ci_high' },
            color: { condition: { test: "datum.dimension === 'overall'", value: INK }, value: PRIMARY },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 90, opacity: 1 },
          encoding: {
            y,
            x: { field: 'nps', ...x },
            color: { condition: { test: "datum.dimension === 'overall'", value: INK }, value: PRIMARY },
            tooltip: [
              { field: 'group_name', type: 'nominal', title: 'Partners' },
              { field: 'period', type: 'nominal', title: 'Period' },
              { field: 'respondents', type: 'quantitative', title: 'Respondents', format: COUNT },
              { field: 'nps', type: 'quantitative', title: 'NPS', format: '+.0f' },
              { field: 'ci_low', type: 'quantitative', title: '95 % interval from', format: '+.0f' },
              { field: 'ci_high', type: 'quantitative', title: 'to', format: '+.0f' },
              { field: 'promoter_pct', type: 'quantitative', title: 'Promoters (%)', format: '.0f' },
              { field: 'detractor_pct', type: 'quantitative', title: 'Detractors (%)', format: '.0f' },
            ],
          },
        },
        {
          mark: { type: 'text', dy: -10, fontSize: 11, color: INK },
          encoding: { y, x: { field: 'nps', ...x }, text: { field: 'nps', type: 'quantitative', format: '+.0f' } },
        },
      ],
    },
  );
}
