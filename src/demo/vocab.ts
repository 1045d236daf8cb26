/**
 * Word lists the demo draws names and labels from. All fictional; accents are deliberate, because real
 * French and European exports are full of them and every layer of Longtail must carry them intact.
 * No entry contains a double quote or a line break; commas and semicolons appear only in tech stacks.
 */

export type NameStyle = 'fr' | 'de' | 'es' | 'it' | 'nl' | 'pt' | 'en';

export interface RegionSpec {
  name: string;
  weight: number;
  style: NameStyle;
}

export interface CountrySpec {
  name: string;
  weight: number;
  regions: readonly RegionSpec[];
}

const r = (name: string, weight: number, style: NameStyle): RegionSpec => ({ name, weight, style });

/** Mostly France, then Europe, a few further away (weights sum to 1). */
export const COUNTRIES: readonly CountrySpec[] = [
  {
    name: 'France',
    weight: 0.55,
    regions: [
      r('Île-de-France', 30, 'fr'),
      r('Auvergne-Rhône-Alpes', 14, 'fr'),
      r('Nouvelle-Aquitaine', 9, 'fr'),
      r('Occitanie', 9, 'fr'),
      r('Hauts-de-France', 8, 'fr'),
      r("Provence-Alpes-Côte d'Azur", 8, 'fr'),
      r('Grand Est', 7, 'fr'),
      r('Pays de la Loire', 6, 'fr'),
      r('Bretagne', 5, 'fr'),
      r('Normandie', 4, 'fr'),
    ],
  },
  { name: 'Belgium', weight: 0.07, regions: [r('Bruxelles-Capitale', 4, 'fr'), r('Wallonie', 3, 'fr'), r('Vlaanderen', 3, 'nl')] },
  { name: 'Germany', weight: 0.07, regions: [r('Bayern', 3, 'de'), r('Baden-Württemberg', 3, 'de'), r('Nordrhein-Westfalen', 3, 'de'), r('Berlin', 2, 'de')] },
  { name: 'Switzerland', weight: 0.05, regions: [r('Genève', 4, 'fr'), r('Vaud', 3, 'fr'), r('Zürich', 3, 'de')] },
  { name: 'Spain', weight: 0.05, regions: [r('Comunidad de Madrid', 4, 'es'), r('Cataluña', 4, 'es'), r('Andalucía', 2, 'es')] },
  { name: 'Italy', weight: 0.04, regions: [r('Lombardia', 5, 'it'), r('Lazio', 3, 'it'), r('Piemonte', 2, 'it')] },
  { name: 'Netherlands', weight: 0.03, regions: [r('Noord-Holland', 6, 'nl'), r('Zuid-Holland', 4, 'nl')] },
  { name: 'Luxembourg', weight: 0.02, regions: [r('Luxembourg', 1, 'fr')] },
  { name: 'Portugal', weight: 0.02, regions: [r('Lisboa', 6, 'pt'), r('Norte', 4, 'pt')] },
  { name: 'United Kingdom', weight: 0.02, regions: [r('England', 8, 'en'), r('Scotland', 2, 'en')] },
  { name: 'Canada', weight: 0.03, regions: [r('Québec', 7, 'fr'), r('Ontario', 3, 'en')] },
  { name: 'Morocco', weight: 0.02, regions: [r('Casablanca-Settat', 6, 'fr'), r('Rabat-Salé-Kénitra', 4, 'fr')] },
  { name: 'Tunisia', weight: 0.01, regions: [r('Tunis', 1, 'fr')] },
  { name: 'United States', weight: 0.01, regions: [r('New York', 5, 'en'), r('California', 5, 'en')] },
  { name: 'Singapore', weight: 0.01, regions: [r('Singapore', 1, 'en')] },
];

export const SURNAMES: Record<NameStyle, readonly string[]> = {
  fr: [
    'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
    'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
    'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Legrand', 'Garnier',
    'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin',
    'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Gérard', 'Nguyen',
    'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Roche', 'Noël', 'Meyer', 'Lucas', 'Meunier',
    'Marchand', 'Dufour', 'Blanchard', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin',
    'Renard', 'Arnaud', 'Rolland', 'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Renaud',
    'Lemoine', 'Picard', 'Gaillard', 'Lacroix', 'Fabre', 'Dupuis', 'Olivier', 'Da Silva', 'Hubert', 'Rivière',
    'Le Gall', 'Guillaume', 'Moulin', 'Berger', 'Lecomte', 'Ménard', 'Fleury', 'Deschamps', 'Carpentier', 'Benoît',
    'Maillard', 'Aubry', 'Vasseur', 'Le Roux', 'Jacquet', 'Prévost', 'Poirier', 'Charpentier', 'Huet', 'Baron',
    'Dupuy', 'Pons', 'Carré', 'Breton', 'Rémy', 'Perret', 'Besnard', 'Hamon', 'Kervella', 'Le Bihan',
  ],
  de: [
    'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
    'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
    'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Günther', 'Weiß',
  ],
  es: [
    'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín',
    'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Navarro', 'Peña',
  ],
  it: [
    'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
    'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
  ],
  nl: [
    'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssens', 'Visser', 'Smit', 'Meijer',
    'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peeters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Maes',
  ],
  pt: [
    'Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Martins', 'Sousa', 'Fernandes',
    'Gonçalves', 'Gomes', 'Lopes', 'Marques', 'Alves', 'Almeida', 'Ribeiro', 'Pinto', 'Carvalho', 'Simões',
  ],
  en: [
    'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
    'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke',
  ],
};

