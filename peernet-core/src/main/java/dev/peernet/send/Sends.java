package dev.peernet.send;

import com.google.protobuf.ByteString;
import dev.peernet.identity.PeerId;
import dev.peernet.session.Stream;
import dev.peernet.share.IndexedFile;
import dev.peernet.share.RemoteShareException;
import dev.peernet.share.proto.Offer;
import dev.peernet.share.proto.OfferDone;
import dev.peernet.share.proto.OfferReply;
import dev.peernet.share.proto.OfferedFile;
import dev.peernet.share.proto.SendMessage;
import dev.peernet.wire.StreamMessages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-shot send ({@value #PROTOCOL}), both sides. The sender hashes the files, serves them as a
 * share only the receiver can see, and offers them; the receiver's {@link AcceptPolicy} decides;
 * once accepted, the receiver fetches them with the transfer engine (verified, resumable, from
 * every member with the same content) and tells the sender when it is done.
 */
public final class Sends implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sends.class);

    /** Protocol name and version. */
    public static final String PROTOCOL = "/peernet/send/1";

    /** An offer of 100 000 files is about 10 MB; more is not an offer a person makes. */
    static final int MAX_MESSAGE_BYTES = 16 << 20;

    /** Offers kept after they end, for {@code peernet transfers} and the sender's wait. */
    static final int KEEP_ENDED = 100;

    /**
     * An offer kept in the store for longer than this is dropped when the node starts: its other
     * side has not been heard of for a week, and an offer is a moment's act, not a standing share.
     */
    static final Duration KEEP_FOR = Duration.ofDays(7);

    /**
     * An accepted offer kept longer than this is dropped when the node starts, on either side: its
     * transfer may wait for a sender that is gone for good (a transfer never gives up a source), and
     * it would count against its sender's {@link #MAX_LIVE_FROM_ONE_MEMBER} for ever. A month is far
     * longer than any fetch takes, even of a large folder over a slow link with the nodes off at night.
     */
    static final Duration KEEP_ACCEPTED_FOR = Duration.ofDays(30);

    /**
     * Offers from one member that this node holds unfinished (waiting for a decision or being
     * fetched); one more is refused. Each is a row in the node's state and, once accepted, a
     * transfer: a member cannot make this node keep an unbounded number of them.
     */
    static final int MAX_LIVE_FROM_ONE_MEMBER = 100;

    private static final HexFormat HEX = HexFormat.of();

    private final Settings settings;
    private final SendPorts.Host host;
    private final SendPorts.Fetcher fetcher;
    private final SendPorts.Dialer dialer;
    private final SendPorts.Targets targets;
    private final OfferStore store;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Map<String, Entry> offers = new ConcurrentHashMap<>();
    private final Map<String, Untold> untold = new ConcurrentHashMap<>();
    /** Incoming offers counted against their sender's limit but not yet in {@link #offers}. */
    private final Map<String, Entry> admitted = new ConcurrentHashMap<>();

    private final ExecutorService work = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("peernet-send-", 0).factory());

    /**
     * How this node takes incoming files.
     *
     * @param inbox where accepted files go unless the sender names a writable share
     * @param policy auto, ask or refuse
     */
    public record Settings(Path inbox, AcceptPolicy policy) {}

    public Sends(
            Settings settings,
            SendPorts.Host host,
            SendPorts.Fetcher fetcher,
            SendPorts.Dialer dialer,
            SendPorts.Targets targets,
            OfferStore store,
            InstantSource clock,
            RandomGenerator random) {
        this.settings = settings;
        this.host = host;
        this.fetcher = fetcher;
        this.dialer = dialer;
        this.targets = targets;
        this.store = store;
        this.clock = clock;
        this.random = random;
        host.onFirstServed(this::fetchedFrom);
    }

    /**
     * The receiver fetches from an offer this side still lists as waiting: an {@code ask} receiver
     * accepted it, and says so only when it ends. It is accepted from now on.
     */
    private void fetchedFrom(String share) {
        for (Entry entry : offers.values()) {
            if (!entry.incoming
                    && share.equals(entry.hostedShare)
                    && entry.moveIf(OfferStatus.State.PENDING, OfferStatus.State.ACCEPTED, null, clock)) {
                try {
                    store.outgoingState(entry.id, OfferStatus.State.ACCEPTED);
                } catch (IOException e) {
                    log.warn("Could not record that offer {} is accepted: {}", entry.id, e.getMessage());
                }
            }
        }
    }

    // ---- sender ------------------------------------------------------------------------------

    /**
     * Offers {@code files} (relative path → file on disk) to {@code to}, in the background: the
     * returned offer is {@code PREPARING}, then pending, accepted or refused.
     *
     * @param targetShare empty for the receiver's inbox, else one of its writable shares
     */
    public OfferStatus send(PeerId to, Map<String, Path> files, Optional<String> targetShare, String targetPath) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        List<OfferStatus.File> listed = files.keySet().stream()
                .sorted()
                .map(p -> new OfferStatus.File(p, size(files.get(p))))
                .toList();
        Entry entry = new Entry(HEX.formatHex(id), false, to, listed, clock.instant());
        offers.put(entry.id, entry);
        work.execute(() -> offer(entry, id, files, targetShare, targetPath));
        return entry.status();
    }

    private void offer(Entry entry, byte[] id, Map<String, Path> files, Optional<String> share, String path) {
        try {
            SendPorts.Hosted hosted = host.host(entry.peer, files);
            entry.hostedShare = hosted.share();
            var offer = Offer.newBuilder()
                    .setId(ByteString.copyFrom(id))
                    .setTargetShare(share.orElse(""))
                    .setTargetPath(path)
                    .setShare(hosted.share());
            for (IndexedFile f : hosted.files()) {
                offer.addFiles(OfferedFile.newBuilder()
                        .setPath(f.path())
                        .setSize(f.size())
                        .setMtimeMs(f.mtimeMillis())
                        .setFileHash(ByteString.copyFrom(f.hash().fileHash())));
            }
            Offer made = offer.build();
            // Kept before the receiver can answer, so that an end heard at once forgets it for good.
            keepOutgoing(new OfferStore.Outgoing(
                    entry.id,
                    entry.peer,
                    made,
                    OfferStatus.State.PREPARING,
                    entry.created,
                    hosted.paths(),
                    hosted.files()));
            OfferReply reply =
                    exchange(entry.peer, SendMessage.newBuilder().setOffer(made).build());
            switch (reply.getStatus()) {
                case ACCEPTED -> answered(entry, OfferStatus.State.ACCEPTED);
                case PENDING -> answered(entry, OfferStatus.State.PENDING);
                default -> end(entry, OfferStatus.State.REFUSED, reply.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Offer {} to {} failed", entry.id, entry.peer.shortForm(), e);
            end(entry, OfferStatus.State.FAILED, sentence(e));
        }
    }

    private void keepOutgoing(OfferStore.Outgoing offer) {
        try {
            store.keepOutgoing(offer);
        } catch (IOException e) {
            log.warn(
                    "Offer {} to {} is served, but only until this node stops: {}",
                    offer.id(),
                    offer.to().shortForm(),
                    e.getMessage());
        }
    }

    /** The receiver answered: the offer waits for its user or is being fetched. */
    private void answered(Entry entry, OfferStatus.State state) {
        if (!entry.moveIfLive(state, null, clock)) {
            return; // its end came first
        }
        try {
            store.outgoingState(entry.id, state);
        } catch (IOException e) {
            log.warn("Could not record that offer {} is {}: {}", entry.id, state, e.getMessage());
        }
        if (state == OfferStatus.State.PENDING && host.bytesServed(entry.hostedShare) > 0) {
            fetchedFrom(entry.hostedShare); // accepted and fetched from before this reply was read
        }
    }

    private OfferReply exchange(PeerId peer, SendMessage message) throws IOException {
        try (Stream stream = dialer.open(peer, PROTOCOL)) {
            StreamMessages.write(stream.output(), message);
            stream.output().close();
            SendMessage answer =
                    StreamMessages.read(stream.input(), SendMessage.parser(), MAX_MESSAGE_BYTES, "an offer reply");
            if (!answer.hasReply()) {
                throw new IOException(peer.shortForm() + " answered the offer with something else than a reply.");
            }
            return answer.getReply();
        }
    }

    // ---- receiver ----------------------------------------------------------------------------

    /**
     * Takes back the offers in progress when the node last stopped (ADR 0012 addenda): incoming ones
     * wait for a decision again, or are watched until their resumed transfer ends and their sender
     * is told; outgoing ones are served again, under the same share, so their receiver's transfer
     * resumes. Offers nobody decided on are dropped as {@link #expire} would end them: after
     * {@link #KEEP_FOR} on the receiver, a {@link #SENDER_GRACE} later on the sender; accepted ones
     * stay until their transfer ends, for up to {@link #KEEP_ACCEPTED_FOR}.
     *
     * @return how many came back
     */
    public int restore() throws IOException {
        int restored = 0;
        java.time.Instant oldest = clock.instant().minus(KEEP_FOR);
        for (OfferStore.Incoming k : store.incoming()) {
            try {
                if (restoreIncoming(k, oldest)) {
                    restored++;
                }
            } catch (IOException e) {
                log.warn(
                        "Could not take back the offer {} from {}: {}",
                        k.id(),
                        k.from().shortForm(),
                        e.getMessage());
            }
        }
        for (OfferStore.Outgoing o : store.outgoing()) {
            try {
                if (restoreOutgoing(o, oldest)) {
                    restored++;
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Could not serve the offer {} to {} again: {}", o.id(), o.to().shortForm(), sentence(e));
            }
        }
        if (restored > 0) {
            log.info("{} offer(s) in progress came back after the restart.", restored);
        }
        return restored;
    }

    private java.time.Instant oldestAccepted() {
        return clock.instant().minus(KEEP_ACCEPTED_FOR);
    }

    /** Takes back one kept incoming offer; false if it was dropped (too old) or is known already. */
    private boolean restoreIncoming(OfferStore.Incoming k, java.time.Instant oldest) throws IOException {
        // A decision is bounded by the week; an accepted offer stays while its transfer runs, for a month.
        boolean undecided = k.transfer().isEmpty() && k.received().isBefore(oldest);
        if (undecided || k.received().isBefore(oldestAccepted())) {
            log.info(
                    "Dropped the offer {} from {}: it came over {} days ago and {}.",
                    k.id(),
                    k.from().shortForm(),
                    undecided ? KEEP_FOR.toDays() : KEEP_ACCEPTED_FOR.toDays(),
                    undecided ? "nobody decided on it" : "its fetch has not ended");
            store.forgetIncoming(k.id());
            return false;
        }
        Entry entry = new Entry(k.id(), true, k.from(), files(k.offer()), k.received());
        entry.offer = k.offer();
        entry.dest = k.dest();
        if (k.transfer().isEmpty()) {
            entry.move(OfferStatus.State.PENDING, null, clock);
        } else {
            entry.transferId = k.transfer().get();
            entry.move(OfferStatus.State.ACCEPTED, null, clock);
        }
        if (offers.putIfAbsent(k.id(), entry) != null) {
            return false;
        }
        if (k.transfer().isEmpty()) {
            log.info(
                    "Offer {} from {} still waits for a decision: 'peernet accept' lists it.",
                    k.id(),
                    k.from().shortForm());
        } else {
            fetcher.watch(entry.transferId, (complete, why) -> fetchEnded(entry, complete, why));
        }
        return true;
    }

    /** Serves one kept outgoing offer again; false if it was dropped (too old) or is known already. */
    private boolean restoreOutgoing(OfferStore.Outgoing o, java.time.Instant oldest) throws IOException {
        // As in expire: an offer its receiver never answered (or was never heard to) gets a day more,
        // and one it accepted or fetched from (recorded as accepted) is served until it is done.
        boolean unanswered = o.state() == OfferStatus.State.PENDING || o.state() == OfferStatus.State.PREPARING;
        boolean unfetched = unanswered && o.created().isBefore(oldest.minus(SENDER_GRACE));
        if (unfetched || o.created().isBefore(oldestAccepted())) {
            log.info(
                    "Stopped serving the offer {} to {}: it was made over {} days ago and {}.",
                    o.id(),
                    o.to().shortForm(),
                    unfetched ? KEEP_FOR.plus(SENDER_GRACE).toDays() : KEEP_ACCEPTED_FOR.toDays(),
                    unfetched ? "nothing of it was fetched" : "its receiver has not said it is done");
            store.forgetOutgoing(o.id());
            return false;
        }
        if (offers.containsKey(o.id())) {
            return false;
        }
        Entry entry = new Entry(o.id(), false, o.to(), files(o.offer()), o.created());
        entry.hostedShare =
                host.restore(o.offer().getShare(), o.to(), o.paths(), o.files()).share();
        // Not answered before the stop: the receiver may hold it, so it is served as if pending.
        entry.move(o.state() == OfferStatus.State.PREPARING ? OfferStatus.State.PENDING : o.state(), null, clock);
        offers.put(o.id(), entry);
        return true;
    }

    private static List<OfferStatus.File> files(Offer offer) {
        return offer.getFilesList().stream()
                .map(f -> new OfferStatus.File(f.getPath(), f.getSize()))
                .toList();
    }

    /** Serves one {@value #PROTOCOL} stream: an offer (answered with a reply) or a done notice. */
    public void serve(Stream stream) throws IOException {
        SendMessage message = StreamMessages.read(stream.input(), SendMessage.parser(), MAX_MESSAGE_BYTES, "an offer");
        switch (message.getKindCase()) {
            case OFFER -> {
                OfferReply reply = receive(stream.remotePeer(), message.getOffer());
                StreamMessages.write(
                        stream.output(),
                        SendMessage.newBuilder().setReply(reply).build());
            }
            case DONE -> senderTold(stream.remotePeer(), message.getDone());
            case REPLY, KIND_NOT_SET ->
                throw new StreamMessages.ProtocolException("expected an offer or a done notice");
        }
        stream.output().close();
    }

    private OfferReply receive(PeerId from, Offer offer) {
        String id = HEX.formatHex(offer.getId().toByteArray());
        var reply = OfferReply.newBuilder().setId(offer.getId());
        if (offer.getId().size() != 16) {
            return refused(reply, REUSED_ID);
        }
        Path dest;
        try {
            dest = destination(from, offer);
        } catch (IOException e) {
            return refused(reply, sentence(e));
        }
        if (settings.policy() == AcceptPolicy.REFUSE && offer.getTargetShare().isEmpty()) {
            return refused(reply, "This node does not accept files sent to it.");
        }
        Entry entry = new Entry(id, true, from, files(offer), clock.instant());
        entry.offer = offer;
        entry.dest = dest;
        switch (admit(entry)) {
            case REUSED -> {
                return refused(reply, REUSED_ID);
            }
            case FULL -> {
                log.info(
                        "Refused an offer from {}: it has {} unfinished already.",
                        from.shortForm(),
                        MAX_LIVE_FROM_ONE_MEMBER);
                return refused(
                        reply,
                        "This node already holds " + MAX_LIVE_FROM_ONE_MEMBER
                                + " unfinished offers from you; send again once some are accepted, declined or done.");
            }
            case ADMITTED -> {}
        }
        try {
            return admitted(entry, reply);
        } finally {
            synchronized (admitted) {
                admitted.remove(id, entry); // published, or refused: it no longer counts as being admitted
            }
        }
    }

    private static final String REUSED_ID = "The offer's ID is malformed or reused.";

    private static OfferReply refused(OfferReply.Builder reply, String why) {
        return reply.setStatus(OfferReply.Status.REFUSED).setMessage(why).build();
    }

    /** An offer counted against its sender's limit: kept, then left for its user or fetched at once. */
    private OfferReply admitted(Entry entry, OfferReply.Builder reply) {
        String id = entry.id;
        boolean ask = settings.policy() == AcceptPolicy.ASK
                && entry.offer.getTargetShare().isEmpty();
        if (ask) {
            entry.move(OfferStatus.State.PENDING, null, clock);
        }
        // Kept before anyone can see it, so that an accept never runs before the keep it undoes.
        try {
            if (!store.keepIncoming(new OfferStore.Incoming(
                    id, entry.peer, entry.offer, entry.dest, entry.created, Optional.empty()))) {
                return refused(reply, REUSED_ID);
            }
        } catch (IOException e) {
            log.warn(
                    "Offer {} from {} is taken, but only until this node stops: {}",
                    id,
                    entry.peer.shortForm(),
                    e.getMessage());
        }
        synchronized (admitted) {
            offers.put(id, entry);
            admitted.remove(id, entry);
        }
        if (ask) {
            log.info(
                    "{} offers {} ({} bytes); 'peernet accept {}' or 'peernet decline {}'",
                    entry.peer.shortForm(),
                    entry.files.size() == 1 ? entry.files.getFirst().path() : entry.files.size() + " files",
                    entry.status().bytes(),
                    id.substring(0, 8),
                    id.substring(0, 8));
            return reply.setStatus(OfferReply.Status.PENDING).build();
        }
        try {
            startFetch(entry);
        } catch (IOException e) {
            end(entry, OfferStatus.State.FAILED, sentence(e));
            forgetIncoming(entry);
            return refused(reply, sentence(e));
        }
        return reply.setStatus(OfferReply.Status.ACCEPTED).build();
    }

    private enum Admission {
        ADMITTED,
        FULL,
        REUSED
    }

    /**
     * Whether one more offer from {@code entry}'s sender fits under {@link #MAX_LIVE_FROM_ONE_MEMBER};
     * if so it counts from now on, while it is being kept. Offers are admitted one at a time (and
     * published under the same lock), so that offers arriving together cannot all pass one count, and
     * none is counted twice.
     */
    private Admission admit(Entry entry) {
        synchronized (admitted) {
            if (offers.containsKey(entry.id) || admitted.containsKey(entry.id)) {
                return Admission.REUSED;
            }
            long live = java.util.stream.Stream.concat(offers.values().stream(), admitted.values().stream())
                    .filter(e -> e.incoming && e.peer.equals(entry.peer) && !e.state.ended())
                    .count();
            if (live >= MAX_LIVE_FROM_ONE_MEMBER) {
                return Admission.FULL;
            }
            admitted.put(entry.id, entry);
            return Admission.ADMITTED;
        }
    }

    /** Into a writable share only if the node's owner made it writable; into the inbox otherwise. */
    private Path destination(PeerId from, Offer offer) throws IOException {
        if (offer.getTargetShare().isEmpty()) {
            return settings.inbox();
        }
        return targets.writableDirectory(from, offer.getTargetShare(), offer.getTargetPath());
    }

    /** Accepts a pending incoming offer by ID or unique ID prefix. */
    public OfferStatus accept(String idOrPrefix) throws IOException {
        Entry entry = pending(idOrPrefix);
        // Claimed before the fetch starts, so that an expiry or a decline meanwhile cannot end it.
        if (!entry.moveIf(OfferStatus.State.PENDING, OfferStatus.State.ACCEPTED, null, clock)) {
            throw notWaiting(entry);
        }
        try {
            startFetch(entry);
        } catch (IOException | RuntimeException e) {
            entry.moveIf(OfferStatus.State.ACCEPTED, OfferStatus.State.PENDING, null, clock); // it may be tried again
            throw e;
        }
        return entry.status();
    }

    /** Declines a pending incoming offer; the sender is told. */
    public OfferStatus decline(String idOrPrefix) throws IOException {
        Entry entry = pending(idOrPrefix);
        if (!end(entry, OfferStatus.State.PENDING, OfferStatus.State.DECLINED, "The receiver declined the files.")) {
            throw notWaiting(entry);
        }
        forgetIncoming(entry); // declined for good, whether or not the sender hears it
        notifySender(entry, false, "The receiver declined the files.");
        return entry.status();
    }

    /** The offer is over on this side: it need not come back after a restart. */
    private void forgetIncoming(Entry entry) {
        try {
            store.forgetIncoming(entry.id);
        } catch (IOException e) {
            log.warn("Offer {} is over, but may come back after a restart: {}", entry.id, e.getMessage());
        }
    }

    private void startFetch(Entry entry) throws IOException {
        List<SendPorts.IndexedFileRef> files = entry.offer.getFilesList().stream()
                .map(f -> new SendPorts.IndexedFileRef(
                        f.getPath(), f.getSize(), f.getFileHash().toByteArray()))
                .toList();
        String label = entry.peer.shortForm() + " sent "
                + (files.size() == 1 ? files.getFirst().path() : files.size() + " files");
        String share = entry.offer.getShare();
        String transfer = fetcher.fetch(
                label, entry.peer, share, files, entry.dest, (complete, why) -> fetchEnded(entry, complete, why));
        entry.transferId = transfer;
        if (!entry.moveIfLive(OfferStatus.State.ACCEPTED, null, clock)) {
            return; // the transfer ended already, and its end was handled
        }
        try {
            store.fetching(entry.id, transfer);
        } catch (IOException e) {
            log.warn(
                    "Offer {} is being fetched, but its sender may not hear the end after a restart: {}",
                    entry.id,
                    e.getMessage());
        }
    }

    /** The transfer of an accepted offer ended: the sender is told, and the kept offer goes once it has heard. */
    private void fetchEnded(Entry entry, boolean complete, Optional<String> why) {
        end(entry, complete ? OfferStatus.State.COMPLETE : OfferStatus.State.FAILED, why.orElse(null));
        if (!entry.offer.getTargetShare().isEmpty()) {
            targets.written(entry.offer.getTargetShare());
        }
        notifySender(entry, complete, forSender(why.orElse(""), entry.dest));
    }

    /**
     * The receiver's sentence on how its fetch ended, for the sender: paths on this machine become
     * names below where the files went ("{@code /home/bob/inbox/.a.peernet-part}" becomes
     * "{@code .a.peernet-part}"), and advice for this node's own user goes.
     */
    static String forSender(String why, Path dest) {
        if (why.isEmpty()) {
            return why;
        }
        String said = why;
        if (dest != null) {
            String at = dest.toAbsolutePath().normalize().toString();
            said = said.replace(at + java.io.File.separator, "").replace(at, "the folder it was sent to");
        }
        int advice = said.indexOf("; its log has the details");
        return advice < 0 ? said : said.substring(0, advice) + ".";
    }

    /**
     * Tells the sender how its offer ended, in the background. An incoming offer whose transfer
     * ended is forgotten once the sender has heard. If the sender could not be told, it is told
     * again as soon as a connection with it is made ({@link #connected}), or when this node next
     * starts.
     */
    private void notifySender(Entry entry, boolean complete, String why) {
        notifySender(new Untold(entry, complete, why, 1));
    }

    private void notifySender(Untold notice) {
        Entry entry = notice.entry();
        boolean complete = notice.complete();
        String why = notice.why();
        work.execute(() -> {
            untold.remove(entry.id);
            var done = OfferDone.newBuilder()
                    .setId(ByteString.copyFrom(HEX.parseHex(entry.id)))
                    .setComplete(complete)
                    .setMessage(why);
            try (Stream stream = dialer.open(entry.peer, PROTOCOL)) {
                StreamMessages.write(
                        stream.output(), SendMessage.newBuilder().setDone(done).build());
                stream.output().close();
            } catch (IOException e) {
                log.info(
                        "Could not tell {} that offer {} ended ({}); it is told once it is connected again.",
                        entry.peer.shortForm(),
                        entry.id,
                        e.getMessage());
                untold.put(entry.id, notice);
                // A connection made while this attempt was failing found nothing to retell: ask again.
                if (notice.attempt() < MAX_QUICK_ATTEMPTS
                        && dialer.isConnected(entry.peer)
                        && untold.remove(entry.id, notice)) {
                    notifySender(new Untold(entry, complete, why, notice.attempt() + 1));
                }
                return;
            }
            forgetIncoming(entry);
        });
    }

    /**
     * A connection with {@code peer} was made: it hears now how the offers it sent ended while it
     * could not be told.
     */
    public void connected(PeerId peer) {
        for (Untold u : List.copyOf(untold.values())) {
            if (u.entry().peer.equals(peer) && untold.remove(u.entry().id, u)) {
                notifySender(u.entry(), u.complete(), u.why());
            }
        }
    }

    /** A done notice its sender has not heard yet, and which attempt at telling it this is. */
    private record Untold(Entry entry, boolean complete, String why, int attempt) {}

    /** Attempts in a row while the sender seems connected; after them, only a new connection retells. */
    private static final int MAX_QUICK_ATTEMPTS = 3;

    private void senderTold(PeerId from, OfferDone done) {
        Entry entry = offers.get(HEX.formatHex(done.getId().toByteArray()));
        if (entry == null || entry.incoming || !entry.peer.equals(from)) {
            return; // not ours, or not from its receiver: ignore
        }
        OfferStatus.State state;
        if (done.getComplete()) {
            state = OfferStatus.State.COMPLETE;
        } else if (entry.state == OfferStatus.State.PENDING) {
            state = OfferStatus.State.DECLINED;
        } else {
            state = OfferStatus.State.FAILED;
        }
        end(entry, state, done.getComplete() ? null : done.getMessage());
    }

    private Entry pending(String idOrPrefix) throws IOException {
        List<Entry> matches = offers.values().stream()
                .filter(e -> e.incoming && e.id.startsWith(idOrPrefix.toLowerCase(java.util.Locale.ROOT)))
                .toList();
        if (matches.size() != 1 || idOrPrefix.isEmpty()) {
            throw new RemoteShareException(
                    dev.peernet.share.proto.Error.Code.NOT_FOUND,
                    matches.isEmpty()
                            ? "No incoming offer has the ID " + idOrPrefix + "; 'peernet accept' lists them."
                            : "Several offers start with " + idOrPrefix + "; give more of the ID.");
        }
        Entry entry = matches.getFirst();
        if (entry.state != OfferStatus.State.PENDING) {
            throw notWaiting(entry);
        }
        return entry;
    }

    private static RemoteShareException notWaiting(Entry entry) {
        return new RemoteShareException(
                dev.peernet.share.proto.Error.Code.BAD_REQUEST,
                "The offer " + entry.id.substring(0, 8) + " is "
                        + entry.state.name().toLowerCase(java.util.Locale.ROOT) + ", not waiting for a decision.");
    }

    /** Ends an offer that was live, and stops serving it if it is outgoing; false if it had ended. */
    private boolean end(Entry entry, OfferStatus.State state, String why) {
        return end(entry, null, state, why);
    }

    /** {@link #end}, but only if the offer is in state {@code from} (any live state if null). */
    private boolean end(Entry entry, OfferStatus.State from, OfferStatus.State state, String why) {
        boolean moved = from == null ? entry.moveIfLive(state, why, clock) : entry.moveIf(from, state, why, clock);
        if (!moved) {
            return false;
        }
        if (!entry.incoming) {
            if (entry.hostedShare != null) {
                entry.bytesServedAtEnd = host.bytesServed(entry.hostedShare);
                host.unhost(entry.hostedShare);
            }
            try {
                store.forgetOutgoing(entry.id);
            } catch (IOException e) {
                log.warn("Offer {} ended, but may be served again after a restart: {}", entry.id, e.getMessage());
            }
        }
        forgetOldest();
        return true;
    }

    /**
     * Ends the offers that have waited longer than {@link #KEEP_FOR} for a decision: an incoming one
     * nobody accepted or declined is declined, and its sender told; an outgoing one its receiver
     * never answered is no longer served. The node asks every hour; {@link #restore} drops such
     * offers at start.
     *
     * @return how many ended
     */
    public int expire() {
        java.time.Instant oldest = clock.instant().minus(KEEP_FOR);
        int ended = 0;
        for (Entry entry : List.copyOf(offers.values())) {
            String why = entry.incoming ? undecided() : unfetched();
            boolean expired = entry.incoming
                    ? entry.created.isBefore(oldest)
                    // Its receiver may have accepted it without this side hearing: wait a day more,
                    // and never stop serving an offer that was fetched from.
                    : entry.created.isBefore(oldest.minus(SENDER_GRACE))
                            && entry.status().bytesServed() == 0;
            if (!expired
                    || !end(
                            entry,
                            OfferStatus.State.PENDING,
                            entry.incoming ? OfferStatus.State.DECLINED : OfferStatus.State.FAILED,
                            why)) {
                continue;
            }
            ended++;
            log.info(
                    "Offer {} {} {} expired: {}",
                    entry.id,
                    entry.incoming ? "from" : "to",
                    entry.peer.shortForm(),
                    why);
            if (entry.incoming) {
                forgetIncoming(entry);
                notifySender(entry, false, why);
            }
        }
        return ended;
    }

    /** How much longer than {@link #KEEP_FOR} a sender serves an offer nobody fetched from. */
    static final Duration SENDER_GRACE = Duration.ofDays(1);

    private static String undecided() {
        return "Nobody decided on the offer within " + KEEP_FOR.toDays() + " days.";
    }

    private static String unfetched() {
        return "The receiver fetched nothing of the offer within "
                + KEEP_FOR.plus(SENDER_GRACE).toDays() + " days, so it is no longer served.";
    }

    private void forgetOldest() {
        List<Entry> ended = offers.values().stream()
                .filter(e -> e.state.ended())
                .sorted(Comparator.comparing((Entry e) -> e.created))
                .toList();
        for (int i = 0; i < ended.size() - KEEP_ENDED; i++) {
            offers.remove(ended.get(i).id);
        }
    }

    /** Every offer, outgoing and incoming, newest first. */
    public List<OfferStatus> list() {
        List<OfferStatus> out = new ArrayList<>();
        offers.values().forEach(e -> out.add(e.status()));
        out.sort(Comparator.comparing(OfferStatus::created).reversed());
        return out;
    }

    /** One offer by its full ID. */
    public Optional<OfferStatus> status(String id) {
        return Optional.ofNullable(offers.get(id)).map(Entry::status);
    }

    private static long size(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String sentence(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        work.shutdownNow();
    }

    /** One offer's mutable state; its fields change only through {@link #move}. */
    private final class Entry {
        final String id;
        final boolean incoming;
        final PeerId peer;
        final List<OfferStatus.File> files;
        final java.time.Instant created;
        volatile OfferStatus.State state = OfferStatus.State.PREPARING;
        volatile String message;
        volatile String transferId;
        volatile String hostedShare;
        volatile long bytesServedAtEnd = -1;
        volatile java.time.Instant finished;
        Offer offer;
        Path dest;

        Entry(String id, boolean incoming, PeerId peer, List<OfferStatus.File> files, java.time.Instant created) {
            this.id = id;
            this.incoming = incoming;
            this.peer = peer;
            this.files = files;
            this.created = created;
        }

        synchronized void move(OfferStatus.State to, String why, InstantSource clock) {
            state = to;
            message = why;
            if (to.ended()) {
                finished = clock.instant();
            }
        }

        /** {@link #move}s only from state {@code from}; whether it moved. */
        synchronized boolean moveIf(OfferStatus.State from, OfferStatus.State to, String why, InstantSource clock) {
            if (state != from) {
                return false;
            }
            move(to, why, clock);
            return true;
        }

        /** {@link #move}s unless the offer has ended already; whether it moved. */
        synchronized boolean moveIfLive(OfferStatus.State to, String why, InstantSource clock) {
            if (state.ended()) {
                return false;
            }
            move(to, why, clock);
            return true;
        }

        OfferStatus status() {
            long served =
                    bytesServedAtEnd >= 0 ? bytesServedAtEnd : hostedShare == null ? 0 : host.bytesServed(hostedShare);
            return new OfferStatus(
                    id,
                    incoming,
                    peer,
                    files,
                    state,
                    Optional.ofNullable(message),
                    Optional.ofNullable(transferId),
                    served,
                    created,
                    Optional.ofNullable(finished));
        }
    }
}
