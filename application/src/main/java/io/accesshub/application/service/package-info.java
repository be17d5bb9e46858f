/** Plain-Java services implementing the use cases: load through ports, call the domain, save, map to a result. */
package io.accesshub.application.service;
