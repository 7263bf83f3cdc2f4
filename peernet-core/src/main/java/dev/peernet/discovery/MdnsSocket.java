package dev.peernet.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interface's mDNS socket: bound to port 5353, joined to 224.0.0.251 on that interface,
 * sending there with IP TTL 255 (RFC 6762 §11). A virtual thread receives until it is closed and
 * hands each datagram over; nothing it receives can end that loop but closing.
 */
final class MdnsSocket implements AutoCloseable {
    static final InetSocketAddress GROUP = new InetSocketAddress(InetAddress.ofLiteral("224.0.0.251"), 5353);

    private static final Logger log = LoggerFactory.getLogger(MdnsSocket.class);

    /** Receives one datagram: the interface's name, its bytes, who sent it. */
    @FunctionalInterface
    interface Receiver {
        void received(String iface, byte[] datagram, InetSocketAddress source);
    }

    private final String iface;
    private final DatagramChannel channel;
    private final Thread thread;

    private MdnsSocket(String iface, DatagramChannel channel, Receiver receiver) {
        this.iface = iface;
        this.channel = channel;
        this.thread = Thread.ofVirtual().name("peernet-mdns-rx-" + iface).start(() -> receiveLoop(receiver));
    }

    static MdnsSocket open(String iface, Receiver receiver) throws IOException {
        NetworkInterface ni = NetworkInterface.getByName(iface);
        if (ni == null) {
            throw new IOException("interface " + iface + " is gone");
        }
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true); // as Avahi and python-zeroconf do
            }
            channel.bind(new InetSocketAddress(GROUP.getPort()));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, ni);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 255);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true); // to hear ourselves: selfHeard
            channel.join(GROUP.getAddress(), ni);
            return new MdnsSocket(iface, channel, receiver);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Multicasts {@code message} on this interface. */
    void send(DnsMessage message) {
        sendTo(message, GROUP);
    }

    /** Sends {@code message} to one address, from port 5353; failures are logged, not thrown. */
    void sendTo(DnsMessage message, InetSocketAddress to) {
        try {
            channel.send(ByteBuffer.wrap(DnsCodec.encode(message)), to);
        } catch (IOException e) {
            log.debug("mDNS send on {} to {} failed: {}", iface, to, e.toString());
        }
    }

    private void receiveLoop(Receiver receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(DnsCodec.MAX_MESSAGE_BYTES + 1);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress source = channel.receive(buffer);
                buffer.flip();
                if (source instanceof InetSocketAddress from) {
                    receiver.received(iface, Arrays.copyOf(buffer.array(), buffer.limit()), from);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.debug("mDNS receive on {} failed, going on: {}", iface, e.toString());
                pause(); // an error that repeats must not spin the loop
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            thread.join(1000);
        } catch (IOException e) {
            log.debug("closing the mDNS socket on {}: {}", iface, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
