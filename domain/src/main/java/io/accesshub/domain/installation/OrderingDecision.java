package io.accesshub.domain.installation;

/** What {@link EventOrdering} says to do with a stamped lifecycle signal. */
public enum OrderingDecision {
    /** The signal changes the installation: reinstall an uninstalled one, or uninstall an installed one. */
    APPLY,
    /** The installation already agrees with the signal, which is newer: only move the lifecycle stamp forward. */
    ADVANCE_STAMP,
    /** The installation already agrees with the signal, which is not newer: nothing to do. */
    ALREADY_CONVERGED,
    /** The signal disagrees but is older than the last lifecycle change: it must not undo it. */
    IGNORE_STALE
}
