package dev.peernet.membership;

import java.util.Arrays;

/**
 * Which of two networks that share a passphrase moves into the other: the smaller one, and on a
 * tie the one whose ID sorts higher. Both sides apply the same rule, so exactly one direction of a
 * pair of simultaneous attempts succeeds.
 */
final class Merge {
    private Merge() {}

    /** Whether network {@code mine} should move into network {@code theirs}. */
    static boolean shouldMove(int mySize, byte[] mine, int theirSize, byte[] theirs) {
        if (mySize != theirSize) {
            return mySize < theirSize;
        }
        return Arrays.compareUnsigned(mine, theirs) > 0;
    }
}
