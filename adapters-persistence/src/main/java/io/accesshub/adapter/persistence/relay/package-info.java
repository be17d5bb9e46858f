/** The lifecycle event relay's subscriptions, delivery queue and attempt log on MySQL/MariaDB. */
package io.accesshub.adapter.persistence.relay;
