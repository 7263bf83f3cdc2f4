package dev.peernet.wire;

/**
 * Why a stream or connection was closed. Values and wire codes mirror {@code ErrorCode} in
 * {@code peernet/wire/v1/session.proto}.
 */
public enum ErrorCode {
    NO_ERROR(1),
    PROTOCOL_ERROR(2),
    FRAME_TOO_LARGE(3),
    MALFORMED_FRAME(4),
    UNKNOWN_FRAME_TYPE(5),
    UNKNOWN_PROTOCOL(6),
    FLOW_CONTROL_ERROR(7),
    INCOMPATIBLE_VERSION(8),
    HANDSHAKE_TIMEOUT(9),
    DUPLICATE_CONNECTION(10),
    IDLE_TIMEOUT(11),
    CANCELLED(12),
    INTERNAL_ERROR(13),
    REFUSED(14),
    SHUTDOWN(15),
    NOT_A_MEMBER(16),
    /** A code this build does not know; kept so an unknown code is reported rather than dropped. */
    UNKNOWN(0);

    private final int wireCode;

    ErrorCode(int wireCode) {
        this.wireCode = wireCode;
    }

    public int wireCode() {
        return wireCode;
    }

    /** The code with this wire value, or {@link #UNKNOWN}. */
    public static ErrorCode fromWire(int code) {
        for (ErrorCode c : values()) {
            if (c.wireCode == code && c != UNKNOWN) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
