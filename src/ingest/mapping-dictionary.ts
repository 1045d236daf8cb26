/**
 * The canonical tables of DOMAIN.md, and the header names exports use for each column: English, French,
 * and the columns of common CRM exports (Salesforce opportunity reports, HubSpot deal exports). Names
 * are written normalised (lower case, no accents, words separated by one space); the first names of a
 * list are the most specific and win ties.
 */

export type CanonicalTable = 'partners' | 'deals' | 'activities' | 'surveys' | 'programs' | 'enrolments';
export type CanonicalType = 'VARCHAR' | 'DATE' | 'TIMESTAMP' | 'DOUBLE' | 'BIGINT';

export interface CanonicalColumn {
  name: string;
  type: CanonicalType;
  synonyms: readonly string[];
}

const PARTNER = [
  'partner id', 'partner', 'partner name', 'partner account', 'primary partner', 'primary partner account', 'channel partner',
  'associated partner', 'reseller', 'distributor', 'partenaire', 'id partenaire', 'code partenaire', 'nom du partenaire',
  'revendeur', 'distributeur', 'integrateur',
];

export const CANONICAL: Record<CanonicalTable, readonly CanonicalColumn[]> = {
  deals: [
    { name: 'deal_id', type: 'VARCHAR', synonyms: ['deal id', 'opportunity id', 'record id', 'deal record id', 'id opportunite', 'identifiant opportunite', 'reference opportunite', 'id affaire', 'reference affaire', 'numero affaire', 'numero d affaire', 'opportunity number', 'id', 'identifiant', 'reference', 'ref'] },
    { name: 'partner_id', type: 'VARCHAR', synonyms: PARTNER },
    { name: 'end_customer', type: 'VARCHAR', synonyms: ['end customer', 'end customer name', 'customer', 'customer name', 'account name', 'associated company', 'company name', 'client final', 'client', 'nom du client', 'nom du compte', 'compte', 'account', 'company', 'societe', 'entreprise', 'raison sociale'] },
    { name: 'product', type: 'VARCHAR', synonyms: ['product', 'product name', 'produit', 'nom du produit', 'offre', 'solution', 'gamme', 'sku'] },
    { name: 'closed_at', type: 'DATE', synonyms: ['closed at', 'close date', 'closed date', 'closing date', 'date de cloture', 'date cloture', 'date de fermeture', 'date de signature', 'date de gain', 'won date', 'signature date'] },
    { name: 'amount', type: 'DOUBLE', synonyms: ['amount', 'deal amount', 'opportunity amount', 'montant', 'montant ht', 'montant de l opportunite', 'montant de l affaire', 'chiffre d affaires', 'revenue', 'value', 'valeur', 'total'] },
    { name: 'gross_margin', type: 'DOUBLE', synonyms: ['gross margin', 'margin', 'marge brute', 'marge', 'taux de marge'] },
    { name: 'status', type: 'VARCHAR', synonyms: ['status', 'stage', 'deal stage', 'stage name', 'opportunity stage', 'pipeline stage', 'statut', 'etape', 'phase', 'etat', 'etape de vente'] },
    { name: 'registered_at', type: 'DATE', synonyms: ['registered at', 'registration date', 'deal registration date', 'date d enregistrement', 'date enregistrement', 'created date', 'create date', 'date de creation'] },
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
    { name: 'cost', type: 'DOUBLE', synonyms: ['cost', 'budget', 'cout', 'cout total'] },
  ],
  enrolments: [
    { name: 'program_id', type: 'VARCHAR', synonyms: ['program id', 'programme id', 'id programme', 'programme', 'program'] },
    { name: 'partner_id', type: 'VARCHAR', synonyms: PARTNER },
    { name: 'enrolled_on', type: 'DATE', synonyms: ['enrolled on', 'enrollment date', 'enrolment date', 'date d inscription', 'inscrit le'] },
  ],
};

/** Stage values meaning a won or lost deal, normalised and with spaces removed (`Closed Won` → `closedwon`). */
export const WON_WORDS = ['won', 'closedwon', 'win', 'gagne', 'gagnee', 'gagnes', 'gagnees', 'signe', 'signee', 'conclu', 'conclue', 'booked'];
export const LOST_WORDS = ['lost', 'closedlost', 'perdu', 'perdue', 'perdus', 'perdues', 'abandonne', 'abandonnee', 'annule', 'annulee', 'cancelled', 'canceled'];
