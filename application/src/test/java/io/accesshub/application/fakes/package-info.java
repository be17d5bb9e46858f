/** In-memory fakes of the outbound ports, thread-safe, shared with other modules through the test-jar. */
package io.accesshub.application.fakes;
