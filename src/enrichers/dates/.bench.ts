import { extractDates } from './index.js';
import { languageSpans } from '../language/index.js';
import { eld } from 'eld/extrasmall';
const det = eld.newInstance(); det.setLanguageSubset(['en','ru','uk','de','fr','es','it','pl']);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const paras = [
  'The Harlow Gazette reported on Tuesday that the regional council will not renew the contract signed in March 2019 with the operator, citing costs of 2,400 dollars per household.',
  'Мэр Нижнегорска заявил 5 мая 2023 года, что город не получит новых автобусов до 2026 года, а программа, начатая в 2019 г., будет свернута.',
  'Президент виступив з промовою 12 квітня 2024 р. і нагадав про події 1918–1921 рр. та про 1990-ті роки.',
  'Watch the full interview at 0:42:15. Issue No. 117 is out now, price 300 rubles, 24 pages.',
  'Comments are closed. Share this: Facebook, Twitter. Like this: Loading...',
  'Он сказал, что переговоры продолжатся, но никаких сроков не назвал. Встреча прошла в закрытом режиме.',
  'Posted on July 5, 2024 by admin. The 26.12.1944-13.2.1945 siege is remembered every year.',
  'We need unity now more than ever, said the organiser, before the crowd marched to the square.',
];
const all: string[] = [];
for (let i = 0; i < 2000; i++) all.push((paras[i % paras.length] as string) + ' ' + i);
const bytes = all.reduce((n, p) => n + Buffer.byteLength(p), 0);
for (let round = 0; round < 10; round++) {
  let t = cpu(); let n = 0;
  for (const p of all) n += extractDates(p, { order: null }).length;
  const dt = cpu() - t;
  t = cpu(); let k = 0;
  for (const p of all) k += languageSpans(p).length;
  const lt = cpu() - t;
  t = cpu();
  for (const p of all) k += det.detect(p).language.length;
  const et = cpu() - t;
  const mbs = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(1);
  console.log(`cpu: dates ${dt.toFixed(0)} ms ${mbs(dt)} MB/s (${n}); languageSpans ${lt.toFixed(0)} ms ${mbs(lt)} MB/s; eld alone ${et.toFixed(0)} ms ${mbs(et)} MB/s`);
}
