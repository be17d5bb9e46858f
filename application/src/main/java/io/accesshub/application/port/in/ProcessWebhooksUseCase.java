package io.accesshub.application.port.in;

/** Works the webhook inbox: applies INSTALL, UNINSTALL and LocationCreate so installations converge. */
public interface ProcessWebhooksUseCase {

    /** Handles one due event; false when none is due. */
    boolean processNext();
}
