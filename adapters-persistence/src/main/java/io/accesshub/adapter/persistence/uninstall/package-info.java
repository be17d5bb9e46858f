/** The durable queue of developer uninstalls, claimed under leases by every instance. */
package io.accesshub.adapter.persistence.uninstall;
