package io.accesshub.application.fakes;

import io.accesshub.application.port.out.HubMetrics;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link HubMetrics} that records each observation as a short line ("refresh app issued", "read issued", "cache hit"). */
public final class RecordingHubMetrics implements HubMetrics {

    private final List<String> recorded = new ArrayList<>();

    @Override
    public synchronized void refreshOutcome(MarketplaceAppId app, String outcomeClass) {
        recorded.add("refresh " + app.value() + " " + outcomeClass);
    }

    @Override
    public synchronized void refreshLag(MarketplaceAppId app, Duration timeLeft) {
        recorded.add("lag " + app.value() + " " + timeLeft);
    }

    @Override
    public TokenReadTiming startTokenRead() {
        return outcome -> record("read " + outcome);
    }

    @Override
    public void tokenCacheLookup(boolean hit) {
        record(hit ? "cache hit" : "cache miss");
    }

    @Override
    public void lifecycleDeliveryFailed(String outcome) {
        record("lifecycle failed " + outcome);
    }

    private synchronized void record(String line) {
        recorded.add(line);
    }

    /** Everything recorded so far, in order. */
    public synchronized List<String> recorded() {
        return List.copyOf(recorded);
    }
}
