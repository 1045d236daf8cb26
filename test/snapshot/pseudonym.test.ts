import { describe, expect, it } from 'vitest';
import { Pseudonymiser } from '../../src/snapshot/pseudonym';
import type { Column } from '../../src/engine/values';

const KNOWN = [
  { id: 'P0001', name: 'Dupont Informatique' },
  { id: 'P0002', name: 'Dupont' },
  { id: 'P0003', name: 'Alpha Systems' },
];

const col = (name: string, kind: Column['kind'] = 'string'): Column => ({ name, kind, sqlType: kind === 'string' ? 'VARCHAR' : 'BIGINT' });

describe('pseudonymising partners', () => {
  it('numbers partners by first appearance and gives a partner one number for its id and its name', () => {
    const p = new Pseudonymiser(KNOWN);
    // Alpha Systems appears first → 001; P0001 next → 002; then Dupont Informatique is P0001's name → 002 again.
    expect(p.value('Alpha Systems')).toBe('Partner 001');
    expect(p.value('P0001')).toBe('P-002');
    expect(p.value('Dupont Informatique')).toBe('Partner 002');
    expect(p.value('P0003')).toBe('P-001');
    expect(p.count).toBe(2);
  });

  it('replaces names and ids inside free text at word boundaries, preferring the longest name', () => {
    const p = new Pseudonymiser(KNOWN);
    const text = 'Call Dupont Informatique (P0001) before Dupont; not Dupontel nor XP00012.';
    // "Dupont Informatique" is matched whole (001), not as "Dupont" (P0002) + " Informatique";
    // P0001 is the same partner (001); "Dupont" alone is P0002 (002); Dupontel and XP00012 are other words.
    expect(p.text(text)).toBe('Call Partner 001 (P-001) before Partner 002; not Dupontel nor XP00012.');
  });

  it('leaves short and purely numeric ids alone in free text but not in id columns', () => {
    const p = new Pseudonymiser([{ id: '17', name: 'Zeta' }]);
    expect(p.text('Rank 17 of 20, Zeta.')).toBe('Rank 17 of 20, Partner 001.');
    const t = p.table([col('partner_id', 'integer'), col('score', 'integer')], [[17, 17]]);
    // The id column becomes text (its aliases are text); the score 17 is a number, not a partner.
    expect(t.rows).toEqual([['P-001', 17]]);
    expect(t.columns[0]).toEqual({ name: 'partner_id', kind: 'string', sqlType: 'VARCHAR' });
    expect(t.columns[1]).toEqual(col('score', 'integer'));
  });

  it('discovers partners from a partner_id column and the name beside it, and keeps them consistent later', () => {
    const p = new Pseudonymiser(KNOWN);
    const t = p.table(
      [col('partner_id'), col('name'), col('note')],
      [
        ['XN9', 'Newco', 'works with Alpha Systems'],
        ['P0003', 'Alpha Systems', null],
        ['XN9', 'Newco', 'Newco again'],
      ],
    );
    // XN9/Newco unknown → 001; Alpha Systems in the note → 002 (known P0003); the third row repeats 001.
    expect(t.rows).toEqual([
      ['P-001', 'Partner 001', 'works with Partner 002'],
      ['P-002', 'Partner 002', null],
      ['P-001', 'Partner 001', 'Partner 001 again'],
    ]);
    // Learnt partners are replaced in text afterwards too.
    expect(p.text('Newco (XN9)')).toBe('Partner 001 (P-001)');
  });

  it('treats a name column as a programme name when there is no partner id beside it', () => {
    const p = new Pseudonymiser(KNOWN);
    const t = p.table([col('program_id'), col('name')], [['PRG1', 'Accelerator']]);
    expect(t.rows).toEqual([['PRG1', 'Accelerator']]);
  });

  it('walks lists and structs, aliasing values but never keys', () => {
    const p = new Pseudonymiser(KNOWN);
    expect(p.value({ P0001: ['P0001', 'Alpha Systems'], n: 3 })).toEqual({ P0001: ['P-001', 'Partner 002'], n: 3 });
  });

  it('never hands out an alias that is a real name', () => {
    const p = new Pseudonymiser([
      { id: 'A', name: 'Partner 002' },
      { id: 'B', name: 'Beta' },
    ]);
    expect(p.value('Beta')).toBe('Partner 001');
    // The second partner's alias would be "Partner 002", which is the first partner's real name.
    expect(p.value('Partner 002')).toBe('Partner 002*');
  });
});
