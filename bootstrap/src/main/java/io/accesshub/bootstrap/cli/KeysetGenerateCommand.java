package io.accesshub.bootstrap.cli;

import io.accesshub.adapter.persistence.crypto.SigningKeysets;
import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * {@code keyset generate [--signing] [--out FILE]}: a new AES-256-GCM token keyset (or, with {@code --signing}, an
 * HMAC-SHA256 signing keyset), printed or written to a new file.
 */
final class KeysetGenerateCommand implements Command {

    private static final String SIGNING = "signing";

    @Override
    public String name() {
        return "keyset generate";
    }

    @Override
    public String arguments() {
        return "[--signing] [--out FILE]";
    }

    @Override
    public Set<String> options() {
        return Set.of(KeysetFiles.OUT);
    }

    @Override
    public Set<String> flags() {
        return Set.of(SIGNING);
    }

    @Override
    public String summary() {
        return "a new Tink AES-256-GCM token keyset (JSON; with --signing an HMAC-SHA256 signing keyset) on standard"
            + " output, or in a new FILE readable by its owner only";
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) {
        if (!line.positional().isEmpty()) {
            throw new IllegalArgumentException("takes no positional arguments");
        }
        boolean signing = line.flag(SIGNING);
        String keyset = signing ? SigningKeysets.generate() : TinkKeysets.generate();
        String kind = signing ? "signing" : "token";
        String variable = signing ? "ACCESSHUB_SIGNING_KEYSET" : "ACCESSHUB_TOKEN_ENCRYPTION_KEYSET";
        long primary = TinkKeysets.describe(keyset).get(0).id();
        Optional<String> file = line.option(KeysetFiles.OUT).filter(target -> !target.equals("-"));
        if (file.isEmpty()) {
            out.println(keyset);
            out.flush();
            err.println("Generated a " + kind + " keyset with primary key " + primary + "; set it as " + variable
                + " or store it in a file for " + variable + "_FILE.");
        } else {
            KeysetFiles.writeOwnerOnly(Path.of(file.get()), keyset, false);
            err.println("Wrote a new " + kind + " keyset with primary key " + primary + " to " + file.get()
                + " (owner read/write only); point " + variable + "_FILE at it.");
        }
        return Commands.OK;
    }
}
