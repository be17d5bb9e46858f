/** The transactional outbox of installation lifecycle events. */
package io.accesshub.adapter.persistence.outbox;
