package io.accesshub.application.port.in;

/** Works the location-provisioning queue: mints the location tokens of agency installs in the background. */
public interface ProvisionLocationsUseCase {

    /** Processes one page of one due job; false when no job was due. */
    boolean provisionNextPage();
}
