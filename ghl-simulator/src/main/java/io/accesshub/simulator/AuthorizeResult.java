package io.accesshub.simulator;

/**
 * The outcome of an approved authorization: the single-use code and the URL the browser is sent to.
 *
 * @param code        the authorization code
 * @param redirectUrl {@code redirect_uri?code=...[&state=...]}
 * @param state       the echoed state, or null
 */
public record AuthorizeResult(String code, String redirectUrl, String state) {

    @Override
    public String toString() {
        return "AuthorizeResult[code=<redacted>, state=" + state + "]";
    }
}