/** Invented brand-like words for company names. */
export const BRAND_ROOTS: readonly string[] = [
  'Numéria', 'Datavia', 'Cybèle', 'Logicia', 'Synapse', 'Axiome', 'Hélios', 'Orion', 'Altitude', 'Azur',
  'Boréal', 'Éole', 'Galène', 'Horizon', 'Kaléo', 'Méridien', 'Nova', 'Opale', 'Pyxis', 'Quartz',
  'Sémaphore', 'Zénith', 'Armor', 'Vauban', 'Cobalt', 'Ondine', 'Aléa', 'Tessel', 'Vectis', 'Prisme',
  'Arpège', 'Cèdre', 'Nuance', 'Osmose', 'Lumen', 'Sirius', 'Triade', 'Alizé', 'Calypso', 'Épure',
];

/** Company name patterns per style; `{s}` is a surname, `{b}` a brand root, `{c}` a town. */
export const COMPANY_PATTERNS: Record<NameStyle, readonly string[]> = {
  fr: [
    '{s} Informatique', '{s} & Associés', 'Groupe {s}', '{b} Solutions', '{b} Systèmes', '{b} Conseil',
    'Réseaux {c}', '{b} {c}', 'Atelier Numérique {s}', '{s} Intégration', 'Infogérance {s}', '{b} Cloud SAS',
    'Éts {s} et Fils', '{b} Télécom', 'Bureautique {s} SARL',
  ],
  de: ['{s} Systemhaus GmbH', '{b} IT GmbH', '{s} & Partner AG', '{b} Netzwerke GmbH'],
  es: ['Soluciones {s} S.L.', '{b} Sistemas S.A.', 'Informática {s} S.L.'],
  it: ['Informatica {s} S.r.l.', '{b} Sistemi S.p.A.', '{s} Servizi IT S.r.l.'],
  nl: ['{s} ICT B.V.', '{b} Automatisering B.V.', '{s} & Partners B.V.'],
  pt: ['{s} Tecnologia Lda.', '{b} Sistemas S.A.', 'Informática {s} Lda.'],
  en: ['{s} Technologies Ltd', '{b} Systems Inc.', '{s} & Partners LLC', '{b} Networks Ltd'],
};

/** Towns for company and end-customer names. */
export const TOWNS: readonly string[] = [
  'Lyon', 'Bordeaux', 'Nantes', 'Lille', 'Toulouse', 'Rennes', 'Grenoble', 'Montpellier', 'Strasbourg', 'Nice',
  'Annecy', 'Brest', 'Dijon', 'Reims', 'Rouen', 'Tours', 'Angers', 'Metz', 'Nancy', 'Clermont-Ferrand',
  'Limoges', 'Poitiers', 'Pau', 'Bayonne', 'Chambéry', 'Besançon', 'Orléans', 'Caen', 'Le Mans', 'Amiens',
  'Saint-Étienne', 'Nîmes', 'Avignon', 'Perpignan', 'Valence', 'La Rochelle', 'Quimper', 'Lorient', 'Vannes',
  'Saint-Malo', 'Troyes', 'Colmar', 'Mulhouse', 'Béziers', 'Agen', 'Périgueux', 'Niort', 'Arras', 'Cergy',
  'Versailles', 'Évry', 'Créteil', 'Nanterre', 'Saint-Denis', 'Boulogne-Billancourt', 'Montauban', 'Albi',
  'Rodez', 'Aurillac', 'Mâcon', 'Épinal', 'Évreux', 'Cherbourg', 'Laval', 'Cholet', 'Bourges', 'Châteauroux',
  'Genève', 'Lausanne', 'Bruxelles', 'Liège', 'Namur', 'Luxembourg', 'Montréal', 'Québec', 'Casablanca',
];

