package io.accesshub.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The hub's {@code main} run in a child JVM with a controlled environment, as an operator starts it. */
final class HubProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> drained;

    private HubProcess(Process process) {
        this.process = process;
        this.drained = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e.getClass().getSimpleName() + ")");
            }
        });
    }

    /**
     * Starts {@code Application} (or a command) with only these environment variables (plus PATH and HOME), the
     * given JVM options and arguments.
     */
    static HubProcess start(Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        // the hub's own logging configuration (INFO to standard output), not the test classpath's logback-test.xml
        command.add("-Dlogback.configurationFile=" + Application.class.getResource("/logback.xml"));
        command.addAll(jvmOptions);
        command.add(Application.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        String home = env.get("HOME");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("HOME", home == null ? "/tmp" : home);
        env.putAll(environment);
        return new HubProcess(builder.start());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until a line matches (true) or the process ends or the time is up (false). */
    boolean awaitLine(Predicate<String> line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<String> lines = List.copyOf(output);
            for (int i = seen; i < lines.size(); i++) {
                if (line.test(lines.get(i))) {
                    return true;
                }
            }
            seen = lines.size();
            if (!process.isAlive() && drained.isDone()) {
                return List.copyOf(output).stream().anyMatch(line);
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Waits for the process to end and returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the hub did not exit within " + timeout + ":\n" + output());
        }
        drained.orTimeout(10, TimeUnit.SECONDS).join();
        return process.exitValue();
    }

    /** Everything it printed so far. */
    String output() {
        return String.join("\n", output);
    }

    /** Stops it as an operator would (SIGTERM: shutdown hooks stop the embedded database and the simulator). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
