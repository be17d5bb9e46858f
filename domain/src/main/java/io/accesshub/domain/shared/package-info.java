/** Building blocks every domain package shares: the domain exception and its stable error codes. */
package io.accesshub.domain.shared;
