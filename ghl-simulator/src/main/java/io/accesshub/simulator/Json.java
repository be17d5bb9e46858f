package io.accesshub.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Jackson helpers for response bodies and control requests. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private Json() {
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(byte[] body) {
        if (body == null || body.length == 0) {
            return new LinkedHashMap<>();
        }
        try {
            Object v = MAPPER.readValue(body, Object.class);
            if (v instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException("expected a JSON object");
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON body", e);
        }
    }

    /** HighLevel's answer to a wrong client id or secret on {@code /oauth/token}. */
    static Map<String, Object> invalidClient() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statusCode", 401);
        m.put("message", "Invalid client credentials");
        m.put("error", "invalid_client");
        return m;
    }

    static Map<String, Object> error(int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statusCode", status);
        m.put("message", message);
        m.put("error", switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        });
        return m;
    }
}