/** Kinds of end-customer businesses (French SMEs and public bodies). */
export const CUSTOMER_KINDS: readonly string[] = [
  'Boulangeries', 'Transports', 'Clinique', 'Cabinet', 'Pharmacie', 'Garage', 'Hôtel', 'Imprimerie',
  'Menuiserie', 'Laboratoire', 'Studio', 'Agence', 'Brasserie', 'Fromagerie', 'Domaine', 'Coopérative',
  'Constructions', 'Électricité', 'Plomberie', 'Librairie', 'Pépinières', 'Ateliers', 'Conserverie',
  'Distillerie', 'Verrerie', 'Scierie', 'Auto-école', 'Institut', 'Étude notariale', 'Cabinet comptable',
  'Charcuterie', 'Chocolaterie', 'Maroquinerie', 'Métallerie', 'Plasturgie', 'Logistique', 'Négoce',
  'Entrepôts', 'Carrosserie', 'Opticiens', 'Orthodontie', 'Vétérinaires', 'Architectes', 'Géomètres',
  'Paysagistes', 'Traiteur', 'Minoterie', 'Tonnellerie', 'Câblerie', 'Robinetterie',
];

/** Large accounts that several partners (and direct sales) sell to: the source of natural conflicts. */
export const KEY_ACCOUNT_KINDS: readonly string[] = ['Groupe', 'Banque', 'Mutuelle', 'Assurances', 'Caisse régionale', 'Compagnie'];
export const KEY_ACCOUNT_NAMES: readonly string[] = [
  'Atlantique', 'Rhodanienne', 'Alpine', 'Armoricaine', 'Ligérienne', 'Occitane', 'Normande', 'Picarde',
  'Lorraine', 'Champenoise', 'Provençale', 'Savoyarde', 'Bourguignonne', 'Auvergnate', 'Gasconne',
  'Basque', 'Flamande', 'Comtoise', 'Dauphinoise', 'Cévenole',
];

/** Products: price factor on the partner's typical amount, base gross-margin fraction, weight in the mix. */
export const PRODUCTS: readonly { name: string; price: number; margin: number; weight: number }[] = [
  { name: 'Suite Cloud Entreprise', price: 1.6, margin: 0.3, weight: 14 },
  { name: 'Licence Analytics', price: 1.0, margin: 0.38, weight: 16 },
  { name: 'Sécurité Endpoint', price: 0.8, margin: 0.35, weight: 15 },
  { name: 'Stockage Objet', price: 1.2, margin: 0.22, weight: 10 },
  { name: 'Passerelle API', price: 0.9, margin: 0.4, weight: 9 },
  { name: 'Support Premium', price: 0.5, margin: 0.42, weight: 14 },
  { name: 'Services professionnels', price: 1.1, margin: 0.18, weight: 12 },
  { name: 'Formation certifiante', price: 0.3, margin: 0.25, weight: 10 },
];

export const TECH: readonly string[] = [
  'Microsoft 365', 'Azure', 'AWS', 'Google Cloud', 'SAP', 'Salesforce', 'Odoo', 'Sage', 'Cegid',
  'ServiceNow', 'Oracle', 'Kubernetes', 'VMware', 'Fortinet',
];

export const FRENCH_MONTHS: readonly string[] = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

export const WEBINAR_TOPICS: readonly string[] = ['IA générative', 'Cybersécurité', 'Migration cloud', 'Data & BI', 'FinOps'];

/** Trade shows at fixed dates each year (month, day). */
export const TRADE_SHOWS: readonly { name: string; month: number; day: number }[] = [
  { name: 'Journées Partenaires Paris', month: 3, day: 14 },
  { name: 'Forum Intégrateurs Lyon', month: 6, day: 5 },
  { name: 'Sommet Channel Europe Bruxelles', month: 10, day: 8 },
];

export type NpsGroup = 'promoter' | 'passive' | 'detractor';

export const COMMENTS: Record<'fr' | 'en', Record<NpsGroup, readonly string[]>> = {
  fr: {
    promoter: [
      "Très bon accompagnement de l'équipe partenaires.",
      'Programme clair, marges intéressantes.',
      'Réactivité excellente du support avant-vente.',
      'Les formations certifiantes nous ont fait gagner des affaires.',
      'Outils de co-marketing très utiles, merci !',
    ],
    passive: [
      'Correct, mais la validation des deals enregistrés est lente.',
      'Portail partenaire perfectible.',
      'Bon produit, programme un peu complexe à suivre.',
      'Il manque des leads qualifiés dans notre région.',
    ],
    detractor: [
      'Conflits répétés avec la vente directe sur nos comptes.',
      'Marges en baisse et peu de visibilité sur la feuille de route.',
      'Support lent, nous avons perdu un client à cause des délais.',
      'Aucun suivi depuis notre intégration au programme.',
    ],
  },
  en: {
    promoter: [
      'Great partner team, very responsive.',
      'Clear programme and fair margins.',
      'The certification training paid off quickly.',
    ],
    passive: ['Decent, but deal registration approval is slow.', 'The partner portal could be easier to use.'],
    detractor: [
      'Direct sales keep competing with us on our own accounts.',
      'Margins keep shrinking.',
      'No follow-up since onboarding.',
    ],
  },
};
