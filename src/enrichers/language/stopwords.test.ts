import { eld } from 'eld/extrasmall';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGES, detectLanguage } from './index.js';
import { voteByWords, wordVoter } from './stopwords.js';

// Fixture texts are written for these tests: fictional towns, outlets and politicians.
const PARAGRAPHS: Array<[string, string]> = [
  [
    'en',
    'The mayor of Port Harwick said on Monday that the council had not been told about the contract, and that the documents would be published as soon as the lawyers were done with them.',
  ],
  [
    'en',
    'Ask yourself who gains from this. For years they told us that the ferry subsidies were safe, and now the ministry says there is no money left for the route to the islands.',
  ],
  [
    'de',
    'Die Bürgermeisterin von Kleinfurt hat am Montag erklärt, dass der Stadtrat nicht über den Vertrag informiert worden sei und die Unterlagen erst nach der Prüfung durch die Anwälte veröffentlicht werden.',
  ],
  [
    'de',
    'Seit Jahren wird uns gesagt, dass die Fähre sicher sei. Jetzt heißt es aus dem Ministerium, es gebe kein Geld mehr für die Verbindung zu den Inseln, und niemand will dafür verantwortlich sein.',
  ],
  [
    'fr',
    "Le maire de Valmont a déclaré lundi que le conseil municipal n'avait pas été informé du contrat et que les documents seront publiés dès que les avocats auront terminé leur examen.",
  ],
  [
    'fr',
    'Depuis des années, on nous dit que la ligne de ferry est assurée. Aujourd’hui le ministère explique qu’il ne reste plus d’argent pour les îles, et personne ne veut en porter la responsabilité.',
  ],
  [
    'es',
    'El alcalde de Villaseca dijo el lunes que el ayuntamiento no había sido informado sobre el contrato y que los documentos se publicarán cuando los abogados terminen de revisarlos.',
  ],
  [
    'es',
    'Durante años nos dijeron que la línea de ferry estaba asegurada. Ahora el ministerio dice que no hay dinero para las islas, y nadie quiere asumir la responsabilidad por lo que pasó.',
  ],
  [
    'it',
    'Il sindaco di Roccabella ha dichiarato lunedì che il consiglio comunale non era stato informato del contratto e che i documenti saranno pubblicati quando gli avvocati avranno finito.',
  ],
  [
    'it',
    'Per anni ci hanno detto che il traghetto per le isole era al sicuro. Ora il ministero dice che non ci sono più soldi per la linea, e nessuno vuole prendersi la responsabilità.',
  ],
  [
    'pl',
    'Burmistrz Borowic powiedział w poniedziałek, że rada miejska nie została poinformowana o umowie, a dokumenty zostaną opublikowane, gdy tylko prawnicy zakończą ich analizę.',
  ],
  [
    'pl',
    'Od lat mówiono nam, że połączenie promowe jest bezpieczne. Teraz ministerstwo twierdzi, że nie ma już pieniędzy na linię do wysp, i nikt nie chce wziąć za to odpowiedzialności.',
  ],
];

// Short lines, headlines and paragraphs that mix languages: the vote may abstain on any of them,
// but whatever it says must be what eld says.
const HARD: string[] = [
  'Why the ferry deal collapsed',
  'Re: THE TRUTH ABOUT FERRY SUBSIDIES',
  'Warum die Wahl verschoben wurde',
  'Le gouvernement annonce des réformes',
  'Dlaczego wybory przełożono',
  'Thanks to all of you!',
  'Quote from: harbour_watcher on',
  'Facebook Telegram Viber WhatsApp',
  'The slogan on the banner read "Liberté, égalité, fraternité" and the crowd in the square did not stop singing until the police arrived.',
  'Der Abgeordnete sagte auf Englisch: "We will not back down", und verließ dann den Saal ohne weitere Erklärung.',
  'La ministra ha risposto in inglese, "no comment", e poi è uscita dalla sala senza rispondere alle altre domande.',
  'Councillor Nowak wrote on his page: "Nie oddamy miasta", and the post was shared by the Harlow Free Press within an hour.',
];

const reference = eld.newInstance();
reference.setLanguageSubset([...DEFAULT_LANGUAGES]);
const voter = wordVoter(DEFAULT_LANGUAGES);

describe('voteByWords', () => {
  it('is available for the default candidates', () => {
    expect(voter?.languages).toEqual(['en', 'de', 'fr', 'es', 'it', 'pl']);
  });

  it.each(PARAGRAPHS)('decides a %s paragraph, and agrees with eld', (lang, text) => {
    if (!voter) throw new Error('no voter');
    const vote = voteByWords(text, voter);
    expect(vote?.language).toBe(lang);
    expect(reference.detect(text).language).toBe(lang);
    expect(vote?.confidence).toBeGreaterThan(0.8);
  });

  it.each(HARD.map((t) => [t]))('abstains or agrees with eld on %j', (text) => {
    if (!voter) throw new Error('no voter');
    const vote = voteByWords(text, voter);
    if (vote) expect(vote.language).toBe(reference.detect(text).language);
  });

  it('abstains on headlines with too few function words', () => {
    if (!voter) throw new Error('no voter');
    for (const text of HARD.slice(0, 8)) expect(voteByWords(text, voter)).toBeNull();
  });

  it('abstains when two languages share most of the hits', () => {
    if (!voter) throw new Error('no voter');
    // "de", "la", "en", "que" are Spanish and French alike: nothing sets one apart.
    expect(voteByWords('de la que en de la que en', voter)).toBeNull();
  });

  it('reads no further than the limit', () => {
    if (!voter) throw new Error('no voter');
    const text = `${'Harlow Port Harwick Ferry Route '.repeat(4)}and the council said that it was not told about the deal`;
    expect(voteByWords(text, voter)?.language).toBe('en');
    expect(voteByWords(text, voter, 100)).toBeNull();
  });

  it('ignores word pieces glued to digits or apostrophes', () => {
    if (!voter) throw new Error('no voter');
    // "l'", "d'" and "2de" must not count for French or Dutch.
    expect(voteByWords("l'une d'elles 2de 3de l'est l'un", voter)).toBeNull();
  });

  it('stands aside when a Latin-script candidate has no word list, and ignores other scripts', () => {
    expect(wordVoter(['en', 'cs'])).toBeNull();
    expect(wordVoter(['en', 'ru', 'uk'])?.languages).toEqual(['en']);
    expect(wordVoter(['ru', 'uk'])).toBeNull();
  });
});

describe('detectLanguage with the word vote', () => {
  it.each(PARAGRAPHS)('gives the same language as eld for a %s paragraph', (lang, text) => {
    expect(detectLanguage(text).language).toBe(lang);
  });

  it.each(HARD.map((t) => [t]))('keeps eld’s answer where the vote abstains: %j', (text) => {
    const r = detectLanguage(text);
    const e = reference.detect(text).language;
    if (r.language !== 'und') expect(r.language).toBe(e);
  });

  it('keeps to the candidate languages', () => {
    const [, german] = PARAGRAPHS[2] ?? ['', ''];
    expect(detectLanguage(german, ['en', 'fr']).language).not.toBe('de');
  });
});
