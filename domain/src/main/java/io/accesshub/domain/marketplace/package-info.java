/** Identifiers HighLevel's marketplace hands us: apps, client ids, companies (agencies), locations and user types. */
package io.accesshub.domain.marketplace;
