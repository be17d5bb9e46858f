package io.accesshub.domain.installation;

/** A stamped statement that an app is (INSTALL) or is no longer (UNINSTALL) installed, from any source. */
public enum LifecycleSignal {
    /** The app is installed: an INSTALL webhook, an OAuth callback, reconciliation finding it installed. */
    INSTALL,
    /** The app is removed: an UNINSTALL webhook (location or company), reconciliation finding it gone. */
    UNINSTALL
}
