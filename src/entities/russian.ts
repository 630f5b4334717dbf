// Nominative forms of Russian (and, best effort, Ukrainian) proper names from their inflected
// forms: suffix rules for surnames, adjectival names and nouns, after the gazetteer and the
// given-name list have had their say. Rules err towards leaving a word as written.
import { crudeStem, fold, FIRST_NAME_BY_FORM, HEAD_BY_STEM, lookupPhrase } from './gazetteer.js';

// Surname and adjective endings, longest first: [ending, replacement]. Masculine forms are
// chosen for the ambiguous -ова/-ина (genitive of Путин or a woman's nominative): the catalogue
// keeps both readable and canonicalKey folds them together anyway.
const SURNAME_RULES: Array<[string, string]> = [
  ['ского', 'ский'], ['скому', 'ский'], ['ским', 'ский'], ['ском', 'ский'],
  ['цкого', 'цкий'], ['цкому', 'цкий'], ['цким', 'цкий'], ['цком', 'цкий'],
  ['ського', 'ський'], ['ському', 'ський'], ['ським', 'ський'],
  ['ной', 'ная'], ['ного', 'ный'], ['ному', 'ный'], ['ным', 'ный'],
  ['кого', 'кий'], ['кому', 'кий'], ['гого', 'гий'], ['хого', 'хий'],
  ['ской', 'ская'], ['скую', 'ская'], ['цкой', 'цкая'], ['цкую', 'цкая'],
  ['овой', 'ова'], ['овую', 'ова'], ['евой', 'ева'], ['евую', 'ева'], ['иной', 'ина'], ['иную', 'ина'],
  ['овича', 'ович'], ['овичу', 'ович'], ['овичем', 'ович'], ['овиче', 'ович'],
  ['евича', 'евич'], ['евичу', 'евич'], ['евичем', 'евич'], ['евиче', 'евич'],
  ['овым', 'ов'], ['овом', 'ов'], ['ова', 'ов'], ['ову', 'ов'], ['ове', 'ов'],
  ['евым', 'ев'], ['евом', 'ев'], ['ева', 'ев'], ['еву', 'ев'], ['еве', 'ев'],
  ['ёвым', 'ёв'], ['ёва', 'ёв'], ['ёву', 'ёв'],
  ['иным', 'ин'], ['ином', 'ин'], ['ина', 'ин'], ['ину', 'ин'], ['ине', 'ин'],
  ['ыным', 'ын'], ['ына', 'ын'], ['ыну', 'ын'],
  ['ича', 'ич'], ['ичу', 'ич'], ['ичем', 'ич'],
  ['ого', 'ый'], ['ому', 'ый'],
];

// Nouns (places, given names): genitive/dative/instrumental/prepositional to nominative.
const NOUN_RULES: Array<[string, string]> = [
  ['ией', 'ия'], ['ии', 'ия'], ['ию', 'ия'],
  ['ьей', 'ья'], ['ьи', 'ья'], ['ью', 'ья'],
  ['ой', 'а'], ['ою', 'а'], ['ы', 'а'], ['у', 'а'],
];
const AFTER_VELAR = /[гкхжшчщ]$/;

function matchCase(lemma: string, word: string): string {
  return word[0] === word[0]?.toUpperCase() ? (lemma[0]?.toUpperCase() ?? '') + lemma.slice(1) : lemma;
}

function applyRules(lower: string, rules: Array<[string, string]>, minStem: number): string | null {
  for (const [ending, repl] of rules) {
    if (lower.endsWith(ending) && lower.length - ending.length >= minStem) return lower.slice(0, -ending.length) + repl;
  }
  return null;
}

/** Whether a Cyrillic word looks like a surname (by its ending, in any case form). */
export function looksLikeRussianSurname(word: string): boolean {
  const w = fold(word);
  if (w.length < 4) return false;
  return /(?:ов|ев|ёв|ин|ын|ский|цкий|ская|цкая|енко|ук|юк|чук|швили|дзе|ян|ьян|ович|евич|их|ых)(?:а|у|ым|ом|е|ой|ую|ого|ому|им|ем)?$/.test(w)
    && !/(?:ия|ие)$/.test(w);
}

