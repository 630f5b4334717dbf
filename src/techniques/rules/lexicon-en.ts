// English cues for the 14 techniques of SemEval-2020 Task 11, written from general knowledge of
// propaganda rhetoric (textbook examples, common political idiom), not taken from any corpus.
import type { CueRule } from './cues.js';
import { en, rule } from './cues.js';

const LL = 'Loaded_Language';
const NC = 'Name_Calling,Labeling';
const EX = 'Exaggeration,Minimisation';
const DO = 'Doubt';
const FE = 'Appeal_to_fear-prejudice';
const FW = 'Flag-Waving';
const CO = 'Causal_Oversimplification';
const AA = 'Appeal_to_Authority';
const SL = 'Slogans';
const BW = 'Black-and-White_Fallacy';
const TT = 'Thought-terminating_Cliches';
const WH = 'Whataboutism,Straw_Men,Red_Herring';
const BR = 'Bandwagon,Reductio_ad_hitlerum';

/** Emotionally charged words: strong judgement, disgust, violence used figuratively. */
export const EN_LOADED = [
  'outrageous', 'disgraceful', 'shameful', 'shameless(?:ly)?', 'appalling', 'horrific', 'horrendous', 'atrocious',
  'despicable', 'vile', 'evil', 'wicked', 'sinister', 'heinous', 'monstrous', 'barbaric', 'barbarous', 'savage(?:ly|ry)?',
  'ruthless(?:ly)?', 'vicious(?:ly)?', 'hateful', 'disgusting', 'sickening', 'revolting', 'repugnant', 'abhorrent',
  'pathetic', 'ridiculous', 'absurd', 'ludicrous', 'insane', 'lunatic', 'hysteri(?:a|cal|cally)', 'deranged', 'unhinged',
  'catastroph(?:e|ic)', 'disastrous', 'devastat(?:ing|ed)', 'annihilat(?:e|ed|ion)', 'slaughter(?:ed|ing)?',
  'massacre[sd]?', 'bloodbath', 'carnage', 'scourge', 'infest(?:ed|ing)?', 'horde[s]?', 'witch[- ]hunt', 'hoax',
  'sham', 'farce', 'travesty', 'debacle', 'fiasco', 'rigged', 'corrupt(?:ion|ed)?', 'crooked', 'treason(?:ous)?',
  'betray(?:al|ed|s)?', 'brainwash(?:ed|ing)?', 'smear(?:s|ed|ing)?', 'slander(?:ous)?', 'cowardly', 'reckless(?:ly)?',
  'nefarious', 'diabolical', 'demonic', 'satanic', 'unholy', 'tyrann(?:y|ical)', 'draconian', 'orwellian', 'nightmare',
  'chaos', 'chaotic', 'mayhem', 'doom(?:ed)?', 'slam(?:s|med)?', 'blast(?:s|ed)?', 'lash(?:es|ed)? out', 'furious(?:ly)?',
  'outrage[ds]?', 'fury', 'rage', 'scandal(?:ous)?', 'bombshell', 'shocking(?:ly)?', 'obscen(?:e|ity)', 'grotesque',
  'pervers(?:e|ion)', 'degenerate', 'depraved', 'depravity', 'filth(?:y)?', 'sleaz(?:y|e)', 'sordid', 'rotten', 'cesspool',
  'stench', 'toxic', 'poison(?:ous|ed)?', 'cancer(?:ous)?', 'plague[ds]?', 'vicious', 'brutal(?:ly|ity)?', 'cruel(?:ty)?',
  'lies', 'lying', 'blatant(?:ly)?', 'egregious', 'flagrant', 'contempt(?:ible)?', 'disdain', 'hatred', 'hate-filled',
  'venom(?:ous)?', 'vitriol(?:ic)?', 'rant(?:s|ed|ing)?', 'tirade', 'assault(?:ed|s)? on', 'war on', 'attack(?:s|ed)? on',
  'destroy(?:s|ed|ing)?', 'destruction', 'wreck(?:ed|ing)?', 'ravag(?:e|ed|ing)', 'gut(?:ted|ting)', 'crush(?:ed|ing)?',
  'persecut(?:e|ed|ion)', 'oppress(?:ion|ive|ed)', 'silenc(?:e|ed|ing)', 'censor(?:ship|ed)', 'propaganda',
  'heroic', 'glorious', 'noble', 'martyr(?:s|dom)?', 'sacred', 'holy war', 'crusade', 'crime[s]? against humanity',
  'sick', 'twisted', 'bizarre', 'idiotic', 'stupid(?:ity)?', 'dumb', 'moronic', 'ignorant', 'arrogan(?:t|ce)',
  'delusional', 'paranoi(?:d|a)', 'fanatical', 'radical(?:ized)?', 'extremis[mt]', 'militant', 'mob', 'lynch(?:ing)?',
  'thuggery', 'bully(?:ing)?', 'blackmail', 'extort(?:ion)?', 'loot(?:ing|ed)?', 'plunder(?:ed)?', 'rape[ds]?',
  'kill(?:ing|ed)? off', 'bloodthirsty', 'bloody', 'damn(?:ed|ing)?', 'hell', 'disgrace', 'shame', 'pathetically',
  'staggering', 'egregiously', 'shamelessly', 'rabid', 'frenzy', 'feeding frenzy', 'meltdown', 'freak(?:ed|ing)? out',
  'gaslight(?:ing)?', 'cover[- ]up', 'whitewash(?:ed)?', 'collusion', 'conspir(?:acy|ed|ing)', 'scheme', 'plot(?:ting)?',
];

