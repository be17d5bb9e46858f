package io.accesshub.application.port.in;

/**
 * Checks each app's client credentials with one real refresh of one of its grants: at start and every few minutes
 * for apps whose credentials HighLevel refused, so that refreshes resume once an operator fixes the secret.
 */
public interface CheckAppCredentialsUseCase {

    /** Checks every configured app (at start); returns how many were checked. */
    int checkAllApps();

    /** Checks the apps whose credentials are refused now; returns how many still are. */
    int recheckRefusedApps();
}
