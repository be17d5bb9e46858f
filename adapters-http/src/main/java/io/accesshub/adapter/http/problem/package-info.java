/** RFC 9457 problem details: every error the hub answers is application/problem+json with a stable code. */
package io.accesshub.adapter.http.problem;
