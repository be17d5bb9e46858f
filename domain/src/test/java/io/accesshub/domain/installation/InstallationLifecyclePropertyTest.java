package io.accesshub.domain.installation;

import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.shared.ErrorCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.accesshub.domain.testing.DomainFixtures.LOCATION_KEY;
import static io.accesshub.domain.testing.DomainFixtures.installationId;
import static org.assertj.core.api.Assertions.assertThat;

class InstallationLifecyclePropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    record Signal(LifecycleSignal kind, int second) {
        Instant stamp() {
            return T0.plusSeconds(second);
        }
    }

    enum Action { ACTIVATE, DEGRADE, SUSPEND, NEEDS_REAUTH, UNINSTALL, REINSTALL, CONFIRM_INSTALLED }

    @Provide
    Arbitrary<Signal> signals() {
        return Combinators.combine(Arbitraries.of(LifecycleSignal.class), Arbitraries.integers().between(0, 15))
                .as(Signal::new);
    }

    @Provide
    Arbitrary<Action> actions() {
        return Arbitraries.of(Action.class);
    }

    /** Applies a stamped signal the way a webhook handler would, consulting {@link EventOrdering}. */
    private static Installation apply(Installation installation, Signal signal, Instant now) {
        OrderingDecision decision = EventOrdering.judge(installation, signal.kind(), signal.stamp());
        return switch (decision) {
            case IGNORE_STALE, ALREADY_CONVERGED -> installation;
            case APPLY, ADVANCE_STAMP -> signal.kind() == LifecycleSignal.UNINSTALL
                    ? installation.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, signal.stamp(), now)
                    : decision == OrderingDecision.APPLY
                    ? installation.reinstall(CompanyInstallDetails.none(), signal.stamp(), now)
                    : installation.confirmInstalled(signal.stamp());
        };
    }

    private static Installation replay(List<Signal> signals) {
        Installation installation = Installation.create(installationId(1), LOCATION_KEY, CompanyInstallDetails.none(),
                T0);
        Instant now = T0.plusSeconds(100);
        for (Signal signal : signals) {
            installation = apply(installation, signal, now);
            now = now.plusSeconds(1);
        }
        return installation;
    }

    @Property
    void theNewestSignalWinsWhateverTheArrivalOrderWithUninstallWinningTies(
            @ForAll @Size(max = 12) List<@net.jqwik.api.From("signals") Signal> signals, @ForAll Random random) {
        List<Signal> all = new ArrayList<>(signals);
        all.add(new Signal(LifecycleSignal.INSTALL, 0)); // the creation itself
        int newest = all.stream().mapToInt(Signal::second).max().orElseThrow();
        boolean expectInstalled = all.stream()
                .filter(s -> s.second() == newest)
                .noneMatch(s -> s.kind() == LifecycleSignal.UNINSTALL);

        List<Signal> shuffled = new ArrayList<>(signals);
        Collections.shuffle(shuffled, random);
        List<Signal> sorted = new ArrayList<>(signals);
        sorted.sort(Comparator.comparing(Signal::second));
        List<Signal> reversed = new ArrayList<>(sorted);
        Collections.reverse(reversed);

        for (List<Signal> order : List.of(signals, shuffled, sorted, reversed)) {
            Installation result = replay(order);
            assertThat(result.status().isInstalled()).as("installed after %s", order).isEqualTo(expectInstalled);
            assertThat(result.lastLifecycleChangeAt()).isEqualTo(T0.plusSeconds(newest));
        }
    }

    @Property
    void anySequenceOfActionsKeepsTheLifecycleConsistent(
            @ForAll @Size(max = 30) List<@net.jqwik.api.From("actions") Action> actions,
            @ForAll @Size(max = 30) List<@net.jqwik.api.From("signals") Signal> stamps) {
        Installation installation = Installation.create(installationId(1), LOCATION_KEY, CompanyInstallDetails.none(),
                T0);
        Instant now = T0;
        for (int i = 0; i < actions.size(); i++) {
            now = now.plusSeconds(7);
            Instant stamp = i < stamps.size() ? stamps.get(i).stamp() : now;
            Installation before = installation;
            try {
                installation = perform(before, actions.get(i), stamp, now);
            } catch (DomainException refused) {
                assertThat(refused.errorCode())
                        .isIn(ErrorCode.ILLEGAL_TRANSITION, ErrorCode.STALE_LIFECYCLE_EVENT);
                continue;
            }
            Installation after = installation;
            assertThat(after.reason().status()).isEqualTo(after.status());
            assertThat(after.lastLifecycleChangeAt()).isAfterOrEqualTo(before.lastLifecycleChangeAt());
            assertThat(after.id()).isEqualTo(before.id());
            assertThat(after.key()).isEqualTo(before.key());
            int newEvents = after.recordedEvents().size() - before.recordedEvents().size();
            if (after.status() == before.status()) {
                assertThat(newEvents).isZero();
            } else {
                assertThat(before.status().canMoveTo(after.status())).isTrue();
                assertThat(newEvents).isEqualTo(1);
                assertThat(after.statusChangedAt()).isEqualTo(now);
            }
        }
    }

    private static Installation perform(Installation installation, Action action, Instant stamp, Instant now) {
        return switch (action) {
            case ACTIVATE -> installation.activate(StateReason.GRANT_ISSUED, now);
            case DEGRADE -> installation.degrade(StateReason.MARKETPLACE_UNAVAILABLE, now);
            case SUSPEND -> installation.suspend(StateReason.LOCATION_NOT_ACTIVE, now);
            case NEEDS_REAUTH -> installation.markNeedsReauth(StateReason.REFRESH_OUTCOME_LOST, now);
            case UNINSTALL -> installation.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, stamp, now);
            case REINSTALL -> installation.reinstall(CompanyInstallDetails.none(), stamp, now);
            case CONFIRM_INSTALLED -> installation.confirmInstalled(stamp);
        };
    }
}
