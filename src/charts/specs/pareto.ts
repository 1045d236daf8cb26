/**
 * The long tail's curve over a `pareto.curve` result (src/analytics/pareto.ts): the share of all
 * revenue made by the biggest partners, against the share of partners counted — the Lorenz curve read
 * from its top end, which is how the 80/20 rule is stated. The marks show what the top 20 % bring; the
 * diagonal is what perfect equality would give.
 */
import type { JsonObject } from '../json';
import { BAD, INK, NEUTRAL, PRIMARY } from '../palette';
import { chart, COUNT, MONEY, ONE_ROW, PCT } from './common';

export interface LorenzOptions {
  /** A `pareto.curve` result. */
  data?: string;
  /** The head, in per cent of partners (the analysis's `top_pct`). */
  topPct?: number;
}

const X = { field: 'partner_share_cum', type: 'quantitative', title: 'Partners, biggest first (cumulative % of all partners)', scale: { domain: [0, 1] }, axis: { format: PCT } };
const Y = { field: 'revenue_share_cum', type: 'quantitative', title: 'Revenue they make (cumulative % of all revenue)', scale: { domain: [0, 1] }, axis: { format: PCT } };

export function lorenzSpec(o: LorenzOptions = {}): JsonObject {
  const cut = (o.topPct ?? 20) / 100;
  // The head's share: the curve's highest point within the head (the curve only rises).
  const head = { transform: [{ filter: { field: 'partner_share_cum', lte: cut } }] };
  const headShare = { field: 'revenue_share_cum', aggregate: 'max', type: 'quantitative', title: Y.title };
  return chart(
    {
      text: 'How concentrated is partner revenue?',
      subtitle: [
        `Each step adds the next biggest partner. The marks show the share of revenue made by the top ${o.topPct ?? 20} % of partners;`,
        'the dashed diagonal is what an even spread would give.',
      ],
    },
    o.data ?? 'pareto_curve',
    {
      width: 420,
      height: 320,
      layer: [
        {
          data: { values: [{ partner_share_cum: 0, revenue_share_cum: 0 }, { partner_share_cum: 1, revenue_share_cum: 1 }] },
          mark: { type: 'line', color: NEUTRAL, strokeDash: [4, 4], strokeWidth: 1 },
          encoding: { x: X, y: Y },
        },
        {
          mark: { type: 'area', line: { color: PRIMARY, strokeWidth: 2 }, color: PRIMARY, opacity: 0.12 },
          encoding: {
            x: X,
            y: Y,
            tooltip: [
              { field: 'rank', type: 'quantitative', title: 'Rank', format: COUNT },
              { field: 'name', type: 'nominal', title: 'Partner' },
              { field: 'revenue', type: 'quantitative', title: 'Revenue', format: MONEY },
              { field: 'partner_share_cum', type: 'quantitative', title: 'Top partners', format: '.1%' },
              { field: 'revenue_share_cum', type: 'quantitative', title: 'Their revenue', format: '.1%' },
            ],
          },
        },
        { data: ONE_ROW, mark: { type: 'rule', color: BAD, strokeDash: [3, 3] }, encoding: { x: { datum: cut, type: 'quantitative' } } },
        {
          ...head,
          mark: { type: 'rule', color: BAD, strokeDash: [3, 3] },
          encoding: { x: { datum: 0, type: 'quantitative' }, x2: { datum: cut }, y: headShare },
        },
        { ...head, mark: { type: 'point', filled: true, color: BAD, size: 70, opacity: 1 }, encoding: { x: { datum: cut, type: 'quantitative' }, y: headShare } },
        {
          ...head,
          mark: { type: 'text', align: 'left', dx: 8, dy: 12, fontSize: 12, fontWeight: 600, color: INK },
          encoding: { x: { datum: cut, type: 'quantitative' }, y: headShare, text: { ...headShare, format: PCT } },
        },
      ],
    },
  );
}
