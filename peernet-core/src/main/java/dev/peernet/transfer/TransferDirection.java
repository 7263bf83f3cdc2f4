package dev.peernet.transfer;

/** Which way a transfer's bytes go, as seen from this node. */
public enum TransferDirection {
    /** This node fetches files from members. */
    DOWNLOAD,
    /** This node offered files that a member fetches (one-shot send). */
    SEND
}
