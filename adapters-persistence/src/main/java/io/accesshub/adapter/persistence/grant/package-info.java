/** Grant rows with encrypted tokens, their Micronaut Data repository, mapper and the adapter implementing the grant port. */
package io.accesshub.adapter.persistence.grant;
