/**
 * Liveness: who among the members is alive, by SWIM failure detection with Lifeguard suspicion.
 *
 * <p>{@link dev.peernet.liveness.Swim} is a pure state machine. The caller feeds it the time
 * ({@code tick(nowNanos)}) and the messages that arrive ({@code onMessage(from, message, nowNanos)});
 * it sends through a {@link dev.peernet.liveness.SwimTransport} (unreliable, datagram-like) and
 * reports changes of state to {@link dev.peernet.liveness.SwimListener}s. Who may be a member at all
 * is decided elsewhere and handed over with {@code addMember}/{@code removeMember}; messages from, and
 * gossip about, anyone else are ignored.
 *
 * <p>Data model, as a grammar ({@code swim.proto} is the byte form, {@link
 * dev.peernet.liveness.SwimCodec} the codec, {@code docs/protocol/liveness.md} the rules):
 *
 * <pre>
 * SwimMessage  = Ping(seq, updates) | PingReq(seq, target, updates) | Ack(seq, updates)
 *              | Nack(seq) | Gossip(updates) | Sync(reply, members) | Unknown(kind)
 * MemberUpdate = (id, state, incarnation, addresses, version, accuser?)
 * state        = alive | suspect | dead | left        at equal incarnation, later wins
 * </pre>
 *
 * <p>State machine of one member in one view: {@code alive → suspect} when a probe (direct, then
 * through k others) goes unanswered; {@code suspect → alive} when the member refutes with a higher
 * incarnation; {@code suspect → dead} when the suspicion times out (Lifeguard: the timeout falls
 * from its longest to its shortest as independent confirmations arrive, and scales with log N);
 * {@code any → left} when the member itself says it left; {@code dead/left → alive} only at a higher
 * incarnation, i.e. a member that was wrongly declared dead or came back.
 */
package dev.peernet.liveness;
