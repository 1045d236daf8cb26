/**
 * The canonical tables of DOMAIN.md, and the header names exports use for each column: English, French,
 * and the columns of common CRM exports (Salesforce opportunity reports, HubSpot deal exports). Names
 * are written normalised (lower case, no accents, words separated by one space); the first names of a
 * list are the most specific and win ties.
 */

export type CanonicalTable = 'partners' | 'deals' | 'activities' | 'surveys' | 'programs' | 'enrolments' | 'targets' | 'tier_rules' | 'mdf';
/** Money is DECIMAL(18,2), as in the demo: two decimals, exact sums, and shown as money. */
export type CanonicalType = 'VARCHAR' | 'DATE' | 'TIMESTAMP' | 'DOUBLE' | 'BIGINT' | 'DECIMAL(18,2)';

export interface CanonicalColumn {
  name: string;
  type: CanonicalType;
  synonyms: readonly string[];
  /**
   * Not one of the table's own columns but a fact about another model table that exports often carry
   * along (a deals export's partner sector): kept under this name, it lets that table be derived.
   */
  describes?: { table: CanonicalTable; column: string };
}

const PARTNER = [
  'partner id', 'partner', 'partner name', 'partner account', 'primary partner', 'primary partner account', 'channel partner',
  'associated partner', 'reseller', 'distributor', 'partenaire', 'id partenaire', 'code partenaire', 'nom du partenaire',
  'revendeur', 'distributeur', 'integrateur',
];

