// Removal of widget debris from normalised text, line by line: share and like buttons, "Loading…",
// related-post headers, comment counters, tag and category lines, cookie notices, pagination,
// and lines the pipeline found repeated across many documents of one source. Only whole lines
// that are nothing but debris are removed, so prose that mentions cookies or sharing stays.
import { foldForMatching } from './normalise.js';
import { OffsetMapBuilder, type OffsetMap } from './offsetmap.js';

export interface RemovedSpan {
  /** Offsets in the input text. */
  start: number;
  end: number;
  reason: string;
}

export interface CleanResult {
  text: string;
  removed: RemovedSpan[];
  /** Offsets in `text` back to offsets in the input text. */
  map: OffsetMap;
}

/** Key under which a line is counted for repeats across documents: folded, spaces collapsed, trimmed. */
export function lineKey(line: string): string {
  return foldForMatching(line).replace(/\s+/g, ' ').trim();
}

// Patterns run on folded lines: lower case, ё→е, quotes to " and ', dashes to -.
// What a cookie notice says besides "we use cookies": a sentence in an article rarely has both.
const COOKIE_NOTICE_WORDS =
  /experience|accept|agree|consent|privacy|policy|continu|browsing|personali|analytics|improve|settings|preferences|opt-out|learn more|read more|ok\b|опыт|соглас|принять|принимаю|политик|продолжая|улучш|удобств|персонал|аналитик|подробнее|настро|прийняти|погоджу|політик/;

// Whole lines that blog engines (WordPress, WordPress.com, Blogger, Russian and Ukrainian themes)
// print around every post: sidebars, comment forms, footers. Matched on the folded line with
// trailing punctuation, asterisks and ellipses removed.
const ENGINE_LINES = new Set(
  [
    'post navigation', 'posts navigation', 'search for', 'search', 'recent posts', 'recent comments', 'archives', 'categories',
    'meta', 'log in', 'log out', 'entries feed', 'comments feed', 'entries rss', 'comments rss', 'wordpress.org',
    'proudly powered by wordpress', 'follow blog via email', 'follow', 'email address', 'blog at wordpress.com',
    'report this content', 'view site in reader', 'manage subscriptions', 'collapse this bar', 'subscribe subscribed',
    'sign me up', 'advertisements', 'advertisement', 'report this ad', 'loading comments', 'write a comment',
    'email (required)', 'name (required)', 'website', 'email', 'name', 'comment', 'print friendly, pdf & email', 'share via',
    'previous post', 'next post', 'older posts', 'newer posts', 'previous article', 'next article', 'older entries',
    'newer entries', 'top posts & pages', 'blogroll', 'follow us', 'follow us on telegram', 'subscribe', 'pin it',
    'навигация по записям', 'предыдущая запись', 'следующая запись', 'рубрики', 'архивы', 'свежие записи',
    'свежие комментарии', 'мета', 'войти', 'лента записей', 'лента комментариев', 'реклама', 'читать далее',
    'читать полностью', 'подробнее', 'предыдущая статья', 'следующая статья', 'навігація записів', 'попередній запис',
    'наступний запис', 'архіви', 'останні записи', 'останні коментарі', 'читати далі', 'детальніше',
  ].map((l) => l),
);

