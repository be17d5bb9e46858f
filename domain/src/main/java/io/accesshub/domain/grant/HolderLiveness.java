package io.accesshub.domain.grant;

import io.accesshub.domain.shared.DomainException;

import java.time.Duration;
import java.util.Objects;

/**
 * When the instance that presented a refresh token (the holder) counts as gone, so that another instance may start
 * the recovery ladder: only after the holder's lease has stayed expired for {@code goneAfter} <em>while the
 * database was reachable</em> from the instance that judges. A holder that got HighLevel's answer keeps retrying to
 * store it; once the database answers it stores the pair within seconds, so a database outage alone never makes a
 * holder look dead: the judge's own reachability restarts the count.
 */
public record HolderLiveness(Duration goneAfter) {

    /** A holder is judged gone after 60 s of expired lease with the database reachable. */
    public static final HolderLiveness DEFAULT = new HolderLiveness(Duration.ofSeconds(60));

    public HolderLiveness {
        Objects.requireNonNull(goneAfter, "goneAfter");
        DomainException.require(!goneAfter.isNegative(), "the holder's grace time must not be negative");
    }

    /** The judgement on an attempt in flight. */
    public sealed interface Verdict {
        /** The holder may still be alive and storing its answer: wait, at least {@code retryAfter}. */
        record MayBeAlive(Duration retryAfter) implements Verdict {
        }

        /** The holder is gone: its outcome is lost unless the recovery ladder finds it. */
        record Gone() implements Verdict {
        }
    }

    /**
     * Judges the holder of an attempt in flight.
     *
     * @param leaseExpiredFor how long the holder's lease has been expired by the database clock (zero while it lasts)
     * @param databaseReachableFor how long the judging instance has reached the database without a failure
     */
    public Verdict judge(Duration leaseExpiredFor, Duration databaseReachableFor) {
        Objects.requireNonNull(leaseExpiredFor, "leaseExpiredFor");
        Objects.requireNonNull(databaseReachableFor, "databaseReachableFor");
        Duration observed = leaseExpiredFor.compareTo(databaseReachableFor) < 0 ? leaseExpiredFor
                : databaseReachableFor;
        if (observed.compareTo(goneAfter) >= 0) {
            return new Verdict.Gone();
        }
        return new Verdict.MayBeAlive(goneAfter.minus(observed));
    }
}
