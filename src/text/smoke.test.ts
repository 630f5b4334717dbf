import { it } from 'vitest';
import { normalise, clean, segment } from './index.js';
it('smoke', () => {
  const raw = `The Free Voice Blog\r\n\r\n1 2 3We Need Unity! (5.7.2024)\r\n\r\nOur movement\u00a0is  strong. We will   win.\r\nSecond paragraph here.\r\n\r\nShare this:\r\nTwitter Facebook Telegram\r\nLike this:\r\nLike Loading...\r\n\r\n\r\nElection Fraud Exposed Again! (12.3.2024)\r\n\r\nThe commission ignored 400 complaints, says observer Anna Lisova.\r\n\r\nWhat did they hide?\r\n\r\nMore text here about it.\r\n\r\n1 2 3 4 … 117 Next »\r\n`;
  const n = normalise(raw);
  console.log(JSON.stringify(n.text));
  const c = clean(n.text);
  console.log(JSON.stringify(c.text), c.removed);
  for (const s of segment(c.text, 'auto')) console.log(s, JSON.stringify(c.text.slice(s.bodyStart, s.bodyEnd)));
  const forum = `Re: The Mayor Lied Again\nI was at the meeting on Tuesday and the mayor said the opposite of what the paper printed the next morning.\n\nThoughts on the referendum\nNobody I know voted in it, and the turnout figure of 84 percent is simply not believable to anyone here.\n\nВыборы в Петербурге (5.7.2024)\n\nНаблюдатели сообщили о вбросах на трёх участках.`;
  for (const s of segment(forum, 'auto')) console.log(s.title, s.dateText, JSON.stringify(forum.slice(s.bodyStart, s.bodyEnd)));
});
