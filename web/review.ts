// Review (/review): accept or reject spans and add missing ones, by keyboard. Without an item it
// shows what reviews say so far (precision per technique) and where to start; with ?item=ID it
// mounts the reader on that item with the review shortcuts.
import { ApiError, apiUrl, getJson, postJson, type AnnotationJson, type ItemJson, type ItemResponse } from './api.js';
import { apiLink, exportBar, fmt, h, itemPath, params, replace, setTitle } from './dom.js';
import { isTyping, mountReader } from './item.js';
import { describe, selectionOffsets } from './reader.js';

interface ReviewedSpan extends AnnotationJson {
  item: string;
}

const REVIEWABLE = ['technique', 'entity', 'quote', 'narrative', 'date'];

const SHORTCUTS: Array<[string, string]> = [
  ['j', 'next span'],
  ['k', 'previous span'],
  ['a', 'accept the span'],
  ['r', 'reject the span'],
  ['n', 'add a span from the selected text (then pick a label, Enter)'],
  ['Esc', 'cancel adding'],
];

/** The reviewer's name, kept in this browser; sent as X-Reviewer. */
function reviewerInput(): HTMLElement {
  const input = h('input', { id: 'reviewer', name: 'reviewer', type: 'text', maxlength: 80, autocomplete: 'name', value: localStorage.getItem('narrascope.reviewer') ?? '' });
  input.addEventListener('change', () => localStorage.setItem('narrascope.reviewer', input.value.trim()));
  return h('p', { class: 'field' }, h('label', { for: 'reviewer' }, 'Reviewer '), input);
}

function reviewerHeaders(): Record<string, string> {
  const name = (document.getElementById('reviewer') as HTMLInputElement | null)?.value.trim() ?? '';
  return name ? { 'X-Reviewer': name } : {};
}

function shortcutList(): HTMLElement {
  return h('section', { class: 'panel', 'aria-labelledby': 'keys-h' }, h('h2', { id: 'keys-h' }, 'Keyboard'), h('dl', { class: 'keys-list' }, ...SHORTCUTS.flatMap(([k, what]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, what)])));
}

async function summary(root: HTMLElement): Promise<void> {
  const p = params();
  const q = p.get('q') ?? '';
  const [rev, tech] = await Promise.all([
    getJson<{ labels: Array<{ label: string; accepted: number; rejected: number; added: number; precision: number | null }>; total: { accepted: number; rejected: number; added: number; precision: number | null } }>('/api/reviews/summary', { layer: 'technique' }),
    getJson<{ techniques: Array<{ technique: string; spans: number; items: number; accepted: number; rejected: number; added: number; precision: number | null }> }>('/api/techniques'),
  ]);
  const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);
  const table = h(
    'table',
    { class: 'review-summary' },
    h('caption', {}, 'Techniques: spans, reviews and the precision they give'),
    h('thead', {}, h('tr', {}, ...['technique', 'spans', 'items', 'accepted', 'rejected', 'added', 'precision', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...tech.techniques.map((t) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, t.technique.replace(/_/g, ' ')),
          h('td', { class: 'num' }, fmt(t.spans)),
          h('td', { class: 'num' }, fmt(t.items)),
          h('td', { class: 'num' }, fmt(t.accepted)),
          h('td', { class: 'num' }, fmt(t.rejected)),
          h('td', { class: 'num' }, fmt(t.added)),
          h('td', { class: 'num' }, pct(t.precision)),
          h('td', {}, h('a', { href: apiUrl('/review', { q: `technique:"${t.technique}"` }) }, 'items to review')),
        ),
      ),
    ),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'all'), h('td'), h('td'), h('td', { class: 'num' }, fmt(rev.total.accepted)), h('td', { class: 'num' }, fmt(rev.total.rejected)), h('td', { class: 'num' }, fmt(rev.total.added)), h('td', { class: 'num' }, pct(rev.total.precision)), h('td'))),
  );
  const form = h(
    'form',
    { class: 'search-form', action: '/review', method: 'get' },
    h('label', { for: 'rq' }, 'Items to review'),
    h('input', { id: 'rq', name: 'q', type: 'search', value: q, placeholder: 'a query, e.g. technique:loaded lang:ru' }),
    h('button', { type: 'submit' }, 'List'),
  );
  const list = h('div', {});
  root.replaceChildren(reviewerInput(), form, list, table, exportBar(apiLink('review summary JSON (API)', '/api/reviews/summary?layer=technique'), apiLink('reviewed spans (Web Annotation)', '/api/export?format=webannotation&layer=technique')));
  try {
    const r = await getJson<{ total: number; items: ItemJson[] }>('/api/items', { q: q || undefined, limit: 50 });
    replace(list, h('p', { class: 'summary' }, `${fmt(r.total)} items${q ? ` matching ${q}` : ''}; the first ${r.items.length}:`), h('ol', { class: 'review-queue' }, ...r.items.map((it) => h('li', {}, h('a', { href: apiUrl('/review', { item: it.id }) }, it.title ?? it.text.slice(0, 80)), ` · ${it.source} · ${it.publishedAt ?? 'undated'}`))));
  } catch (err) {
    replace(list, h('pre', { class: 'msg error', role: 'alert' }, err instanceof ApiError ? err.detail : String(err)));
  }
}

