/**
 * The distribution of engagement scores over an `engagement.scores` result
 * (src/analytics/engagement.ts), with the call-now threshold: bars at or above it are the partners to
 * call this week. Bins are multiples of 5 points, so the default threshold (20) falls on a bin edge and
 * no bar mixes both sides.
 */
import type { JsonObject } from '../json';
import { BAD, INK, NEUTRAL, PRIMARY } from '../palette';
import { chart, COUNT, ONE_ROW } from './common';

export interface EngagementOptions {
  /** An `engagement.scores` result. */
  data?: string;
  /** The analysis's call-now threshold (its `threshold` parameter). */
  threshold?: number;
  /** Width of a bin in points; the threshold should be a multiple of it. */
  binStep?: number;
}

export function engagementDistributionSpec(o: EngagementOptions = {}): JsonObject {
  const threshold = o.threshold ?? 20;
  return chart(
    {
      text: 'Engagement scores and the call-now threshold',
      subtitle: [
        `Partners by engagement score over the window. From ${threshold} points (dashed line) a partner goes on the call-now list.`,
        'The count axis is a square-root scale, so the few very engaged partners stay visible next to the many quiet ones.',
      ],
    },
    o.data ?? 'engagement_scores',
    {
      width: 560,
      height: 260,
      layer: [
        {
          mark: { type: 'bar', binSpacing: 1 },
          encoding: {
            x: { field: 'score', type: 'quantitative', bin: { step: o.binStep ?? 5 }, title: 'Engagement score (points over the window)' },
            y: { aggregate: 'count', type: 'quantitative', title: 'Partners', scale: { type: 'sqrt' }, axis: { format: COUNT } },
            color: {
              field: 'call_now',
              type: 'nominal',
              title: null,
              scale: { domain: [false, true], range: [NEUTRAL, PRIMARY] },
              legend: { labelExpr: "datum.value === true || datum.value === 'true' ? 'On the call-now list' : 'Below the threshold'", orient: 'top' },
            },
            tooltip: [
              { field: 'score', type: 'quantitative', bin: { step: o.binStep ?? 5 }, title: 'Score' },
              { aggregate: 'count', type: 'quantitative', title: 'Partners', format: COUNT },
            ],
          },
        },
        { data: ONE_ROW, mark: { type: 'rule', color: BAD, strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { x: { datum: threshold, type: 'quantitative' } } },
        {
          data: ONE_ROW,
          mark: { type: 'text', align: 'left', dx: 4, baseline: 'top', y: 2, fontSize: 11, color: INK },
          encoding: { x: { datum: threshold, type: 'quantitative' }, text: { value: `Call now from ${threshold} points` } },
        },
      ],
    },
  );
}
