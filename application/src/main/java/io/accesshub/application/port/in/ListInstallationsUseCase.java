package io.accesshub.application.port.in;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;

/** Lists installations for operators (state, reason, grant summary; never tokens), ordered by id, one page. */
public interface ListInstallationsUseCase {

    Page<InstallationSummary> list(InstallationQuery query, PageRequest page);
}
