/**
 * What every analysis chart shares: the schema name, a title with a subtitle saying how to read it,
 * and the number formats. Formats are d3 patterns; the reader's locale (config.locale, set when the
 * chart is drawn) supplies the decimal mark, the grouping and the percent sign.
 */
import type { JsonObject } from '../json';
import { VEGA_LITE_SCHEMA } from '../source';

/** Whole numbers with grouping: 12,345. */
export const COUNT = ',.0f';
/** Money, compact on axes and labels: 1.23M, 45.6k. The currency is the data's own. */
export const MONEY_SHORT = '.3~s';
/** Money in full, for tooltips: 1,234,567. */
export const MONEY = ',.0f';
/** A fraction as a percentage: 0.423 → 42%. */
export const PCT = '.0%';
/** A value already in per cent, with one decimal: 72.5. */
export const PCT_POINTS = ',.1f';

/** Data for an annotation layer (a threshold, a reference line): one mark, not one per row. */
export const ONE_ROW = { values: [{}] };

export interface ChartTitle {
  text: string;
  subtitle?: string | string[];
}

export function chart(title: ChartTitle, data: string, body: JsonObject): JsonObject {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: title.subtitle ? { text: title.text, subtitle: title.subtitle } : title.text,
    data: { name: data },
    ...body,
  };
}
