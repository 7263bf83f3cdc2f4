package dev.peernet.wire;

import java.util.ArrayDeque;

/**
 * Reuses byte arrays of one size, so bulk DATA does not allocate 64 KiB per frame on each side.
 * Arrays of any other size pass through untouched; at most {@code capacity} arrays are kept.
 */
public final class BufferPool {
    private final int size;
    private final int capacity;
    /** Last in, first out: the array handed out next is the one most likely still in cache. */
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();

    public BufferPool(int size, int capacity) {
        this.size = size;
        this.capacity = capacity;
    }

    /** The size of the arrays this pool holds. */
    public int size() {
        return size;
    }

    /** An array of {@link #size()} bytes with undefined contents. */
    public byte[] take() {
        byte[] b;
        synchronized (free) {
            b = free.pollLast();
        }
        return b == null ? new byte[size] : b;
    }

    /** Hands an array back once nothing refers to it any more; other sizes are ignored. */
    public void give(byte[] b) {
        if (b.length != size) {
            return;
        }
        synchronized (free) {
            if (free.size() < capacity) {
                free.addLast(b);
            }
        }
    }
}
