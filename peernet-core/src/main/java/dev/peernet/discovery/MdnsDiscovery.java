package dev.peernet.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Discovery}: an mDNS responder and browser of its own (ADR 0006). All
 * state lives on one event thread; receiver threads only hand datagrams to it.
 */
final class MdnsDiscovery implements Discovery {
    private static final Logger log = LoggerFactory.getLogger(MdnsDiscovery.class);

    /** RFC 6762 §8.3: the second announcement one second after the first. */
    private static final Duration SECOND_ANNOUNCEMENT = Duration.ofSeconds(1);

    /** How often expiry and re-queries are checked; a quarter second keeps "gone" prompt. */
    private static final Duration TICK = Duration.ofMillis(250);

    /** Datagrams waiting for the event thread beyond this many are dropped. */
    private static final int MAX_PENDING = 1000;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final DiscoveryConfig config;
    private final NetworkInterfaces system;
    private final ScheduledExecutorService events;
    private final PeerTable table;
    private final Map<String, Used> used = new LinkedHashMap<>();
    private final List<Consumer<? super DiscoveryEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile Announcement self;
    private volatile List<NearbyPeer> nearby = List.of();
    private volatile List<InterfaceStatus> statuses = List.of();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closed;
    private volatile Thread eventThread;

    /** An interface in use: its socket, its state when last read, whether we heard ourselves. */
    private record Used(MdnsSocket socket, NetworkInterfaces.Info info, boolean selfHeard) {
        List<InetAddress> addresses() {
            return info.addresses().stream()
                    .map(InterfaceStatus.Address::address)
                    .toList();
        }
    }

