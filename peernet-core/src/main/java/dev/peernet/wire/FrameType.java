package dev.peernet.wire;

/** Frame types and their wire codes (the header's type byte). */
enum FrameType {
    DATA(0),
    OPEN(1),
    ACCEPT(2),
    RESET(3),
    WINDOW_UPDATE(4),
    PING(5),
    PONG(6),
    GOAWAY(7),
    HELLO(8);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The type with this code, or null if unknown. */
    static FrameType of(int code) {
        return BY_CODE[code & 0xff];
    }
}
