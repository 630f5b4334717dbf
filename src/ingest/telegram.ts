// Telegram Desktop exports (result.json): one chat, or a full account export with chats.list.
// One item per message with text; service messages and media without caption are left out.
import { createError, ERRORS } from '../core/errors.js';
import type { ParseOptions, ParsedDocument, ParsedItem, ParseWarning } from './types.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number') return String(v);
  return null;
}

/** Link-bearing entity types whose targets are worth keeping. */
const LINK_TYPES = new Set(['link', 'text_link', 'mention', 'mention_name', 'hashtag']);

/**
 * Text of a message: `text` is a string or a list of strings and entities ({type, text, href});
 * `text_entities` is the same list in newer exports. Links, mentions and hashtags are collected too.
 */
export function messageText(msg: Json): { text: string; links: string[]; mentions: string[]; hashtags: string[] } {
  const links: string[] = [];
  const mentions: string[] = [];
  const hashtags: string[] = [];
  const parts: string[] = [];
  const take = (v: unknown): void => {
    if (typeof v === 'string') {
      parts.push(v);
      return;
    }
    if (!isObject(v)) return;
    const t = typeof v['text'] === 'string' ? v['text'] : '';
    parts.push(t);
    const type = typeof v['type'] === 'string' ? v['type'] : '';
    if (!LINK_TYPES.has(type)) return;
    if (type === 'text_link' && typeof v['href'] === 'string') links.push(v['href']);
    else if (type === 'link' && t) links.push(t);
    else if (type === 'mention' || type === 'mention_name') mentions.push(t);
    else if (type === 'hashtag') hashtags.push(t);
  };
  const raw = msg['text'];
  const hasText = typeof raw === 'string' ? raw !== '' : Array.isArray(raw) && raw.length > 0;
  const source = hasText ? raw : msg['text_entities'];
  if (Array.isArray(source)) source.forEach(take);
  else take(source);
  return { text: parts.join(''), links: [...new Set(links)], mentions: [...new Set(mentions)], hashtags: [...new Set(hashtags)] };
}

function pollText(msg: Json): string {
  const poll = msg['poll'];
  if (!isObject(poll) || typeof poll['question'] !== 'string') return '';
  const answers = Array.isArray(poll['answers'])
    ? poll['answers'].map((a) => (isObject(a) && typeof a['text'] === 'string' ? `- ${a['text']}` : '')).filter(Boolean)
    : [];
  return [poll['question'], ...answers].join('\n');
}

const MEDIA_FIELDS = ['photo', 'file', 'media_type', 'sticker_emoji', 'contact_information', 'location_information'];

interface ChatContext {
  chatName: string | null;
  chatId: string | null;
  username: string | null;
  /** Prefix that keeps keys unique when one export holds several chats. */
  keyPrefix: string;
}

interface Counts {
  service: number;
  empty: number;
  invalid: number;
}

function chatMessages(chat: Json, ctx: ChatContext, counts: Counts, warnings: ParseWarning[], label: string): ParsedItem[] {
  const messages = chat['messages'];
  if (!Array.isArray(messages)) {
    warnings.push({ message: `${label} has no "messages" list; skipped` });
    return [];
  }
  const items: ParsedItem[] = [];
  messages.forEach((msg, i) => {
    if (!isObject(msg)) {
      counts.invalid++;
      warnings.push({ line: i + 1, message: `${label}: message ${i + 1} is not an object; skipped` });
      return;
    }
    const type = msg['type'] ?? 'message';
    if (type !== 'message') {
      counts.service++;
      return;
    }
    const { text, links, mentions, hashtags } = messageText(msg);
    const body = text.trim() || pollText(msg);
    if (body.trim() === '') {
      counts.empty++;
      return;
    }
    const id = str(msg['id']);
    if (id === null) {
      counts.invalid++;
      warnings.push({ line: i + 1, message: `${label}: message ${i + 1} has no id; kept without one` });
    }
    const metadata: Json = {};
    if (ctx.chatName) metadata['chat'] = ctx.chatName;
    if (ctx.chatId) metadata['chatId'] = ctx.chatId;
    if (id !== null) metadata['messageId'] = id;
    const fromId = str(msg['from_id']);
    if (fromId) metadata['fromId'] = fromId;
    const forwardedFrom = str(msg['forwarded_from']);
    if (forwardedFrom) metadata['forwardedFrom'] = forwardedFrom;
    const forwardedFromId = str(msg['forwarded_from_id']);
    if (forwardedFromId) metadata['forwardedFromId'] = forwardedFromId;
    const savedFrom = str(msg['saved_from']);
    if (savedFrom) metadata['savedFrom'] = savedFrom;
    const unix = str(msg['date_unixtime']);
    if (unix) metadata['dateUnixtime'] = unix;
    const edited = str(msg['edited']);
    if (edited) metadata['edited'] = edited;
    const via = str(msg['via_bot']);
    if (via) metadata['viaBot'] = via;
    const media = MEDIA_FIELDS.filter((f) => msg[f] !== undefined);
    if (media.length > 0) metadata['media'] = str(msg['media_type']) ?? media[0];
    if (links.length > 0) metadata['links'] = links;
    if (mentions.length > 0) metadata['mentions'] = mentions;
    if (hashtags.length > 0) metadata['hashtags'] = hashtags;
    const reply = str(msg['reply_to_message_id']);
    items.push({
      kind: 'message',
      key: id === null ? null : `${ctx.keyPrefix}${id}`,
      parentKey: reply === null ? null : `${ctx.keyPrefix}${reply}`,
      title: null,
      author: str(msg['from']) ?? str(msg['author']),
      url: ctx.username && id !== null ? `https://t.me/${ctx.username}/${id}` : null,
      rawDate: str(msg['date']) ?? unix,
      text: body,
      metadata,
    });
  });
  return items;
}

