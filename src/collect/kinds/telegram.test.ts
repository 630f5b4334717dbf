import { describe, expect, it } from 'vitest';
import { parseTelegramPage, telegramChannel, telegramRecords, viewCount } from './telegram.js';
import { answer } from './testing.js';

const PAGE = `<html><body><div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span>Город Онлайн</span></div></div>
<div class="tgme_widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="gorod_online/310">
<div class="tgme_widget_message_forwarded_from">Forwarded from <a class="tgme_widget_message_forwarded_from_name">Мэрия</a></div>
<div class="tgme_widget_message_text js-message_text">Завтра отключат свет на улице Садовой<br/>с 9:00 до 15:00.</div>
<span class="tgme_widget_message_views">12.4K</span><a class="tgme_widget_message_date" href="https://t.me/gorod_online/310"><time datetime="2024-05-09T18:02:11+00:00">18:02</time></a></div></div>
<div class="tgme_widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="gorod_online/311">
<div class="tgme_widget_message_text js-message_text">Photo of the new fountain in Central Park.</div>
<span class="tgme_widget_message_views">980</span><a class="tgme_widget_message_date" href="https://t.me/gorod_online/311"><time datetime="2024-05-09T19:40:00+00:00">19:40</time></a></div></div>
<div class="tgme_widget_message_wrap"><div class="tgme_widget_message service_message" data-post="gorod_online/312"><a class="tgme_widget_message_date" href="https://t.me/gorod_online/312"><time datetime="2024-05-09T20:00:00+00:00">20:00</time></a></div></div>
</body></html>`;

describe('Telegram preview parsing', () => {
  it('reads messages with ids, text, dates, views and forwards', () => {
    const page = parseTelegramPage(PAGE, 'https://t.me/s/gorod_online');
    expect(page.title).toBe('Город Онлайн');
    expect(page.messages.map((m) => m.id)).toEqual([310, 311, 312]);
    expect(page.messages[0]).toMatchObject({ post: 'gorod_online/310', datetime: '2024-05-09T18:02:11+00:00', views: '12.4K', forwardedFrom: 'Мэрия', author: 'Город Онлайн' });
    expect(page.messages[0]?.text).toBe('Завтра отключат свет на улице Садовой\nс 9:00 до 15:00.');
    const recs = telegramRecords(page, answer('https://t.me/s/gorod_online', PAGE));
    // The service message has no text: no record.
    expect(recs.map((r) => r.key)).toEqual(['message:gorod_online/310', 'message:gorod_online/311']);
    expect(recs[0]?.items[0]?.metadata).toMatchObject({ views: 12400, forwardedFrom: 'Мэрия', telegramId: 310 });
    expect(recs[0]?.publishedAt).toBe('2024-05-09T18:02:11.000Z');
  });

  it('knows channel URLs and view counts, and refuses pages that are not previews', () => {
    expect(telegramChannel('https://t.me/s/gorod_online?before=300')).toBe('gorod_online');
    expect(telegramChannel('https://t.me/gorod_online')).toBe('gorod_online');
    expect(telegramChannel('https://t.me/gorod_online/310')).toBeNull();
    expect(viewCount('1.2M')).toBe(1_200_000);
    expect(viewCount('987')).toBe(987);
    expect(() => parseTelegramPage('<html><body><h1>Not found</h1></body></html>', 'https://t.me/s/x')).toThrow(/not a Telegram channel preview/);
  });
});
