package io.accesshub.bootstrap.cli;

import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.crypto.TokenCipherFactory;
import io.accesshub.bootstrap.config.StartupConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the keyset commands read a token keyset from ({@code --in FILE}, {@code --in -} for standard input, else the
 * configured {@code ACCESSHUB_TOKEN_ENCRYPTION_KEYSET_FILE} or {@code ACCESSHUB_TOKEN_ENCRYPTION_KEYSET}) and where
 * they write one ({@code --out FILE}, {@code --out -} for standard output, else back to the file it came from, else
 * standard output). Files are written whole or not at all, readable by the owner only.
 */
final class KeysetFiles {

    static final String IN = "in";
    static final String OUT = "out";
    private static final String STANDARD_STREAM = "-";

    private final Supplier<StartupConfiguration> configuration;
    private final InputStream standardInput;

    KeysetFiles(Supplier<StartupConfiguration> configuration) {
        this(configuration, System.in);
    }

    KeysetFiles(Supplier<StartupConfiguration> configuration, InputStream standardInput) {
        this.configuration = configuration;
        this.standardInput = standardInput;
    }

    /** A keyset and the file it came from (empty when it came from standard input or the configuration value). */
    record Source(String keysetJson, Optional<Path> file, String description) {

        @Override
        public String toString() {
            return "Source[" + description + "]";
        }
    }

    /** Reads the keyset the command line or the configuration names; checks that it parses. */
    Source read(CommandLine line) {
        Optional<String> in = line.option(IN);
        Source source;
        if (in.isPresent() && in.get().equals(STANDARD_STREAM)) {
            try {
                source = new Source(new String(standardInput.readAllBytes(), StandardCharsets.UTF_8),
                    Optional.empty(), "standard input");
            } catch (IOException e) {
                throw new CommandFailure("could not read the keyset from standard input");
            }
        } else if (in.isPresent()) {
            source = fromFile(Path.of(in.get()));
        } else {
            try (StartupConfiguration config = configuration.get()) {
                Optional<String> file = config.value(TokenCipherFactory.KEYSET_FILE);
                Optional<String> inline = config.value(TokenCipherFactory.KEYSET);
                if (inline.isPresent()) {
                    source = new Source(inline.get(), Optional.empty(), "ACCESSHUB_TOKEN_ENCRYPTION_KEYSET");
                } else if (file.isPresent()) {
                    source = fromFile(Path.of(file.get()));
                } else {
                    throw new IllegalArgumentException("no keyset given: pass --in FILE (or --in - for standard input)"
                        + " or configure ACCESSHUB_TOKEN_ENCRYPTION_KEYSET_FILE");
                }
            }
        }
        try {
            TinkKeysets.describe(source.keysetJson());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("the keyset from " + source.description() + " is " + e.getMessage());
        }
        return source;
    }

    /**
     * Writes {@code keysetJson} where the command line says, else back to the source file, else to {@code out};
     * returns a description of where it went.
     */
    String write(CommandLine line, Source source, String keysetJson, PrintStream out) {
        Optional<String> target = line.option(OUT);
        if (target.isPresent() && target.get().equals(STANDARD_STREAM)
                || target.isEmpty() && source.file().isEmpty()) {
            out.print(keysetJson);
            out.println();
            out.flush();
            return "standard output";
        }
        Path file = target.map(Path::of).orElseGet(() -> source.file().orElseThrow());
        writeOwnerOnly(file, keysetJson, true);
        return file.toString();
    }

    /**
     * Writes {@code content} to {@code file} through a temporary file in the same directory (owner read/write only)
     * moved into place, so the file is never half-written.
     */
    static void writeOwnerOnly(Path file, String content, boolean replace) {
        if (!replace && Files.exists(file)) {
            throw new CommandFailure(file + " exists already; remove it or choose another file");
        }
        Path parent = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(parent);
            temporary = Files.createTempFile(parent, ".keyset", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the default permissions
            }
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            if (replace) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // without ATOMIC_MOVE the move refuses an existing target (a rename within one directory)
                Files.move(temporary, file);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new CommandFailure(file + " exists already; remove it or choose another file");
        } catch (IOException e) {
            throw new CommandFailure("could not write " + file + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the temporary file holds no more than the target; nothing else to do
                }
            }
        }
    }

    private static Source fromFile(Path file) {
        try {
            return new Source(Files.readString(file, StandardCharsets.UTF_8), Optional.of(file), file.toString());
        } catch (IOException e) {
            throw new CommandFailure("could not read the keyset file " + file + " (" + e.getClass().getSimpleName()
                + ")");
        }
    }
}
