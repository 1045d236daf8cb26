/**
 * A small result worked out by hand for the grid's tests: six deals, with a null in most columns,
 * a name holding LIKE's wildcards, a leap day and a tie on amount.
 *
 *  id | name     | region | status | amount | closed_at  | seen_at             | active
 *   1 | Acme     | EU     | won    |  120.5 | 2024-01-15 | 2024-01-15 10:00:00 | true
 *   2 | Bolt     | US     | lost   |   80   | 2024-02-01 | 2024-02-01 23:59:59 | false
 *   3 | acme2    | EU     | open   |   null | 2024-02-29 | 2024-02-29 00:00:00 | null
 *   4 | Céline   | US     | won    |  200   | null       | 2024-03-01 12:00:00 | true
 *   5 | null     | EU     | won    |   80   | 2024-03-10 | null                | false
 *   6 | 50%_off  | US     | lost   |   10   | 2023-12-31 | 2023-12-31 08:30:00 | true
 */
import type { Engine } from '../../src/engine/types';
import type { Column } from '../../src/engine/values';
import { describeRelation } from '../../src/notebook/kinds/sql-cell';

export const RELATION = 'cells."deals result"';

export async function makeFixture(engine: Engine): Promise<Column[]> {
  await engine.query(`CREATE SCHEMA IF NOT EXISTS cells`);
  await engine.query(`CREATE OR REPLACE TABLE ${RELATION} AS SELECT * FROM (VALUES
    (1, 'Acme', 'EU', 'won', 120.5, DATE '2024-01-15', TIMESTAMP '2024-01-15 10:00:00', true),
    (2, 'Bolt', 'US', 'lost', 80.0, DATE '2024-02-01', TIMESTAMP '2024-02-01 23:59:59', false),
    (3, 'acme2', 'EU', 'open', NULL, DATE '2024-02-29', TIMESTAMP '2024-02-29 00:00:00', NULL),
    (4, 'Céline', 'US', 'won', 200.0, NULL, TIMESTAMP '2024-03-01 12:00:00', true),
    (5, NULL, 'EU', 'won', 80.0, DATE '2024-03-10', NULL, false),
    (6, '50%_off', 'US', 'lost', 10.0, DATE '2023-12-31', TIMESTAMP '2023-12-31 08:30:00', true)
  ) v(id, name, region, status, amount, closed_at, seen_at, active)`);
  await engine.query(`CREATE OR REPLACE TABLE deals AS SELECT 1 AS deal_id`);
  return (await describeRelation({ engine } as never, RELATION)).columns;
}
