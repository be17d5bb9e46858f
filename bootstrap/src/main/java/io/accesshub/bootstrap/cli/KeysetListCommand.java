package io.accesshub.bootstrap.cli;

import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import java.io.PrintStream;
import java.util.Set;

/** {@code keyset list [--in FILE]}: the ids of the token keyset's keys and which one is primary; no key material. */
final class KeysetListCommand implements Command {

    private final KeysetFiles keysets;

    KeysetListCommand(KeysetFiles keysets) {
        this.keysets = keysets;
    }

    @Override
    public String name() {
        return "keyset list";
    }

    @Override
    public String arguments() {
        return "[--in FILE|-]";
    }

    @Override
    public Set<String> options() {
        return Set.of(KeysetFiles.IN);
    }

    @Override
    public String summary() {
        return "the key ids of the token keyset (from --in or the configured keyset) and which one is primary";
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) {
        if (!line.positional().isEmpty()) {
            throw new IllegalArgumentException("takes no positional arguments");
        }
        for (TinkKeysets.KeyInfo key : TinkKeysets.describe(keysets.read(line).keysetJson())) {
            out.println(key.id() + " " + key.status() + (key.primary() ? " primary" : ""));
        }
        return Commands.OK;
    }
}
