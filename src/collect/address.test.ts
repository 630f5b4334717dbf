import { describe, expect, it } from 'vitest';
import { addressRefusal, isPublicAddress } from './address.js';

describe('addressRefusal', () => {
  it.each([
    ['10.0.0.5', 'a private address'],
    ['172.16.3.4', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT (shared) address'],
    ['100.127.255.254', 'a carrier-grade NAT (shared) address'],
    ['0.0.0.0', 'an unspecified ("this network") address'],
    ['224.0.0.251', 'a multicast address'],
    ['255.255.255.255', 'the broadcast address'],
    ['240.0.0.1', 'a reserved address'],
    ['192.0.2.10', 'a documentation address'],
    ['198.51.100.7', 'a documentation address'],
    ['203.0.113.99', 'a documentation address'],
    ['198.18.0.1', 'a benchmarking address'],
    ['::', 'an unspecified address'],
    ['::1', 'a loopback address'],
    ['fe80::1', 'a link-local address'],
    ['fd12:3456::1', 'a unique-local address'],
    ['fc00::1', 'a unique-local address'],
    ['ff02::1', 'a multicast address'],
    ['fec0::1', 'a site-local address'],
    ['2001:db8::1', 'a documentation address'],
    ['::ffff:127.0.0.1', 'a loopback address (IPv4-mapped)'],
    ['::ffff:a9fe:a9fe', 'a link-local address (IPv4-mapped)'],
    ['::ffff:10.1.2.3', 'a private address (IPv4-mapped)'],
    ['64:ff9b::10.0.0.1', 'a private address (NAT64)'],
    ['2002:c0a8:0101::1', 'a private address (6to4)'],
    ['2001::1', 'a Teredo address'],
    ['[::1]', 'a loopback address'],
  ])('refuses %s as %s', (ip, why) => {
    expect(addressRefusal(ip)).toBe(why);
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '100.128.0.1', '172.32.0.1', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001:81c::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows public %s',
    (ip) => {
      expect(addressRefusal(ip)).toBeNull();
    },
  );

  it('says when the text is not an address at all', () => {
    expect(addressRefusal('example.org')).toBe('not an IP address');
  });
});
