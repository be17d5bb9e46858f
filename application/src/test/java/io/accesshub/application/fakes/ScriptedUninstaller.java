package io.accesshub.application.fakes;

import io.accesshub.application.port.out.MarketplaceUninstaller;
import io.accesshub.application.port.out.UninstallOutcome;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.UserType;
import io.accesshub.domain.uninstall.UninstallReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** Answers uninstall calls with scripted outcomes (then {@link UninstallOutcome.Removed}) and records each call. */
public final class ScriptedUninstaller implements MarketplaceUninstaller {

    /** One call as sent. */
    public record Call(InstallationKey target, AccessToken bearer, UserType bearerType, UninstallReason reason) {
    }

    private final Deque<Supplier<UninstallOutcome>> script = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();

    /** Queues answers for the next calls, in order. */
    public synchronized ScriptedUninstaller answer(UninstallOutcome... outcomes) {
        for (UninstallOutcome outcome : outcomes) {
            script.add(() -> outcome);
        }
        return this;
    }

    /** Queues an answer computed when the call arrives (to let something happen at HighLevel meanwhile). */
    public synchronized ScriptedUninstaller answerWith(Supplier<UninstallOutcome> outcome) {
        script.add(outcome);
        return this;
    }

    @Override
    public synchronized UninstallOutcome uninstall(InstallationKey target, AccessToken bearer, UserType bearerType,
                                                   UninstallReason reason) {
        calls.add(new Call(target, bearer, bearerType, reason));
        Supplier<UninstallOutcome> next = script.poll();
        return next == null ? new UninstallOutcome.Removed() : next.get();
    }

    /** The calls so far, oldest first. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }
}
