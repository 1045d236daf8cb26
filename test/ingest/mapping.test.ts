/** Proposing a mapping from headers alone: which canonical table, which column is which, stage values. */
import { describe, expect, it } from 'vitest';
import { CANONICAL, classifyStatus, headerShape, mappingWarnings, normalizeHeader, proposeMapping, type CanonicalTable } from '../../src/ingest';
import { matchStrength } from '../../src/ingest/mapping';

describe('proposeMapping', () => {
  it('a Salesforce opportunity report maps onto deals', () => {
    const headers = ['Opportunity ID', 'Opportunity Name', 'Account Name', 'Partner Account', 'Amount', 'Close Date', 'Stage', 'Type', 'Created Date'];
    const p = proposeMapping(headers, { statusValues: () => ['Closed Won', 'Closed Lost', 'Negotiation/Review'] });
    expect(p.mapping).toEqual({
      table: 'deals',
      columns: {
        deal_id: 'Opportunity ID',
        partner_id: 'Partner Account',
        end_customer: 'Account Name',
        product: null,
        closed_at: 'Close Date',
        amount: 'Amount',
        gross_margin: null,
        status: 'Stage',
        registered_at: 'Created Date',
        // One Stage column: it gives the status, and an open deal's stage (in the view).
        stage: null,
        // Salesforce's report names no partner attributes beyond the account.
        partner_name: null,
        partner_country: null,
        partner_region: null,
        partner_sector: null,
        partner_tier: null,
      },
      statusValues: { 'Closed Won': 'won', 'Closed Lost': 'lost', 'Negotiation/Review': 'open' },
      // "Amount" says no currency.
      currency: null,
    });
  });

  it('a HubSpot deal export maps onto deals, with internal stage ids', () => {
    const headers = ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Associated Company', 'Pipeline', 'Create Date'];
    const p = proposeMapping(headers, { statusValues: () => ['closedwon', 'closedlost', 'appointmentscheduled'] });
    expect(p.mapping.table).toBe('deals');
    expect(p.mapping.columns).toEqual({
      deal_id: 'Record ID',
      partner_id: null,
      end_customer: 'Associated Company',
      product: null,
      closed_at: 'Close Date',
      amount: 'Amount',
      gross_margin: null,
      status: 'Deal Stage',
      registered_at: 'Create Date',
      stage: null,
      partner_name: null,
      partner_country: null,
      partner_region: null,
      partner_sector: null,
      partner_tier: null,
    });
    expect(p.mapping.statusValues).toEqual({ closedwon: 'won', closedlost: 'lost', appointmentscheduled: 'open' });
  });

  it('the French export maps from French headers, accents and units aside', () => {
    const p = proposeMapping(['Client', 'Partenaire', 'Montant (€)', 'Date de clôture', 'Statut', 'Produit']);
    expect(p.mapping.table).toBe('deals');
    expect(p.mapping.currency).toBe('EUR');
    expect(p.mapping.columns).toMatchObject({
      partner_id: 'Partenaire',
      end_customer: 'Client',
      product: 'Produit',
      closed_at: 'Date de clôture',
      amount: 'Montant (€)',
      status: 'Statut',
      deal_id: null,
    });
  });

  it('a partner list maps onto partners', () => {
    const p = proposeMapping(['Partner ID', 'Name', 'Country', 'Region', 'Sector', 'Tier', 'Partner since', 'Employees', 'Code postal']);
    expect(p.mapping.table).toBe('partners');
    expect(p.mapping.columns).toEqual({
      partner_id: 'Partner ID',
      name: 'Name',
      country: 'Country',
      region: 'Region',
      sector: 'Sector',
      tier: 'Tier',
      onboarded_at: 'Partner since',
      employees: 'Employees',
      tech_stack: null,
    });
  });

  it('an activity log maps onto activities, and the caller can force a table', () => {
    expect(proposeMapping(['partner_id', 'occurred_at', 'kind', 'campaign']).mapping.table).toBe('activities');
    expect(proposeMapping(['Partenaire', 'Date de réponse', 'Note', 'Commentaire']).mapping).toMatchObject({
      table: 'surveys',
      columns: { partner_id: 'Partenaire', answered_at: 'Date de réponse', score: 'Note', comment: 'Commentaire' },
    });
    expect(proposeMapping(['Client', 'Montant'], { table: 'partners' }).mapping.table).toBe('partners');
  });

  it('prefers an exact header to one that only contains the words', () => {
    const p = proposeMapping(['Montant HT', 'Montant', 'Date de clôture prévue', 'Date de clôture']);
    expect(p.mapping.columns).toMatchObject({ amount: 'Montant', closed_at: 'Date de clôture' });
  });
});

