// Which network addresses the bot may fetch from. Only public unicast addresses: private,
// loopback, link-local (cloud metadata at 169.254.169.254), unique-local, carrier-grade NAT
// (another metadata range), multicast, reserved and unspecified ones are refused, so a URL typed
// in a chat cannot make the bot reach into the network it runs in. ipaddr.js classifies.
import ipaddr from 'ipaddr.js';

/** The address's range name when it is refused, undefined when it is a public address. */
export function refusedRange(address: string): string | undefined {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return 'unparseable';
  }
  // ::ffff:127.0.0.1 and friends are IPv4 addresses in IPv6 clothing.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  return range === 'unicast' ? undefined : range;
}

/** A URL host that is an IP literal ("127.0.0.1", "[::1]"), unbracketed; undefined for names. */
export function ipLiteral(hostname: string): string | undefined {
  const h = hostname.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(h) ? h : undefined;
}