    private MdnsDiscovery(DiscoveryConfig config, Announcement self, NetworkInterfaces system) {
        this.config = config;
        this.self = self;
        this.system = system;
        this.table = new PeerTable(self.id(), config.clock());
        this.events = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = Thread.ofPlatform().name("peernet-mdns").daemon().unstarted(r);
            eventThread = t;
            return t;
        });
    }

    static MdnsDiscovery start(DiscoveryConfig config, Announcement self, NetworkInterfaces system) {
        MdnsDiscovery d = new MdnsDiscovery(config, self, system);
        try {
            d.onEvents(d::pollInterfaces);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        d.every(config.refreshInterval(), d::announceAll);
        d.every(TICK, d::tick);
        d.every(config.interfacePollInterval(), d::pollInterfaces);
        return d;
    }

    @Override
    public void announce(Announcement updated) {
        onEvents(() -> {
            Announcement old = self;
            if (!ServiceRecords.instanceName(old).sameAs(ServiceRecords.instanceName(updated))) {
                used.values().forEach(u -> u.socket().send(ServiceRecords.goodbye(old, u.addresses())));
            }
            self = updated;
            announceAll();
            later(SECOND_ANNOUNCEMENT, this::announceAll);
        });
    }

    @Override
    public Announcement self() {
        return self;
    }

    @Override
    public List<NearbyPeer> nearby() {
        return nearby;
    }

    @Override
    public void addListener(Consumer<? super DiscoveryEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<? super DiscoveryEvent> listener) {
        listeners.remove(listener);
    }

    @Override
    public List<InterfaceStatus> interfaces() {
        return statuses;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() == eventThread) {
            shutDownSockets();
        } else {
            onEvents(this::shutDownSockets);
        }
        events.shutdownNow();
    }

    private void shutDownSockets() {
        for (Used u : used.values()) {
            u.socket().send(ServiceRecords.goodbye(self, u.addresses()));
            u.socket().close();
        }
        used.clear();
        publishStatuses(List.of());
    }

    /** Reads the interfaces again: opens newly usable ones, closes lost ones, re-announces changed ones. */
    private void pollInterfaces() {
        List<NetworkInterfaces.Info> present;
        try {
            present = system.list();
        } catch (UncheckedIOException e) {
            log.debug("cannot read network interfaces, keeping the last known: {}", e.toString());
            return;
        }
        List<InterfaceSelection.Choice> choices = InterfaceSelection.choose(config.interfaces(), present);
        Map<String, String> problems = new LinkedHashMap<>();
        for (InterfaceSelection.Choice c : choices) {
            if (c.use()) {
                problems.put(c.info().name(), useInterface(c.info()));
            } else {
                problems.put(c.info().name(), c.problem());
            }
        }
        for (String name : List.copyOf(used.keySet())) {
            if (choices.stream().noneMatch(c -> c.use() && c.info().name().equals(name))) {
                dropInterface(name);
            }
        }
        publishStatuses(choices.stream()
                .map(c -> status(c.info(), problems.get(c.info().name())))
                .toList());
    }

    /** Starts or refreshes one interface; returns its problem, or "". */
    private String useInterface(NetworkInterfaces.Info info) {
        Used current = used.get(info.name());
        if (current != null) {
            if (!current.info().addresses().equals(info.addresses())) {
                used.put(info.name(), new Used(current.socket(), info, current.selfHeard()));
                log.debug("addresses of {} changed to {}: announcing", info.name(), info.addresses());
                announceOn(info.name());
            }
            return "";
        }
        try {
            used.put(info.name(), new Used(MdnsSocket.open(info.name(), this::received), info, false));
        } catch (IOException | RuntimeException e) {
            log.debug("cannot use {} for discovery: {}", info.name(), e.toString());
            return "cannot open an mDNS socket: " + e.getMessage();
        }
        announceOn(info.name());
        used.get(info.name()).socket().send(ServiceRecords.browseQuery());
        later(SECOND_ANNOUNCEMENT, () -> announceOn(info.name()));
        return "";
    }

    private void dropInterface(String name) {
        Used u = used.remove(name);
        u.socket().send(ServiceRecords.goodbye(self, u.addresses())); // fails quietly when the link is down
        u.socket().close();
        dispatch(table.dropInterface(name));
    }

    private InterfaceStatus status(NetworkInterfaces.Info info, String problem) {
        Used u = used.get(info.name());
        return new InterfaceStatus(info.name(), info.addresses(), u != null, u != null && u.selfHeard(), problem);
    }

    private void announceAll() {
        used.keySet().forEach(this::announceOn);
    }

    private void announceOn(String iface) {
        Used u = used.get(iface);
        if (u != null) {
            u.socket().send(ServiceRecords.announcement(self, u.addresses(), ttlSeconds()));
        }
    }

    private void tick() {
        dispatch(table.expire());
        if (table.needsRequery()) {
            used.values().forEach(u -> u.socket().send(ServiceRecords.browseQuery()));
        }
    }

    /** Called on a receiver thread: hands the datagram to the event thread. */
    private void received(String iface, byte[] datagram, InetSocketAddress source) {
        if (closed || pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return; // a flood is shed here rather than queued without bound
        }
        try {
            events.execute(() -> {
                pending.decrementAndGet();
                try {
                    handle(iface, datagram, source);
                } catch (RuntimeException e) {
                    log.debug("dropped an mDNS packet from {} on {} that failed: {}", source, iface, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet(); // closing
        }
    }

    private void handle(String iface, byte[] datagram, InetSocketAddress source) {
        Used u = used.get(iface);
        if (u == null || !heardOn(iface, source.getAddress())) {
            return;
        }
        DnsMessage message;
        try {
            message = DnsCodec.decode(datagram);
        } catch (DnsFormatException e) {
            log.debug("dropped a malformed mDNS packet from {} on {}: {}", source, iface, e.getMessage());
            return;
        }
        if ((message.flags() & DnsMessage.OPCODE_MASK) != 0) {
            return; // RFC 6762 §18.3
        }
        if (message.isResponse()) {
            onResponse(iface, u, message, source);
        } else {
            onQuery(u, message, source);
        }
    }

    private void onQuery(Used u, DnsMessage query, InetSocketAddress source) {
        long ttl = ttlSeconds();
        if (source.getPort() == MdnsSocket.GROUP.getPort()) {
            ServiceRecords.answer(query, self, u.addresses(), ttl).ifPresent(u.socket()::send);
        } else {
            ServiceRecords.legacyAnswer(query, self, u.addresses(), ttl)
                    .ifPresent(m -> u.socket().sendTo(m, source));
        }
    }

    private void onResponse(String iface, Used u, DnsMessage response, InetSocketAddress source) {
        if (source.getPort() != MdnsSocket.GROUP.getPort()) {
            return; // RFC 6762 §11: responses not from port 5353 are ignored
        }
        if (!u.selfHeard() && u.addresses().contains(source.getAddress()) && isOurs(response)) {
            used.put(iface, new Used(u.socket(), u.info(), true));
            publishStatuses(statuses.stream()
                    .map(s -> s.name().equals(iface)
                            ? new InterfaceStatus(s.name(), s.addresses(), true, true, s.problem())
                            : s)
                    .toList());
        }
        dispatch(table.received(iface, response.allRecords()));
    }

    private boolean isOurs(DnsMessage response) {
        DnsName instance = ServiceRecords.instanceName(self);
        DnsRecord.Txt txt = ServiceRecords.txt(self);
        return response.allRecords().stream()
                .anyMatch(r -> r.name().sameAs(instance) && r.data().equals(txt));
    }

    /**
     * Whether a datagram from {@code source}, which every socket on port 5353 receives, belongs to
     * {@code iface}: its source is in one of the interface's IPv4 subnets, or in none of any used
     * interface's and {@code iface} is the first used one.
     */
    private boolean heardOn(String iface, InetAddress source) {
        if (inSubnet(used.get(iface).info(), source)) {
            return true;
        }
        Optional<String> claimed = used.entrySet().stream()
                .filter(e -> inSubnet(e.getValue().info(), source))
                .map(Map.Entry::getKey)
                .findFirst();
        return claimed.isEmpty() && used.keySet().iterator().next().equals(iface);
    }

    static boolean inSubnet(NetworkInterfaces.Info info, InetAddress source) {
        for (InterfaceStatus.Address a : info.addresses()) {
            if (a.address() instanceof Inet4Address
                    && source instanceof Inet4Address
                    && samePrefix(a.address().getAddress(), source.getAddress(), a.prefixLength())) {
                return true;
            }
        }
        return false;
    }

    static boolean samePrefix(byte[] a, byte[] b, int prefixLength) {
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private void dispatch(List<DiscoveryEvent> happened) {
        if (happened.isEmpty()) {
            return;
        }
        nearby = table.nearby();
        for (DiscoveryEvent e : happened) {
            log.debug("discovery: {}", e);
            for (Consumer<? super DiscoveryEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    log.warn("a discovery listener failed on {}", e, ex);
                }
            }
        }
    }

    private void publishStatuses(List<InterfaceStatus> now) {
        statuses = List.copyOf(now);
    }

    private long ttlSeconds() {
        return config.ttl().toSeconds();
    }

    /** Runs {@code task} on the event thread and waits for it, so start and announce are done when they return. */
    private void onEvents(Runnable task) {
        if (Thread.currentThread() == eventThread) {
            task.run();
            return;
        }
        try {
            events.submit(task).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("discovery failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("discovery's event thread did not answer within " + CLOSE_WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("discovery is closed", e);
        }
    }

    private void every(Duration period, Runnable task) {
        var unused =
                events.scheduleAtFixedRate(guarded(task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void later(Duration delay, Runnable task) {
        if (!closed) {
            var unused = events.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A periodic task that throws would be cancelled for good; log and go on instead. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("discovery task failed, going on", e);
            }
        };
    }
}