/** Labels applied to people or groups. */
export const EN_LABELS = [
  'idiot[s]?', 'moron[s]?', 'imbecile[s]?', 'fool[s]?', 'clown[s]?', 'buffoon[s]?', 'puppet[s]?', 'stooge[s]?',
  'lackey[s]?', 'cron(?:y|ies)', 'thug[s]?', 'gangster[s]?', 'mobster[s]?', 'jihadi(?:st)?[s]?', 'extremist[s]?',
  'fanatic[s]?', 'zealot[s]?', 'bigot(?:s|ed)?', 'racist[s]?', 'xenophob(?:e|es|ic)', 'homophob(?:e|es|ic)',
  'islamophob(?:e|es|ic)', 'commie[s]?', 'marxist[s]?', 'leftist[s]?', 'libtard[s]?', 'snowflake[s]?', 'globalist[s]?',
  'elitist[s]?', 'the elites?', 'deep state', 'the swamp', 'rino[s]?', 'neocon[s]?', 'warmonger(?:s|ing)?',
  'demagogue[s]?', 'despot[s]?', 'autocrat[s]?', 'strongman', 'dictator(?:s|ship)?', 'tyrant[s]?', 'regime',
  'junta', 'crook[s]?', 'criminal[s]?', 'gang', 'cult', 'heretic(?:s|al)?', 'apostate[s]?', 'infidel[s]?',
  'traitor(?:s|ous)?', 'turncoat[s]?', 'quisling[s]?', 'useful idiots?', 'shill[s]?', 'troll[s]?',
  'propagandist[s]?', 'hack[s]?', 'lapdog[s]?', 'mouthpiece[s]?', 'fake news', 'lamestream', 'presstitute[s]?',
  'radical left', 'far[- ]left', 'far[- ]right', 'alt[- ]right', 'hard[- ]left', 'loony left', 'leftard[s]?',
  'pedophile[s]?', 'predator[s]?', 'abuser[s]?', 'rapist[s]?', 'murderer[s]?', 'killer[s]?', 'baby[- ]killers?',
  'terrorist[s]?', 'invader[s]?', 'illegals', 'illegal aliens?', 'parasite[s]?', 'vermin', 'scum', 'traitors',
  'liar[s]?', 'hypocrite[s]?', 'coward[s]?', 'charlatan[s]?', 'fraud(?:ster)?[s]?', 'con (?:man|artist)', 'swindler[s]?',
  'pervert[s]?', 'degenerates', 'radicals', 'anarchist[s]?', 'agitator[s]?', 'provocateur[s]?', 'sycophant[s]?',
  'zionists?', 'islamist[s]?', 'apologist[s]?', 'denier[s]?', 'alarmist[s]?', 'conspiracy theorist[s]?', 'crackpot[s]?',
  'nut ?job[s]?', 'lunatics', 'maniac[s]?', 'psychopath[s]?', 'sociopath[s]?', 'monster[s]?', 'butcher[s]?',
  'henchm[ae]n', 'minion[s]?', 'oligarch[s]?', 'kleptocra(?:t|ts|cy)', 'bureaucrat[s]?', 'apparatchik[s]?',
  'social justice warriors?', 'sjw[s]?', 'so-called', 'self-styled', 'self-proclaimed',
];

