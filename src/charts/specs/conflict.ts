/**
 * Channel conflict by segment over a `conflict.mix` result (src/analytics/conflict.ts): the revenue at
 * stake in conflicts (deals where two actors worked the same customer), next to each segment's mix of
 * partner and direct revenue, which says where direct sales and partners meet.
 */
import type { JsonObject } from '../json';
import { BAD, INK, PRIMARY, SECONDARY } from '../palette';
import { chart, COUNT, MONEY, MONEY_SHORT, PCT } from './common';

export interface ConflictOptions {
  /** A `conflict.mix` result. */
  data?: string;
}

const PARTNER = 'Through partners';
const DIRECT = 'Direct sales';

export function conflictSpec(o: ConflictOptions = {}): JsonObject {
  const y = { field: 'segment', type: 'nominal', title: null, sort: null };
  return chart(
    {
      text: 'Channel conflict by segment',
      subtitle: [
        'Left: revenue of won deals where another actor (a partner or direct sales) won the same customer within the window.',
        'Right: how each segment\'s revenue splits between partners and direct sales; labels give the direct share.',
      ],
    },
    o.data ?? 'conflict_mix',
    {
      hconcat: [
        {
          title: 'Revenue at stake',
          width: 220,
          encoding: { y },
          layer: [
            {
              mark: { type: 'bar', color: BAD, cornerRadiusEnd: 2 },
              encoding: {
                x: { field: 'revenue_at_stake', type: 'quantitative', title: 'Revenue in conflict', axis: { format: MONEY_SHORT } },
                tooltip: [
                  { field: 'segment', type: 'nominal', title: 'Segment' },
                  { field: 'revenue_at_stake', type: 'quantitative', title: 'Revenue at stake', format: MONEY },
                  { field: 'conflicted_customers', type: 'quantitative', title: 'Customers in conflict', format: COUNT },
                  { field: 'customers', type: 'quantitative', title: 'Customers', format: COUNT },
                ],
              },
            },
            {
              mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: INK },
              encoding: { x: { field: 'revenue_at_stake', type: 'quantitative' }, text: { field: 'revenue_at_stake', type: 'quantitative', format: MONEY_SHORT } },
            },
          ],
        },
        {
          title: 'Channel mix',
          width: 260,
          encoding: { y: { ...y, axis: null } },
          layer: [
            {
              transform: [
                { fold: ['partner_revenue', 'direct_revenue'], as: ['channel_field', 'channel_revenue'] },
                { calculate: `datum.channel_field === 'direct_revenue' ? '${DIRECT}' : '${PARTNER}'`, as: 'channel' },
              ],
              mark: { type: 'bar' },
              encoding: {
                x: { field: 'channel_revenue', type: 'quantitative', title: 'Revenue (sum of won deals)', stack: 'zero', axis: { format: MONEY_SHORT } },
                color: { field: 'channel', type: 'nominal', title: null, scale: { domain: [PARTNER, DIRECT], range: [PRIMARY, SECONDARY] }, legend: { orient: 'top' } },
                order: { field: 'channel_field', sort: 'descending' },
                tooltip: [
                  { field: 'segment', type: 'nominal', title: 'Segment' },
                  { field: 'channel', type: 'nominal', title: 'Channel' },
                  { field: 'channel_revenue', type: 'quantitative', title: 'Revenue', format: MONEY },
                  { field: 'direct_share', type: 'quantitative', title: 'Direct share', format: PCT },
                ],
              },
            },
            {
              transform: [{ calculate: 'datum.partner_revenue + datum.direct_revenue', as: 'total_revenue' }],
              mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: INK },
              encoding: { x: { field: 'total_revenue', type: 'quantitative' }, text: { field: 'direct_share', type: 'quantitative', format: PCT } },
            },
          ],
        },
      ],
    },
  );
}
