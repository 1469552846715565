package dev.dogcatcher.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MessageTemplateV1Test {

  static Stream<Arguments> typedValues() {
    return Stream.of(
        Arguments.of("Request 123e4567-e89b-12d3-a456-426614174000 failed", "Request <uuid> failed"),
        Arguments.of("Request 123E4567-E89B-12D3-A456-426614174000 failed", "Request <uuid> failed"),
        Arguments.of("Connection refused from 192.168.1.42", "Connection refused from <ip>"),
        Arguments.of("Timeout calling 10.0.0.1:8080", "Timeout calling <ip>"),
        Arguments.of("Blocked 10.0.0.0/8", "Blocked <ip>"),
        Arguments.of("Bound to ::1 and fe80::1%eth0", "Bound to <ip> and <ip>"),
        Arguments.of("Upstream [2001:db8::8a2e:370:7334]:443 reset", "Upstream <ip> reset"),
        Arguments.of("Peer 2001:0db8:0000:0000:0000:ff00:0042:8329 gone", "Peer <ip> gone"),
        Arguments.of("User john.doe@example.com not found", "User <email> not found"),
        Arguments.of("Mail to <ops+alerts@corp.example.io> bounced", "Mail to <<email>> bounced"),
        Arguments.of("GET https://api.example.com/v1/users?id=42 failed", "GET <url> failed"),
        Arguments.of("Pool jdbc:postgresql://db:5432/app exhausted", "Pool <url> exhausted"),
        Arguments.of("Cannot read /var/log/app/server.log", "Cannot read <path>"),
        Arguments.of("Cannot read ~/conf/app.yaml", "Cannot read <path>"),
        Arguments.of("Cannot read C:\\Users\\bob\\app.ini", "Cannot read <path>"),
        Arguments.of("Cannot read \\\\fileserver\\share\\app.ini", "Cannot read <path>"),
        Arguments.of("Compile error in src/main/App.java:42", "Compile error in <path>"),
        Arguments.of("Cannot read /tmp", "Cannot read /tmp"),
        Arguments.of("Job failed at 2024-01-01T12:00:00.123Z", "Job failed at <date>"),
        Arguments.of("Job failed at 2024-01-01T12:00:00+02:00", "Job failed at <date>"),
        Arguments.of("[2024-01-01 12:00:00,456] Job failed", "[<date>] Job failed"),
        Arguments.of("Job failed on 2024/01/31", "Job failed on <date>"),
        Arguments.of("Job failed on 31.01.2024", "Job failed on <date>"),
        Arguments.of("Job failed at 12:00:00 PM", "Job failed at <date>"),
        Arguments.of("Job failed at 10:30", "Job failed at <date>"),
        Arguments.of("[10/Oct/2000:13:55:36 -0700] GET", "[<date>] GET"),
        Arguments.of("Sun Dec 04 04:47:44 2005 child exited", "<date> child exited"),
        Arguments.of("Dec 10 06:55:46 sshd started", "<date> sshd started"),
        Arguments.of("Expired Mon, 01 Jan 2024 10:00:00 GMT", "Expired <date>"),
        Arguments.of("Timeout after 30000ms", "Timeout after <duration>"),
        Arguments.of("Timeout after 1.5s", "Timeout after <duration>"),
        Arguments.of("Timeout after 250 ms", "Timeout after <duration>"),
        Arguments.of("Timeout after 5 seconds.", "Timeout after <duration>."),
        Arguments.of("Timeout after 1h30m", "Timeout after <duration>"),
        Arguments.of("Timeout after PT30S", "Timeout after <duration>"),
        Arguments.of("Segfault at 0x7ffe1234", "Segfault at <hex>"),
        Arguments.of("Commit 3f2a9c1b7d not found", "Commit <hex> not found"),
        Arguments.of("ObjectId 507f1f77bcf86cd799439011 not found", "ObjectId <hex> not found"),
        Arguments.of("Request req_4Hq2ZzL1x9AbCd failed", "Request req_<id> failed"),
        Arguments.of("Order 12345 failed for user 42", "Order <int> failed for user <int>"),
        Arguments.of("Balance -12.50 below 0", "Balance <num> below <int>"),
        Arguments.of("Disk at 97% after 1.5e3 writes", "Disk at <int>% after <num> writes"),
        Arguments.of("Version 1.2.3 unsupported", "Version <num> unsupported"),
        Arguments.of("Missing column 'email'", "Missing column <str>"),
        Arguments.of("For input string: \"abc\"", "For input string: <str>"),
        Arguments.of("Unknown table `orders`", "Unknown table <str>"),
        Arguments.of("Failed with user=alice status=FAILED", "Failed with user=<val> status=<val>"),
        Arguments.of("Failed with a=1,b=2;c=3", "Failed with a=<val>,b=<val>;c=<val>"),
        Arguments.of("Failed with ruser= rhost=10.0.0.1", "Failed with ruser= rhost=<val>"),
        Arguments.of("Failed ids [1, 2, 3]", "Failed ids [<int>]"),
        Arguments.of("Failed ids 1,2,3", "Failed ids <int>"),
        Arguments.of("Delete blk_1 blk_-2 blk_3 now", "Delete blk_<int> now"),
        Arguments.of("Lambda Foo$$Lambda$123/0x0000000800c0b440 failed", "Lambda Foo$$Lambda failed"),
        Arguments.of("Proxy jdk.proxy2.$Proxy12 failed", "Proxy jdk.proxy.$Proxy failed"),
        Arguments.of("Bean Foo$$EnhancerBySpringCGLIB$$5d3a1b2c failed", "Bean Foo$$EnhancerBySpringCGLIB failed"),
        Arguments.of("Bean Foo$$SpringCGLIB$$0 failed", "Bean Foo$$SpringCGLIB failed"),
        Arguments.of("Mock Foo$ByteBuddy$aBc123 failed", "Mock Foo$ByteBuddy failed"),
        Arguments.of("Invoke GeneratedMethodAccessor123 failed", "Invoke GeneratedMethodAccessor failed"));
  }

  @ParameterizedTest
  @MethodSource("typedValues")
  void template_replacesVariablePartsWithTypedPlaceholders(String message, String template) {
    assertThat(MessageTemplateV1.of(message)).isEqualTo(template);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "utf8 sha256 IPv4 TLSv1.2 log4j k8s   | utf8 sha256 IPv4 TLSv1.2 log4j k8s",
        "GET /health HTTP/1.1                 | GET /health HTTP/1.1",
        "Upgrade to HTTP/2 by Mozilla/5.0     | Upgrade to HTTP/2 by Mozilla/5.0",
        "user42 user4711                      | user42 user<int>",
        "job-4711 blk_-123 pool-1-thread-7    | job-<int> blk_<int> pool-<int>-thread-<int>",
        "items/42 and 10MB                    | items/<int> and <int>MB",
        "deadbeef facade                      | deadbeef facade",
        "can't find user's home               | can't find user's home",
      })
  void template_keepsConstantWordsAndMasksIds(String message, String template) {
    assertThat(MessageTemplateV1.of(message)).isEqualTo(template);
  }

  @Test
  void template_whenMessagesDifferOnlyInIds_areEqual() {
    Set<String> templates = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      templates.add(
          MessageTemplateV1.of(
              "Payment "
                  + UUID.randomUUID()
                  + " for order #"
                  + (1000 + i * 37)
                  + " from 10.0."
                  + (i % 250)
                  + "."
                  + (i * 7 % 250)
                  + ":"
                  + (30000 + i)
                  + " failed after "
                  + (i * 13)
                  + "ms on pool-"
                  + (i % 4)
                  + "-thread-"
                  + i
                  + " at 2024-03-"
                  + (10 + i % 18)
                  + "T10:"
                  + (10 + i % 50)
                  + ":00Z (attempt "
                  + (i % 5)
                  + ", trace 0x"
                  + Integer.toHexString(i * 7919)
                  + ")"));
    }
    assertThat(templates)
        .containsExactly(
            "Payment <uuid> for order #<int> from <ip> failed after <duration> on pool-<int>-thread-<int>"
                + " at <date> (attempt <int>, trace <hex>)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "read timeout                     | connect timeout",
        "Failed to read 42 bytes          | Failed to write 42 bytes",
        "Table 'a' does not exist         | Table 'a' already exists",
        "status=500 on GET /api/users/1   | status=500 on PUT /api/users/1",
        "took 30 ms                       | took 30 days ago",
        "error in sha1                    | error in sha256",
        "Login failed msg=\"bad password\" | Login failed msg=\"locked out\"",
        "May not be null                  | Must not be null",
      })
  void template_whenMessagesDifferInAConstantWord_areDifferent(String one, String other) {
    assertThat(MessageTemplateV1.of(one)).isNotEqualTo(MessageTemplateV1.of(other));
  }

  @Test
  void template_collapsesWhitespace() {
    assertThat(MessageTemplateV1.of("  Internal \t Server\n\r\nError\u00a0 ")).isEqualTo("Internal Server Error");
  }

  @Test
  void template_whenMessageIsNullOrBlank_isEmpty() {
    assertThat(MessageTemplateV1.of(null)).isEmpty();
    assertThat(MessageTemplateV1.of("")).isEmpty();
    assertThat(MessageTemplateV1.of(" \t\n")).isEmpty();
  }

  @Test
  void template_keepsTheWordsOfAQuotedPhrase() {
    assertThat(MessageTemplateV1.of("Login failed msg=\"read timeout after 30s\" user='bob'"))
        .isEqualTo("Login failed msg=\"read timeout after <duration>\" user=<str>");
  }

  @Test
  void template_countsOnlyTheFirst2000Characters() {
    String head = "Batch failed: " + "x".repeat(MessageTemplateV1.MAX_CHARS);

    assertThat(MessageTemplateV1.of(head + " read timeout")).isEqualTo(MessageTemplateV1.of(head + " write error"));
    assertThat(MessageTemplateV1.of(head + " read timeout")).isEqualTo(MessageTemplateV1.of(head.substring(0, 2000)));
  }

  @Test
  void template_whenTheCutFallsInsideASurrogatePair_dropsTheHalf() {
    String message = "a".repeat(MessageTemplateV1.MAX_CHARS - 1) + "\ud83d\ude00 tail";

    assertThat(MessageTemplateV1.of(message)).isEqualTo("a".repeat(MessageTemplateV1.MAX_CHARS - 1));
  }

  static Stream<String> adversarialLines() {
    int mb = 1 << 20;
    return Stream.of(
        "a".repeat(mb),
        "1.1.1.1.".repeat(mb / 8),
        "'".repeat(mb),
        "\"".repeat(mb),
        "'a".repeat(mb / 2),
        "\"a ".repeat(mb / 3),
        "/".repeat(mb),
        "/a".repeat(mb / 2),
        "-".repeat(mb),
        "1s".repeat(mb / 2),
        "1:".repeat(mb / 2),
        "a=".repeat(mb / 2),
        "a.a.a@".repeat(mb / 6),
        "Mon Dec 1 ".repeat(mb / 10),
        "1 ".repeat(mb / 2),
        "$$Lambda$1/0x1 ".repeat(mb / 15),
        "::".repeat(mb / 2),
        "[".repeat(mb),
        "\\\\a".repeat(mb / 3));
  }

  @ParameterizedTest
  @MethodSource("adversarialLines")
  void template_whenLineIsAdversarial_returnsTheTemplateOfItsHead(String line) {
    String template = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MessageTemplateV1.of(line));

    assertThat(template).isEqualTo(MessageTemplateV1.of(line.substring(0, MessageTemplateV1.MAX_CHARS)));
  }
}