/** Nominative form of one Cyrillic name word, `type` choosing the rules (PER: surname rules first). */
export function lemmatiseWord(word: string, type: 'PER' | 'LOC' | 'ORG' | 'MISC'): string {
  if (!/\p{Script=Cyrillic}/u.test(word)) return word;
  const hit = lookupPhrase([word]);
  if (hit && fold(hit.alias).split(' ').length === 1) return hit.alias;
  const lower = fold(word);
  // A lower-case head noun of a name ("Свердловской области"): its dictionary form.
  if (word[0] === lower[0]) {
    const head = HEAD_BY_STEM.get(crudeStem(lower));
    if (head) return head;
  }
  if (type === 'PER') {
    const given = FIRST_NAME_BY_FORM.get(lower);
    if (given) return given;
    const s = applyRules(lower, SURNAME_RULES, 2);
    if (s) return matchCase(s, word);
    // Indeclinable surnames (-енко, -ых, -аго, foreign -о/-и/-у) stay as written.
    if (/(?:енко|ко|ых|их|аго|яго|о|и|э|ю)$/.test(lower)) return word;
    // Consonant-final foreign and Russian names: genitive -а, dative -у, instrumental -ом/-ем.
    const m = /^(.*[бвгджзклмнпрстфхцчшщ])(?:а|у|ом|ем|е)$/.exec(lower);
    if (m?.[1] && m[1].length >= 3) return matchCase(m[1], word);
    const f = /^(.*?)(?:ы|е|у|ой)$/.exec(lower);
    if (f?.[1] && f[1].length >= 3 && /[бвгджзклмнпрстфхцчшщ]$/.test(f[1])) return matchCase(f[1] + 'а', word);
    return word;
  }
  if (/(?:ого|ому|ым|ом|ой|ую)$/.test(lower)) {
    const s = applyRules(lower, SURNAME_RULES, 2);
    if (s) return matchCase(s, word);
  }
  // Masculine place names in -ове/-еве/-ине/-ске/-ге ("Саратове", "Петербурге") lose the -е.
  const loc = /^(.*(?:ов|ев|ин|ын|ск|цк|рг|град|поль|ль))(?:е|а|у|ом|ем|ым)$/.exec(lower);
  if (loc?.[1] && loc[1].length >= 3) {
    return matchCase(loc[1], word);
  }
  const n = applyRules(lower, NOUN_RULES, 3);
  if (n) {
    // After г, к, х and hushers the genitive is -и, not -ы: "Ольги" → "Ольга".
    return matchCase(n, word);
  }
  const gi = /^(.*[гкхжшчщ])и$/.exec(lower);
  if (gi?.[1] && gi[1].length >= 3 && AFTER_VELAR.test(gi[1])) return matchCase(gi[1] + 'а', word);
  // Prepositional -е of an unknown place: masculine ("Бангкоке") is the commoner reading; the
  // feminine ("Анкаре") comes out one letter short, and canonicalKey meets both forms anyway.
  const e = /^(.*[бвгдзклмнпрстфхцчшщ])е$/.exec(lower);
  if (e?.[1] && e[1].length >= 4 && type === 'LOC') return matchCase(e[1], word);
  return word;
}

/** Nominative form of a Cyrillic name phrase: gazetteer alias when known, else word by word. */
export function lemmatisePhrase(words: readonly string[], type: 'PER' | 'LOC' | 'ORG' | 'MISC'): string {
  const hit = lookupPhrase(words);
  if (hit && hit.entry.type === type) return hit.alias;
  if (type === 'ORG' || type === 'MISC') return words.join(' ');
  return words.map((w) => lemmatiseWord(w, type)).join(' ');
}
