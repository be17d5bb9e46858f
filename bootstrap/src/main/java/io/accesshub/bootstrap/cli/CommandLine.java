package io.accesshub.bootstrap.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments after a command's name: positional values and {@code --name value} options (or
 * {@code --name=value}); flags listed as such take no value.
 */
public final class CommandLine {

    private final List<String> positional;
    private final Map<String, String> options;

    private CommandLine(List<String> positional, Map<String, String> options) {
        this.positional = List.copyOf(positional);
        this.options = Map.copyOf(options);
    }

    /**
     * Parses {@code arguments}, accepting only the given options and flags.
     *
     * @throws IllegalArgumentException naming the unknown or incomplete option (never echoing a value)
     */
    public static CommandLine parse(List<String> arguments, Set<String> knownOptions, Set<String> knownFlags) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                positional.add(argument);
                continue;
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument.substring(2) : argument.substring(2, equals);
            if (knownFlags.contains(name) && equals < 0) {
                options.put(name, "true");
            } else if (knownOptions.contains(name)) {
                if (equals >= 0) {
                    options.put(name, argument.substring(equals + 1));
                } else if (i + 1 < arguments.size()) {
                    options.put(name, arguments.get(++i));
                } else {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return new CommandLine(positional, options);
    }

    /** The positional arguments, in order. */
    public List<String> positional() {
        return positional;
    }

    /** The value of option {@code --name}, if given. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Whether flag {@code --name} was given. */
    public boolean flag(String name) {
        return options.containsKey(name);
    }
}
