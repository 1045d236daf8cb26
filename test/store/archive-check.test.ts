/** An archive's view definitions, checked before anything of the archive runs (src/store/archive-check.ts). */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { viewProblem } from '../../src/store/archive-check';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  // The partner model as the app has it: views of several columns, which DuckDB's own name extraction
  // cannot bind (it stands each table in with one column).
  await engine.query(`CREATE SCHEMA demo; CREATE TABLE demo.partners AS SELECT 'P1' AS partner_id, 'Acme' AS name;
    CREATE SCHEMA model; CREATE VIEW model.partners AS SELECT * FROM demo.partners; SET search_path = 'main,model'`);
  await expect(engine.tableNames('SELECT * FROM partners')).rejects.toThrow(/columns available/);
});

describe('an archive view', () => {
  const readable = new Set(['deals']);
  it("is refused when it reads a model table the archive does not hold, even where DuckDB's parser gives up", async () => {
    expect(await viewProblem(engine, 'won', 'CREATE VIEW won AS SELECT * FROM partners', readable)).toBe('it reads partners, which the archive does not hold');
    expect(await viewProblem(engine, 'won', 'CREATE VIEW won AS SELECT d.* FROM deals d JOIN partners p USING (partner_id)', readable)).toBe('it reads partners, which the archive does not hold');
  });
  it('is accepted over the archive’s own tables', async () => {
    expect(await viewProblem(engine, 'won', "CREATE VIEW won AS SELECT * FROM deals WHERE status = 'won'", readable)).toBeNull();
  });
});
