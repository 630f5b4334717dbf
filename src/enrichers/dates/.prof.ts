import { chronoDates } from './chrono.js';
const w = ['Мэр Нижнегорска заявил 5 мая 2023', 'Posted on July 5, 2024', 'виступив з промовою 12 квітня 2024'];
const locs = ['ru','en','uk'] as const;
for (let r=0;r<3;r++) for (let k=0;k<3;k++) { const t=performance.now(); for (let i=0;i<1000;i++) chronoDates(w[k] as string, locs[k]); console.log(locs[k], ((performance.now()-t)/1000*1000).toFixed(1),'µs/call'); }
