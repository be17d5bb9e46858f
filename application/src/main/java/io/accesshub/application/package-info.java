/** Use cases of the hub and the ports they need, in plain Java between the domain and the adapters. */
package io.accesshub.application;
