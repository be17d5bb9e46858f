package io.accesshub.bootstrap.cli;

import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import java.io.PrintStream;
import java.util.Set;

/**
 * {@code keyset rotate [--in FILE] [--out FILE]}: adds a fresh AES-256-GCM key as primary; the old keys stay so
 * that stored tokens still decrypt until re-encryption has moved them.
 */
final class KeysetRotateCommand implements Command {

    private final KeysetFiles keysets;

    KeysetRotateCommand(KeysetFiles keysets) {
        this.keysets = keysets;
    }

    @Override
    public String name() {
        return "keyset rotate";
    }

    @Override
    public String arguments() {
        return "[--in FILE|-] [--out FILE|-]";
    }

    @Override
    public Set<String> options() {
        return Set.of(KeysetFiles.IN, KeysetFiles.OUT);
    }

    @Override
    public String summary() {
        return "adds a new primary key to the token keyset (from --in or the configured keyset) and writes it back to"
            + " its file, to --out, or to standard output";
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) {
        if (!line.positional().isEmpty()) {
            throw new IllegalArgumentException("takes no positional arguments");
        }
        KeysetFiles.Source source = keysets.read(line);
        String rotated = TinkKeysets.withNewPrimary(source.keysetJson());
        long primary = TinkKeysets.describe(rotated).stream().filter(TinkKeysets.KeyInfo::primary)
            .findFirst().orElseThrow().id();
        String target = keysets.write(line, source, rotated, out);
        err.println("Added key " + primary + " as primary (keyset written to " + target + "). Roll the keyset out to"
            + " every instance; the hub then re-encrypts stored tokens onto the new key in the background, after"
            + " which 'keyset retire <old key id>' removes an old key.");
        return Commands.OK;
    }
}
