import ipaddr from 'ipaddr.js';

/**
 * Why an address is not one the server may be made to fetch from on a
 * steward's behalf (SSRF), or null when it is a public unicast address.
 *
 * IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, the
 * SIIT form `::ffff:0:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64
 * `64:ff9b::/96` and 6to4 `2002::/16`) are judged by the IPv4 address they
 * carry, so `[::ffff:7f00:1]` is loopback like `127.0.0.1`. Everything that is
 * not plain global unicast is refused: loopback, private, link-local,
 * unique-local, CGNAT (100.64/10), benchmarking (198.18/15), documentation,
 * multicast, unspecified, broadcast, Teredo and the other special ranges.
 */
export function nonPublicRange(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  } catch {
    return 'unparsable';
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const embedded = embeddedIPv4(v6);
    if (embedded) {
      const inner = nonPublicRange(embedded.toString());
      return inner === null ? null : `${v6.range()}:${inner}`;
    }
    const range = v6.range();
    // Global unicast is 2000::/3; anything else the table does not name is reserved.
    if (range !== 'unicast' || (v6.parts[0]! & 0xe000) !== 0x2000) return range === 'unicast' ? 'reserved' : range;
    return null;
  }
  const range = (parsed as ipaddr.IPv4).range();
  return range === 'unicast' ? null : range;
}

/** True when `address` is not a public unicast address (see nonPublicRange). */
export function isPrivateAddress(address: string): boolean {
  return nonPublicRange(address) !== null;
}

function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const b = v6.toByteArray();
  const last4 = () => new ipaddr.IPv4(b.slice(12, 16));
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (SIIT, RFC 6145)
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return last4();
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12)) return last4();
  // ::a.b.c.d (IPv4-compatible, deprecated); :: and ::1 are judged as IPv6 below.
  if (zeros(0, 12) && !zeros(12, 15)) return last4();
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix, RFC 6052)
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return last4();
  // 2002:AABB:CCDD::/48 (6to4, RFC 3056)
  if (b[0] === 0x20 && b[1] === 0x02) return new ipaddr.IPv4(b.slice(2, 6));
  return null;
}
