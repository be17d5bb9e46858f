package io.accesshub.bootstrap.cli;

/** A command could not do what was asked; the message (never a secret) is shown to the operator. */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }
}
