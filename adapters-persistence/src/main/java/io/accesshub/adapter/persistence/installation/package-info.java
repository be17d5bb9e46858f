/** Installation rows, their Micronaut Data repository, mapper and the adapter implementing the installation port. */
package io.accesshub.adapter.persistence.installation;
