package dev.dogcatcher.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.ErrorLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintRulesTest {

  private static final String RULES =
      """
      # Sentry-like: matchers -> group
      error.kind:*SocketTimeout* service:checkout -> payments-timeout

      message:"Invalid user * from *"   -> ssh-invalid-user   # a trailing comment
      logger:com.acme.batch.* message:/^Job \\d+ failed/ -> batch-job-failed
      service:checkout -> checkout-other
      """;

  @Test
  void groupOf_takesTheFirstRuleWhoseMatchersAllMatch() {
    FingerprintRules rules = FingerprintRules.parse(RULES);

    assertThat(rules.size()).isEqualTo(4);
    assertThat(rules.groupOf(log("checkout", "java.net.SocketTimeoutException", "read", "", "x")))
        .contains("payments-timeout");
    assertThat(rules.groupOf(log("orders", "java.net.SocketTimeoutException", "read", "", "x"))).isEmpty();
    assertThat(rules.groupOf(log("checkout", "java.io.EOFException", "read", "", "x"))).contains("checkout-other");
  }

  @Test
  void groupOf_matchesGlobsCaseInsensitivelyOnTheWholeMessageOrTheExceptionMessage() {
    FingerprintRules rules = FingerprintRules.parse(RULES);

    assertThat(rules.groupOf(log("sshd", "", "invalid user admin from 10.0.0.1", "", ""))).contains("ssh-invalid-user");
    assertThat(rules.groupOf(log("sshd", "", "", "Invalid user bob from 10.0.0.2", ""))).contains("ssh-invalid-user");
    assertThat(rules.groupOf(log("sshd", "", "Invalid user admin from", "", ""))).isEmpty();
    assertThat(rules.groupOf(log("sshd", "", "Note: Invalid user admin from 10.0.0.1", "", ""))).isEmpty();
  }

  @Test
  void groupOf_findsRegularExpressions() {
    FingerprintRules rules = FingerprintRules.parse(RULES);

    assertThat(rules.groupOf(log("batch", "", "Job 42 failed: disk full", "", "com.acme.batch.Runner")))
        .contains("batch-job-failed");
    assertThat(rules.groupOf(log("batch", "", "Job x failed", "", "com.acme.batch.Runner"))).isEmpty();
    assertThat(rules.groupOf(log("batch", "", "Job 42 failed", "", "com.acme.web.Api"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a*c      | abc        | true",
        "a*c      | ac         | true",
        "a*c      | abcd       | false",
        "*timeout | read TIMEOUT | true",
        "a?c      | abc        | true",
        "a?c      | ac         | false",
        "*a*a*a*b | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | false",
        "**       | ''         | true",
      })
  void glob_matchesTheWholeText(String glob, String text, boolean matches) {
    assertThat(FingerprintRules.Glob.matches(glob, text)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "service:a                     | line 2: missing '-> group' at the end of the rule",
        "service:a ->                  | line 2: missing group name after '->'",
        "-> group                      | line 2: a rule needs at least one matcher before '->'",
        "host:a -> g                   | line 2: unknown field 'host' (expected service, error.kind, message or logger)",
        "service -> g                  | line 2: expected field:value, found 'service'",
        "service: -> g                 | line 2: empty value for service",
        "message:\"abc -> g            | line 2: unclosed quote",
        "message:/abc -> g             | line 2: unclosed regular expression (expected a closing '/')",
        "message:/a(b/ -> g            | line 2: invalid regular expression for message: Unclosed group",
        "service:a -> two words        | line 2: group name 'two words' may hold only letters, digits and . _ : -",
      })
  void parse_whenALineIsInvalid_failsWithItsNumber(String line, String message) {
    assertThatThrownBy(() -> FingerprintRules.parse("# first line\n" + line + "\nservice:b -> ok\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void parse_readsQuotesWithEscapesAndEmptyText() {
    FingerprintRules rules = FingerprintRules.parse("message:\"say \\\"hi\\\"\" -> quoted");

    assertThat(rules.groupOf(log("s", "", "say \"hi\"", "", ""))).contains("quoted");
    assertThat(FingerprintRules.parse("").size()).isZero();
    assertThat(FingerprintRules.parse("\n# only comments\n\n").size()).isZero();
  }

  @Test
  void from_readsTheFileNamedByTheVariable(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rules.txt");
    Files.writeString(file, RULES);

    FingerprintRules rules = FingerprintRules.from(Settings.of(Map.of("DOGCATCHER_FINGERPRINT_RULES", file.toString())));

    assertThat(rules.size()).isEqualTo(4);
    assertThat(FingerprintRules.from(Settings.of(Map.of())).size()).isZero();
  }

  @Test
  void from_whenALineIsInvalid_failsNamingTheVariableTheFileAndTheLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rules.txt");
    Files.writeString(file, "service:a -> ok\nservice:b\n");
    Settings settings = Settings.of(Map.of("DOGCATCHER_FINGERPRINT_RULES", file.toString()));

    assertThatThrownBy(() -> FingerprintRules.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DOGCATCHER_FINGERPRINT_RULES: " + file + " line 2: missing '-> group' at the end of the rule");
  }

  @Test
  void from_whenTheFileIsMissing_failsNamingTheVariable(@TempDir Path dir) {
    Settings settings = Settings.of(Map.of("DOGCATCHER_FINGERPRINT_RULES", dir.resolve("absent.txt").toString()));

    assertThatThrownBy(() -> FingerprintRules.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DOGCATCHER_FINGERPRINT_RULES: cannot read " + dir.resolve("absent.txt"));
  }

  private static ErrorLog log(String service, String errorKind, String message, String errorMessage, String logger) {
    String text = message.isEmpty() && errorMessage.isEmpty() ? "-" : message;
    return new ErrorLog("1", Instant.EPOCH, "error", service, "prod", "host", text, errorKind, errorMessage, "",
        logger, "main", null, null, "");
  }
}
