// Public Telegram channels through their web preview (https://t.me/s/CHANNEL): the newest ~20
// messages per page, older ones with ?before=ID. The first run pages back up to the bound; later
// runs page back only until they reach the newest message already collected. Each message is a
// record of its own (keyed by its data-post id), so one seen again is not a duplicate.
import { createError, ERRORS } from '../../core/errors.js';
import { domToText, inlineText, loadHtml } from '../../ingest/dom.js';
import type { FetchedResponse } from '../fetch.js';
import type { Collector, CollectedRecord } from './types.js';
import { isoOrNull, responseText } from './types.js';

export interface TelegramMessage {
  /** "channel/123" */
  post: string;
  id: number;
  text: string;
  datetime: string | null;
  views: string | null;
  author: string | null;
  forwardedFrom: string | null;
  url: string;
}

export interface TelegramPage {
  channel: string | null;
  title: string | null;
  messages: TelegramMessage[];
}

/** The channel name of a t.me URL (t.me/NAME, t.me/s/NAME, t.me/s/NAME?before=…). */
export function telegramChannel(url: string): string | null {
  const u = new URL(url);
  const m = /^\/(?:s\/)?([A-Za-z0-9_]{3,64})\/?$/.exec(u.pathname);
  return m?.[1] ?? null;
}

/** Expand "1.2K" / "3M" view counts to numbers. */
export function viewCount(shown: string | null): number | null {
  if (!shown) return null;
  const m = /^([\d.,]+)\s*([KkMm]?)$/.exec(shown.trim());
  if (!m?.[1]) return null;
  const n = Number(m[1].replace(',', '.'));
  const mult = m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1;
  return Number.isFinite(n) ? Math.round(n * mult) : null;
}

/** The messages of a t.me/s/ preview page, oldest first as the page shows them. */
export function parseTelegramPage(html: string, url: string): TelegramPage {
  const doc = loadHtml(html);
  const nodes = Array.from(doc.querySelectorAll('.tgme_widget_message[data-post]'));
  const title = inlineText(doc.querySelector('.tgme_channel_info_header_title')) || inlineText(doc.querySelector('meta[property="og:title"]')) || null;
  if (nodes.length === 0 && !doc.querySelector('.tgme_channel_info, .tgme_page, .tgme_widget_message_wrap')) {
    throw createError(ERRORS.INPUT_MALFORMED, `${url}: not a Telegram channel preview page (no .tgme_widget_message)`, url);
  }
  const messages: TelegramMessage[] = [];
  for (const el of nodes) {
    const post = el.getAttribute('data-post') ?? '';
    const id = Number(post.split('/')[1]);
    if (!Number.isInteger(id)) continue;
    const textEl = el.querySelector('.tgme_widget_message_text');
    const text = textEl ? domToText(textEl).trim() : '';
    const time = el.querySelector('.tgme_widget_message_date time[datetime], time[datetime]');
    const link = el.querySelector('a.tgme_widget_message_date')?.getAttribute('href') ?? `https://t.me/${post}`;
    messages.push({
      post,
      id,
      text,
      datetime: time?.getAttribute('datetime') ?? null,
      views: inlineText(el.querySelector('.tgme_widget_message_views')) || null,
      author: inlineText(el.querySelector('.tgme_widget_message_from_author')) || inlineText(el.querySelector('.tgme_widget_message_owner_name')) || title,
      forwardedFrom: inlineText(el.querySelector('.tgme_widget_message_forwarded_from_name')) || null,
      url: link,
    });
  }
  return { channel: telegramChannel(url), title, messages };
}

/** One record per message with text (service messages and bare media have none to analyse). */
export function telegramRecords(page: TelegramPage, response: FetchedResponse): CollectedRecord[] {
  return page.messages
    .filter((m) => m.text !== '')
    .map((m) => ({
      key: `message:${m.post}`,
      url: m.url,
      title: null,
      items: [{
        kind: 'message' as const, key: m.post, parentKey: null, title: null, author: m.author, url: m.url, rawDate: m.datetime, text: m.text,
        metadata: { telegramId: m.id, channel: page.channel, ...(m.views ? { views: viewCount(m.views) ?? m.views } : {}), ...(m.forwardedFrom ? { forwardedFrom: m.forwardedFrom } : {}) },
      }],
      response,
      publishedAt: isoOrNull(m.datetime),
      format: 'telegram' as const,
    }));
}

export const telegramCollector: Collector = {
  kind: 'telegram',
  async collect(ctx) {
    const channel = telegramChannel(ctx.url);
    if (!channel) throw createError(ERRORS.USAGE, `${ctx.url}: not a public Telegram channel URL (expected https://t.me/s/NAME)`, ctx.url);
    const u = new URL(ctx.url);
    const base = `${u.origin}/s/${channel}`;
    const lastId = typeof ctx.cursor.lastId === 'number' ? ctx.cursor.lastId : null;
    let newest = lastId ?? 0;
    let before: number | null = null;
    for (let page = 1; page <= ctx.maxPages; page++) {
      const url = before === null ? base : `${base}?before=${before}`;
      const res = await ctx.get(url, { accept: 'text/html', conditional: before === null });
      if (!res) break;
      const parsed = parseTelegramPage(responseText(res), url);
      for (const r of telegramRecords(parsed, res)) ctx.emit(r);
      const ids = parsed.messages.map((m) => m.id);
      if (ids.length === 0) break;
      newest = Math.max(newest, ...ids);
      const oldest = Math.min(...ids);
      // Reached what an earlier run collected, or the channel's first message.
      if ((lastId !== null && oldest <= lastId) || oldest <= 1 || (before !== null && oldest >= before)) break;
      before = oldest;
    }
    if (newest > 0) ctx.cursor.lastId = newest;
  },
};
