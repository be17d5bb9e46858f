package io.accesshub.application.port.in;

import io.accesshub.domain.access.ApiKeyDefinition;
import java.util.List;

/** Creates, lists and revokes the API keys other services call the hub with. */
public interface ManageApiKeysUseCase {

    /** A new key, shown this once; the hub keeps only its hash. */
    record CreatedApiKey(ApiKeySummary summary, String key) {

        @Override
        public String toString() {
            return "CreatedApiKey[" + summary.definition().name() + "]";
        }
    }

    /** What creating a key found. */
    sealed interface CreateOutcome {
        /** The key was created. */
        record Created(CreatedApiKey created) implements CreateOutcome {
        }

        /** Another key (stored or configured) has this name. */
        record NameTaken(String name) implements CreateOutcome {
        }

        /** An app in the scope is not one of the hub's apps. */
        record UnknownApp(String appId) implements CreateOutcome {
        }

        /** The expiry is not in the future. */
        record ExpiryInPast() implements CreateOutcome {
        }
    }

    /** Creates a key with this definition. */
    CreateOutcome create(ApiKeyDefinition definition);

    /** Every key, configured ones first, then stored ones oldest first; revoked ones included. */
    List<ApiKeySummary> list();

    /** Revokes a stored key on every instance within the authentication cache's TTL; false when there is no such key. */
    boolean revoke(String id);
}
