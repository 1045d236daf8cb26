/**
 * Programme ROI, naive against incremental, over a `roi.programs` result (src/analytics/roi.ts). The
 * two ROIs sit side by side for each programme, always labelled, and the incremental one carries its
 * 95 % range: only an incremental ROI whose range stays above 0 says the programme paid for itself.
 */
import type { JsonObject } from '../json';
import { INK, NEUTRAL, PRIMARY } from '../palette';
import { chart, MONEY, ONE_ROW, PCT } from './common';

export interface RoiOptions {
  /** A `roi.programs` result. */
  data?: string;
}

const NAIVE = 'Naive ROI';
const INCREMENTAL = 'Incremental ROI';
const ROI_TITLE = 'Return on investment (0 % = break-even)';

export function roiSpec(o: RoiOptions = {}): JsonObject {
  const y = { field: 'name', type: 'nominal', title: null, sort: null };
  return chart(
    {
      text: 'Programme ROI: naive against incremental',
      subtitle: [
        'Naive: all the margin of enrolled partners. Incremental: only the margin the programme added, against partners not enrolled.',
        'The black line is the incremental ROI\'s 95 % range: a range crossing 0 % cannot tell a gain from no effect.',
      ],
    },
    o.data ?? 'program_roi',
    {
      width: 460,
      layer: [
        {
          transform: [
            { fold: ['roi_naive', 'roi_incremental'], as: ['measure', 'roi'] },
            { calculate: `datum.measure === 'roi_naive' ? '${NAIVE}' : '${INCREMENTAL}'`, as: 'attribution' },
          ],
          mark: { type: 'bar', height: { band: 0.8 } },
          encoding: {
            y,
            yOffset: { field: 'attribution', type: 'nominal', sort: [NAIVE, INCREMENTAL] },
            x: { field: 'roi', type: 'quantitative', title: ROI_TITLE, axis: { format: PCT } },
            color: { field: 'attribution', type: 'nominal', title: 'Attribution', scale: { domain: [NAIVE, INCREMENTAL], range: [NEUTRAL, PRIMARY] }, legend: { orient: 'top' } },
            tooltip: [
              { field: 'name', type: 'nominal', title: 'Programme' },
              { field: 'attribution', type: 'nominal', title: 'Attribution' },
              { field: 'roi', type: 'quantitative', title: 'ROI', format: PCT },
              { field: 'cost', type: 'quantitative', title: 'Cost', format: MONEY },
              { field: 'payback_months_incremental', type: 'quantitative', title: 'Payback (months)', format: ',.1f' },
              { field: 'note', type: 'nominal', title: 'Note' },
            ],
          },
        },
        {
          // ROI at the ends of the incremental margin's 95 % range, drawn over the incremental bar.
          transform: [
            { filter: 'isValid(datum.margin_incremental_low) && datum.cost > 0' },
            { calculate: '(datum.margin_incremental_low - datum.cost) / datum.cost', as: 'roi_low' },
            { calculate: '(datum.margin_incremental_high - datum.cost) / datum.cost', as: 'roi_high' },
          ],
          mark: { type: 'rule', color: INK, strokeWidth: 1.5 },
          encoding: {
            y,
            yOffset: { datum: INCREMENTAL, type: 'nominal' },
            x: { field: 'roi_low', type: 'quantitative', title: ROI_TITLE },
            x2: { field: 'roi_high' },
            tooltip: [
              { field: 'name', type: 'nominal', title: 'Programme' },
              { field: 'roi_low', type: 'quantitative', title: 'Incremental ROI, 95 % from', format: PCT },
              { field: 'roi_high', type: 'quantitative', title: 'to', format: PCT },
            ],
          },
        },
        { data: ONE_ROW, mark: { type: 'rule', color: INK, strokeDash: [3, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      ],
    },
  );
}
