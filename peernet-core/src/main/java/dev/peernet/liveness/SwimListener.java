package dev.peernet.liveness;

import java.util.Optional;

/** Told of every change of state in the local view, on the thread that drives {@link Swim}. */
@FunctionalInterface
public interface SwimListener {
    /**
     * {@code member} is now in {@code member.state()}; {@code previous} is empty when the member
     * enters the view.
     */
    void memberChanged(Member member, Optional<MemberState> previous);
}
