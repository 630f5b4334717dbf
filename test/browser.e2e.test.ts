// The web workbench in a real headless Chromium (Debian's chromium, driven by playwright-core),
// against the real server over a store filled by the real ingest pipeline: search, open an item,
// toggle a layer, review a span by keyboard, and a hostile item whose scraped markup must run nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storePassages } from '../src/cli/commands/reuse.js';
import { ingest } from '../src/pipeline/ingest.js';
import { PAGE_CSP } from '../src/server/pages.js';
import { startServer } from '../src/server/listen.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/store.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Pasted into a Baltic Ledger post and, with a phrase changed, into a Zvezda relay post. */
const STATEMENT =
  'The port authority signed the grain terminal lease with a shell company registered in Cyprus, and not one member of the harbour committee was shown the names of its owners before the vote.';

/** Posted by the Baltic Ledger and copied word for word by the Coastal Relay. */
const COPIED =
  'Bread prices in Port Harwick rose again this week. Bakers on Mill Street say the new flour tariff was written by the same people who own the only mill, and the ministry refuses to publish its cost study.';

const HOSTILE_TEXT =
  'Read what the moderators delete: <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=1"> and <a href="javascript:window.__pwned=1">the real list of owners</a>. These cowards and traitors are afraid of the truth.';

const LEDGER = [
  {
    title: 'Who Signed the Grain Lease?',
    date: '2024-02-27',
    author: 'Ilse Varga',
    url: 'https://baltic-ledger.example.net/2024/02/grain-lease',
    text: `Nobody on the harbour committee would answer our questions on Tuesday. ${STATEMENT} The authority calls the contract commercially confidential.`,
  },
  {
    title: 'Bread Prices Rise Again',
    date: '2024-03-05',
    author: 'Ilse Varga',
    url: 'https://baltic-ledger.example.net/2024/03/bread',
    text: COPIED,
  },
  {
    title: 'A Disgrace to Port Harwick',
    date: '2024-03-19',
    author: 'Tomas Reed',
    url: 'https://baltic-ledger.example.net/2024/03/disgrace',
    text:
      'Minister Aldo Brenner called the dockers "a gang of parasites" on Monday. This shameful, disgraceful attack on honest workers is exactly what corrupt elites always do. ' +
      'Senator Dale Prewitt said the ministry must publish the grain lease before the election.',
  },
];

const RELAY = [
  { title: 'Bread Prices Rise Again', date: '2024-03-07', url: 'https://coastal-relay.example.org/bread', text: COPIED },
  {
    title: 'The Lease Nobody Saw',
    date: '2024-04-03',
    url: 'https://coastal-relay.example.org/lease',
    text: `A reader forwarded us the statement that went round last month. ${STATEMENT.replace('signed the grain terminal lease', 'handed the grain terminal lease')} We have asked the authority for the list of owners.`,
  },
];

const ZVEZDA = [
  {
    title: 'Зерновой терминал отдали офшору',
    date: '2024-03-01',
    author: 'Олег Травин',
    text: 'Портовое управление передало зерновой терминал компании с Кипра, а депутаты так и не узнали, кто её владельцы. Министр Бреннер молчит уже третью неделю.',
  },
  {
    title: 'Митинг в порту',
    date: '2024-03-10',
    author: 'Анна Лейн',
    text: 'В субботу у проходной порта собралось около двухсот докеров. Телеканал написал о пяти тысячах, но фотографии говорят об обратном. Выборы через месяц.',
  },
];

const FORUM = [
  {
    title: '<b>Moderators</b> delete <script>window.__pwned=1</script> posts',
    date: '2024-03-12',
    author: '<img src=x onerror="window.__pwned=1">',
    url: 'javascript:window.__pwned=1',
    text: HOSTILE_TEXT,
  },
];

interface Fixture {
  dir: string;
  store: Store;
  url: string;
  close(): Promise<void>;
}