/** Pejorative adjectives that label the noun after them. */
export const EN_LABEL_ADJECTIVES = [
  'corrupt', 'crooked', 'lying', 'treacherous', 'radical', 'extremist', 'leftist', 'rogue', 'failed', 'disgraced',
  'incompetent', 'senile', 'crazy', 'deranged', 'unhinged', 'delusional', 'brutal', 'murderous', 'bloodthirsty',
  'godless', 'heretical', 'wayward', 'woke', 'globalist', 'fake', 'phony', 'phoney', 'pathetic', 'sleazy', 'criminal',
  'tyrannical', 'authoritarian', 'totalitarian', 'despotic', 'genocidal', 'terrorist', 'jihadist', 'militant',
  'so-called', 'self-styled', 'self-proclaimed', 'notorious', 'infamous', 'disgusting', 'vile', 'evil', 'dishonest',
];

export const EN_RULES: CueRule[] = [
  // Loaded language: the charged word itself.
  rule(LL, en(EN_LOADED), 0.55, 'emotionally charged word', 'match'),
  // Name calling: a label, or a pejorative adjective with the noun it labels.
  rule(NC, en(EN_LABELS), 0.6, 'label attached to a person or group', 'match'),
  rule(NC, en(EN_LABEL_ADJECTIVES), 0.5, 'pejorative adjective labelling someone', 'next'),
  rule(NC, en(['the (?:Reds|Left|Right|establishment|mainstream media|MSM|media elite)']), 0.45, 'group reduced to a label', 'match', true),

  // Exaggeration and minimisation.
  rule(EX, en(['the (?:most|least|worst|best|greatest|biggest|largest|deadliest) \\p{L}+(?: \\p{L}+)? (?:ever|in (?:history|the world|memory)|of all time)']), 0.75, 'superlative with "ever" or "in history"', 'match'),
  rule(EX, en(['(?:the )?(?:worst|greatest|biggest|deadliest|most dangerous) \\p{L}+', 'of all time', 'in (?:all of )?(?:human )?history', 'never before', 'unprecedented', 'like never before', 'beyond (?:belief|imagination|repair)']), 0.5, 'superlative or "unprecedented"', 'match'),
  rule(EX, en(['(?:totally|completely|utterly|absolutely|entirely|thoroughly|wholly|infinitely|incredibly|unbelievably|insanely|extremely|massively|hugely|grossly) \\p{L}+']), 0.5, 'intensifier', 'match'),
  rule(EX, en(['(?:massive|huge|enormous|tremendous|colossal|gigantic|astronomical|monumental|staggering|countless|endless|untold|incalculabl[ey]) \\p{L}+', 'millions (?:and millions )?of \\p{L}+', 'every single \\p{L}+', 'a total (?:success|failure|disaster)']), 0.45, 'inflated quantity or size', 'match'),
  rule(EX, en(['(?:merely|just|only) a (?:few|handful|fraction|tiny|small|minor)(?: \\p{L}+)?', 'nothing (?:more )?than a \\p{L}+', 'a (?:mere|tiny|minor) \\p{L}+', 'no big deal', 'a drop in the (?:bucket|ocean)', 'insignificant', 'trivial']), 0.5, 'minimising wording', 'match'),

  // Doubt: questioning credibility.
  rule(DO, en(['so[- ]called', 'alleged(?:ly)?', 'supposed(?:ly)?', 'purported(?:ly)?', 'claims? to be', 'questionable', 'dubious', 'suspicious(?:ly)?', 'highly unlikely', 'hard to believe', 'one (?:has to|must) wonder', 'one wonders', 'who knows', 'remains to be seen', 'without (?:any )?evidence', 'no evidence', 'not a shred of evidence', 'can (?:we|you) (?:really )?trust', 'how can (?:anyone|we|you) (?:believe|trust)', 'is it (?:really|possible|any wonder)', 'was it really', 'did (?:he|she|they) (?:really|actually)', 'why would', 'why did(?:n\'t|n’t)?', 'why (?:is|are|was|were) (?:he|she|they|it)', 'credibility', 'cast doubt', 'doubtful', 'conveniently', 'mysteriously', 'curiously']), 0.45, 'casts doubt on credibility', 'clause'),
  rule(DO, /\?(?<=[^.!?\n]{12}\?)/gu, 0.3, 'rhetorical question', 'clause', true),

  // Appeal to fear.
  rule(FE, en(['(?:grave|serious|existential|imminent|growing|real|clear) (?:threat|danger|risk)', 'threat(?:en(?:s|ed|ing)?)? (?:to|our)', 'before it(?:\'s|’s| is) too late', 'could (?:lead to|result in|spell|mean the end)', 'will (?:destroy|kill|ruin|wipe out|cost us)', 'the end of (?:our|the|america|civilization|freedom|democracy)', 'at risk', 'in danger', 'dangerous', 'terrif(?:ying|ied)', 'frightening', 'alarming', 'deadly', 'lethal', 'epidemic', 'pandemic', 'outbreak', 'invasion', 'flood(?:ing)? (?:of|into)', 'your (?:children|families|kids|homes)', 'our (?:children|families|kids)', 'no one is safe', 'wake up', 'time bomb', 'ticking', 'looming', 'menace']), 0.45, 'appeal to fear of a threat', 'clause'),

  // Flag-waving.
  rule(FW, en(['our (?:great )?(?:country|nation|homeland|republic|flag|troops|soldiers|heroes|values|way of life|freedoms?|borders?|culture|heritage|constitution|sovereignty|people)', 'this (?:great|beautiful|wonderful) (?:country|nation)', 'patriot(?:s|ic|ism)?', '(?:un-?)?american values', 'the american people', 'true (?:americans|patriots|britons|citizens)', 'america first', 'make america great', 'god bless (?:america|the usa|our troops)', 'national (?:pride|interest|sovereignty|security)', 'un-american', 'love (?:of|for) (?:our )?country', 'the west(?:ern civilization)?', 'western values', 'fatherland', 'motherland', 'homeland']), 0.5, 'appeal to national identity or patriotism', 'clause'),

  // Causal oversimplification.
  rule(CO, en(['(?:is|are|was|were) (?:solely |entirely |directly )?(?:to blame|responsible) for', 'blame[sd]? (?:\\p{L}+ )?(?:on|for)', 'the (?:real|only|sole|main|root) (?:reason|cause)', 'the reason (?:why|is)', 'that(?:\'s|’s| is) (?:why|the reason)', 'which is why', 'all because', 'simply because', 'only because', 'thanks to', 'because of (?:him|her|them|this|that)', '(?:is|are|was) caused by', '(?:directly )?led to', 'resulted in', 'is the result of', 'as a (?:direct )?result', 'the root of', 'is behind', 'are behind', 'lies? behind', 'stems? from', 'fault of']), 0.4, 'single cause blamed', 'clause'),

  // Appeal to authority.
  rule(AA, en(['according to (?:the )?(?:experts?|scientists?|doctors?|studies|research|the (?:pope|bible|church|catechism)|dr\\.?|professor)', '(?:experts?|scientists?|doctors?|economists?|analysts?|scholars?|researchers?|authorities|officials) (?:say|said|agree|warn(?:ed)?|believe|confirm(?:ed)?|have (?:shown|proven|found))', '(?:studies|research|science|polls?) (?:show|shows|proves?|has shown|have shown|confirms?)', 'it is (?:widely|well) (?:known|established)', 'as (?:the )?(?:pope|president|bible|scripture|church|founders?|saint \\p{L}+|st\\.? \\p{L}+) (?:said|says|taught|teaches|wrote|put it)', 'the (?:bible|scripture|catechism|church|constitution) (?:says|teaches|tells us|is clear)', 'scripture (?:says|teaches)', 'nobel (?:prize|laureate)', 'renowned', 'leading (?:expert|scientist|authority)', 'world-renowned', 'eminent']), 0.45, 'appeal to an authority', 'clause'),
  rule(AA, en(['(?:\\p{Lu}\\p{L}+ )?(?:said|says|stated|explained|noted|wrote|testified|told)']), 0.2, 'statement attributed to someone', 'clause', true),

  // Slogans.
  rule(SL, en(['make america great again', 'maga', 'build the wall', 'lock (?:her|him|them) up', 'drain the swamp', 'no justice,? no peace', 'black lives matter', 'all lives matter', 'blue lives matter', 'yes we can', 'never again', 'america first', 'death to \\p{L}+', 'down with \\p{L}+', 'long live \\p{L}+', 'not my president', 'hands off \\p{L}+', 'workers of the world', 'keep (?:america|britain) great', 'take back control', 'fake news', 'love trumps hate', 'my body,? my choice', 'hope and change', 'stronger together', 'enough is enough', 'stop the steal', 'we will not be silenced', 'the people united']), 0.7, 'well-known slogan', 'match'),
  rule(SL, /#[\p{L}\p{N}_]{3,}/gu, 0.55, 'hashtag', 'match'),
  rule(SL, /(?<=^|[\n“"‘'])[\p{Lu}][^\n.!?"“”]{3,48}!(?=["”’']?\s*(?:\n|$))/gmu, 0.45, 'short exclamation on its own line', 'match'),

  // Black-and-white fallacy.
  rule(BW, en(['either (?:\\p{L}+ ){1,8}or', '(?:you(?:\'re|’re| are)|they(?:\'re|’re| are)) (?:either )?with us or against us', 'there (?:is|was) no (?:other )?(?:alternative|choice|option|middle ground|other way)', 'the only (?:way|solution|option|answer|choice|alternative|hope)', 'only (?:one|two) (?:options?|choices?|ways?|answers?)', 'no (?:other )?choice but', 'no middle ground', 'no third way', 'the choice is (?:clear|simple)', 'it(?:\'s|’s| is) (?:that )?simple', '(?:black|right) (?:and|or) (?:white|wrong)', 'one (?:side|way) or the other', 'if (?:we|you) don(?:\'t|’t) \\p{L}+[^.!?]{0,60}(?:will|we(?:\'ll|’ll))']), 0.5, 'only two options presented', 'clause'),

  // Thought-terminating clichés.
  rule(TT, en(['it is what it is', 'that(?:\'s|’s) (?:just )?the way it is', 'enough said', 'end of (?:story|discussion|debate)', 'case closed', 'nothing to see here', 'so be it', 'time will tell', 'let(?:\'s|’s) move on', 'move on', 'boys will be boys', 'common sense', 'get over it', 'deal with it', 'because i said so', 'everything happens for a reason', 'good luck with that', 'the rest is history', 'needless to say', 'at the end of the day', 'it(?:\'s|’s) not rocket science', 'facts don(?:\'t|’t) care', 'what will be will be', 'that(?:\'s|’s) (?:all|that)', 'say no more', 'you know the (?:drill|rest)', 'period\\.', 'full stop', 'it goes without saying', 'draw your own conclusions', 'it(?:\'s|’s) god(?:\'s|’s) will', 'think of the children', 'whatever', 'so what', 'let that sink in', 'the time (?:for|to) [^.!?]{1,30} is (?:over|past|now)', 'time is running out', 'mark my words']), 0.6, 'phrase that closes down discussion', 'match'),

  // Whataboutism, straw men, red herring.
  rule(WH, en(['(?:but )?what about', 'how about', 'where was (?:the )?(?:outrage|media|concern)', 'double standards?', 'the same (?:people|media|democrats|republicans|liberals) who', 'never (?:complained|said a word)', 'yet (?:nobody|no one|the media)', 'instead of (?:dealing|focusing|addressing|talking)', 'while (?:ignoring|turning a blind eye)', 'hypocrisy', 'hypocritical(?:ly)?', 'they want (?:you|us) to believe', 'what they(?:\'re| are) really saying', 'in other words,? they']), 0.5, 'deflects to another issue', 'clause'),

  // Bandwagon and reductio ad hitlerum.
  rule(BR, en(['(?:everyone|everybody|all of us|we all) knows?', 'everyone (?:agrees|is (?:talking|saying))', 'most (?:people|americans|citizens) (?:agree|know|believe|want)', 'millions of (?:americans|people|voters|citizens) (?:agree|know|want|believe)', 'the (?:whole|entire) world (?:knows|agrees|is watching)', 'the majority of (?:americans|people|voters)', 'join (?:the|us|millions)', 'a growing number of', 'no one (?:believes|disputes|denies)', 'widely (?:accepted|believed|known)']), 0.5, 'appeal to what everyone thinks', 'clause'),
  rule(BR, en(['hitler(?:\'s|’s)?', 'nazi(?:s|sm)?', 'neo-nazis?', 'gestapo', 'third reich', 'fascis[mt][s]?', 'stalin(?:ist|ism|’s|\'s)?', 'goebbels', 'brownshirts?', 'kristallnacht', 'mussolini', 'pol pot', 'mao(?:ist)?', 'holocaust', 'kgb', 'soviet[- ]style', 'gulag[s]?', 'appeasement', 'munich', 'khmer rouge', 'ku klux klan', 'kkk', 'jim crow', 'apartheid']), 0.5, 'comparison with a reviled regime or figure', 'clause'),
];
