/**
 * Pseudonymisation of partners: every partner name and identifier is replaced by an alias
 * (`Partner 007`, `P-007`), the same alias wherever the partner appears — in any table, chart, Markdown
 * cell or line of code — so a reader can still follow one partner across the snapshot without learning
 * who it is. Aliases are numbered by first appearance, which reveals nothing of the real ids' order.
 *
 * Partners are known from the workspace's `partners` table, and discovered in results from their
 * columns: any value of a `partner_id` column is a partner, and a `name` column beside it is its name.
 */
import type { Column } from '../engine/values';
import { partnerColumns } from '../model/partner-columns';
import type { JsonValue } from './payload';

export interface KnownPartner {
  id: string;
  name: string | null;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const WORD = /[\p{L}\p{N}_]+/gu;

/** Free text only replaces ids that cannot be mistaken for ordinary words or numbers. */
function distinctiveEnough(s: string): boolean {
  return s.length >= 3 && !/^\d+$/.test(s) && WORD_CHAR.test(s[0]!);
}

export class Pseudonymiser {
  private readonly keyOfId = new Map<string, number>();
  private readonly keyOfName = new Map<string, number>();
  /** Partner key → alias number, in order of first appearance. */
  private readonly numbers = new Map<number, number>();
  private keys = 0;
  private readonly width: number;
  private readonly taken: Set<string>;
  private index: Map<string, { text: string; alias: () => string }[]> | null = null;

  constructor(known: readonly KnownPartner[]) {
    for (const p of known) {
      if (this.keyOfId.has(p.id)) continue;
      const key = this.keys++;
      this.keyOfId.set(p.id, key);
      // Two partners of the same name share their first's alias for the name: the name is ambiguous anyway.
      if (p.name && !this.keyOfName.has(p.name)) this.keyOfName.set(p.name, key);
    }
    this.width = Math.max(3, String(known.length).length);
    this.taken = new Set([...this.keyOfId.keys(), ...this.keyOfName.keys()]);
  }

  /** How many partners got an alias so far. */
  get count(): number {
    return this.numbers.size;
  }

  private numberOf(key: number): string {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(key, n);
    }
    return String(n).padStart(this.width, '0');
  }

  private unused(alias: string): string {
    // An alias must never be some other partner's real name or id.
    while (this.taken.has(alias)) alias += '*';
    return alias;
  }

  private idAlias(key: number): string {
    return this.unused(`P-${this.numberOf(key)}`);
  }

  private nameAlias(key: number): string {
    return this.unused(`Partner ${this.numberOf(key)}`);
  }

  private learnId(id: string): number {
    let key = this.keyOfId.get(id);
    if (key === undefined) {
      key = this.keys++;
      this.keyOfId.set(id, key);
      this.index = null;
    }
    return key;
  }

  private learnName(name: string, key: number): number {
    const known = this.keyOfName.get(name);
    if (known !== undefined) return known;
    this.keyOfName.set(name, key);
    this.index = null;
    return key;
  }

  /** First word of each name or id → the names and ids starting with it, longest first. */
  private textIndex(): Map<string, { text: string; alias: () => string }[]> {
    if (this.index) return this.index;
    const index = new Map<string, { text: string; alias: () => string }[]>();
    const add = (text: string, alias: () => string) => {
      if (!distinctiveEnough(text)) return;
      const first = text.match(WORD)![0]!;
      const list = index.get(first) ?? [];
      list.push({ text, alias });
      index.set(first, list);
    };
    for (const [id, key] of this.keyOfId) add(id, () => this.idAlias(key));
    for (const [name, key] of this.keyOfName) add(name, () => this.nameAlias(key));
    for (const list of index.values()) list.sort((a, b) => b.text.length - a.text.length);
    this.index = index;
    return index;
  }

  /** Replaces every partner name or id standing as whole words in free text (Markdown, code, titles). */
  text(s: string): string {
    if (s === '') return s;
    const index = this.textIndex();
    let out = '';
    let done = 0;
    for (const m of s.matchAll(WORD)) {
      const at = m.index!;
      if (at < done) continue;
      const hit = index.get(m[0])?.find(
        (c) => s.startsWith(c.text, at) && (at + c.text.length === s.length || !WORD_CHAR.test(s[at + c.text.length]!) || !WORD_CHAR.test(c.text.at(-1)!)),
      );
      if (!hit) continue;
      out += s.slice(done, at) + hit.alias();
      done = at + hit.text.length;
    }
    return out + s.slice(done);
  }

  /** A data value: a whole known id or name becomes its alias; other text is treated as free text. */
  value(v: JsonValue): JsonValue {
    if (typeof v === 'string') {
      const byId = this.keyOfId.get(v);
      if (byId !== undefined) return this.idAlias(byId);
      const byName = this.keyOfName.get(v);
      if (byName !== undefined) return this.nameAlias(byName);
      return this.text(v);
    }
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.value(x)]));
    return v;
  }

  /**
   * A table: its partner id column (any value in it is a partner, known or not) and the name column
   * beside it are aliased together; every other value goes through `value`. A numeric id column
   * becomes text, since its aliases are text.
   */
  table(columns: readonly Column[], rows: readonly JsonValue[][]): { columns: Column[]; rows: JsonValue[][] } {
    const { id: idCol, name: nameCol } = partnerColumns(columns.map((c) => c.name));
    const out = rows.map((row) => {
      let key: number | undefined;
      const id = idCol >= 0 ? row[idCol] : null;
      const name = nameCol >= 0 ? row[nameCol] : null;
      if (id !== null && id !== undefined && typeof id !== 'object') key = this.learnId(String(id));
      return row.map((v, k) => {
        if (k === idCol && key !== undefined) return this.idAlias(key);
        if (k === nameCol && typeof name === 'string' && name !== '') {
          return this.nameAlias(key !== undefined ? this.learnName(name, key) : (this.keyOfName.get(name) ?? this.learnName(name, this.keys++)));
        }
        return this.value(v);
      });
    });
    const textCol = (c: Column, k: number): Column => (k === idCol && c.kind !== 'string' ? { ...c, kind: 'string', sqlType: 'VARCHAR' } : c);
    return { columns: columns.map(textCol), rows: out };
  }
}