function usernameOf(chat: Json): string | null {
  const u = str(chat['username']) ?? str(chat['channel_username']);
  if (!u) return null;
  const name = u.replace(/^@/, '').replace(/^https?:\/\/t\.me\//i, '');
  return /^\w{4,}$/.test(name) ? name : null;
}

function contextOf(chat: Json, multi: boolean, index: number): ChatContext {
  const chatId = str(chat['id']);
  return {
    chatName: str(chat['name']),
    chatId,
    username: usernameOf(chat),
    keyPrefix: multi ? `${chatId ?? `chat${index + 1}`}:` : '',
  };
}

/** Parses a Telegram Desktop export (result.json) into one item per message with text. */
export function parseTelegram(text: string, opts: ParseOptions): ParsedDocument {
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw createError(ERRORS.INPUT_MALFORMED, `not valid JSON: ${err instanceof Error ? err.message : String(err)}`, opts.inputName);
  }
  if (!isObject(root)) throw createError(ERRORS.INPUT_MALFORMED, 'a Telegram export is a JSON object', opts.inputName);

  const warnings: ParseWarning[] = [];
  const counts: Counts = { service: 0, empty: 0, invalid: 0 };
  const items: ParsedItem[] = [];

  if (Array.isArray(root['messages'])) {
    const ctx = contextOf(root, false, 0);
    items.push(...chatMessages(root, ctx, counts, warnings, ctx.chatName ?? 'chat'));
    const chatType = str(root['type']);
    return {
      format: 'telegram',
      title: ctx.chatName,
      sourceHint: {
        ...(ctx.chatName ? { name: ctx.chatName } : {}),
        ...(ctx.username ? { url: `https://t.me/${ctx.username}` } : {}),
        kind: 'channel',
      },
      items,
      warnings,
      metadata: { chatType, chatId: ctx.chatId, messages: (root['messages'] as unknown[]).length, skippedService: counts.service, skippedNoText: counts.empty },
    };
  }

  const chats: Json[] = [];
  for (const group of ['chats', 'left_chats']) {
    const g = root[group];
    const list = isObject(g) ? g['list'] : undefined;
    if (Array.isArray(list)) chats.push(...list.filter(isObject));
  }
  if (chats.length === 0) {
    throw createError(ERRORS.INPUT_MALFORMED, 'not a Telegram export: no "messages" list and no "chats.list"', opts.inputName);
  }
  const multi = chats.length > 1;
  chats.forEach((chat, i) => {
    const ctx = contextOf(chat, multi, i);
    items.push(...chatMessages(chat, ctx, counts, warnings, ctx.chatName ? `chat "${ctx.chatName}"` : `chat ${i + 1}`));
  });
  const only = chats.length === 1 && chats[0] ? contextOf(chats[0], false, 0) : null;
  return {
    format: 'telegram',
    title: only?.chatName ?? null,
    sourceHint: only?.chatName ? { name: only.chatName, kind: 'channel' } : { kind: 'channel' },
    items,
    warnings,
    metadata: {
      chats: chats.map((c) => str(c['name'])).filter((n): n is string => n !== null),
      skippedService: counts.service,
      skippedNoText: counts.empty,
    },
  };
}
