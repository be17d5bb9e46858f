package io.accesshub.bootstrap.cli;

import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** {@code keyset generate [--out FILE]}: a new AES-256-GCM token keyset, printed or written to a new file. */
final class KeysetGenerateCommand implements Command {

    @Override
    public String name() {
        return "keyset generate";
    }

    @Override
    public String arguments() {
        return "[--out FILE]";
    }

    @Override
    public Set<String> options() {
        return Set.of(KeysetFiles.OUT);
    }

    @Override
    public String summary() {
        return "a new Tink AES-256-GCM token keyset (JSON) on standard output, or in a new FILE readable by its"
            + " owner only";
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) {
        if (!line.positional().isEmpty()) {
            throw new IllegalArgumentException("takes no positional arguments");
        }
        String keyset = TinkKeysets.generate();
        long primary = TinkKeysets.describe(keyset).get(0).id();
        Optional<String> file = line.option(KeysetFiles.OUT).filter(target -> !target.equals("-"));
        if (file.isEmpty()) {
            out.println(keyset);
            out.flush();
            err.println("Generated a token keyset with primary key " + primary
                + "; set it as ACCESSHUB_TOKEN_ENCRYPTION_KEYSET or store it in a file for _FILE.");
        } else {
            KeysetFiles.writeOwnerOnly(Path.of(file.get()), keyset, false);
            err.println("Wrote a new token keyset with primary key " + primary + " to " + file.get()
                + " (owner read/write only); point ACCESSHUB_TOKEN_ENCRYPTION_KEYSET_FILE at it.");
        }
        return Commands.OK;
    }
}
