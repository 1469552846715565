package dev.dogcatcher.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MessageTemplateTest {

  static Stream<Arguments> typedValues() {
    return Stream.of(
        Arguments.of("Request 123e4567-e89b-12d3-a456-426614174000 failed", "Request <uuid> failed"),
        Arguments.of("Connection refused from 192.168.1.42", "Connection refused from <ip>"),
        Arguments.of("Timeout calling 10.0.0.1:8080", "Timeout calling <ip>"),
        Arguments.of("Bound to ::1 and fe80::1%eth0", "Bound to <ip> and <ip>"),
        Arguments.of("Upstream [2001:db8::8a2e:370:7334]:443 reset", "Upstream <ip> reset"),
        Arguments.of("Timeout calling api.stripe.com:443", "Timeout calling <host>"),
        Arguments.of("Cannot resolve proxy.cse.cuhk.edu.hk", "Cannot resolve <host>"),
        Arguments.of("Refused by db-1.prod.svc.cluster.local:5432,", "Refused by <host>,"),
        Arguments.of("Lookup of MININT-FNANLI5.fareast.corp.microsoft.com failed", "Lookup of <host> failed"),
        Arguments.of("Lookup of 5.36.59.76.dynamic-dsl-ip.omantel.net.om failed", "Lookup of <host> failed"),
        Arguments.of("Open csdnimg.cn:80 failed", "Open <host> failed"),
        Arguments.of("User john.doe@example.com not found", "User <email> not found"),
        Arguments.of("GET https://api.example.com/v1/users?id=42 failed", "GET <url> failed"),
        Arguments.of("Cannot read /var/log/app/server.log", "Cannot read <path>"),
        Arguments.of("Cannot read C:\\Users\\bob\\app.ini", "Cannot read <path>"),
        Arguments.of("Job failed at 2024-01-01T12:00:00.123Z", "Job failed at <date>"),
        Arguments.of("Sun Dec 04 04:47:44 2005 child exited", "<date> child exited"),
        Arguments.of("Timeout after 30000ms", "Timeout after <duration>"),
        Arguments.of("Timeout after 250 ms", "Timeout after <duration>"),
        Arguments.of("lifetime <1 sec", "lifetime <duration>"),
        Arguments.of("Wrote 1190 bytes (1.16 KB)", "Wrote <size> (<size>)"),
        Arguments.of("Heap 512M of 4GiB", "Heap <size> of <size>"),
        Arguments.of("Segfault at 0x7ffe1234", "Segfault at <hex>"),
        Arguments.of("Commit 3f2a9c1 not found", "Commit <hex> not found"),
        Arguments.of("Register ffffffff dirty", "Register <hex> dirty"),
        Arguments.of("Host 75DGDAM1 down", "Host <id> down"),
        Arguments.of("Order 12345 failed for user 42", "Order <int> failed for user <int>"),
        Arguments.of("Balance -12.50 below 0", "Balance <num> below <int>"),
        Arguments.of("Missing column 'email'", "Missing column <str>"),
        Arguments.of("Failed with user=alice status=FAILED", "Failed with user=<val> status=<val>"),
        Arguments.of("r00=0x0 r01=0x1 r02=0x2", "r<int>=<val>"),
        Arguments.of("Failed ids [1, 2, 3]", "Failed ids [<int>]"),
        Arguments.of("Delete blk_1 blk_-2 blk_3 now", "Delete blk_<int> now"),
        Arguments.of("Lambda Foo$$Lambda$123/0x0000000800c0b440 failed", "Lambda Foo$$Lambda failed"),
        Arguments.of("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxXdsyCVF1w8In0.sigxtPYxcPvCMdv rejected", "Bearer <token> rejected"),
        Arguments.of("Body dGhpcyBpcyBhIHRlc3Qgb2YgYmFzZTY0IQ== rejected", "Body <token> rejected"),
        Arguments.of("Body aGVsbG8gd29ybGQ+Lw+abcD1234567 rejected", "Body <token> rejected"),
        Arguments.of("No such customer cus_NffrFeUfNV2Hib", "No such customer cus_<token>"),
        Arguments.of("Invalid key sk-proj-AbCdEfGhIjKlMnOpQrStUvWx", "Invalid key sk-proj-<token>"),
        Arguments.of("Session sigxtPYxcPvCMdv expired", "Session <token> expired"),
        Arguments.of("DHCPACK to 00:1a:2b:3c:4d:5e via eth1", "DHCPACK to <mac> via eth<int>"),
        Arguments.of("Station 00-1A-2B-3C-4D-5E left", "Station <mac> left"));
  }

  @ParameterizedTest
  @MethodSource("typedValues")
  void of_replacesVariablePartsWithTypedPlaceholders(String message, String template) {
    assertThat(MessageTemplate.of(message)).isEqualTo(template);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET /health HTTP/1.1                         | GET /health HTTP/1.1",
        "node12 dn228 sha256 R63-M0-N2                | node<int> dn<int> sha<int> R<int>-M<int>-N<int>",
        "job-4711 pool-1-thread-7                     | job-<int> pool-<int>-thread-<int>",
        "java.lang.IllegalStateException in com.acme.io | java.lang.IllegalStateException in com.acme.io",
        "setup.py:42 user.id README.md                | setup.py:<int> user.id README.md",
        "can't find user's home                       | can't find user's home",
      })
  void of_keepsLettersOfWordsClassNamesAndFileNames(String message, String template) {
    assertThat(MessageTemplate.of(message)).isEqualTo(template);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "www.qq.com:80 open through proxy 10.0.0.1:5070      | <*> open through proxy <*>",
        "183.62.156.108:22 open through proxy 10.0.0.1:5070  | <*> open through proxy <*>",
        "1190 bytes (1.16 KB) sent, lifetime <1 sec          | <*> sent, lifetime <*>",
        "0 bytes sent, lifetime 00:01                        | <*> sent, lifetime <*>",
        "connection from 10.0.0.1 (a.example.com) at 10:00   | connection from <*> at <*>",
        "connection from 10.0.0.1 () at 10:00                | connection from <*> at <*>",
        "Failed ids 1, 2, 3 and 4                            | Failed ids <*> and <*>",
        "Time x < 5                                          | Time x < <*>",
        "Release ws=WorkSource{10113}, uid=1000              | Release ws=<*>, uid=<*>",
        "Release ws=null, uid=1000                           | Release ws=<*>, uid=<*>",
        "Collapse force=false, flags=0x1                     | Collapse force=false, flags=<*>",
      })
  void key_writesEveryPlaceholderAndEveryRunOfValuesAsOne(String message, String key) {
    assertThat(MessageTemplate.key(message)).isEqualTo(key);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PaymentClient NullPointerException getId HikariPool              | PaymentClient NullPointerException getId HikariPool",
        "XMLHttpRequest getHTTPResponseCode AbstractSingletonProxyFactoryBean | XMLHttpRequest getHTTPResponseCode AbstractSingletonProxyFactoryBean",
        "DataIntegrityViolationException ConcurrentModificationException | DataIntegrityViolationException ConcurrentModificationException",
        "kCFStreamErrorDomainSSL IOPMPowerSource CCIOReporterFormatter    | kCFStreamErrorDomainSSL IOPMPowerSource CCIOReporterFormatter",
        "setSystemUiVisibility mHeadsUpExistenceChangedRunnable           | setSystemUiVisibility mHeadsUpExistenceChangedRunnable",
        "interceptKeyBeforeQueueing userActivityNoUpdateLocked            | interceptKeyBeforeQueueing userActivityNoUpdateLocked",
        "btn_SubmitClick m_ConnectionPool mDNS_DeregisterInterface        | btn_SubmitClick m_ConnectionPool mDNS_DeregisterInterface",
        "get_user_by_id __init__ snake_case_name MAX_POOL_SIZE            | get_user_by_id __init__ snake_case_name MAX_POOL_SIZE",
        "OAuth2Client isIPv6Available Base64Decoder                       | OAuth<int>Client isIPv<int>Available Base<int>Decoder",
      })
  void of_keepsCamelCaseAndSnakeCaseNamesAsWords(String message, String template) {
    assertThat(MessageTemplate.of(message)).isEqualTo(template);
  }

  @Test
  void key_whenTheSameErrorCarriesDifferentTokens_isEqual() {
    Random random = new Random(42);
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      keys.add(
          MessageTemplate.key(
              "Rejected request with header Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx"
                  + alphanumeric(random, 10) + "In0.sig" + alphanumeric(random, 12) + " password=hunter2"));
    }
    assertThat(keys).containsExactly("Rejected request with header Authorization: Bearer <*> password=<*>");

    Set<String> stripe = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      // A key shared by all but a few: random runs can spell a name now and then (see randomRun).
      stripe.add(MessageTemplate.key("Failed to build invoice for event evt_" + alphanumeric(random, 24)));
    }
    assertThat(stripe).containsExactly("Failed to build invoice for event <*>");
  }

  @Test
  void key_anIdentifierJoinedByUnderscoresThatHoldsAValue_isOneValue() {
    assertThat(MessageTemplate.key("task_1445144423722_0020_m_000000 Task Transitioned from NEW to SCHEDULED"))
        .isEqualTo(MessageTemplate.key("task_1445144423722_0020_r_000001 Task Transitioned from NEW to SCHEDULED"))
        .isEqualTo("<*> Task Transitioned from NEW to SCHEDULED");
    assertThat(MessageTemplate.key("Block broadcast_12_piece0 stored as bytes in memory"))
        .isEqualTo(MessageTemplate.key("Block rdd_42_3 stored as bytes in memory"));
    assertThat(MessageTemplate.key("no answer from [Thunderbird_A8] datasource"))
        .isEqualTo("no answer from [<*>] datasource");
  }

  @Test
  void key_anIdentifierWithUnderscoresAndNoValue_staysAWord() {
    assertThat(MessageTemplate.key("MAX_RETRIES exceeded for user_id=42"))
        .isEqualTo("MAX_RETRIES exceeded for user_id=<*>");
    assertThat(MessageTemplate.key("read_timeout on shard 3")).isNotEqualTo(MessageTemplate.key("connect_timeout on shard 3"));
  }

  @Test
  void key_whenAWordStartsLikeATokenAgainAndAgain_isStillLinear() {
    String line = "eyJ-".repeat(1 << 18) + "eyJ.eyJ";

    String key = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MessageTemplate.key(line));

    assertThat(key).isEqualTo(MessageTemplate.key(line.substring(0, MessageTemplate.MAX_CHARS)));
  }

  private static String alphanumeric(Random random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  @Test
  void key_whenMessagesDifferOnlyInValues_isEqual() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String peer = i % 2 == 0 ? "10.0." + (i % 250) + "." + (i * 7 % 250) : "node-" + i + ".prod.example.com";
      String size = i % 3 == 0 ? i + " bytes" : (i * 1.5) + " MB";
      keys.add(
          MessageTemplate.key(
              "Payment " + UUID.randomUUID() + " for order #" + (1000 + i * 37) + " from " + peer + ":"
                  + (30000 + i) + " failed after " + (i * 13) + "ms on pool-" + (i % 4) + "-thread-" + i
                  + " at 2024-03-" + (10 + i % 18) + "T10:" + (10 + i % 50) + ":00Z (attempt " + (i % 5)
                  + ", trace 0x" + Integer.toHexString(i * 7919) + ") sent " + size));
    }
    assertThat(keys)
        .containsExactly(
            "Payment <*> for order #<*> from <*> failed after <*> on pool-<*>-thread-<*> at <*> (attempt <*>,"
                + " trace <*>) sent <*>");
  }

  @Test
  void key_whenMessagesDifferInAConstantWord_isDifferent() throws IOException {
    List<String[]> pairs = pairs("fingerprint/apart.txt");

    assertThat(pairs).hasSizeGreaterThan(30);
    for (String[] pair : pairs) {
      assertThat(MessageTemplate.key(pair[0])).as("%s | %s", pair[0], pair[1]).isNotEqualTo(MessageTemplate.key(pair[1]));
    }
  }

  @Test
  void key_whenTheMessageHoldsPlaceholderText_doesNotTakeItForAPlaceholder() {
    assertThat(MessageTemplate.key("Expected <int> tag")).isEqualTo("Expected <int> tag");
    assertThat(MessageTemplate.key("Expected \ue000int\ue001 tag")).isEqualTo("Expected \ufffdint\ufffd tag");
  }

  @Test
  void of_collapsesWhitespace() {
    assertThat(MessageTemplate.of("  Internal \t Server\n\r\nError\u00a0 ")).isEqualTo("Internal Server Error");
  }

  @Test
  void of_whenMessageIsNullOrBlank_isEmpty() {
    assertThat(MessageTemplate.of(null)).isEmpty();
    assertThat(MessageTemplate.key("")).isEmpty();
    assertThat(MessageTemplate.of(" \t\n")).isEmpty();
  }

  @Test
  void of_countsOnlyTheFirst2000Characters() {
    String head = "Batch failed: " + "x".repeat(MessageTemplate.MAX_CHARS);

    assertThat(MessageTemplate.key(head + " read timeout")).isEqualTo(MessageTemplate.key(head + " write error"));
  }

  static Stream<String> adversarialLines() {
    return MessageTemplateV1Test.adversarialLines();
  }

  @ParameterizedTest
  @MethodSource("adversarialLines")
  void key_whenLineIsAdversarial_returnsTheKeyOfItsHead(String line) {
    String key = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MessageTemplate.key(line));

    assertThat(key).isEqualTo(MessageTemplate.key(line.substring(0, MessageTemplate.MAX_CHARS)));
  }

  @Test
  void key_whenAWordIsAManyLabelDottedRun_isStillLinear() {
    String line = "a.".repeat(1 << 19) + "com";

    String key = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MessageTemplate.key(line));

    assertThat(key).isEqualTo(MessageTemplate.key(line.substring(0, MessageTemplate.MAX_CHARS)));
  }

  /** Pairs of messages, one pair per line separated by " | ". */
  static List<String[]> pairs(String resource) throws IOException {
    try (InputStream in = MessageTemplateTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split(" \\| ", 2))
          .toList();
    }
  }
}
