package io.accesshub.bootstrap.cli;

import io.accesshub.adapter.persistence.crypto.KeyUsage;
import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code keyset retire <keyId> [--in FILE] [--out FILE]}: removes a key that is not the primary from the token
 * keyset, refused while any stored ciphertext still starts with that key's Tink prefix (the hub's background
 * re-encryption moves them onto the primary after a rotation).
 */
final class KeysetRetireCommand implements Command {

    private final KeysetFiles keysets;
    private final CommandDatabase database;

    KeysetRetireCommand(KeysetFiles keysets, CommandDatabase database) {
        this.keysets = keysets;
        this.database = database;
    }

    @Override
    public String name() {
        return "keyset retire";
    }

    @Override
    public String arguments() {
        return "<keyId> [--in FILE|-] [--out FILE|-]";
    }

    @Override
    public Set<String> options() {
        return Set.of(KeysetFiles.IN, KeysetFiles.OUT);
    }

    @Override
    public String summary() {
        return "removes a non-primary key from the token keyset; refused while rows in the hub's database still use"
            + " it";
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) {
        if (line.positional().size() != 1 || !line.positional().get(0).matches("\\d{1,10}")
                || Long.parseLong(line.positional().get(0)) > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("needs exactly one key id (a number, see 'keyset list')");
        }
        long keyId = Long.parseLong(line.positional().get(0));
        KeysetFiles.Source source = keysets.read(line);
        List<TinkKeysets.KeyInfo> keys = TinkKeysets.describe(source.keysetJson());
        Optional<TinkKeysets.KeyInfo> key = keys.stream().filter(k -> k.id() == keyId).findFirst();
        if (key.isEmpty()) {
            throw new CommandFailure("the keyset from " + source.description() + " holds no key " + keyId + " (its keys: "
                + keys.stream().map(k -> String.valueOf(k.id())).collect(Collectors.joining(", ")) + ")");
        }
        if (key.get().primary()) {
            throw new CommandFailure("key " + keyId + " is the primary key; rotate first ('keyset rotate'), roll the"
                + " rotated keyset out and let re-encryption move the stored tokens");
        }
        if (key.get().ciphertextPrefix().length == 0) {
            throw new CommandFailure("key " + keyId + " writes no ciphertext prefix (RAW), so the rows using it cannot"
                + " be counted; it is not retired");
        }
        Map<KeyUsage.Column, Long> usage = database.withConnection(
            connection -> KeyUsage.rowsStartingWith(connection, key.get().ciphertextPrefix()));
        if (!usage.isEmpty()) {
            long rows = usage.values().stream().mapToLong(Long::longValue).sum();
            throw new CommandFailure("refused: " + rows + " stored ciphertexts still use key " + keyId + " ("
                + usage.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))
                + "). Every instance must run a keyset whose primary is another key; the hub's re-encryption"
                + " (ACCESSHUB_TOKEN_ENCRYPTION_REENCRYPTION_ENABLED, every ACCESSHUB_TOKEN_ENCRYPTION_REENCRYPTION_"
                + "INTERVAL) then moves them; retry when none is left.");
        }
        String remaining = TinkKeysets.without(source.keysetJson(), keyId);
        String target = keysets.write(line, source, remaining, out);
        err.println("Removed key " + keyId + " (no stored ciphertext uses it); keyset written to " + target
            + ". Roll it out to every instance.");
        return Commands.OK;
    }
}
