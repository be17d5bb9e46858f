package io.accesshub.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** A status, a JSON body and optional extra headers, produced by the simulated endpoints. */
record ApiResult(int status, Object body, Map<String, String> headers) {

    static ApiResult ok(Object body) {
        return new ApiResult(200, body, new LinkedHashMap<>());
    }

    static ApiResult error(int status, String message) {
        return new ApiResult(status, Json.error(status, message), new LinkedHashMap<>());
    }

    ApiResult withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
