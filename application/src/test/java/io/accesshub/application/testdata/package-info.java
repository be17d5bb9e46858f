/** Test data builders (object mothers) and unique test identifiers, shared through the test-jar. */
package io.accesshub.application.testdata;
