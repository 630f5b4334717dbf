import { languageSpans, scriptRuns } from './index.js';
const t = `The Harlow Gazette reported on Tuesday that the regional council will not renew the contract.

A local channel posted the following statement, which we reproduce in full:

Мы не допустим, чтобы наш город превратили в полигон для чужих интересов. Совет примет решение сам.

Council spokesman Dennis Farrow declined to comment.`;
for (const s of languageSpans(t)) console.log(s, JSON.stringify(t.slice(s.start, s.end).slice(0,40)));
const m = 'Он сказал журналистам: "We will never accept these terms, not now and not later." И ушёл из зала.';
console.log(scriptRuns(m).map(r=>[r.script, m.slice(r.start,r.end)]));
console.log(languageSpans(m));
const b = 'Компания Apple представила новый iPhone в Москве сегодня';
console.log(scriptRuns(b));