export const CANONICAL: Record<CanonicalTable, readonly CanonicalColumn[]> = {
  deals: [
    { name: 'deal_id', type: 'VARCHAR', synonyms: ['deal id', 'opportunity id', 'record id', 'deal record id', 'id opportunite', 'identifiant opportunite', 'reference opportunite', 'id affaire', 'reference affaire', 'numero affaire', 'numero d affaire', 'n affaire', 'no affaire', 'n d affaire', 'ref affaire', 'n opportunite', 'no opportunite', 'numero opportunite', 'opportunity number', 'id', 'identifiant', 'reference', 'ref'] },
    { name: 'partner_id', type: 'VARCHAR', synonyms: PARTNER },
    { name: 'end_customer', type: 'VARCHAR', synonyms: ['end customer', 'end customer name', 'customer', 'customer name', 'account name', 'associated company', 'company name', 'client final', 'client', 'nom du client', 'nom du compte', 'compte', 'account', 'company', 'societe', 'entreprise', 'raison sociale'] },
    { name: 'product', type: 'VARCHAR', synonyms: ['product', 'product name', 'produit', 'nom du produit', 'offre', 'solution', 'gamme', 'sku'] },
    { name: 'closed_at', type: 'DATE', synonyms: ['closed at', 'close date', 'closed date', 'closing date', 'date de cloture', 'date cloture', 'date de fermeture', 'date de signature', 'date de gain', 'won date', 'signature date'] },
    { name: 'amount', type: 'DECIMAL(18,2)', synonyms: ['amount', 'deal amount', 'opportunity amount', 'montant', 'montant ht', 'montant de l opportunite', 'montant de l affaire', 'chiffre d affaires', 'revenue', 'value', 'valeur', 'total'] },
    { name: 'gross_margin', type: 'DOUBLE', synonyms: ['gross margin', 'margin', 'marge brute', 'marge', 'taux de marge'] },
    { name: 'status', type: 'VARCHAR', synonyms: ['status', 'stage', 'deal stage', 'stage name', 'opportunity stage', 'pipeline stage', 'statut', 'etape', 'phase', 'etat', 'etape de vente'] },
    { name: 'registered_at', type: 'DATE', synonyms: ['registered at', 'registration date', 'deal registration date', 'date d enregistrement', 'date enregistrement', 'created date', 'create date', 'date de creation'] },
    // An open deal's step in the pipeline; when the export has one column for both, the status column's own
    // value is the stage of the open deals (src/ingest/mapping.ts).
    { name: 'stage', type: 'VARCHAR', synonyms: ['pipeline step', 'sales step', 'forecast category', 'etape du pipeline', 'etape commerciale', 'phase de vente'] },
    // What a deals export says of the partner: enough to derive `partners` when no partner export is imported.
    { name: 'partner_name', type: 'VARCHAR', synonyms: ['partner name', 'partner account name', 'nom du partenaire', 'nom du revendeur', 'raison sociale du partenaire'], describes: { table: 'partners', column: 'name' } },
    { name: 'partner_country', type: 'VARCHAR', synonyms: ['partner country', 'country', 'pays du partenaire', 'pays'], describes: { table: 'partners', column: 'country' } },
    { name: 'partner_region', type: 'VARCHAR', synonyms: ['partner region', 'region', 'territory', 'region du partenaire', 'territoire', 'zone'], describes: { table: 'partners', column: 'region' } },
    { name: 'partner_sector', type: 'VARCHAR', synonyms: ['partner sector', 'partner industry', 'sector', 'industry', 'vertical', 'secteur du partenaire', 'secteur', 'secteur d activite'], describes: { table: 'partners', column: 'sector' } },
    { name: 'partner_tier', type: 'VARCHAR', synonyms: ['partner tier', 'partner level', 'tier', 'niveau du partenaire', 'niveau partenaire', 'niveau', 'palier'], describes: { table: 'partners', column: 'tier' } },
  ],
  partners: [
    { name: 'partner_id', type: 'VARCHAR', synonyms: ['partner id', 'id partenaire', 'code partenaire', 'partner code', 'account id', 'id'] },
    { name: 'name', type: 'VARCHAR', synonyms: ['partner name', 'name', 'nom du partenaire', 'nom', 'partenaire', 'partner', 'account name', 'raison sociale', 'societe', 'company'] },
    { name: 'country', type: 'VARCHAR', synonyms: ['country', 'billing country', 'pays'] },
    { name: 'region', type: 'VARCHAR', synonyms: ['region', 'territory', 'territoire', 'zone'] },
    { name: 'sector', type: 'VARCHAR', synonyms: ['sector', 'industry', 'vertical', 'secteur', 'secteur d activite', 'industrie'] },
    { name: 'tier', type: 'VARCHAR', synonyms: ['tier', 'partner tier', 'partner level', 'level', 'niveau', 'niveau partenaire', 'palier'] },
    { name: 'onboarded_at', type: 'DATE', synonyms: ['onboarded at', 'onboarding date', 'partner since', 'date d onboarding', 'date d entree', 'date de recrutement', 'date de signature du contrat'] },
    { name: 'employees', type: 'BIGINT', synonyms: ['employees', 'number of employees', 'headcount', 'effectif', 'nombre d employes', 'nombre de salaries', 'salaries'] },
    { name: 'tech_stack', type: 'VARCHAR', synonyms: ['tech stack', 'technologies', 'technology', 'technologie', 'stack'] },
  ],
  activities: [
    { name: 'partner_id', type: 'VARCHAR', synonyms: PARTNER },
    { name: 'occurred_at', type: 'TIMESTAMP', synonyms: ['occurred at', 'activity date', 'event date', 'timestamp', 'date de l activite', 'horodatage', 'date'] },
    { name: 'kind', type: 'VARCHAR', synonyms: ['kind', 'activity type', 'event type', 'type d activite', 'type d evenement', 'event', 'evenement', 'action', 'type'] },
    { name: 'campaign', type: 'VARCHAR', synonyms: ['campaign', 'campaign name', 'campagne', 'nom de la campagne'] },
  ],
  surveys: [
    { name: 'partner_id', type: 'VARCHAR', synonyms: PARTNER },
    { name: 'answered_at', type: 'DATE', synonyms: ['answered at', 'response date', 'submitted at', 'date de reponse', 'date'] },
    { name: 'score', type: 'BIGINT', synonyms: ['score', 'nps', 'nps score', 'note', 'rating', 'recommendation'] },
    { name: 'comment', type: 'VARCHAR', synonyms: ['comment', 'comments', 'commentaire', 'commentaires', 'feedback', 'verbatim'] },
  ],
  programs: [
    { name: 'program_id', type: 'VARCHAR', synonyms: ['program id', 'programme id', 'id programme', 'id'] },
    { name: 'name', type: 'VARCHAR', synonyms: ['program name', 'programme', 'nom du programme', 'name', 'nom'] },
    { name: 'starts_on', type: 'DATE', synonyms: ['starts on', 'start date', 'date de debut', 'debut'] },
    { name: 'ends_on', type: 'DATE', synonyms: ['ends on', 'end date', 'date de fin', 'fin'] },
    { name: 'cost', type: 'DECIMAL(18,2)', synonyms: ['cost', 'total cost', 'cout', 'cout total', 'cout du programme'] },
    { name: 'budget', type: 'DECIMAL(18,2)', synonyms: ['budget', 'mdf budget', 'fund budget', 'allocated', 'allocation', 'enveloppe', 'budget mdf', 'budget alloue'] },
  ],
  enrolments: [
    { name: 'program_id', type: 'VARCHAR', synonyms: ['program id', 'programme id', 'id programme', 'programme', 'program'] },
    { name: 'partner_id', type: 'VARCHAR', synonyms: PARTNER },
    { name: 'enrolled_on', type: 'DATE', synonyms: ['enrolled on', 'enrollment date', 'enrolment date', 'date d inscription', 'inscrit le'] },
  ],
  // Targets per partner (or per tier) and quarter: 2026-Q1, a metric of the scorecard, the target.
  targets: [
    { name: 'partner_id', type: 'VARCHAR', synonyms: PARTNER },
    { name: 'tier', type: 'VARCHAR', synonyms: ['tier', 'partner tier', 'level', 'niveau', 'palier'] },
    { name: 'quarter', type: 'VARCHAR', synonyms: ['quarter', 'period', 'fiscal quarter', 'trimestre', 'periode'] },
    { name: 'metric', type: 'VARCHAR', synonyms: ['metric', 'kpi', 'measure', 'indicateur', 'mesure'] },
    { name: 'target', type: 'DOUBLE', synonyms: ['target', 'goal', 'quota', 'objective', 'objectif', 'cible'] },
  ],
  // What each tier asks of a partner over the last four quarters.
  tier_rules: [
    { name: 'tier', type: 'VARCHAR', synonyms: ['tier', 'level', 'partner level', 'niveau', 'palier'] },
    { name: 'rank', type: 'BIGINT', synonyms: ['rank', 'order', 'rang', 'ordre'] },
    { name: 'min_won_revenue', type: 'DECIMAL(18,2)', synonyms: ['min won revenue', 'minimum revenue', 'revenue threshold', 'ca minimum', 'chiffre d affaires minimum', 'seuil de ca'] },
    { name: 'min_won_deals', type: 'BIGINT', synonyms: ['min won deals', 'minimum deals', 'deals threshold', 'affaires minimum', 'nombre d affaires minimum'] },
    { name: 'min_certifications', type: 'BIGINT', synonyms: ['min certifications', 'minimum certifications', 'certifications required', 'certifications minimum', 'certifications requises'] },
  ],
  // Marketing development funds: a request and what became of it (PRM exports, English and French).
  mdf: [
    { name: 'partner_id', type: 'VARCHAR', synonyms: PARTNER },
    { name: 'program_id', type: 'VARCHAR', synonyms: ['program id', 'programme id', 'fund', 'fund name', 'program', 'programme', 'id programme', 'fonds'] },
    { name: 'activity', type: 'VARCHAR', synonyms: ['activity', 'activity name', 'campaign', 'marketing activity', 'description', 'activite', 'action marketing', 'campagne'] },
    { name: 'requested_at', type: 'DATE', synonyms: ['requested at', 'request date', 'submitted date', 'created date', 'date de demande', 'date de la demande', 'demande le'] },
    { name: 'requested', type: 'DECIMAL(18,2)', synonyms: ['requested', 'requested amount', 'amount requested', 'request amount', 'montant demande', 'demande'] },
    { name: 'approved', type: 'DECIMAL(18,2)', synonyms: ['approved', 'approved amount', 'amount approved', 'montant approuve', 'montant accorde', 'accorde'] },
    { name: 'claimed', type: 'DECIMAL(18,2)', synonyms: ['claimed', 'claimed amount', 'amount claimed', 'claim amount', 'montant reclame', 'montant justifie', 'reclame'] },
    { name: 'paid', type: 'DECIMAL(18,2)', synonyms: ['paid', 'paid amount', 'amount paid', 'reimbursed', 'montant paye', 'montant rembourse', 'paye', 'rembourse'] },
  ],
};

/** Stage values meaning a won or lost deal, normalised and with spaces removed (`Closed Won` → `closedwon`). */
export const WON_WORDS = ['won', 'closedwon', 'win', 'gagne', 'gagnee', 'gagnes', 'gagnees', 'signe', 'signee', 'conclu', 'conclue', 'booked'];
export const LOST_WORDS = ['lost', 'closedlost', 'perdu', 'perdue', 'perdus', 'perdues', 'abandonne', 'abandonnee', 'annule', 'annulee', 'cancelled', 'canceled'];
