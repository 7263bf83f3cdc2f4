package dev.peernet.share;

/** A share operation refused, with a sentence for the user and the kind of refusal. */
public final class ShareException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why an operation was refused. */
    public enum Kind {
        /** The path is missing, not a directory, or unreadable. */
        BAD_PATH,
        /** The name is malformed. */
        BAD_NAME,
        /** Another share has the name. */
        NAME_TAKEN,
        /** No share has the name. */
        UNKNOWN_SHARE
    }

    private final Kind kind;

    public ShareException(Kind kind, String sentence) {
        super(sentence);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
