/**
 * Builds company and end-customer names from the word lists. Partner names are kept unique (a
 * partner is looked up by name in the app); end customers come from a large pool walked in a
 * scrambled order, so each fresh customer gets a new name without remembering the ones handed out.
 */
import type { Random } from './random';
import {
  BRAND_ROOTS,
  COMPANY_PATTERNS,
  CUSTOMER_KINDS,
  KEY_ACCOUNT_KINDS,
  KEY_ACCOUNT_NAMES,
  SURNAMES,
  TOWNS,
  type NameStyle,
} from './vocab';

export class CompanyNamer {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Random) {}

  next(style: NameStyle): string {
    const rng = this.rng;
    let name = '';
    for (let attempt = 0; attempt < 8; attempt++) {
      name = rng
        .pick(COMPANY_PATTERNS[style])
        .replace('{s}', rng.pick(SURNAMES[style]))
        .replace('{b}', rng.pick(BRAND_ROOTS))
        .replace('{c}', rng.pick(TOWNS));
      if (!this.used.has(name)) break;
    }
    // Large scales exhaust the patterns: qualify by town, as companies with the same name do.
    if (this.used.has(name)) name = `${name} (${rng.pick(TOWNS)})`;
    for (let n = 2; this.used.has(name); n++) name = name.replace(/( \d+)?$/, ` ${n}`);
    this.used.add(name);
    return name;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * End customers, known by number so that millions of them cost a few bytes each until a name is
 * needed: 0, 1, 2… are ordinary customers, −1, −2… the key accounts. Names are
 * `{kind} {surname} ({town})`, unique until the pool is used up, then qualified by site.
 */
export class CustomerNames {
  private readonly size = CUSTOMER_KINDS.length * SURNAMES.fr.length * TOWNS.length;
  private readonly step: number;
  private readonly offset: number;
  private issued = 0;
  readonly keyAccounts: readonly string[];

  constructor(rng: Random) {
    // i ↦ (step·i + offset) mod size is a bijection when gcd(step, size) = 1: a shuffle without a table.
    let step = rng.int(Math.floor(this.size / 3), Math.floor((2 * this.size) / 3));
    while (gcd(step, this.size) !== 1) step++;
    this.step = step;
    this.offset = rng.int(0, this.size - 1);
    const accounts: string[] = [];
    for (const kind of KEY_ACCOUNT_KINDS) for (const name of KEY_ACCOUNT_NAMES) accounts.push(`${kind} ${name}`);
    this.keyAccounts = rng.shuffle(accounts);
  }

  /** A customer nobody has sold to yet. */
  fresh(): number {
    return this.issued++;
  }

  /** One of the key accounts, at random. */
  keyAccount(rng: Random): number {
    return -1 - rng.int(0, this.keyAccounts.length - 1);
  }

  name(customer: number): string {
    if (customer < 0) return this.keyAccounts[-1 - customer]!;
    const round = Math.floor(customer / this.size);
    let k = (this.step * (customer % this.size) + this.offset) % this.size;
    const town = TOWNS[k % TOWNS.length]!;
    k = Math.floor(k / TOWNS.length);
    const surname = SURNAMES.fr[k % SURNAMES.fr.length]!;
    const kind = CUSTOMER_KINDS[Math.floor(k / SURNAMES.fr.length)]!;
    return round === 0 ? `${kind} ${surname} (${town})` : `${kind} ${surname} (${town}, site ${round + 1})`;
  }
}
