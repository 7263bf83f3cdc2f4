package dev.peernet.membership;

/** A membership operation that cannot be done, with a sentence saying why and what to do. */
public class MembershipException extends Exception {
    private static final long serialVersionUID = 1L;

    public MembershipException(String message) {
        super(message);
    }

    public MembershipException(String message, Throwable cause) {
        super(message, cause);
    }
}
