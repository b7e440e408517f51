package dev.forecourt.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forecourt.systemtest.support.Accounts;
import dev.forecourt.systemtest.support.ForecourtServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After every other class (it is ordered last): the logs the whole suite made — the server logs and
 * JSON logs of the shared domain, of the cluster's instances and of the run command's domain — hold
 * no demo password, none of the tokens the suite was given and not the secrets key.
 */
@ExtendWith(ForecourtServer.class)
@Order(Integer.MAX_VALUE)
class LogHygieneIT {

  private static final Path TARGET = Path.of("target").toAbsolutePath();

  @Test
  void noPasswordTokenOrSecretsKeyInAnyLog() throws IOException {
    List<Path> logs;
    try (Stream<Path> files = Files.walk(TARGET)) {
      logs =
          files
              .filter(Files::isRegularFile)
              .filter(p -> p.getParent().getFileName().toString().equals("logs"))
              .filter(
                  p -> {
                    String name = p.getFileName().toString();
                    return name.startsWith("server.log") || name.startsWith("forecourt.json.log");
                  })
              .filter(p -> !p.getFileName().toString().endsWith(".lck"))
              .toList();
    }
    assertFalse(logs.isEmpty(), "no log found under " + TARGET);
    assertTrue(
        logs.stream().anyMatch(p -> p.getFileName().toString().startsWith("forecourt.json.log")),
        "the JSON log is among them: " + logs);
    Set<String> tokens = Accounts.issuedTokens();
    assertFalse(tokens.isEmpty());
    String secretsKey = System.getProperty("forecourt.systemtest.env.FORECOURT_SECRETS_KEY");
    assertTrue(secretsKey != null && !secretsKey.isBlank());

    List<String> found = new ArrayList<>();
    long bytes = 0;
    for (Path log : logs) {
      String text = read(log);
      bytes += text.length();
      if (text.contains(Accounts.demoPassword())) {
        found.add("the demo password in " + log);
      }
      if (text.contains(secretsKey)) {
        found.add("the secrets key in " + log);
      }
      for (String token : tokens) {
        // a JWT's signature part alone would do harm too: look for it (and for opaque tokens)
        String mark = token.contains(".") ? token.substring(token.lastIndexOf('.') + 1) : token;
        if (text.contains(mark)) {
          found.add("a token the suite was given in " + log);
          break;
        }
      }
    }
    System.out.printf(
        "[LogHygieneIT] %d logs, %d MB, searched for the demo password, %d tokens and the secrets"
            + " key%n",
        logs.size(), bytes / 1_000_000, tokens.size());
    assertEquals(List.of(), found);
  }

  private static String read(Path log) {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
