package io.accesshub.adapter.http.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * Webhook intake settings ({@code accesshub.webhooks.*}): the public keys per signature scheme (several, for
 * rotation; HighLevel's published keys by default), whether the legacy RSA scheme is accepted, the body size cap and
 * the timestamp tolerance.
 */
@ConfigurationProperties("accesshub.webhooks")
public class WebhookConfiguration {

    /** HighLevel's published Ed25519 key behind {@code X-GHL-Signature}. */
    public static final String HIGHLEVEL_ED25519 = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=
        -----END PUBLIC KEY-----
        """;

    /** HighLevel's published RSA key behind the legacy {@code X-WH-Signature}. */
    public static final String HIGHLEVEL_RSA = """
        -----BEGIN PUBLIC KEY-----
        MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
        Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
        dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
        csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
        uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
        3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
        J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
        IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
        h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
        HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
        PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
        T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
        -----END PUBLIC KEY-----
        """;

    private List<String> ed25519PublicKeys = List.of(HIGHLEVEL_ED25519);
    private List<String> rsaPublicKeys = List.of(HIGHLEVEL_RSA);
    private boolean rsaEnabled;
    private int maxBodyBytes = 256 * 1024;
    private Duration timestampTolerance = Duration.ofHours(2);

    public List<String> getEd25519PublicKeys() {
        return ed25519PublicKeys;
    }

    public void setEd25519PublicKeys(List<String> ed25519PublicKeys) {
        this.ed25519PublicKeys = ed25519PublicKeys;
    }

    public List<String> getRsaPublicKeys() {
        return rsaPublicKeys;
    }

    public void setRsaPublicKeys(List<String> rsaPublicKeys) {
        this.rsaPublicKeys = rsaPublicKeys;
    }

    /** Whether {@code X-WH-Signature} (RSA-SHA256, legacy) is accepted; off by default. */
    public boolean isRsaEnabled() {
        return rsaEnabled;
    }

    public void setRsaEnabled(boolean rsaEnabled) {
        this.rsaEnabled = rsaEnabled;
    }

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** How far an event's timestamp may be from now; zero switches the check off. */
    public Duration getTimestampTolerance() {
        return timestampTolerance;
    }

    public void setTimestampTolerance(Duration timestampTolerance) {
        this.timestampTolerance = timestampTolerance;
    }
}
