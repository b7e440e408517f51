package dev.forecourt.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs the operator scripts in server-config/ (backup.sh, restore.sh) as an operator's shell would:
 * with only the given FORECOURT_* and PG* settings (none inherited from the developer's shell) plus
 * PG_BIN from the system property forecourt.systemtest.pgBin, if set.
 */
public final class Scripts {

  private static final Logger LOG = Logger.getLogger(Scripts.class.getName());

  /** server-config/ (the parent of forecourt.scripts, which names server-config/payara). */
  public static final Path SERVER_CONFIG =
      Path.of(System.getProperty("forecourt.scripts", "../../server-config/payara"))
          .toAbsolutePath()
          .normalize()
          .getParent();

  private Scripts() {}

  /** What a script did: its exit code, standard output and standard error. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** The last line of standard output (backup.sh prints the backup's path there). */
    public String lastLine() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  public static Result run(String name, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(SERVER_CONFIG.resolve(name).toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("forecourt-script", ".out");
      Path err = Files.createTempFile("forecourt-script", ".err");
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().keySet().removeIf(n -> n.startsWith("FORECOURT_") || n.startsWith("PG"));
      String pgBin = System.getProperty("forecourt.systemtest.pgBin");
      if (pgBin != null && !pgBin.isBlank()) {
        pb.environment().put("PG_BIN", pgBin);
      }
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException(name + " did not end within 5 minutes");
      }
      Result result =
          new Result(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      LOG.info(
          () ->
              name
                  + " "
                  + String.join(" ", args)
                  + " -> exit "
                  + result.exitCode()
                  + "\n"
                  + result.stderr());
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The files in {@code dir}, sorted. */
  public static List<Path> files(Path dir) {
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
