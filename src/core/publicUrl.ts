/**
 * Whether a URL from the API may be fetched without credentials from this machine: https only,
 * and never to this machine or its network (loopback, private, link-local, unspecified, CGNAT,
 * multicast) when the host is a literal IP or `localhost`. Host names are not restricted
 * otherwise: Help Scout serves photos from a CDN.
 */
export function isPublicHttpsUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  if (host.startsWith('[')) return !isInternalIpv6(host.slice(1, -1));
  const v4 = ipv4(host);
  return v4 === undefined || !isInternalIpv4(v4);
}

/**
 * Whether an address a host name resolved to (`93.184.216.34`, `2606:2800::1`) is outside this
 * machine and its network, by the same rule as a literal IP host.
 */
export function isPublicIpAddress(address: string): boolean {
  const host = address.toLowerCase();
  if (host.includes(':')) {
    // A resolver may write an IPv4 tail (::ffff:10.0.0.1); URL turns it into hex groups.
    try {
      return !isInternalIpv6(new URL(`https://[${host}]/`).hostname.slice(1, -1));
    } catch {
      return false;
    }
  }
  const v4 = ipv4(host);
  return v4 !== undefined && !isInternalIpv4(v4);
}

/** The four octets of a dotted IPv4 address (URL has already normalised 0x7f.1 and 2130706433). */
function ipv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

function isInternalIpv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 || // "this network", 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224 // multicast and reserved
  );
}

function isInternalIpv6(host: string): boolean {
  const groups = expandIpv6(host);
  if (!groups) return true; // unparseable: refuse
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = groups;
  if (groups.every((g) => g === 0)) return true; // ::
  if (groups.slice(0, 7).every((g) => g === 0) && g7 === 1) return true; // ::1
  if (groups.slice(0, 5).every((g) => g === 0) && g5 === 0xffff) return isInternalIpv4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]); // ::ffff:a.b.c.d
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  return (g0 & 0xff00) === 0xff00; // multicast
}

/** Eight 16-bit groups; URL writes IPv6 hosts compressed, in hex, without an IPv4 tail. */
function expandIpv6(host: string): number[] | undefined {
  const halves = host.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}
