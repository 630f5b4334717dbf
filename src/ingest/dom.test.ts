import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { domToText, htmlToText, loadHtml } from './dom.js';

describe('domToText', () => {
  it('keeps paragraphs apart with a blank line and list items on their own lines', () => {
    const html =
      '<div><h2>Port deal</h2><p>The council voted <b>late</b> on Tuesday.</p><p>Nobody   was\n told.</p>' +
      '<ul><li>Term: 30 years</li><li>Rent: secret</li></ul><blockquote>A fresh start.</blockquote></div>';
    expect(htmlToText(html)).toBe(
      'Port deal\n\nThe council voted late on Tuesday.\n\nNobody was told.\n\nTerm: 30 years\nRent: secret\n\nA fresh start.',
    );
  });

  it('turns one <br> into a line break and two into a paragraph break', () => {
    expect(htmlToText('<p>first<br>second<br><br>third</p>')).toBe('first\nsecond\n\nthird');
  });

  it('treats divs with text as paragraphs and keeps inline spacing', () => {
    expect(htmlToText('<div>Один абзац</div><div>Второй <i>абзац</i>, <a href="#">ссылка</a>.</div>')).toBe(
      'Один абзац\n\nВторой абзац, ссылка.',
    );
  });

  it('leaves out scripts, styles and form controls', () => {
    expect(htmlToText('<p>Visible</p><script>var x = "hidden";</script><style>p{}</style><button>Share</button>')).toBe('Visible');
  });

  it('keeps whitespace inside <pre>', () => {
    expect(htmlToText('<p>Code:</p><pre>a  b\n  c</pre>')).toBe('Code:\n\na  b\n  c');
  });

  it('separates table cells', () => {
    expect(htmlToText('<table><tr><td>Name</td><td>Votes</td></tr><tr><td>Varn</td><td>12</td></tr></table>')).toBe('Name Votes\nVarn 12');
  });

  it('survives markup nested far deeper than the call stack', () => {
    const doc = loadHtml(`<body>${'<div>'.repeat(20000)}deep text</body>`);
    expect(doc.body && domToText(doc.body)).toBe('deep text');
  });

  it('never throws and never emits three newlines in a row on arbitrary markup', () => {
    const piece = fc.constantFrom('<p>', '</p>', '<div>', '</div>', '<br>', '<li>', '<b>', 'text', ' ', '\n', '&amp;', '<', '>', 'слово');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const out = htmlToText(parts.join(''));
        expect(out).not.toMatch(/\n\n\n/);
        expect(out).toBe(out.trim());
      }),
      { numRuns: 200 },
    );
  });
});
