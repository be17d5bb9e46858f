package io.accesshub.application.testdata;

import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Unique identifiers for tests, so contract tests can share one real database across tests and runs without
 * colliding (they never rely on an empty table).
 */
public final class TestIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private TestIds() {
    }

    public static InstallationId installationId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return InstallationId.of(new UUID(random.nextLong(), random.nextLong()));
    }

    public static MarketplaceAppId appId() {
        return MarketplaceAppId.of("app" + randomText(21));
    }

    public static CompanyId companyId() {
        return CompanyId.of("co" + randomText(18));
    }

    public static LocationId locationId() {
        return LocationId.of("loc" + randomText(17));
    }

    /** Random letters and digits of the given length. */
    public static String randomText(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
