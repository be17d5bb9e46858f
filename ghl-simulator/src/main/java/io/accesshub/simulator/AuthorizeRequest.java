package io.accesshub.simulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a user approves on the authorization page: the app (client id, redirect URI, scopes, optional state) and
 * either one location (Location install) or the agency (Company install, optionally bulk with selected locations).
 *
 * @param clientId                 the app's client id
 * @param redirectUri              must exactly match a registered redirect URI
 * @param scope                    space-separated scopes, a subset of the app's
 * @param state                    echoed on the redirect when not null
 * @param target                   LOCATION or AGENCY
 * @param locationId               the location for a LOCATION install
 * @param selectedLocationIds      locations picked in an AGENCY (bulk) install
 * @param installToFutureLocations AGENCY install: new locations get the app automatically
 */
public record AuthorizeRequest(
        String clientId,
        String redirectUri,
        String scope,
        String state,
        Target target,
        String locationId,
        List<String> selectedLocationIds,
        boolean installToFutureLocations) {

    /** Which kind of install the user picked. */
    public enum Target { LOCATION, AGENCY }

    public AuthorizeRequest {
        Objects.requireNonNull(target, "target");
        selectedLocationIds = selectedLocationIds == null ? List.of() : List.copyOf(selectedLocationIds);
        if (target == Target.LOCATION && (locationId == null || locationId.isBlank())) {
            throw new IllegalArgumentException("a LOCATION install needs a locationId");
        }
    }

    /** A Location install of one location. */
    public static AuthorizeRequest forLocation(String clientId, String redirectUri, String scope, String locationId) {
        return new AuthorizeRequest(clientId, redirectUri, scope, null, Target.LOCATION, locationId, List.of(), false);
    }

    /** An agency (Company) install; a non-empty selection makes it a bulk install. */
    public static AuthorizeRequest forAgency(String clientId, String redirectUri, String scope,
                                             List<String> selectedLocationIds, boolean installToFutureLocations) {
        return new AuthorizeRequest(clientId, redirectUri, scope, null, Target.AGENCY, null, selectedLocationIds,
                installToFutureLocations);
    }

    /**
     * Builds a request from an authorization URL as the hub generates it (its query gives client id, redirect URI,
     * scope and state) plus the user's choice.
     */
    public static AuthorizeRequest fromAuthorizationUrl(String authorizationUrl, Target target, String locationId,
                                                        List<String> selectedLocationIds,
                                                        boolean installToFutureLocations) {
        Map<String, String> q = parseQuery(URI.create(authorizationUrl).getRawQuery());
        return new AuthorizeRequest(q.get("client_id"), q.get("redirect_uri"), q.get("scope"), q.get("state"),
                target, locationId, selectedLocationIds, installToFutureLocations);
    }

    /** The same request with a state value. */
    public AuthorizeRequest withState(String newState) {
        return new AuthorizeRequest(clientId, redirectUri, scope, newState, target, locationId, selectedLocationIds,
                installToFutureLocations);
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        List<String> parts = new ArrayList<>(List.of(raw.split("&")));
        for (String part : parts) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