describe('stage values', () => {
  it.each([
    ['Closed Won', 'won'],
    ['closedwon', 'won'],
    ['Gagné', 'won'],
    ['Clôturée gagnée', 'won'],
    ['Closed - Lost', 'lost'],
    ['Perdu', 'lost'],
    ['closedlost', 'lost'],
    ['En cours', 'open'],
    ['Negotiation/Review', 'open'],
    ['contractsent', 'open'],
  ])('%s → %s', (value, status) => {
    expect(classifyStatus(value)).toBe(status);
  });
});

describe('shapes and warnings', () => {
  it('headers in another order, case or accent have the same shape', () => {
    expect(headerShape(['Montant (€)', 'Date de clôture'])).toBe(headerShape(['DATE DE CLOTURE', 'montant']));
    expect(headerShape(['Montant'])).not.toBe(headerShape(['Montant', 'Client']));
    expect(normalizeHeader("Date d'enregistrement")).toBe('date d enregistrement');
  });

  it('warns when a mapped column cannot hold the canonical type', () => {
    const mapping = proposeMapping(['Montant', 'Date de clôture', 'Client']).mapping;
    const warnings = mappingWarnings(mapping, [
      { name: 'Montant', type: 'VARCHAR' },
      { name: 'Date de clôture', type: 'TIMESTAMP' },
      { name: 'Client', type: 'VARCHAR' },
    ]);
    expect(warnings).toEqual(['amount: "Montant" holds text, not a number. Fix its type in the import settings, or map another column.']);
  });
});

// proposeMapping compares each header only with the synonyms whose first word it holds. A second method,
// every header against every synonym as matchStrength defines it, must give the same proposals.
describe('proposeMapping against the full comparison', () => {
  function fullComparison(table: CanonicalTable, headers: readonly string[]) {
    const candidates: { column: string; source: string; strength: number; rank: number }[] = [];
    for (const col of CANONICAL[table]) {
      for (const source of headers) {
        const h = normalizeHeader(source);
        let best: (typeof candidates)[number] | null = null;
        col.synonyms.forEach((syn, rank) => {
          const strength = matchStrength(h, syn);
          if (strength > 0 && (!best || strength > best.strength || (strength === best.strength && rank < best.rank))) best = { column: col.name, source, strength, rank };
        });
        if (best) candidates.push(best);
      }
    }
    candidates.sort((a, b) => b.strength - a.strength || a.rank - b.rank);
    const columns: Record<string, string | null> = Object.fromEntries(CANONICAL[table].map((c) => [c.name, null]));
    const used = new Set<string>();
    let score = 0;
    for (const c of candidates) {
      if (columns[c.column] !== null || used.has(c.source)) continue;
      columns[c.column] = c.source;
      used.add(c.source);
      score += c.strength;
    }
    return { columns, score };
  }

  it('gives the same columns and scores for headers made of every synonym, with words before and after', () => {
    const tables = Object.keys(CANONICAL) as CanonicalTable[];
    const synonyms = [...new Set(tables.flatMap((t) => CANONICAL[t].flatMap((c) => c.synonyms)))];
    // A deterministic mix: synonyms as they are, upper-cased with accents, with a word before or after, glued to another.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    for (let round = 0; round < 40; round++) {
      const headers = Array.from({ length: 12 }, () => {
        const s = pick(synonyms);
        return pick([s, s.toUpperCase(), `Total ${s}`, `${s} (EUR)`, `${s}_${pick(synonyms)}`, `Opportunité ${s}`, `x${s}`]);
      });
      const p = proposeMapping(headers);
      for (const t of tables) {
        const reference = fullComparison(t, headers);
        expect(p.scores[t]).toBe(reference.score);
        if (p.mapping.table === t) expect(p.mapping.columns).toEqual(reference.columns);
        expect(proposeMapping(headers, { table: t }).mapping.columns).toEqual(reference.columns);
      }
    }
  });
});
