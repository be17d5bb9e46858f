package io.accesshub.bootstrap.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of the fleet's state read from the database with a few {@code COUNT ... GROUP BY} queries, at most once per
 * {@code interval} (refreshed by a scrape that finds them older), so scrapes stay cheap and idle instances query
 * nothing. Every instance reports the same shared numbers: aggregate them with {@code max}, not {@code sum}.
 */
public final class FleetGauges {

    private static final Logger LOG = LoggerFactory.getLogger(FleetGauges.class);

    static final String INSTALLATIONS = "accesshub.installations";
    static final String GRANTS_OVERDUE = "accesshub.grants.overdue";
    static final String INBOX_DEPTH = "accesshub.webhooks.inbox.depth";
    static final String INBOX_OLDEST_AGE = "accesshub.webhooks.inbox.oldest.age";
    static final String DEAD_LETTERS = "accesshub.webhooks.dead.letters";
    static final String OUTBOX_DEPTH = "accesshub.lifecycle.outbox.depth";
    static final String OUTBOX_PARKED = "accesshub.lifecycle.outbox.parked";
    static final String PROVISIONING_DEPTH = "accesshub.provisioning.queue.depth";

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration interval;
    private final MultiGauge installations;
    private final MultiGauge overdue;
    private final AtomicLong inboxDepth = new AtomicLong();
    private final AtomicLong inboxOldestMicros = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong outboxDepth = new AtomicLong();
    private final AtomicLong outboxParked = new AtomicLong();
    private final AtomicLong provisioningDepth = new AtomicLong();
    private final AtomicReference<Instant> readAt = new AtomicReference<>(Instant.MIN);

    public FleetGauges(DataSource dataSource, MeterRegistry registry, Clock clock, Duration interval) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.interval = interval;
        this.installations = MultiGauge.builder(INSTALLATIONS)
            .description("Installations (each holds one grant) by app and status").register(registry);
        this.overdue = MultiGauge.builder(GRANTS_OVERDUE)
            .description("Grants of active installations whose access token expired without a refresh, by app")
            .register(registry);
        Gauge.builder(INBOX_DEPTH, inboxDepth, AtomicLong::get)
            .description("Webhook events stored and not yet processed").register(registry);
        Gauge.builder(INBOX_OLDEST_AGE, inboxOldestMicros, micros -> micros.get() / 1_000_000.0).baseUnit("seconds")
            .description("Age of the oldest webhook event not yet processed (0 when none)").register(registry);
        Gauge.builder(DEAD_LETTERS, deadLetters, AtomicLong::get)
            .description("Webhook events that failed every attempt and wait for an operator").register(registry);
        Gauge.builder(OUTBOX_DEPTH, outboxDepth, AtomicLong::get)
            .description("Lifecycle events not yet delivered to the listeners").register(registry);
        Gauge.builder(OUTBOX_PARKED, outboxParked, AtomicLong::get)
            .description("Lifecycle events parked after failing every delivery attempt").register(registry);
        Gauge.builder(PROVISIONING_DEPTH, provisioningDepth, AtomicLong::get)
            .description("Agencies whose locations are still being provisioned").register(registry);
    }

    /** Reads the numbers again when the last read is older than the interval; a failed read keeps the old ones. */
    public void refreshIfStale() {
        Instant now = clock.instant();
        Instant last = readAt.get();
        if (!last.plus(interval).isBefore(now) || !readAt.compareAndSet(last, now)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            installations.register(rows(connection, "SELECT app_id, status, COUNT(*) FROM installation"
                + " GROUP BY app_id, status", true), true);
            overdue.register(rows(connection, "SELECT i.app_id, COUNT(*) FROM installation i"
                + " JOIN token_grant g ON g.installation_id = i.id WHERE i.status = 'ACTIVE'"
                + " AND g.access_token_expires_at < UTC_TIMESTAMP(6) GROUP BY i.app_id", false), true);
            inboxDepth.set(single(connection, "SELECT COUNT(*) FROM webhook_inbox WHERE status = 'PENDING'"));
            inboxOldestMicros.set(single(connection, "SELECT COALESCE(TIMESTAMPDIFF(MICROSECOND, MIN(received_at),"
                + " UTC_TIMESTAMP(6)), 0) FROM webhook_inbox WHERE status = 'PENDING'"));
            deadLetters.set(single(connection, "SELECT COUNT(*) FROM webhook_inbox WHERE status = 'DEAD'"));
            outboxDepth.set(single(connection, "SELECT COUNT(*) FROM lifecycle_outbox WHERE delivered = FALSE"));
            // parked rows are delivered ones: ix_lifecycle_outbox_retention answers from the index alone
            outboxParked.set(single(connection,
                "SELECT COUNT(*) FROM lifecycle_outbox WHERE delivered = TRUE AND parked = TRUE"));
            provisioningDepth.set(single(connection,
                "SELECT COUNT(*) FROM location_provisioning WHERE status = 'PENDING'"));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Fleet gauges not refreshed: {}", e.getClass().getSimpleName());
        }
    }

    private static List<MultiGauge.Row<?>> rows(Connection connection, String sql, boolean withStatus)
        throws SQLException {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                Tags tags = Tags.of("app", result.getString(1));
                if (withStatus) {
                    tags = tags.and("status", result.getString(2).toLowerCase(Locale.ROOT));
                }
                rows.add(MultiGauge.Row.of(tags, result.getLong(withStatus ? 3 : 2)));
            }
        }
        return rows;
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            return result.next() ? result.getLong(1) : 0;
        }
    }
}
