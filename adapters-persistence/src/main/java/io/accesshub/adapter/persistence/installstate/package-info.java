/** The OAuth state of hub-initiated installs, stored as hashes and consumed atomically. */
package io.accesshub.adapter.persistence.installstate;
