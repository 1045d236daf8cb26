/**
 * Churn risk over a `churn.bgnbd` result (src/analytics/churn.ts): each partner's probability of still
 * being active against what it has sold. Bottom right — big past sellers the model thinks have stopped —
 * is the "can't lose" call list; the revenue axis is logarithmic because partner revenue spans orders of
 * magnitude.
 */
import type { JsonObject } from '../json';
import { BAD, INK, NEUTRAL, PRIMARY } from '../palette';
import { chart, COUNT, MONEY, MONEY_SHORT, ONE_ROW, PCT } from './common';

export interface ChurnOptions {
  /** A `churn.bgnbd` result. */
  data?: string;
  /** Below this P(alive) a partner is drawn as probably lost. */
  threshold?: number;
}

export function pAliveSpec(o: ChurnOptions = {}): JsonObject {
  const threshold = o.threshold ?? 0.5;
  const lost = `Probably stopped (below ${Math.round(threshold * 100)} %)`;
  const active = 'Probably active';
  return chart(
    {
      text: 'Who is still selling? P(alive) against past revenue',
      subtitle: [
        'Each point is a partner with a won deal. P(alive) is judged against the partner\'s own rhythm (BG/NBD model):',
        'a partner that sells once a year is not lost after a quiet quarter. Bottom right: big sellers that have probably stopped — call them.',
      ],
    },
    o.data ?? 'churn_risk',
    {
      width: 520,
      height: 320,
      layer: [
        {
          transform: [{ calculate: `datum.p_alive < ${threshold} ? '${lost}' : '${active}'`, as: 'status' }],
          mark: { type: 'point', filled: true, size: 28, opacity: 0.75 },
          encoding: {
            x: { field: 'revenue', type: 'quantitative', title: 'Past revenue (sum of won deals, log scale)', scale: { type: 'log' }, axis: { format: MONEY_SHORT, tickCount: 6 } },
            y: { field: 'p_alive', type: 'quantitative', title: 'P(alive): probability the partner still sells', scale: { domain: [0, 1] }, axis: { format: PCT } },
            color: { field: 'status', type: 'nominal', title: null, scale: { domain: [active, lost], range: [PRIMARY, BAD] }, legend: { orient: 'top' } },
            shape: { field: 'status', type: 'nominal', scale: { domain: [active, lost], range: ['circle', 'triangle-down'] } },
            tooltip: [
              { field: 'name', type: 'nominal', title: 'Partner' },
              { field: 'revenue', type: 'quantitative', title: 'Revenue', format: MONEY },
              { field: 'won_deals', type: 'quantitative', title: 'Won deals', format: COUNT },
              { field: 'weeks_since_last_deal', type: 'quantitative', title: 'Weeks since last deal', format: ',.0f' },
              { field: 'typical_gap_weeks', type: 'quantitative', title: 'Usual weeks between deals', format: ',.0f' },
              { field: 'p_alive', type: 'quantitative', title: 'P(alive)', format: PCT },
            ],
          },
        },
        { data: ONE_ROW, mark: { type: 'rule', color: NEUTRAL, strokeDash: [4, 3] }, encoding: { y: { datum: threshold, type: 'quantitative' } } },
        {
          data: ONE_ROW,
          mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -4, dy: -4, fontSize: 11, fontWeight: 600, color: INK },
          encoding: { x: { value: 'width' }, y: { value: 'height' }, text: { value: 'Call now: big sellers gone quiet' } },
        },
      ],
    },
  );
}