async function buildFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-web-'));
  const write = (source: string, rows: Array<Record<string, unknown>>): void => {
    mkdirSync(join(dir, 'corpus', source), { recursive: true });
    writeFileSync(join(dir, 'corpus', source, 'posts.jsonl'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  };
  write('baltic-ledger', LEDGER);
  write('coastal-relay', RELAY);
  write('zvezda-kanal', ZVEZDA);
  write('open-forum', FORUM);
  const store = await openStore(join(dir, 'web.db'));
  const report = await ingest(store, { inputs: [join(dir, 'corpus')], languages: ['en', 'ru', 'uk'] });
  if (report.failures.length > 0) throw new Error(`fixture ingest failed: ${JSON.stringify(report.failures)}`);
  await storePassages(store, { minWords: 20 });
  const server = await startServer({ store, host: '127.0.0.1', port: 0 });
  return {
    dir,
    store,
    url: server.url.replace(/\/$/, ''),
    close: async () => {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The compiled pages (the lead's build adds this step; a fresh checkout may not have run it). */
function buildWeb(): void {
  if (process.env.NARRASCOPE_SKIP_BUILD === '1' && existsSync(join(ROOT, 'dist', 'web', 'app.js'))) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'web', 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Page-side code that selects the reader's text from one UTF-16 offset to another (as a person
 * dragging over it would), written as a string because the tests type-check without the DOM lib.
 */
function selectScript(from: number, to: number): string {
  return `(() => {
    const el = document.getElementById('item-text');
    const point = (pos) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let at = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.nodeValue.length;
        if (pos <= at + len) return [n, pos - at];
        at += len;
      }
      return [el, el.childNodes.length];
    };
    const range = document.createRange();
    range.setStart(...point(${from}));
    range.setEnd(...point(${to}));
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  })()`;
}

interface ItemAnswer {
  item: { id: string; text: string; title: string | null };
  annotations: Record<string, Array<{ id: number | null; label: string; start: number; end: number; text: string; review: { status: string; reviewer: string } | null }>>;
}

describe.skipIf(!HAS_CHROMIUM)(`web pages in headless Chromium${HAS_CHROMIUM ? '' : ` (skipped: no Chromium at ${CHROMIUM}; set CHROMIUM_PATH)`}`, () => {
  let fx: Fixture;
  let browser: Browser;
  let page: Page;
  const consoleMessages: string[] = [];
  const pageErrors: string[] = [];

  const api = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${fx.url}${path}`);
    expect(r.status, path).toBe(200);
    return (await r.json()) as T;
  };
  const itemIdByTitle = async (title: string): Promise<string> => {
    const r = await api<{ items: Array<{ id: string; title: string | null }> }>('/api/items?limit=100');
    const it = r.items.find((i) => i.title === title);
    if (!it) throw new Error(`no item titled ${title}`);
    return it.id;
  };

  beforeAll(async () => {
    buildWeb();
    fx = await buildFixture();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m: ConsoleMessage) => consoleMessages.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e: Error) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('searches from the query box and shows hits, snippets, facets and the counts over time', async () => {
    await page.goto(`${fx.url}/search`);
    await page.fill('#q', 'lease');
    await Promise.all([page.waitForURL(/\/search\?q=lease/), page.press('#q', 'Enter')]);
    await page.waitForSelector('.hit');
    const titles = await page.locator('.hit-title').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['Who Signed the Grain Lease?', 'The Lease Nobody Saw']));
    expect(await page.textContent('#result-count')).toMatch(/^\d+ items/);
    // Matches are marked as text inside <mark>, stemmed ("lease" finds "lease", not only exact forms).
    expect((await page.locator('.snippet mark').allTextContents()).map((t) => t.toLowerCase())).toContain('lease');
    const facets = await page.textContent('.facets');
    expect(facets).toContain('baltic-ledger');
    expect(facets).toContain('coastal-relay');
    expect(await page.locator('.facets svg.chart rect').count()).toBeGreaterThan(0);
    // A facet narrows the query.
    await Promise.all([page.waitForURL(/source/), page.click('.facets a:text("coastal-relay")')]);
    await page.waitForSelector('.hit');
    expect(await page.locator('.hit').count()).toBe(1);
    expect(await page.inputValue('#q')).toBe('lease source:coastal-relay');
    // Collapsing duplicates keeps one of the two identical bread posts.
    await page.goto(`${fx.url}/search?q=${encodeURIComponent('"bread prices"')}`);
    await page.waitForSelector('.hit');
    expect(await page.locator('.hit').count()).toBe(2);
    await page.goto(`${fx.url}/search?q=${encodeURIComponent('"bread prices"')}&collapse=1`);
    await page.waitForSelector('.hit');
    expect(await page.locator('.hit').count()).toBe(1);
    expect(await page.textContent('.hit .badge')).toBe('2 copies');
  });

  it('opens an item from a hit, and a layer toggled off and on removes and restores its spans', async () => {
    await page.goto(`${fx.url}/search?q=${encodeURIComponent('dockers parasites')}`);
    await Promise.all([page.waitForURL(/\/items\//), page.click('.hit-title a')]);
    await page.waitForSelector('body[data-rendered="1"]');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    const answer = await api<ItemAnswer>(`/api/items/${encodeURIComponent(id)}`);
    // The text is all there, as text.
    expect(await page.textContent('#item-text')).toBe(answer.item.text);
    const entities = answer.annotations.entity ?? [];
    const techniques = answer.annotations.technique ?? [];
    expect(entities.length).toBeGreaterThan(0);
    expect(techniques.length).toBeGreaterThan(0);
    expect(await page.locator('#item-text .l-entity').count()).toBeGreaterThan(0);
    expect(await page.locator('#item-text .l-technique').count()).toBeGreaterThan(0);
    // Entities off: no entity marks, techniques untouched.
    await page.uncheck('#layer-entity');
    expect(await page.locator('#item-text .l-entity').count()).toBe(0);
    expect(await page.locator('#item-text .l-technique').count()).toBeGreaterThan(0);
    expect(await page.textContent('#item-text')).toBe(answer.item.text);
    // And on again, by keyboard (Space on the focused checkbox).
    await page.focus('#layer-entity');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#layer-entity')).toBe(true);
    const marked = await page.locator('#item-text .l-entity').allTextContents();
    expect(marked.join(' ')).toContain(entities[0]?.text ?? '?');
    // A technique stretch carries its cue in its title and in the tooltip on focus.
    const first = page.locator('#item-text .l-technique[tabindex="0"]').first();
    expect(await first.getAttribute('title')).toMatch(/./);
    await first.focus();
    expect(await page.isVisible('#span-tip')).toBe(true);
    expect(await first.getAttribute('aria-describedby')).toBe('span-tip');
    // Provenance down to the capture hash and each span's producer.
    const side = await page.textContent('aside.side');
    expect(side).toMatch(/capture sha256[0-9a-f]{64}/);
    expect(side).toContain('techniques@');
  });

  it('reviews spans by keyboard: j to the first technique span, a accepts it, r rejects the next, n adds one', async () => {
    const id = await itemIdByTitle('A Disgrace to Port Harwick');
    const before = await api<ItemAnswer>(`/api/items/${encodeURIComponent(id)}`);
    const techniques = (before.annotations.technique ?? []).filter((a) => a.id !== null);
    expect(techniques.length).toBeGreaterThanOrEqual(2);
    await page.goto(`${fx.url}/review?item=${encodeURIComponent(id)}`);
    await page.waitForSelector('#item-text .l-technique', { timeout: 5000 });
    await page.fill('#reviewer', 'e2e reviewer');
    await page.locator('#reviewer').dispatchEvent('change');
    await page.locator('#item-text').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('j');
    await page.keyboard.press('a');
    await expect.poll(() => page.textContent('#review-status'), { timeout: 5000 }).toMatch(/^Accepted/);
    await page.keyboard.press('j');
    await page.keyboard.press('r');
    await expect.poll(() => page.textContent('#review-status'), { timeout: 5000 }).toMatch(/^Rejected/);
    const after = await api<ItemAnswer>(`/api/items/${encodeURIComponent(id)}`);
    const byId = new Map((after.annotations.technique ?? []).map((a) => [a.id, a]));
    // j walks spans in text order: the first two technique spans (by start) got the decisions.
    const ordered = [...techniques].sort((a, b) => a.start - b.start || b.end - a.end);
    expect(byId.get(ordered[0]?.id ?? -1)?.review).toMatchObject({ status: 'accepted', reviewer: 'e2e reviewer' });
    expect(byId.get(ordered[1]?.id ?? -1)?.review).toMatchObject({ status: 'rejected', reviewer: 'e2e reviewer' });
    expect(await page.locator('#item-text .r-rejected').count()).toBeGreaterThan(0);

    // n: add a span from a selection of "honest workers", with a label from the chooser.
    const text = before.item.text;
    const start = Array.from(text.slice(0, text.indexOf('honest workers'))).length;
    await page.evaluate(selectScript(text.indexOf('honest workers'), text.indexOf('honest workers') + 'honest workers'.length));
    await page.keyboard.press('n');
    await page.waitForSelector('form.add-span:not([hidden])', { timeout: 5000 });
    await page.selectOption('#new-label', { index: 0 });
    const label = await page.inputValue('#new-label');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#review-status'), { timeout: 5000 }).toMatch(/^Added/);
    const added = (await api<ItemAnswer>(`/api/items/${encodeURIComponent(id)}`)).annotations.technique?.find((a) => a.review?.status === 'added');
    expect(added).toMatchObject({ start, end: start + 'honest workers'.length, label, text: 'honest workers' });
  });

  it('renders a hostile item as text: nothing runs, no markup from data, no CSP violation', async () => {
    consoleMessages.length = 0;
    pageErrors.length = 0;
    const id = await itemIdByTitle(FORUM[0]?.title ?? '');
    const response = await page.goto(`${fx.url}/items/${encodeURIComponent(id)}`);
    expect(response?.headers()['content-security-policy']).toBe(PAGE_CSP);
    await page.waitForSelector('body[data-rendered="1"]');
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate<string>('typeof window.__pwned')).toBe('undefined');
    // The only script is our module; no element came from the scraped markup.
    const scripts = await page.evaluate<Array<string | null>>("Array.from(document.scripts).map((s) => s.getAttribute('src'))");
    expect(scripts).toEqual(['/assets/app.js']);
    expect(await page.locator('#app img, #app script, #app b').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"], [onerror], [onclick]').count()).toBe(0);
    // The markup is shown literally: in the text, the title, the author and the URL field.
    const shown = await page.textContent('#item-text');
    expect(shown).toBe(HOSTILE_TEXT);
    expect(shown).toContain('<script>window.__pwned=1</script>');
    expect(await page.textContent('#page-title')).toBe(FORUM[0]?.title);
    expect(await page.textContent('.meta')).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await page.textContent('code.untrusted-url')).toBe('javascript:window.__pwned=1');
    // The search page shows the same markup as text in its snippet.
    await page.goto(`${fx.url}/search?q=moderators`);
    await page.waitForSelector('.hit');
    expect(await page.textContent('.hit .snippet')).toContain('<script>window.__pwned=1</script>');
    expect(await page.locator('#app script, #app img').count()).toBe(0);
    expect(await page.evaluate<string>('typeof window.__pwned')).toBe('undefined');
    // Our own assets load under the page policy without one violation or error.
    expect(consoleMessages.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
    expect(consoleMessages.filter((m) => m.startsWith('error'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('serves every page with the page policy, and each renders without a script error', async () => {
    consoleMessages.length = 0;
    pageErrors.length = 0;
    const passages = await api<{ passages: Array<{ id: string }> }>('/api/passages');
    expect(passages.passages.length).toBeGreaterThan(0);
    const paths = ['/', '/timeline?by=source&interval=month', '/entities', '/sources', '/review', `/lineage/passage/${encodeURIComponent(passages.passages[0]?.id ?? '')}`];
    for (const path of paths) {
      const r = await page.goto(`${fx.url}${path}`);
      expect(r?.headers()['content-security-policy'], path).toBe(PAGE_CSP);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('#app .loading, #app .msg.error').count(), path).toBe(0);
    }
    // The lineage lists the passage's occurrences in time order, first seen first.
    const dates = await page.locator('ol.lineage .date').allTextContents();
    expect(dates.length).toBeGreaterThanOrEqual(2);
    expect([...dates].sort()).toEqual(dates);
    expect(await page.locator('ol.lineage li.first').count()).toBe(1);
    expect(pageErrors).toEqual([]);
    expect(consoleMessages.filter((m) => /Content Security Policy|Refused to|^error/i.test(m))).toEqual([]);
  });

  it('with a token, sends the browser to /login, and the token opens the search page', async () => {
    const token = 'harbour-ledger-access-7f3k2q';
    const locked = await startServer({ store: fx.store, host: '127.0.0.1', port: 0, token });
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('console', (m: ConsoleMessage) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
      });
      await tab.goto(`${locked.url}search`);
      expect(new URL(tab.url()).pathname).toBe('/login');
      await tab.getByLabel('Access token').fill('not-the-token-at-all');
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.getByRole('alert').waitFor();
      await tab.getByLabel('Access token').fill(token);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.waitForURL(/\/search$/);
      await tab.locator('.search-form input[type="search"]').waitFor();
      expect((await context.cookies()).find((c) => c.name === 'narrascope_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await locked.close();
    }
  });
});
