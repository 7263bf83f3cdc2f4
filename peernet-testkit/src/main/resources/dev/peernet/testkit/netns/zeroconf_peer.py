"""A third-party mDNS peer for ZeroconfInteropTest, on python3-zeroconf.

Usage: zeroconf_peer.py ADDRESS NAME PEER_ID SECONDS

Announces NAME._peernet._tcp.local. on ADDRESS (port 7000, TXT id/net/v), browses
_peernet._tcp.local. and prints one line per resolved service:
  SEEN <instance name> <txt as key=value,...> <addresses>
Exits after SECONDS, when stdin closes, or on SIGTERM, unregistering (goodbye) first.
"""
import signal
import socket
import sys
import threading
import time

from zeroconf import ServiceBrowser, ServiceInfo, ServiceStateChange, Zeroconf

TYPE = "_peernet._tcp.local."
_OUT = threading.Lock()


def say(*words):
    """Prints one whole line: print() from several threads can interleave words and newlines."""
    line = " ".join(str(w) for w in words) + "\n"
    with _OUT:
        sys.stdout.write(line)
        sys.stdout.flush()


def main():
    address, name, peer_id, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    stop = threading.Event()  # set by SIGTERM or the end of stdin, even while still registering
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    zc = Zeroconf(interfaces=[address])
    info = ServiceInfo(
        TYPE,
        f"{name}.{TYPE}",
        addresses=[socket.inet_aton(address)],
        port=7000,
        properties={"id": peer_id, "net": "py-net", "v": "1"},
        server=f"{name}-host.local.",
    )
    zc.register_service(info)
    say("REGISTERED")

    def on_change(zeroconf, service_type, name, state_change):
        if state_change in (ServiceStateChange.Added, ServiceStateChange.Updated):
            threading.Thread(target=resolve, args=(zeroconf, service_type, name), daemon=True).start()
        elif state_change is ServiceStateChange.Removed:
            say("REMOVED", name)

    def resolve(zeroconf, service_type, name):
        found = zeroconf.get_service_info(service_type, name, timeout=3000)
        if found is None:
            say("UNRESOLVED", name)
            return
        txt = ",".join(f"{k.decode()}={(v or b'').decode()}" for k, v in found.properties.items())
        say("SEEN", name, txt, found.parsed_addresses())

    ServiceBrowser(zc, TYPE, handlers=[on_change])
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait(seconds)
    zc.unregister_service(info)
    zc.close()
    say("STOPPED")


if __name__ == "__main__":
    main()
