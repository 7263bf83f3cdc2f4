package dev.peernet.session;

/** Which side opened a connection. */
public enum Direction {
    /** This node dialled the peer. */
    OUTBOUND,
    /** The peer dialled this node. */
    INBOUND;

    /** Lower-case name for display and JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
