/**
 * LAN discovery: DNS-SD (RFC 6763) over multicast DNS (RFC 6762), our own small responder and
 * browser (ADR 0006).
 *
 * <p>Each node is an instance of {@code _peernet._tcp.local} named by the node's name:
 *
 * <pre>
 * _services._dns-sd._udp.local  PTR  _peernet._tcp.local
 * _peernet._tcp.local           PTR  NAME._peernet._tcp.local
 * NAME._peernet._tcp.local      SRV  0 0 PORT pn-HEX16.local        (cache-flush)
 * NAME._peernet._tcp.local      TXT  id=PEERID net=NETWORK v=VERSION (cache-flush)
 * pn-HEX16.local                A / AAAA  the sending interface's addresses (cache-flush)
 * </pre>
 *
 * <p>{@code PEERID} is the full text form of {@link dev.peernet.identity.PeerId}; {@code NETWORK}
 * is the public network identifier ("" when in none); {@code HEX16} the first 16 hex digits of
 * the peer's key, so host names never clash.
 *
 * <p>Behaviour. Per used interface one socket on 0.0.0.0:5353 joined to 224.0.0.251 there.
 *
 * <ul>
 *   <li>Start, a new interface, or {@link dev.peernet.discovery.Discovery#announce}: announce at
 *       once and again 1 s later, and ask {@code _peernet._tcp.local PTR?} so the nodes already
 *       there answer at once. No probing (RFC 6762 §8.1): names need not be unique, since the peer
 *       ID in the TXT record identifies a node. Two nodes with the same name on one LAN would
 *       overwrite each other's instance in third-party browsers; Peernet's own list keys by ID but
 *       still needs distinct names, so give nodes distinct names.
 *   <li>Every {@code refreshInterval} (2 s) re-announce; records carry {@code ttl} (6 s). A
 *       crashed node's records so expire within 6 s. At 80% of a heard record's life, without a
 *       refresh, one query asks again (RFC 6762 §5.2), which keeps third-party services with long
 *       TTLs listed.
 *   <li>Queries from port 5353 are answered by multicast at once, without the 20–120 ms delay of
 *       RFC 6762 §6 (a LAN of Peernet nodes is small); known answers with half the TTL left
 *       suppress a record. Queries from other ports get a legacy unicast reply (§6.7).
 *   <li>Interfaces and addresses are read every second; a change re-announces, a lost interface
 *       drops its peers ({@code INTERFACE_GONE}), a new one is announced on.
 *   <li>Close: goodbye records (TTL 0) on every interface; receivers drop those at once.
 *   <li>A received datagram is attributed to the interface whose IPv4 subnet holds its source
 *       (Java cannot tell the arrival interface), else to the first used interface. Malformed
 *       datagrams are dropped with one debug line; at most 1000 wait for the event thread.
 * </ul>
 *
 * <p>IPv4 multicast only: AAAA records are published, but mDNS over IPv6 (ff02::fb) is not spoken.
 */
package dev.peernet.discovery;
