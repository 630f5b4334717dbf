import { parseFeed } from './src/ingest/feed.js';
const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>Bomb &lol9;</title><item><title>t &xxe;</title><description>&lol9; and &xxe; &nbsp;x</description></item></channel></rss>`;
const t0 = performance.now();
console.log(JSON.stringify(parseFeed(bomb, { inputName: 'b' })), performance.now() - t0);
const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://x.example/"><title>RDF chan</title><link>https://x.example/</link><items><rdf:Seq><rdf:li resource="https://x.example/1"/></rdf:Seq></items></channel><item rdf:about="https://x.example/1"><title>One</title><link>https://x.example/1</link><description>Body one</description><dc:date>2024-01-02T03:04:05Z</dc:date><dc:creator>Ann</dc:creator></item></rdf:RDF>`;
console.log(JSON.stringify(parseFeed(rdf, { inputName: 'r' })));
const open = '<!DOCTYPE x [ <!ENTITY a "b"> ' + '['.repeat(100000) + '<rss><channel><title>T</title><item><title>x</title></item></channel></rss>';
const t1 = performance.now(); console.log(JSON.stringify(parseFeed(open, { inputName: 'o' }).items), performance.now() - t1);
