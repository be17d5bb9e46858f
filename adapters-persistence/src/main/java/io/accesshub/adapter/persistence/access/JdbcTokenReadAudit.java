package io.accesshub.adapter.persistence.access;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.adapter.persistence.FilteredQueries;
import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.out.TokenReadAudit;
import io.accesshub.application.port.out.TokenReadAuditQuery;
import io.accesshub.application.port.out.TokenReadCount;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link TokenReadAudit} on {@code token_read_audit}: one multi-row upsert per batch of counts (a count adds to the
 * stored one), listings by the company, location or key index, purges in primary-key order.
 */
@Singleton
public class JdbcTokenReadAudit implements TokenReadAudit {

    private static final int ROWS_PER_STATEMENT = 500;

    private final JdbcOperations jdbc;

    JdbcTokenReadAudit(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void add(List<TokenReadCount> counts) {
        for (int from = 0; from < counts.size(); from += ROWS_PER_STATEMENT) {
            List<TokenReadCount> chunk = counts.subList(from, Math.min(counts.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(
                "INSERT INTO token_read_audit (minute_at, key_name, app_id, company_id, location_key, read_count) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            }
            sql.append(" ON DUPLICATE KEY UPDATE read_count = read_count + VALUES(read_count)");
            jdbc.prepareStatement(sql.toString(), ps -> {
                int p = 1;
                for (TokenReadCount count : chunk) {
                    InstallationKey key = count.installation();
                    ps.setString(p++, DbTime.toColumn(count.minute()));
                    ps.setString(p++, count.keyName());
                    ps.setString(p++, key.appId().value());
                    ps.setString(p++, key.companyId().value());
                    ps.setString(p++, key.locationId().map(LocationId::value).orElse(""));
                    ps.setLong(p++, count.reads());
                }
                return ps.executeUpdate();
            });
        }
    }

    @Override
    @Connectable
    public Page<TokenReadCount> find(TokenReadAuditQuery query, PageRequest page) {
        StringBuilder where = new StringBuilder(" FROM token_read_audit WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        query.companyId().ifPresent(c -> {
            where.append(" AND company_id = ?");
            parameters.add(c.value());
        });
        query.locationId().ifPresent(l -> {
            where.append(" AND location_key = ?");
            parameters.add(l.value());
        });
        query.keyName().ifPresent(k -> {
            where.append(" AND key_name = ?");
            parameters.add(k);
        });
        query.from().ifPresent(f -> {
            where.append(" AND minute_at >= ?");
            parameters.add(DbTime.toColumn(f));
        });
        query.to().ifPresent(t -> {
            where.append(" AND minute_at < ?");
            parameters.add(DbTime.toColumn(t));
        });
        long total = FilteredQueries.count(jdbc, where.toString(), parameters);
        if (total <= page.offset()) {
            return new Page<>(List.of(), total, page);
        }
        List<TokenReadCount> items = jdbc.prepareStatement("SELECT CAST(minute_at AS CHAR) AS minute, key_name, app_id,"
            + " company_id, location_key, read_count" + where
            // one direction throughout, so the primary key or the filter's (column, minute_at) index read backwards
            // gives the order: no sort of every matching row for each page
            + " ORDER BY minute_at DESC, key_name DESC, app_id DESC, company_id DESC, location_key DESC LIMIT ? OFFSET ?",
            ps -> {
                FilteredQueries.bind(ps, parameters);
                ps.setInt(parameters.size() + 1, page.limit());
                ps.setLong(parameters.size() + 2, page.offset());
                List<TokenReadCount> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String location = rs.getString("location_key");
                        InstallationKey key = new InstallationKey(MarketplaceAppId.of(rs.getString("app_id")),
                            CompanyId.of(rs.getString("company_id")),
                            location.isEmpty() ? Optional.empty() : Optional.of(LocationId.of(location)));
                        found.add(new TokenReadCount(rs.getString("key_name"), key,
                            DbTime.fromColumn(rs.getString("minute")), rs.getLong("read_count")));
                    }
                }
                return found;
            });
        return new Page<>(items, total, page);
    }

    @Override
    @Transactional
    public int purgeBefore(Instant before, int limit) {
        return jdbc.prepareStatement("DELETE FROM token_read_audit WHERE minute_at < ? ORDER BY minute_at LIMIT ?",
            ps -> {
                ps.setString(1, DbTime.toColumn(before));
                ps.setInt(2, limit);
                return ps.executeUpdate();
            });
    }

}
