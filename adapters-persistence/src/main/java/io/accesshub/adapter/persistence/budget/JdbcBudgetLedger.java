package io.accesshub.adapter.persistence.budget;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.out.BudgetLedger;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.BudgetState;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@link BudgetLedger} on the {@code rate_budget} table, on the database clock ({@code UTC_TIMESTAMP(6)}): a read is
 * one SELECT returning the row and the clock; a write is one conditional UPDATE (or an INSERT for a new budget) that
 * matches only the version it was computed from and only while the database clock is in its slot. Each is a single
 * statement on a connection in auto-commit ({@link Connectable}): no transaction, so no {@code SET autocommit} or
 * {@code COMMIT} around it.
 */
@Singleton
public class JdbcBudgetLedger implements BudgetLedger {

    /** Microseconds since the epoch on the database clock, independent of the session time zone. */
    private static final String DB_MICROS = "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))";

    private final JdbcOperations jdbc;

    public JdbcBudgetLedger(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Connectable
    public Reading read(BudgetKey key, BudgetPolicy policy) {
        return jdbc.prepareStatement("SELECT UTC_TIMESTAMP(6), b.head_slot, b.slot_counts, b.budget_day, b.day_used,"
            + " b.paused_until_ms, b.version FROM (SELECT 1 AS one) d LEFT JOIN rate_budget b"
            + " ON b.app_id = ? AND b.resource_id = ?", ps -> {
                ps.setString(1, key.app().value());
                ps.setString(2, key.resourceId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    java.time.Instant now = DbTime.fromColumn(rs.getString(1));
                    String counts = rs.getString(3);
                    if (counts == null) {
                        return new Reading(Optional.empty(), now);
                    }
                    return new Reading(Optional.of(BudgetState.rehydrate(policy, rs.getLong(2), parse(counts),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))), now);
                }
            });
    }

    @Override
    @Connectable
    public boolean write(BudgetKey key, long expectedVersion, BudgetState next, BudgetPolicy policy, long slot) {
        long slotMicros = policy.slotLength().toNanos() / 1000;
        if (expectedVersion == 0) {
            // IGNORE: another instance inserting first is a lost race (0 rows), as for the conditional UPDATE.
            return jdbc.prepareStatement("INSERT IGNORE INTO rate_budget (app_id, resource_id, head_slot, slot_counts,"
                + " budget_day, day_used, paused_until_ms, version) SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL"
                + " WHERE " + DB_MICROS + " DIV ? = ?", ps -> {
                    ps.setString(1, key.app().value());
                    ps.setString(2, key.resourceId());
                    ps.setLong(3, next.headSlot());
                    ps.setString(4, format(next.counts()));
                    ps.setLong(5, next.day());
                    ps.setLong(6, next.dayUsed());
                    ps.setLong(7, next.pausedUntilMillis());
                    ps.setLong(8, next.version());
                    ps.setLong(9, slotMicros);
                    ps.setLong(10, slot);
                    return ps.executeUpdate() == 1;
                });
        }
        return jdbc.prepareStatement("UPDATE rate_budget SET head_slot = ?, slot_counts = ?, budget_day = ?,"
            + " day_used = ?, paused_until_ms = ?, version = ? WHERE app_id = ? AND resource_id = ? AND version = ?"
            + " AND " + DB_MICROS + " DIV ? = ?", ps -> {
                ps.setLong(1, next.headSlot());
                ps.setString(2, format(next.counts()));
                ps.setLong(3, next.day());
                ps.setLong(4, next.dayUsed());
                ps.setLong(5, next.pausedUntilMillis());
                ps.setLong(6, next.version());
                ps.setString(7, key.app().value());
                ps.setString(8, key.resourceId());
                ps.setLong(9, expectedVersion);
                ps.setLong(10, slotMicros);
                ps.setLong(11, slot);
                return ps.executeUpdate() == 1;
            });
    }

    @Override
    @Connectable
    public Busiest busiestToday(BudgetPolicy policy, Optional<MarketplaceAppId> app, PageRequest page) {
        Instant now = ledgerNow();
        long today = policy.dayOf(now);
        String appId = app.map(MarketplaceAppId::value).orElse(null);
        long total = jdbc.prepareStatement("SELECT COUNT(*) FROM rate_budget WHERE budget_day = ?"
            + " AND (? IS NULL OR app_id = ?)", ps -> {
                ps.setLong(1, today);
                ps.setString(2, appId);
                ps.setString(3, appId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        if (total <= page.offset()) {
            return new Busiest(new Page<>(List.of(), total, page), now);
        }
        // walks ix_rate_budget_busiest (budget_day, day_used; the primary key app_id, resource_id ends every index)
        // backwards: all columns descending, so no sort
        List<StoredBudget> items = jdbc.prepareStatement("SELECT app_id, resource_id, head_slot, slot_counts,"
            + " budget_day, day_used, paused_until_ms, version FROM rate_budget WHERE budget_day = ?"
            + " AND (? IS NULL OR app_id = ?) ORDER BY day_used DESC, app_id DESC, resource_id DESC LIMIT ? OFFSET ?",
            ps -> {
                ps.setLong(1, today);
                ps.setString(2, appId);
                ps.setString(3, appId);
                ps.setInt(4, page.limit());
                ps.setLong(5, page.offset());
                return budgets(policy, ps.executeQuery());
            });
        return new Busiest(new Page<>(items, total, page), now);
    }

    @Override
    @Connectable
    public Sample busiestSample(BudgetPolicy policy, MarketplaceAppId app, int limit) {
        Instant now = ledgerNow();
        // walks ix_rate_budget_app_busiest (app_id, budget_day, day_used; the primary key's resource_id ends it)
        // backwards from the app's busiest budget today: no count, no other app's rows, no sort
        List<StoredBudget> items = jdbc.prepareStatement("SELECT app_id, resource_id, head_slot, slot_counts,"
            + " budget_day, day_used, paused_until_ms, version FROM rate_budget WHERE app_id = ? AND budget_day = ?"
            + " ORDER BY day_used DESC, resource_id DESC LIMIT ?", ps -> {
                ps.setString(1, app.value());
                ps.setLong(2, policy.dayOf(now));
                ps.setInt(3, limit);
                return budgets(policy, ps.executeQuery());
            });
        return new Sample(items, now);
    }

    private Instant ledgerNow() {
        return jdbc.prepareStatement("SELECT UTC_TIMESTAMP(6)", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return DbTime.fromColumn(rs.getString(1));
            }
        });
    }

    private static List<StoredBudget> budgets(BudgetPolicy policy, ResultSet results) throws SQLException {
        List<StoredBudget> found = new ArrayList<>();
        try (ResultSet rs = results) {
            while (rs.next()) {
                found.add(new StoredBudget(BudgetKey.of(MarketplaceAppId.of(rs.getString(1)), rs.getString(2)),
                    BudgetState.rehydrate(policy, rs.getLong(3), parse(rs.getString(4)), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8))));
            }
        }
        return found;
    }

    private static String format(int[] counts) {
        StringBuilder out = new StringBuilder();
        for (int count : counts) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(count);
        }
        return out.toString();
    }

    private static int[] parse(String counts) {
        return counts.isEmpty() ? new int[0] : Arrays.stream(counts.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
