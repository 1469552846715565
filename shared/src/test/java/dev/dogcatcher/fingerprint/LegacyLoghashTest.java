package dev.dogcatcher.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LegacyLoghashTest {

  /** The vectors of shared/reference/legacy-loghash.md: input, normalised, loghash. */
  static Stream<Arguments> vectors() {
    return Stream.of(
        Arguments.of(
            "Database connection failed: Connection timeout",
            "database connection failed connection timeout",
            "ba2bba309e95"),
        Arguments.of(
            "[2025-12-09 10:30:00] Database connection failed", "database connection failed", "c4b68a6f1d89"),
        Arguments.of("Request 123e4567-e89b-12d3-a456-426614174000 failed", "request failed", "4d0255e85ede"),
        Arguments.of("User john.doe@example.com not found", "user email not found", "3b026de45d4a"),
        Arguments.of(
            "Failed to connect to https://api.example.com/v1/users", "failed to connect to url", "888384dfaacf"),
        Arguments.of(
            "Authentication failed for token sk-1234567890abcdef",
            "authentication failed for token sk",
            "d013d03fc594"),
        Arguments.of(
            "Error 500: Internal Server Error at 2024-01-01T12:00:00Z",
            "error 500 internal server error at 2024 01 01t12 00 00z",
            "fb9efa9e703d"),
        Arguments.of(
            "Failed to get file size by name 1111_foo.DPplan, Cause: Status code 404, (BlobNotFound)",
            "failed to get file size by name blob cause status code 404 blobnotfound",
            "4525359852b1"),
        Arguments.of("Processing file report.dpplan failed", "processing file file failed", "094f2d22ad9e"),
        Arguments.of(
            "NullPointerException in com.example.UserService.findById()",
            "nullpointerexception in token findbyid",
            "7aea7c557079"),
        Arguments.of("Connection refused from 192.168.1.42", "connection refused from token 42", "6bc872e0ff6f"),
        Arguments.of(
            "Timeout after 30000ms calling 10.0.0.1:8080",
            "timeout after 30000ms calling token 1 8080",
            "9e856e7fe531"),
        Arguments.of("ObjectId 507f1f77bcf86cd799439011 not found", "objectid not found", "8ff491ea3b23"),
        Arguments.of("Hash deadbeefcafe1234 mismatch", "hash mismatch", "b5ab326e3f39"),
        Arguments.of("Order 12345 failed for user 42", "order failed for user 42", "6963129217b1"),
        Arguments.of("Job 1234 failed", "job 1234 failed", "933ba02bb936"),
        Arguments.of("Job failed at 2024-01-01T12:00:00.123Z", "job failed at 123z", "751d34f75a36"),
        Arguments.of("Job failed at 2024-01-01 12:00:00", "job failed at", "bea812e4d023"),
        Arguments.of("[2024-01-01 12:00:00,456] Job failed", "456 job failed", "d2db9cc1fa1a"),
        Arguments.of(
            "could not execute statement; SQL [n/a]; constraint [PRIMARY]; Duplicate entry"
                + " 'e\\xBB\\xB2'\\x97lC[' for key 'license.PRIMARY'",
            "could not execute statement sql n a constraint primary duplicate entry for key license primary",
            "6a4bf73d7833"),
        Arguments.of("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc failed", "token failed", "be60b71541cb"),
        Arguments.of("Error: Ошибка подключения", "error", "11f9578d05e6"),
        Arguments.of(
            "pre persist failed on PrePersist hook", "pre persist failed on prepersist hook", "06c7ed4ad6aa"));
  }

  /** The Unicode traps of shared/reference/legacy-loghash.md: input, normalised. */
  static Stream<Arguments> unicodeTraps() {
    return Stream.of(
        Arguments.of("ид12345 fail", "12345 fail"),
        Arguments.of("Ошибка 12345 fail", "fail"),
        Arguments.of("naïve 1234567 ok", "na ve ok"),
        Arguments.of("café deadbeefcafe00 x", "caf x"),
        Arguments.of("Error ①②③ ١٢٣٤٥ digits", "error digits"));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void normalise_matchesThePythonTool(String input, String normalised, String loghash) {
    assertThat(LegacyLoghash.normalise(input)).isEqualTo(normalised);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void of_returnsThePythonToolsLabel(String input, String normalised, String loghash) {
    assertThat(LegacyLoghash.of(input)).hasValue("loghash-" + loghash);
  }

  @ParameterizedTest
  @MethodSource("unicodeTraps")
  void normalise_whenTextIsNotAscii_usesUnicodeClassesLikeThePythonTool(String input, String normalised)
      throws Exception {
    assertThat(LegacyLoghash.normalise(input)).isEqualTo(normalised);
    assertThat(LegacyLoghash.of(input)).hasValue("loghash-" + sha1Prefix(normalised));
  }

  @Test
  void normalise_whenLineBreaksSeparateTheDuplicateEntry_stopsOnlyAtNewline() {
    // Python's '.' crosses \r but not \n.
    assertThat(LegacyLoghash.normalise("Duplicate entry 'a\rb' for key 'k'")).isEqualTo("duplicate entry for key k");
    assertThat(LegacyLoghash.normalise("Duplicate entry 'a\nb' for key 'k'"))
        .isEqualTo("duplicate entry a b for key k");
  }

  @Test
  void of_whenNothingIsLeftAfterNormalising_isEmpty() {
    assertThat(LegacyLoghash.of(null)).isEmpty();
    assertThat(LegacyLoghash.of("")).isEmpty();
    assertThat(LegacyLoghash.of("  ")).isEmpty();
    assertThat(LegacyLoghash.of("Ошибка!")).isEmpty();
    assertThat(LegacyLoghash.of("123e4567-e89b-12d3-a456-426614174000")).isEmpty();
  }

  private static String sha1Prefix(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, 12);
  }
}