const ENGINE_PATTERNS: RegExp[] = [
  /^your email address will not be published/,
  /^required fields are marked/,
  /^comment name \* email \*/,
  /^save my name, email,? and website in this browser/,
  /^enter your email address to (?:follow|subscribe)/,
  /^join [\d,. ]+ other (?:subscribers|followers)/,
  /^privacy & cookies: this site uses cookies/,
  /^to find out more, including how to control cookies/,
  /^already have a wordpress\.com account/,
  /^(?:[←<«"]|<-)?\s*previous (?:post|article|entry)\b.{0,160}\bnext (?:post|article|entry)\b/,
  /^(?:proudly )?powered by [\p{L}\d .-]{2,40}$/u,
  /^(?:copyright )?(?:©|\(c\)) ?(?:\d{4}(?:[-–] ?\d{4})?)?.{0,80}$/,
  /^.{0,80}all rights reserved\.?$/,
  /^ваш адрес (?:email|электронной почты) не будет опубликован/,
  /^обязательные поля помечены/,
  /^ваша адреса (?:електронної пошти|email) не буде опублікована/,
  /^обов'язкові поля позначені/,
];

const LONGEST_SHORT_RULE = 240;
const COOKIE_WORD = /cookie|куки/i;

function isEngineLine(folded: string): boolean {
  const bare = folded.replace(/[\s:.*…]+$/u, '').replace(/^[\s*]+/u, '');
  if (ENGINE_LINES.has(bare)) return true;
  return folded.length <= 240 && ENGINE_PATTERNS.some((re) => re.test(folded));
}

const RULES: Array<{ reason: string; re: RegExp; max: number; also?: RegExp }> = [
  {
    reason: 'share',
    re: /^(?:share|share this|share this (?:post|article|story|page)|share on [a-z+. ]{1,20}|share via [a-z. ]{1,20}|tweet|поделиться|поделитесь|поделиться (?:в|во|через) [\p{L}\d. ]{1,25}|поделитесь с друзьями|поделиться ссылкой|поділитися|поділитись)\s*[:.!]?$/u,
    max: 60,
  },
  { reason: 'share', re: /^click to (?:share|email|print|tweet|pin)\b.{0,80}$/, max: 100 },
  { reason: 'share', re: /\(opens in new window\)$/, max: 100 },
  {
    reason: 'like',
    re: /^(?:like|like this|нравится|подобається|мне нравится|%d bloggers? likes? this|(?:\d+|one|a) bloggers? likes? this|like loading(?:\.\.\.|…)?|be the first to like this)\s*[:.!]?$/,
    max: 60,
  },
  { reason: 'loading', re: /^(?:loading|загрузка|завантаження)\s*(?:\.\.\.|…)?$/, max: 20 },
  { reason: 'subscribe', re: /^(?:subscribe|follow|подписаться|подпишитесь|підписатися|підпишіться)\s*[:.!]?$/, max: 30 },
  {
    reason: 'subscribe',
    re: /^(?:subscribe (?:to|for) (?:our|the|my) (?:newsletter|channel|blog|updates|mailing list)|sign up for (?:our|the) newsletter|follow us(?: on [\p{L}\d. ]{1,25})?|подпишитесь на (?:наш|нашу|наши) [\p{L} -]{1,30}|подписаться на (?:рассылку|канал|новости|обновления)|підпишіться на (?:наш|нашу|наші) [\p{L} -]{1,30})\s*[:.!]?$/u,
    max: 80,
  },
  {
    reason: 'related',
    re: /^(?:related|related posts|related articles|related stories|related content|you may also like|you might also like|more from [\p{L}\d. ]{1,30}|похожие записи|похожие статьи|похожие новости|читайте также|смотрите также|по теме|схожі записи|схожі статті|читайте також|дивіться також)\s*[:.!]?$/u,
    max: 60,
  },
  { reason: 'related', re: /^(?:читайте также|читайте також|see also|read also|also read)\s*:\s*.{1,140}$/u, max: 170 },
  {
    reason: 'comments',
    re: /^(?:comments?|\d+ comments?|comments? \(\d+\)|no comments(?: yet)?|one comment|one response|\d+ responses?|\d+ replies|leave a comment|leave a reply|leave a reply cancel reply|reply|cancel reply|post a comment|add a comment|комментарии|комментарии \(\d+\)|\d+ комментари[йяев]{1,2}|комментариев нет|нет комментариев|оставить комментарий|оставьте комментарий|добавить комментарий|ответить|отменить ответ|коментарі|коментарі \(\d+\)|залишити коментар|відповісти)\s*[:.!]?$/,
    max: 40,
  },
  { reason: 'tags', re: /^(?:tags|tagged|метки|теги|тэги|теґи|мітки)\s*:\s*[^.!?]{0,200}$/, max: 220 },
  {
    reason: 'category',
    re: /^(?:(?:posted|filed) in [^.!?:]{1,80}\|.{0,150}|filed under\s*:?\s*[^.!?]{1,150}|posted in [\p{L}\d&'-]+(?: [\p{L}\d&'-]+){0,2}(?:, [\p{L}\d&'-]+(?: [\p{L}\d&'-]+){0,2}){0,8}|categories\s*:\s*[^.!?]{1,150}|рубрик[аи]\s*:\s*[^.!?]{1,150}|категори[яи]\s*:\s*[^.!?]{1,150})$/u,
    max: 220,
  },
  { reason: 'advertisement', re: /^(?:advertisement|advertising|sponsored|sponsored content|ad|реклама|партнерский материал|спонсорский материал)\s*[:.]?$/, max: 30 },
  {
    reason: 'print',
    re: /^(?:print|print this|print this (?:page|article|post)|printer-friendly version|print friendly|версия для печати|распечатать|друкувати|версія для друку)\s*[:.!]?$/,
    max: 40,
  },
  {
    reason: 'read-more',
    re: /^(?:read more|continue reading|read the rest of this entry|читать далее|читать полностью|подробнее|читати далі|докладніше)\s*(?:"|'|→|>>|\.\.\.|…)?$/u,
    max: 40,
  },
  { reason: 'read-more', re: /^continue reading\s*"[^"]{1,120}"\s*(?:→|")?$/, max: 150 },
  {
    reason: 'cookie',
    re: /^(?:(?:this|our) (?:web)?site uses cookies|we use cookies|we and our partners use cookies|by (?:continuing to )?(?:use|using|browse|browsing) (?:this|our) (?:web)?site[^.]{0,80}cookies|cookies help us|this site uses cookies|мы используем (?:файлы )?cookie|мы используем куки|этот сайт использует (?:файлы )?(?:cookie|куки)|сайт использует (?:файлы )?(?:cookie|куки)|продолжая (?:использовать|пользоваться)[^.]{0,80}(?:cookie|куки)|ми використовуємо (?:файли )?cookie|цей сайт використовує (?:файли )?cookie)/,
    max: 600,
    also: COOKIE_NOTICE_WORDS,
  },
  {
    reason: 'cookie',
    re: /^(?:accept|accept all|accept cookies|accept all cookies|reject all|cookie settings|cookie policy|manage cookies|manage preferences|ok, i agree|принять|принять все|принять cookie|прийняти)\s*[.!]?$/,
    max: 30,
  },
    // » and › arrive folded to " and '.
  { reason: 'navigation', re: /^(?:home|главная|головна)\s*(?:[">/']\s*[^">/']{1,60}){1,6}$/u, max: 200 },
  { reason: 'navigation', re: /^(?:skip to (?:main )?content|back to top|наверх|вернуться наверх|to top|scroll to top|menu|меню|search|поиск|пошук)\s*[↑]?$/, max: 30 },
  { reason: 'pagination', re: /^(?:page|страница|сторінка|стр\.)\s*\d{1,5}\s*(?:of|из|з)\s*\d{1,5}$/, max: 40 },
];

const SOCIAL = new Set([
  'twitter', 'facebook', 'telegram', 'vk', 'vkontakte', 'вконтакте', 'вк', 'одноклассники', 'ok', 'whatsapp', 'viber',
  'linkedin', 'reddit', 'pinterest', 'tumblr', 'pocket', 'email', 'e-mail', 'mail', 'print', 'skype', 'mastodon', 'threads',
  'gab', 'gettr', 'truth', 'social', 'x', 'tweet', 'share', 'more', 'copy', 'link', 'flipboard', 'mix', 'messenger', 'livejournal',
  'жж', 'мой', 'мир', 'twitter:', 'facebook:', 'telegram:', 'like', 'tiktok', 'youtube', 'instagram', 'rutube', 'дзен', 'яндекс',
]);

// Words that may sit in a pagination run beside the numbers.
const PAGER_WORDS = new Set([
  'next', 'prev', 'previous', 'older', 'newer', 'posts', 'entries', 'page', 'pages', 'first', 'last', 'back', 'forward',
  'след', 'след.', 'пред', 'пред.', 'следующая', 'предыдущая', 'назад', 'вперед', 'туда', 'сюда', 'страницы', 'страницы:',
  'pages:', 'page:', 'наступна', 'попередня', 'далее', 'ранее', 'новые', 'старые', 'записи', 'сторінки', 'сторінки:',
]);
// Lines are folded first, so « » arrive as " and ‹ › as '. Dashes are left out: "1941 - 1945"
// alone on a line is a heading, not a pager.
const PAGER_MARKS = /^(?:…|\.\.\.|"|'|<|>|←|→|\|)+$/;

/** True when the folded line is a pagination run ("1 2 3 4 … 117 Next »", "« Previous 1 2 3"). */
function isPagination(folded: string): boolean {
  const words = folded.split(' ');
  let numbers = 0;
  let marks = 0;
  let navWords = 0;
  let last = -1;
  let first = -1;
  for (const w of words) {
    if (w === '') continue;
    if (/^\d{1,5}$/.test(w)) {
      const v = Number(w);
      if (first < 0) first = v;
      // Page numbers rise; descending runs and repeats are something else (scores, a list).
      if (v <= last) return false;
      last = v;
      numbers++;
    } else if (PAGER_MARKS.test(w)) {
      if (w !== '|') marks++;
    } else if (PAGER_WORDS.has(w) || PAGER_WORDS.has(w.replace(/^[<←'"]+|[>→'"]+$/g, ''))) {
      navWords++;
    } else return false;
  }
  // Bare runs of big numbers ("1941 1945") are years; pagers start at small page numbers.
  if (numbers >= 2) return marks + navWords > 0 || first < 1000;
  // A lone number ("1945") is a year or a heading; it needs an arrow, ellipsis or nav word.
  if (numbers === 1) return marks + navWords > 0;
  // "« Older posts", "Newer posts »", "Next »".
  return navWords > 0 && (marks > 0 || navWords >= 2);
}

// "Share:", "Поделиться:" before a list of networks is part of the same widget.
const SHARE_LABEL = /^(?:share(?: this| via| on)?|поделиться|поделитесь|поділитися|поділись)\s*:\s*/u;

function isSocialList(folded: string): boolean {
  const words = folded.replace(SHARE_LABEL, '').replace(/[,|•·/]/g, ' ').split(' ');
  let n = 0;
  for (const w of words) {
    if (w === '') continue;
    if (!SOCIAL.has(w)) return false;
    n++;
  }
  // One word alone ("Email", "More") is too weak; a single platform name is a button.
  return n >= 2 || (n === 1 && words.some((w) => w !== 'more' && w !== 'link' && w !== 'copy' && w !== 'social' && w !== 'мой' && w !== 'мир' && w !== ''));
}

/**
 * A reason ("share", "like", "cookie", "pagination"...) when the whole line is widget debris,
 * else null. Prose that merely mentions cookies or sharing is not debris.
 * @example isBoilerplateLine('Share this:') // 'share'
 */
export function isBoilerplateLine(line: string): string | null {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > 600) return null;
  // Past 240 characters only a cookie notice can be debris; prose paragraphs, most of a corpus,
  // skip the folding and the rule list.
  if (trimmed.length > LONGEST_SHORT_RULE && !COOKIE_WORD.test(trimmed)) return null;
  const folded = foldForMatching(trimmed).replace(/\s+/g, ' ');
  for (const rule of RULES) {
    if (folded.length <= rule.max && rule.re.test(folded) && (!rule.also || rule.also.test(folded))) return rule.reason;
  }
  if (isEngineLine(folded)) return 'blog-engine';
  if (folded.length <= 120) {
    if (isMenu(folded)) return 'navigation';
    if (isSocialList(folded)) return 'share';
    if (isPagination(folded)) return 'pagination';
  }
  return null;
}

// Words of site menus; a line made only of three or more of them is a menu bar, not prose.
const MENU_WORDS = new Set(
  ('home about us contact contacts donate support archive archives blog news shop store login log in register ' +
    'subscribe search categories tags privacy policy terms faq events videos video podcast podcasts opinion ' +
    'politics world sport sports culture media team imprint impressum ' +
    'главная о нас контакты новости архив поддержать подписка поиск политика мир спорт культура видео ' +
    'головна про нас контакти новини архів підтримати підписка пошук політика світ культура відео').split(' '),
);

function isMenu(folded: string): boolean {
  const words = folded.split(/ *[|·•/] *| +/).filter(Boolean);
  if (words.length < 3 || words.length > 14) return false;
  return words.every((w) => MENU_WORDS.has(w));
}

// Ascending page numbers, optionally "… 117", glued to a capital letter that starts a title.
const GLUED = /^(\d{1,3}(?: \d{1,3}){1,12})(?: ?(?:…|\.\.\.) ?(\d{1,5}))?(?=[\p{Lu}])/u;

/**
 * Strips a pagination run glued to the start of a title: "1 2 3We Need Unity!" gives
 * "We Need Unity!" and removedPrefix 6. "2024 Elections" and "3 killed in shelling" are kept.
 */
export function stripGluedPagination(line: string): { line: string; removedPrefix: number } {
  const c = line.charCodeAt(0);
  if (!(c >= 0x30 && c <= 0x39)) return { line, removedPrefix: 0 };
  const m = GLUED.exec(line);
  if (!m?.[1]) return { line, removedPrefix: 0 };
  let last = -1;
  for (const w of m[1].split(' ')) {
    const v = Number(w);
    if (v <= last) return { line, removedPrefix: 0 };
    last = v;
  }
  if (m[2] !== undefined && Number(m[2]) <= last) return { line, removedPrefix: 0 };
  return { line: line.slice(m[0].length), removedPrefix: m[0].length };
}

/**
 * Removes debris lines and lines whose lineKey is in `repeatedLines`, strips glued pagination,
 * and collapses the blank lines left behind. A removed run between two kept lines becomes a
 * paragraph break, since debris sits between posts. `map` leads back to offsets in `text`.
 */
export function clean(text: string, opts: { repeatedLines?: Set<string> } = {}): CleanResult {
  const repeated = opts.repeatedLines && opts.repeatedLines.size > 0 ? opts.repeatedLines : null;
  const b = new OffsetMapBuilder();
  const out: string[] = [];
  const removed: RemovedSpan[] = [];
  let emittedAny = false;
  let breakAfterContent = -1;
  let breakBeforeLine = -1;
  let gap = false;

  let ls = 0;
  const n = text.length;
  while (ls <= n) {
    let le = text.indexOf('\n', ls);
    const hasBreak = le !== -1;
    if (!hasBreak) le = n;
    // Trim here too: clean may be given text that was not normalised.
    let cs = ls;
    let ce = le;
    while (cs < ce && isSpace(text.charCodeAt(cs))) cs++;
    while (ce > cs && isSpace(text.charCodeAt(ce - 1))) ce--;
    if (ce > cs) {
      const line = text.slice(cs, ce);
      let reason = isBoilerplateLine(line);
      if (!reason && repeated && line.length <= 300 && repeated.has(lineKey(line))) reason = 'repeated';
      if (reason) {
        removed.push({ start: cs, end: ce, reason });
        if (emittedAny) gap = true;
      } else {
        const { removedPrefix } = stripGluedPagination(line);
        if (removedPrefix > 0) {
          removed.push({ start: cs, end: cs + removedPrefix, reason: 'pagination' });
          cs += removedPrefix;
        }
        if (emittedAny) {
          out.push('\n');
          b.copy(breakAfterContent, 1);
          if (gap) {
            out.push('\n');
            b.copy(breakBeforeLine, 1);
          }
        }
        out.push(removedPrefix > 0 ? text.slice(cs, ce) : line);
        b.copy(cs, ce - cs);
        emittedAny = true;
        gap = false;
        breakAfterContent = le;
      }
    } else if (emittedAny) {
      gap = true;
    }
    if (!hasBreak) break;
    breakBeforeLine = le;
    ls = le + 1;
  }
  return { text: out.join(''), removed, map: b.finish(n) };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0xa0;
}