/** Render the review page. */
export async function reviewPage(root: HTMLElement): Promise<void> {
  const id = params().get('item');
  if (!id) {
    await summary(root);
    return;
  }
  const data = await getJson<ItemResponse>(`/api/items/${encodeURIComponent(id)}`);
  setTitle(`Review: ${data.item.title ?? data.item.id}`);
  const layer = REVIEWABLE.includes(params().get('layer') ?? '') ? (params().get('layer') ?? 'technique') : 'technique';
  const main = h('div', { class: 'reader' });
  const side = h('aside', { class: 'side', 'aria-label': 'Review' });
  const status = h('p', { class: 'msg info', role: 'status', id: 'review-status' }, 'Press j to go to the first span.');
  root.replaceChildren(
    h('p', { class: 'meta' }, h('a', { href: itemPath(data.item.id) }, 'Open in the reader'), ` · ${data.item.source} · ${data.item.publishedAt ?? 'undated'} · reviewing the `, h('strong', {}, layer), ' layer (', ...REVIEWABLE.filter((l) => l !== layer).flatMap((l, i) => [i > 0 ? ', ' : '', h('a', { href: apiUrl('/review', { item: data.item.id, layer: l }) }, l)]), ')'),
    h('div', { class: 'item-layout' }, main, side),
  );
  const view = mountReader(main, data, { layers: new Set([layer]) });
  const current = h('section', { class: 'panel', 'aria-labelledby': 'cur-h' }, h('h2', { id: 'cur-h' }, 'Current span'), h('p', { class: 'muted' }, 'None yet.'));
  const accept = h('button', { type: 'button', class: 'accept' }, 'Accept (a)');
  const reject = h('button', { type: 'button', class: 'reject' }, 'Reject (r)');
  const labels = [...new Set([...view.all.filter((a) => a.layer === layer).map((a) => a.label), ...(layer === 'entity' ? ['PER', 'ORG', 'LOC', 'MISC'] : [])])].sort();
  const labelSelect = h('select', { id: 'new-label', name: 'label' }, ...labels.map((l) => h('option', { value: l }, l)), h('option', { value: '' }, 'other…'));
  const otherLabel = h('input', { id: 'new-label-other', type: 'text', maxlength: 200, placeholder: 'label', 'aria-label': 'Other label' });
  const addForm = h(
    'form',
    { class: 'add-span', hidden: true, 'aria-labelledby': 'add-h' },
    h('h2', { id: 'add-h' }, 'Add a span'),
    h('p', { class: 'quote', id: 'add-text' }),
    h('label', { for: 'new-label' }, 'Label '),
    labelSelect,
    otherLabel,
    h('button', { type: 'submit' }, 'Add'),
    h('button', { type: 'button', class: 'cancel' }, 'Cancel'),
  );
  side.append(reviewerInput(), current, h('p', {}, accept, ' ', reject), addForm, status, shortcutList());
  main.append(exportBar(apiLink('item JSON (API)', `/api/items/${encodeURIComponent(data.item.id)}`)));

  const showCurrent = (): void => {
    const k = view.current();
    const a = k === null ? undefined : view.all[k];
    if (!a) return;
    replace(current, h('h2', { id: 'cur-h' }, 'Current span'), h('p', {}, h('strong', {}, describe(a))), h('blockquote', {}, a.text), h('p', { class: 'muted' }, `${a.start}–${a.end} · ${a.producer} · ${a.review ? `${a.review.status} by ${a.review.reviewer}` : 'not reviewed'}`));
  };
  view.textEl.addEventListener('focusin', () => setTimeout(showCurrent, 0));

  const decide = async (decision: 'accepted' | 'rejected'): Promise<void> => {
    const k = view.current();
    const a = k === null ? undefined : view.all[k];
    if (k === null || !a || a.id === null) {
      status.textContent = 'Move to a span first (j, k or Tab).';
      return;
    }
    try {
      const r = await postJson<ReviewedSpan>(`/api/annotations/${a.id}/review`, { status: decision }, reviewerHeaders());
      a.review = r.review;
      view.redraw();
      view.rendered.firstEl.get(k)?.focus();
      status.textContent = `${decision === 'accepted' ? 'Accepted' : 'Rejected'}: ${a.label} “${a.text.slice(0, 60)}”`;
      showCurrent();
    } catch (err) {
      status.textContent = `Not saved: ${err instanceof Error ? err.message : String(err)}`;
    }
  };
  accept.addEventListener('click', () => void decide('accepted'));
  reject.addEventListener('click', () => void decide('rejected'));

  let pending: { start: number; end: number } | null = null;
  const openAdd = (): void => {
    const sel = selectionOffsets(view.textEl, data.item.text);
    if (!sel) {
      status.textContent = 'Select some of the text first, then press n.';
      return;
    }
    pending = sel;
    const cps = Array.from(data.item.text);
    const t = document.getElementById('add-text');
    if (t) t.textContent = `“${cps.slice(sel.start, sel.end).join('')}” (${sel.start}–${sel.end})`;
    addForm.hidden = false;
    labelSelect.focus();
  };
  const closeAdd = (): void => {
    addForm.hidden = true;
    pending = null;
  };
  addForm.querySelector('.cancel')?.addEventListener('click', closeAdd);
  addForm.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeAdd();
    // A <select> does not submit its form on Enter by itself.
    if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
      e.preventDefault();
      addForm.requestSubmit();
    }
  });
  addForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const label = labelSelect.value || otherLabel.value.trim();
    if (!pending || !label) {
      status.textContent = 'Pick a label.';
      return;
    }
    const at = pending;
    postJson<ReviewedSpan>(`/api/items/${encodeURIComponent(data.item.id)}/annotations`, { layer, label, start: at.start, end: at.end }, reviewerHeaders())
      .then((added) => {
        view.all.push(added);
        closeAdd();
        view.redraw();
        const key = view.all.length - 1;
        view.rendered.firstEl.get(key)?.focus();
        status.textContent = `Added: ${label} “${added.text.slice(0, 60)}”`;
      })
      .catch((err: unknown) => {
        status.textContent = `Not saved: ${err instanceof Error ? err.message : String(err)}`;
      });
  });

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    // j and k are the reader's: it moves the focus, and the panel follows on focusin.
    if (e.key === 'a') void decide('accepted');
    else if (e.key === 'r') void decide('rejected');
    else if (e.key === 'n') {
      e.preventDefault();
      openAdd();
    }
  });
}
