package io.accesshub.application.port.in;

import io.accesshub.domain.console.ConsoleSessionToken;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs operators in and out of the operations console with an unscoped admin API key. Sessions are stored (hashed)
 * in the database, so every instance serves them; they end after the idle timeout, and within the API key cache's
 * TTL of the key's revocation, because the key is checked again on every request. Sign-in and sign-out are audited.
 */
public interface ConsoleSessionsUseCase {

    /**
     * A sign-in form: a random value for a cookie of the browser and a token for the form's hidden field, signed for
     * that value (a signed double submit: a page elsewhere cannot post the form in this browser).
     */
    SignInForm signInForm();

    /** Signs in with a presented key, if the form is genuine and the key is an unscoped admin key. */
    SignInResult signIn(SignIn command);

    /** The operator of the session whose token the browser presented, if it is open, not idle and its key still valid. */
    Optional<ConsoleOperator> resume(String presentedToken);

    /** Closes the session (on every instance at once). */
    void signOut(ConsoleOperator operator);

    /**
     * What a sign-in form carries.
     *
     * @param browserValue the value to set in the browser's sign-in cookie
     * @param formToken    the hidden field's value
     * @param lifetime     how long both are good for
     */
    record SignInForm(String browserValue, String formToken, Duration lifetime) {

        public SignInForm {
            Objects.requireNonNull(browserValue, "browserValue");
            Objects.requireNonNull(formToken, "formToken");
            Objects.requireNonNull(lifetime, "lifetime");
        }

        @Override
        public String toString() {
            return "SignInForm[redacted]";
        }
    }

    /**
     * A sign-in attempt.
     *
     * @param presentedKey the API key typed into the form
     * @param browserValue the browser's sign-in cookie, if it sent one
     * @param formToken    the form's hidden field, if present
     */
    record SignIn(String presentedKey, Optional<String> browserValue, Optional<String> formToken) {

        public SignIn {
            Objects.requireNonNull(presentedKey, "presentedKey");
            Objects.requireNonNull(browserValue, "browserValue");
            Objects.requireNonNull(formToken, "formToken");
        }

        @Override
        public String toString() {
            return "SignIn[redacted]";
        }
    }

    /** What a sign-in found. */
    sealed interface SignInResult {

        /** A session was opened: the browser keeps {@code token} in its session cookie. */
        record SignedIn(ConsoleSessionToken token, ConsoleOperator operator) implements SignInResult {
        }

        /** No session: the reason says why, in words the page can show. */
        record Refused(SignInRefusal reason) implements SignInResult {
        }
    }

    /** Why a sign-in was refused. */
    enum SignInRefusal {
        /** The form did not come from this browser's sign-in page, or is too old: the page is shown again. */
        FORM_EXPIRED("The sign-in form expired or was not opened in this browser. Please try again."),
        /** No valid key has this value (unknown, revoked, expired). */
        UNKNOWN_KEY("This API key is not valid."),
        /** The key lacks the admin permission. */
        NOT_ADMIN("This API key has no admin permission; the console needs an admin key."),
        /** The key is limited to some tenants; the console shows every tenant. */
        SCOPED("This API key is limited to some apps, companies or locations; the console needs an unscoped admin key.");

        private final String message;

        SignInRefusal(String message) {
            this.message = message;
        }

        /** A sentence for the sign-in page. */
        public String message() {
            return message;
        }
    }
}
