/** Outbound ports: what the use cases need from storage, transactions, identity and the outside world. */
package io.accesshub.application.port.out;
