// Canonical keys that meet across spellings and scripts, and a catalogue of the entities of a
// corpus. A key is the gazetteer entity's key when the name is known ("Путина", "V.V. Putin",
// "Putin" → "vladimir putin"); otherwise the name lemmatised, transliterated to Latin and folded
// so that "Zelensky", "Zelenskyy", "Zelenskiy" and "Зеленский" give the same string.
import { fold, lookupPhrase, phraseWords } from './gazetteer.js';
import type { EntityType } from './gazetteer.js';
import { lemmatiseWord } from './russian.js';

const RU: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
// Ukrainian letters and the two that read differently (г, и).
const UK: Record<string, string> = { ...RU, г: 'h', ґ: 'g', и: 'y', і: 'i', ї: 'yi', є: 'ye', "'": '', '’': '' };
const UKRAINIAN_ONLY = /[іїєґ]/;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Latin transliteration of a Cyrillic word (Ukrainian rules when it has Ukrainian letters or `lang` is uk). */
export function transliterate(word: string, lang = 'ru'): string {
  const lower = word.toLowerCase();
  const table = lang === 'uk' || UKRAINIAN_ONLY.test(lower) ? UK : RU;
  let out = '';
  for (const ch of lower) out += table[ch] ?? ch;
  return out;
}

/**
 * Folds a Latin spelling so that transliteration variants meet: kh→h, ts/tz→c, w→v, ye→e,
 * the -iy/-yy/-yi/-ii endings and every y to i, double letters once.
 * @example latinFold('Zelenskyy') === latinFold('Zelenskiy') // 'zelenski'
 */
export function latinFold(word: string): string {
  let w = word.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
  w = w.replace(/['’`-]/g, '');
  w = w.replace(/kh/g, 'h').replace(/t[sz]/g, 'c').replace(/ch/g, '\u0001').replace(/c(?!h)/g, 'k').replace(/\u0001/g, 'ch');
  w = w.replace(/ph/g, 'f').replace(/w/g, 'v').replace(/q/g, 'k').replace(/x/g, 'ks').replace(/j/g, 'y');
  w = w.replace(/ye/g, 'e').replace(/(?:iy|yy|yi|ii|ij)$/, 'i').replace(/y/g, 'i');
  return w.replace(/(.)\1+/g, '$1');
}

const isInitialWord = (w: string): boolean => /^\p{L}$/u.test(w);

/** Key under which mentions of one entity meet, whatever their spelling, script or case form. */
export function canonicalKey(name: string, type: EntityType, lang = 'en'): string {
  let words = phraseWords(name);
  // Initials say nothing the surname does not: "V.V. Putin", "В. Путин" → "Putin".
  if (type === 'PER' && words.length > 1) {
    const kept = words.filter((w) => !isInitialWord(w));
    if (kept.length > 0) words = kept;
  }
  const hit = lookupPhrase(words);
  if (hit && (hit.entry.type === type || type === 'MISC')) return hit.entry.key;
  if (type === 'PER' && words.length > 1) {
    const surname = lookupPhrase(words.slice(-1));
    if (surname?.entry.type === 'PER') return surname.entry.key;
  }
  return words
    .map((w) => {
      if (!CYRILLIC.test(w)) return latinFold(fold(w));
      return latinFold(transliterate(lemmatiseWord(w, type), lang));
    })
    .join(' ');
}

/** One entity of a catalogue. */
export interface CatalogueEntity {
  /** `TYPE:key`, stable across runs. */
  id: string;
  type: EntityType;
  /** The most frequent full form (more words win over fewer; Latin wins ties). */
  name: string;
  /** Every form seen, most frequent first. */
  aliases: string[];
  mentions: number;
}

interface Entry {
  type: EntityType;
  key: string;
  forms: Map<string, number>;
  mentions: number;
}

/** Accumulates mentions into canonical entities; a lone surname joins the one full name that has it. */
export class EntityCatalogue {
  private readonly byId = new Map<string, Entry>();

  /** Records one mention (its normalised name, as `recogniseEntities` gives it); returns the entity id before merging. */
  add(mention: { type: EntityType; canonical: string }, lang = 'en'): string {
    const key = canonicalKey(mention.canonical, mention.type, lang);
    const id = `${mention.type}:${key}`;
    let e = this.byId.get(id);
    if (!e) this.byId.set(id, (e = { type: mention.type, key, forms: new Map(), mentions: 0 }));
    e.mentions++;
    e.forms.set(mention.canonical, (e.forms.get(mention.canonical) ?? 0) + 1);
    return id;
  }

  /** The entities, surnames merged into their full names, most mentioned first. */
  entities(): CatalogueEntity[] {
    const merged = new Map<string, Entry>();
    for (const [id, e] of this.byId) merged.set(id, { ...e, forms: new Map(e.forms) });
    // "Petrov" joins "Ivan Petrov" when exactly one full name of a person ends with that surname.
    const byLast = new Map<string, string[]>();
    for (const [id, e] of merged) {
      const parts = e.key.split(' ');
      if (e.type !== 'PER' || parts.length < 2) continue;
      const last = parts[parts.length - 1] ?? '';
      byLast.set(last, [...(byLast.get(last) ?? []), id]);
    }
    for (const [id, e] of [...merged]) {
      if (e.type !== 'PER' || e.key.includes(' ')) continue;
      const full = byLast.get(e.key);
      const target = full?.length === 1 ? merged.get(full[0] ?? '') : undefined;
      if (!target) continue;
      target.mentions += e.mentions;
      for (const [form, n] of e.forms) target.forms.set(form, (target.forms.get(form) ?? 0) + n);
      merged.delete(id);
    }
    const out: CatalogueEntity[] = [];
    for (const [id, e] of merged) {
      const forms = [...e.forms].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
      out.push({ id, type: e.type, name: bestName(forms), aliases: forms.map((f) => f[0]), mentions: e.mentions });
    }
    return out.sort((x, y) => y.mentions - x.mentions || x.id.localeCompare(y.id));
  }
}

function wellFormed(form: string): boolean {
  return /^\p{Lu}/u.test(form) && !/^\p{L}\.\s*$/u.test(form);
}

function bestName(forms: Array<[string, number]>): string {
  const ok = forms.filter(([f]) => wellFormed(f));
  const pool = ok.length ? ok : forms;
  const words = (f: string): number => phraseWords(f).filter((w) => !isInitialWord(w)).length;
  const most = Math.max(...pool.map(([f]) => words(f)));
  const full = pool.filter(([f]) => words(f) === most);
  full.sort((x, y) => y[1] - x[1] || Number(CYRILLIC.test(x[0])) - Number(CYRILLIC.test(y[0])));
  return full[0]?.[0] ?? forms[0]?.[0] ?? '';
}
