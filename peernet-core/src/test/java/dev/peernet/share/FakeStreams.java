package dev.peernet.share;

import dev.peernet.identity.PeerId;
import dev.peernet.session.SessionException;
import dev.peernet.session.Stream;
import dev.peernet.wire.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;

/** Two ends of a stream in memory, for protocol tests without sockets. */
final class FakeStreams {
    private FakeStreams() {}

    /** The client's end (its remote peer is {@code server}) and the server's (remote peer {@code client}). */
    static Stream[] pair(PeerId client, PeerId server) {
        Pipe toServer = new Pipe();
        Pipe toClient = new Pipe();
        End clientEnd = new End(server, toClient, toServer);
        End serverEnd = new End(client, toServer, toClient);
        return new Stream[] {clientEnd, serverEnd};
    }

    /** Bytes one way: writes never block; reads block until there are some, the end, or a reset. */
    private static final class Pipe {
        private final ArrayDeque<Byte> bytes = new ArrayDeque<>();
        private boolean ended;
        private boolean readerGone;
        private IOException reset;

        synchronized void write(byte[] b, int off, int len) throws IOException {
            if (reset != null) {
                throw reset;
            }
            if (ended) {
                throw new IOException("the stream's output is closed");
            }
            if (readerGone) {
                return; // as with a real stream until the reader's reset arrives
            }
            for (int i = 0; i < len; i++) {
                bytes.add(b[off + i]);
            }
            notifyAll();
        }

        synchronized int read(byte[] b, int off, int len) throws IOException {
            while (bytes.isEmpty() && !ended && !readerGone && reset == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            if (reset != null) {
                throw reset;
            }
            if (bytes.isEmpty()) {
                return -1;
            }
            int n = 0;
            while (n < len && !bytes.isEmpty()) {
                b[off + n++] = bytes.poll();
            }
            return n;
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        synchronized void stopReading() {
            readerGone = true;
            bytes.clear();
            notifyAll();
        }

        synchronized void reset(IOException why) {
            reset = why;
            notifyAll();
        }
    }

    private static final class End implements Stream {
        private final PeerId remote;
        private final Pipe in;
        private final Pipe out;

        End(PeerId remote, Pipe in, Pipe out) {
            this.remote = remote;
            this.in = in;
            this.out = out;
        }

        @Override
        public String protocol() {
            return ShareServer.PROTOCOL;
        }

        @Override
        public PeerId remotePeer() {
            return remote;
        }

        @Override
        public String remoteHost() {
            return "127.0.0.1";
        }

        @Override
        public byte[] channelBinding() {
            return new byte[32];
        }

        @Override
        public InputStream input() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return in.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return len == 0 ? 0 : in.read(b, off, len);
                }
            };
        }

        @Override
        public OutputStream output() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                    out.end();
                }
            };
        }

        @Override
        public void reset(ErrorCode code, String message) {
            SessionException why = new SessionException(code, message);
            in.reset(why);
            out.reset(why);
        }

        /** Ends this side's output and stops reading: the other side reads the end, its writes go nowhere. */
        @Override
        public void close() {
            out.end();
            in.stopReading();
        }
    }
}
