package io.accesshub.application.port.in;

/** Works the queue of developer uninstalls that HighLevel could not confirm yet. */
public interface RetryUninstallsUseCase {

    /** Tries one due request again; false when none was due. */
    boolean retryNext();
}
