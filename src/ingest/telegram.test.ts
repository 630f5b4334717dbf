import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { messageText, parseTelegram } from './telegram.js';
import { NarrascopeError } from '../core/errors.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url), 'utf8');
const opts = { inputName: 'result.json' };

describe('parseTelegram on a channel export', () => {
  const doc = parseTelegram(fixture('telegram-result.json'), opts);

  it('keeps messages with text and skips service and media-only messages', () => {
    expect(doc.items.map((i) => i.key)).toEqual(['2', '3', '5', '6']);
    expect(doc.metadata).toMatchObject({ chatType: 'public_channel', messages: 6, skippedService: 1, skippedNoText: 1 });
    for (const item of doc.items) expect(item.kind).toBe('message');
  });

  it('joins text made of strings and entity objects and collects links and hashtags', () => {
    expect(doc.items[0]).toMatchObject({
      text: 'Срочно! Министр Оскар Брандт признал, что зерновые конвои идут в убыток. Подробности: здесь #конвои',
      author: 'Vestnik Pravdy Kanal',
      rawDate: '2024-03-01T09:15:42',
      url: null,
      metadata: { links: ['https://northern-ledger.example/2024/03/07/grain-convoys/'], hashtags: ['#конвои'], dateUnixtime: '1709284542' },
    });
  });

  it('keeps the origin of a forward and the parent of a reply', () => {
    expect(doc.items[1]?.metadata['forwardedFrom']).toBe('Free Coast Review');
    expect(doc.items[2]).toMatchObject({ parentKey: '2', metadata: { edited: '2024-03-02T09:00:00' } });
  });

  it('keeps captions of media messages, noting the media type', () => {
    expect(doc.items[3]).toMatchObject({ text: 'Видео с митинга в Тарнхольме', metadata: { media: 'video_file' } });
  });

  it('names the channel as the source', () => {
    expect(doc.title).toBe('Vestnik Pravdy Kanal');
    expect(doc.sourceHint).toEqual({ name: 'Vestnik Pravdy Kanal', kind: 'channel' });
  });
});

describe('parseTelegram variants', () => {
  it('builds t.me links when the export names the channel username', () => {
    const doc = parseTelegram(JSON.stringify({ name: 'Kanal', type: 'public_channel', id: 5, username: '@kanal_news', messages: [{ id: 77, type: 'message', date: '2024-01-01T00:00:00', text: 'Привет', saved_from: 'Other Chan' }] }), opts);
    expect(doc.items[0]).toMatchObject({ url: 'https://t.me/kanal_news/77', metadata: { savedFrom: 'Other Chan' } });
    expect(doc.sourceHint).toEqual({ name: 'Kanal', url: 'https://t.me/kanal_news', kind: 'channel' });
  });

  it('reads a full account export with chats.list, keeping keys unique per chat', () => {
    const full = {
      about: 'Here is the data you requested.',
      personal_information: { first_name: 'A' },
      chats: {
        about: 'This page lists all chats from this export.',
        list: [
          { name: 'Group One', type: 'private_group', id: 11, messages: [{ id: 1, type: 'message', date: '2024-01-01T10:00:00', from: 'Ann', text: 'Hello group' }] },
          { name: 'Group Two', type: 'private_supergroup', id: 22, messages: [
            { id: 1, type: 'message', date: '2024-01-02T10:00:00', from: 'Bo', text: 'First' },
            { id: 2, type: 'message', date: '2024-01-02T10:01:00', from: 'Cy', text: 'Reply', reply_to_message_id: 1 },
          ] },
        ],
      },
    };
    const doc = parseTelegram(JSON.stringify(full), opts);
    expect(doc.items.map((i) => [i.key, i.parentKey, i.metadata['chat']])).toEqual([
      ['11:1', null, 'Group One'],
      ['22:1', null, 'Group Two'],
      ['22:2', '22:1', 'Group Two'],
    ]);
    expect(doc.metadata['chats']).toEqual(['Group One', 'Group Two']);
  });

  it('falls back to text_entities and turns polls into text', () => {
    expect(messageText({ text: '', text_entities: [{ type: 'plain', text: 'From ' }, { type: 'mention', text: '@someone' }] })).toEqual({
      text: 'From @someone',
      links: [],
      mentions: ['@someone'],
      hashtags: [],
    });
    const doc = parseTelegram(JSON.stringify({ name: 'C', type: 'public_channel', id: 1, messages: [{ id: 3, type: 'message', date: '2024-01-01T00:00:00', text: '', poll: { question: 'Who is to blame?', answers: [{ text: 'Them' }, { text: 'Us' }] } }] }), opts);
    expect(doc.items[0]?.text).toBe('Who is to blame?\n- Them\n- Us');
  });

  it('rejects invalid JSON and JSON that is no Telegram export', () => {
    expect(() => parseTelegram('{"name": "x", "messages": [', opts)).toThrow(NarrascopeError);
    expect(() => parseTelegram('{"name": "x", "messages": [', opts)).toThrow(/not valid JSON/);
    expect(() => parseTelegram('{"foo": 1}', opts)).toThrow('not a Telegram export: no "messages" list and no "chats.list"');
  });

  it('warns about malformed messages and keeps the rest', () => {
    const doc = parseTelegram(JSON.stringify({ name: 'C', type: 'public_channel', id: 1, messages: ['junk', { id: 9, type: 'message', text: 'ok' }] }), opts);
    expect(doc.items.map((i) => i.text)).toEqual(['ok']);
    expect(doc.warnings).toEqual([{ line: 1, message: 'C: message 1 is not an object; skipped' }]);
  });
});
