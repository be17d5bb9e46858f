package io.accesshub.domain.installation;

import java.time.Instant;
import java.util.Objects;

/**
 * The rule that makes install/uninstall convergence independent of arrival order: an event older than the
 * installation's last lifecycle change never undoes it.
 *
 * <p>Precisely: the installation keeps the stamp of the newest lifecycle signal it has seen
 * ({@link Installation#lastLifecycleChangeAt()}). A disagreeing INSTALL applies (reinstalls) only when strictly
 * newer; a disagreeing UNINSTALL applies when not older, so an INSTALL and an UNINSTALL with the same stamp
 * always end uninstalled, whichever arrives first. A signal that agrees moves the stamp forward when newer, so a
 * later-arriving older signal of the other kind is still recognised as stale. The outcome for any set of signals
 * is therefore that of the newest one (uninstall winning ties), in every arrival order.
 */
public final class EventOrdering {

    private EventOrdering() {
    }

    /** Judges a lifecycle signal stamped {@code stampedAt} against the installation's current state. */
    public static OrderingDecision judge(Installation installation, LifecycleSignal signal, Instant stampedAt) {
        Objects.requireNonNull(installation, "installation");
        return judge(installation.status(), installation.lastLifecycleChangeAt(), signal, stampedAt);
    }

    /** Judges a lifecycle signal against a status and the stamp of the last lifecycle change. */
    public static OrderingDecision judge(InstallationStatus status, Instant lastLifecycleChangeAt,
                                         LifecycleSignal signal, Instant stampedAt) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastLifecycleChangeAt, "lastLifecycleChangeAt");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(stampedAt, "stampedAt");
        boolean agrees = (signal == LifecycleSignal.INSTALL) == status.isInstalled();
        if (agrees) {
            return stampedAt.isAfter(lastLifecycleChangeAt)
                    ? OrderingDecision.ADVANCE_STAMP
                    : OrderingDecision.ALREADY_CONVERGED;
        }
        boolean newEnough = signal == LifecycleSignal.INSTALL
                ? stampedAt.isAfter(lastLifecycleChangeAt)
                : !stampedAt.isBefore(lastLifecycleChangeAt);
        return newEnough ? OrderingDecision.APPLY : OrderingDecision.IGNORE_STALE;
    }
}
