package dev.forecourt.platform.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The signatures the intrusion detection looks for in request paths, query parameters and JSON
 * string values: SQL injection, cross-site scripting and path traversal. A value is decoded
 * (percent-encoding, twice, to see through double encoding) before it is matched. The patterns aim
 * at attack syntax, not at words: "select the best from our range" or "O'Brien and Sons" pass.
 */
public final class IntrusionPatterns {

  /** A rule: its name (the {@code rule} tag of the metric) and its pattern. */
  record Rule(String name, Pattern pattern) {}

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "sql-injection",
              Pattern.compile(
                  String.join(
                      "|",
                      "['\"`]\\s*\\)*\\s*(or|and|xor)\\s+[\\w'\"(]+\\s*(=|<|>|like\\b|is\\b)", // '
                      // or
                      // 1=1, " OR "a"="a
                      "['\"`]\\s*\\)*\\s*(or|and)\\s+(true|false)\\b", // ' or true
                      "\\bunion\\b(\\s|/\\*.*?\\*/)+(all(\\s|/\\*.*?\\*/)+)?select\\b", // union
                      // select
                      ";\\s*(drop|delete|truncate|alter|insert|update|create|exec|execute|shutdown)\\s+\\w", // ; drop table
                      "['\"`]\\s*\\)*\\s*;?\\s*(--|#|/\\*)", // '-- comment-out
                      "\\b(pg_sleep|sleep|benchmark|dbms_pipe\\.receive_message)\\s*\\(", // time-based
                      "\\bwaitfor\\s+delay\\b",
                      "\\b(xp_cmdshell|information_schema|pg_catalog|sqlite_master)\\b",
                      "\\b(load_file|into\\s+(out|dump)file)\\b"),
                  FLAGS)),
          new Rule(
              "xss",
              Pattern.compile(
                  String.join(
                      "|",
                      "<\\s*/?\\s*(script|iframe|object|embed|svg|img|body|meta|link|style|base|form|frameset|frame|applet|math|video|audio|details|marquee)\\b",
                      "\\b(java|vb)script\\s*:",
                      "([\"'/]\\s*|<[^>]*\\s)on[a-z]{3,20}\\s*=", // "onerror=, <img onload=
                      "\\bdata\\s*:\\s*text/html",
                      "\\bexpression\\s*\\(",
                      "\\bsrcdoc\\s*="),
                  FLAGS)),
          new Rule(
              "path-traversal",
              Pattern.compile(
                  String.join(
                      "|",
                      "(^|[/\\\\])\\.\\.([/\\\\]|$)", // ../ and ..\
                      "/etc/(passwd|shadow|hosts|group)\\b",
                      "\\b(boot|win)\\.ini\\b",
                      "\\\\windows\\\\system32",
                      "\u0000",
                      "\\bfile:/"),
                  FLAGS)));

  private IntrusionPatterns() {}

  /** The name of the first rule {@code value} matches, decoded as in a URL. */
  public static Optional<String> match(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    String candidate = value;
    for (int round = 0; round < 3; round++) {
      for (Rule rule : RULES) {
        if (rule.pattern().matcher(candidate).find()) {
          return Optional.of(rule.name());
        }
      }
      String decoded = decode(candidate);
      if (decoded.equals(candidate)) {
        break;
      }
      candidate = decoded;
    }
    return Optional.empty();
  }

  private static String decode(String value) {
    if (value.indexOf('%') < 0 && value.indexOf('+') < 0) {
      return value;
    }
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value; // malformed escapes: match what we have
    }
  }
}
