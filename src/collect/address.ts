// Which IP addresses a collector may connect to. A watch command fetches URLs that strangers
// control (feeds, redirects, links in pages), so anything that is not a public unicast address is
// refused unless the user says --allow-private: otherwise a hostile source could make us read
// cloud metadata (169.254.169.254), a router's admin page or a service on localhost.
import { isIPv4, isIPv6 } from 'node:net';

/** Why an address is not public ("private", "loopback" …), or null when it is public unicast. */
export function addressRefusal(address: string): string | null {
  const ip = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(ip)) return ipv4Refusal(parseIPv4(ip));
  if (isIPv6(ip)) return ipv6Refusal(ip);
  return 'not an IP address';
}

/** True when the address is public unicast: the default policy of safeFetch. */
export function isPublicAddress(address: string): boolean {
  return addressRefusal(address) === null;
}

function parseIPv4(ip: string): number {
  const parts = ip.split('.').map(Number);
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

// [network, prefix length, what it is]; order matters only for readability.
const V4_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['0.0.0.0', 8, 'an unspecified ("this network")'],
  ['10.0.0.0', 8, 'a private'],
  ['100.64.0.0', 10, 'a carrier-grade NAT (shared)'],
  ['127.0.0.0', 8, 'a loopback'],
  ['169.254.0.0', 16, 'a link-local'],
  ['172.16.0.0', 12, 'a private'],
  ['192.0.0.0', 24, 'an IETF protocol-assignment'],
  ['192.0.2.0', 24, 'a documentation'],
  ['192.88.99.0', 24, 'a 6to4 relay'],
  ['192.168.0.0', 16, 'a private'],
  ['198.18.0.0', 15, 'a benchmarking'],
  ['198.51.100.0', 24, 'a documentation'],
  ['203.0.113.0', 24, 'a documentation'],
  ['224.0.0.0', 4, 'a multicast'],
  ['255.255.255.255', 32, 'the broadcast'],
  ['240.0.0.0', 4, 'a reserved'],
];
const V4_TABLE = V4_RANGES.map(([net, bits, kind]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { net: parseIPv4(net) & mask, mask, kind };
});

function ipv4Refusal(n: number): string | null {
  for (const r of V4_TABLE) if (((n & r.mask) >>> 0) === r.net >>> 0) return `${r.kind} address`;
  return null;
}

/** Expand an IPv6 text form (with :: and an optional dotted IPv4 tail) to eight 16-bit groups. */
function parseIPv6(ip: string): number[] {
  let text = ip.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  // A dotted IPv4 tail (::ffff:10.0.0.5) becomes two hex groups.
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const fill = 8 - left.length - right.length;
  return [...left, ...new Array<number>(Math.max(0, fill)).fill(0), ...right];
}

function ipv6Refusal(ip: string): string | null {
  const g = parseIPv6(ip);
  const at = (i: number): number => g[i] ?? 0;
  const embeddedV4 = (hi: number, lo: number): number => ((hi << 16) | lo) >>> 0;
  const firstFive = at(0) === 0 && at(1) === 0 && at(2) === 0 && at(3) === 0 && at(4) === 0;
  // IPv4-mapped (::ffff:a.b.c.d): the socket really talks to the IPv4 address, so judge that.
  if (firstFive && at(5) === 0xffff) {
    const inner = ipv4Refusal(embeddedV4(at(6), at(7)));
    return inner === null ? null : `${inner} (IPv4-mapped)`;
  }
  if (firstFive && at(5) === 0) {
    if (at(6) === 0 && at(7) === 0) return 'an unspecified address';
    if (at(6) === 0 && at(7) === 1) return 'a loopback address';
    return 'a deprecated IPv4-compatible address';
  }
  // NAT64 well-known prefix 64:ff9b::/96 reaches the embedded IPv4 address through a translator.
  if (at(0) === 0x64 && at(1) === 0xff9b && at(2) === 0 && at(3) === 0 && at(4) === 0 && at(5) === 0) {
    const inner = ipv4Refusal(embeddedV4(at(6), at(7)));
    return inner === null ? null : `${inner} (NAT64)`;
  }
  // 6to4 2002:V4::/48 embeds an IPv4 address too.
  if (at(0) === 0x2002) {
    const inner = ipv4Refusal(embeddedV4(at(1), at(2)));
    return inner === null ? null : `${inner} (6to4)`;
  }
  const first = at(0);
  if ((first & 0xfe00) === 0xfc00) return 'a unique-local address';
  if ((first & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((first & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((first & 0xff00) === 0xff00) return 'a multicast address';
  // Only 2000::/3 is global unicast; everything else is reserved or special.
  if ((first & 0xe000) !== 0x2000) return 'a reserved address';
  if (first === 0x2001 && at(1) === 0x0db8) return 'a documentation address';
  if (first === 0x3fff && (at(1) & 0xf000) === 0) return 'a documentation address';
  if (first === 0x2001 && at(1) === 0) return 'a Teredo address';
  if (first === 0x2001 && at(1) === 2 && at(2) === 0) return 'a benchmarking address';
  if (first === 0x2001 && (at(1) & 0xfff0) === 0x10) return 'an ORCHID address';
  if (first === 0x2001 && (at(1) & 0xfff0) === 0x20) return 'an ORCHID address';
  return null;
}
