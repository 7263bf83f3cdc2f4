package dev.peernet.bench;

import dev.peernet.bench.Sink.Drained;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/** Bare TCP on 127.0.0.1: the ceiling for anything that runs over a socket. */
final class RawTcpCarrier implements Carrier {
    private final ServerSocket server;
    private final Thread.Builder sinkThreads;

    RawTcpCarrier(Thread.Builder sinkThreads) throws IOException {
        this.sinkThreads = sinkThreads;
        this.server = new ServerSocket(0, 8, Loopback.ADDRESS);
    }

    @Override
    public Connection open() throws IOException {
        Socket client = new Socket(Loopback.ADDRESS, server.getLocalPort());
        try {
            Socket accepted = server.accept();
            tune(client);
            tune(accepted);
            CompletableFuture<Drained> drained =
                    Sink.serveOn(sinkThreads, accepted.getInputStream(), accepted.getOutputStream(), accepted);
            return new Connection(
                    client.getInputStream(), client.getOutputStream(), client::shutdownOutput, client, drained);
        } catch (IOException | RuntimeException e) {
            Sink.closeQuietly(client);
            throw e;
        }
    }

    /** Peernet's transport sets TCP_NODELAY; the baselines do too, so socket options are equal. */
    static void tune(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
    }

    @Override
    public String description() {
        return "TCP on 127.0.0.1, TCP_NODELAY, default socket buffers";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
