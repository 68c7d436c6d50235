import ipaddr from "ipaddr.js";

/**
 * Whether a webhook may be sent to this IP address when private addresses are not allowed (production): only
 * global unicast. Private, loopback, link-local, unique-local, CGNAT, multicast, broadcast, unspecified,
 * reserved and documentation ranges are refused, and so are IPv6 forms that carry an IPv4 address inside
 * (IPv4-mapped, NAT64, 6to4, Teredo), whose real target could be any of those. An IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`) is judged as the IPv4 address it is. Not an address at all: refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns ::ffff:a.b.c.d into a.b.c.d, so a mapped loopback is loopback.
  return ipaddr.process(address).range() === "unicast";
}
