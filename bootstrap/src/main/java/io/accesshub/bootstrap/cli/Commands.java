package io.accesshub.bootstrap.cli;

import io.accesshub.bootstrap.config.StartupConfiguration;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator commands and their dispatch: the first words of the command line select a {@link Command}, the rest
 * are its arguments. New commands (for example {@code api-key create}) are added to {@link #standard()}.
 */
public final class Commands {

    /** Exit status of a command that did what was asked. */
    public static final int OK = 0;
    /** Exit status of a command that failed or refused (the reason is on standard error). */
    public static final int FAILED = 1;
    /** Exit status of a command line that names no command or has wrong arguments. */
    public static final int USAGE = 2;
    /** System property read by {@code logback.xml}: commands log to standard error, keeping standard output clean. */
    static final String LOG_TARGET_PROPERTY = "accesshub.log.target";

    private final List<Command> commands;

    /** Dispatches to these commands. */
    public Commands(List<Command> commands) {
        this.commands = commands.stream()
            .sorted(Comparator.comparingInt((Command c) -> c.name().split(" ").length).reversed())
            .toList();
    }

    /** The hub's commands; {@code configuration} is read (from every source) only by commands that need it. */
    public static Commands standard(Supplier<StartupConfiguration> configuration) {
        KeysetFiles keysets = new KeysetFiles(configuration);
        return new Commands(List.of(
            new KeysetGenerateCommand(),
            new KeysetRotateCommand(keysets),
            new KeysetRetireCommand(keysets, new CommandDatabase(configuration)),
            new KeysetListCommand(keysets),
            new ApiKeyCreateCommand()));
    }

    /** The hub's commands reading the configuration the hub itself would read. */
    public static Commands standard() {
        return standard(() -> StartupConfiguration.read(new String[0]));
    }

    /**
     * Whether the command line asks for a command rather than for the hub: its first argument is a word (the hub's
     * own arguments are {@code --key=value} properties).
     */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    /** Runs the command the arguments name and returns its exit status. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (System.getProperty(LOG_TARGET_PROPERTY) == null) {
            System.setProperty(LOG_TARGET_PROPERTY, "System.err");
        }
        List<String> words = Arrays.asList(args);
        if (words.isEmpty() || words.get(0).equals("help")) {
            usage(words.isEmpty() ? err : out);
            return words.isEmpty() ? USAGE : OK;
        }
        Optional<Command> command = commands.stream().filter(c -> startsWith(words, c.name())).findFirst();
        if (command.isEmpty()) {
            err.println("Unknown command: " + String.join(" ", words.subList(0, Math.min(2, words.size()))));
            usage(err);
            return USAGE;
        }
        int nameLength = command.get().name().split(" ").length;
        try {
            CommandLine line = CommandLine.parse(words.subList(nameLength, words.size()), command.get().options(),
                command.get().flags());
            return command.get().run(line, out, err);
        } catch (IllegalArgumentException e) {
            err.println(command.get().name() + ": " + e.getMessage());
            err.println("usage: java -jar accesshub.jar " + command.get().name() + " " + command.get().arguments());
            return USAGE;
        } catch (CommandFailure e) {
            err.println(command.get().name() + ": " + e.getMessage());
            return FAILED;
        }
    }

    private void usage(PrintStream stream) {
        stream.println("usage: java -jar accesshub.jar [COMMAND]   (no command: run the hub)");
        stream.println("commands:");
        List<Command> sorted = new ArrayList<>(commands);
        sorted.sort(Comparator.comparing(Command::name));
        for (Command command : sorted) {
            stream.println("  " + command.name() + " " + command.arguments());
            stream.println("      " + command.summary());
        }
        stream.println("Configuration (keyset file, datasource) is read like the hub reads it: environment variables,"
            + " system properties, configuration files.");
    }

    private static boolean startsWith(List<String> words, String name) {
        List<String> nameWords = Arrays.asList(name.split(" "));
        return words.size() >= nameWords.size() && words.subList(0, nameWords.size()).equals(nameWords);
    }
}
