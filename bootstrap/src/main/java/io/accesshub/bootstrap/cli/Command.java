package io.accesshub.bootstrap.cli;

import java.io.PrintStream;
import java.util.Set;

/** One operator command, such as {@code keyset rotate}; register it in {@link Commands#standard()}. */
public interface Command {

    /** The words that select it, e.g. {@code "keyset rotate"}. */
    String name();

    /** Its arguments and options for the usage text, e.g. {@code "[--in FILE] [--out FILE]"}. */
    String arguments();

    /** The options taking a value that it accepts, without the leading {@code --}. */
    default Set<String> options() {
        return Set.of();
    }

    /** The flags (options without value) that it accepts, without the leading {@code --}. */
    default Set<String> flags() {
        return Set.of();
    }

    /** One line saying what it does. */
    String summary();

    /**
     * Runs the command. Only what the operator asked for goes to {@code out} (a keyset only when explicitly
     * requested); progress and errors go to {@code err}; secrets never reach a log.
     *
     * @return the process exit status: {@link Commands#OK}, {@link Commands#USAGE} or {@link Commands#FAILED}
     */
    int run(CommandLine line, PrintStream out, PrintStream err);
}
