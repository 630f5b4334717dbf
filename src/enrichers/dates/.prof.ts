import { extractDates } from './index.js';
import { languageSpans } from '../language/index.js';
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
const mode = process.argv[2];
let n = 0;
for (let r = 0; r < 1500; r++) for (const p of paras) n += mode === 'lang' ? languageSpans(p).length : extractDates(p, { order: null }).length;
console.log(n);
