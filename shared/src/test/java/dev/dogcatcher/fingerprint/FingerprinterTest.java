package dev.dogcatcher.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.domain.ErrorLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

  private final Fingerprinter fingerprinter = Fingerprinter.standard();

  private static final String STACK =
      """
      java.lang.IllegalStateException: Payment failed
      \tat com.acme.billing.PaymentService.charge(PaymentService.java:%d)
      \tat com.acme.api.OrderController.pay(OrderController.java:%d)
      \tat java.base/java.lang.Thread.run(Thread.java:833)
      Caused by: java.net.SocketTimeoutException: Read timed out
      \tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)
      \tat com.acme.billing.GatewayClient.post(GatewayClient.java:%d)
      \tat com.acme.billing.PaymentService.charge(PaymentService.java:%d)
      \t... 2 more
      """;

  @Test
  void of_whenTheSameErrorRepeatsWithVaryingValues_givesOneFingerprint() {
    Set<String> fingerprints =
        IntStream.range(0, 200)
            .mapToObj(
                i ->
                    log("log-" + i, "billing", "Charge " + UUID.randomUUID() + " for order " + (1000 + i)
                            + " from 10.1." + (i % 200) + "." + (i % 7) + " failed after " + (100 + i) + "ms")
                        .errorKind("java.lang.IllegalStateException")
                        .errorMessage("Payment failed")
                        .stack(STACK.formatted(80 + i % 3, 40 + i % 5, 12 + i % 2, 81 + i % 4))
                        .thread("http-nio-8080-exec-" + i)
                        .host("ip-10-0-" + (i % 9) + "-1")
                        .build())
            .map(fingerprinter::of)
            .map(Fingerprint::value)
            .collect(Collectors.toSet());

    assertThat(fingerprints).hasSize(1);
  }

  @Test
  void of_whenTheSameErrorCarriesDifferentTokens_givesOneFingerprint() {
    Set<String> fingerprints =
        Stream.of("XdsyCVF1w8", "xbzSmOyAjX", "4Bn2XxnPUu", "0nRhCuE1TE", "smJXxFPKfF")
            .map(random -> "Rejected request with header Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx"
                + random + "In0.sig" + new StringBuilder(random).reverse() + "Qz password=hunter2")
            .map(message -> fingerprinter.of(log("1", "gateway", message).build()).value())
            .collect(Collectors.toSet());

    assertThat(fingerprints).hasSize(1);
  }

  @Test
  void of_whenMessagesDifferInAConstantWord_givesTwoFingerprints() {
    Fingerprint read = fingerprinter.of(log("1", "billing", "Gateway read timeout after 30000ms").build());
    Fingerprint connect = fingerprinter.of(log("2", "billing", "Gateway connect timeout after 30000ms").build());

    assertThat(read.value()).isNotEqualTo(connect.value());
  }

  @Test
  void of_whenOnlyStackLineNumbersDiffer_givesTheSameFingerprint() {
    Fingerprint one = fingerprinter.of(javaError("1", STACK.formatted(80, 40, 12, 81)));
    Fingerprint other = fingerprinter.of(javaError("2", STACK.formatted(95, 47, 30, 96)));

    assertThat(one).isEqualTo(other);
  }

  @Test
  void of_whenTheRootCauseDiffers_givesDifferentFingerprints() {
    String refused = STACK.replace("java.net.SocketTimeoutException: Read timed out", "java.net.ConnectException: refused");

    assertThat(fingerprinter.of(javaError("1", STACK.formatted(80, 40, 12, 81))))
        .isNotEqualTo(fingerprinter.of(javaError("2", refused.formatted(80, 40, 12, 81))));
  }

  @Test
  void of_usesTheFramesOfTheCausedByRootCause() {
    String elsewhere = STACK.replace("GatewayClient.post", "GatewayClient.get");
    String wrapperElsewhere = STACK.replace("OrderController.pay(", "OrderController.refund(");

    Fingerprint base = fingerprinter.of(javaError("1", STACK.formatted(80, 40, 12, 81)));

    // GatewayClient.post is a root-cause frame, so it counts...
    assertThat(fingerprinter.of(javaError("2", elsewhere.formatted(80, 40, 12, 81)))).isNotEqualTo(base);
    // ...and so does OrderController.pay, restored from "... 2 more": the third in-app frame of the cause.
    assertThat(fingerprinter.of(javaError("3", wrapperElsewhere.formatted(80, 40, 12, 81)))).isNotEqualTo(base);
    // Frames below the top three in-app ones do not.
    String deeper = STACK.replace("\tat java.base/java.lang.Thread.run(Thread.java:833)", "\tat com.acme.Main.run(Main.java:1)");
    assertThat(fingerprinter.of(javaError("4", deeper.formatted(80, 40, 12, 81)))).isEqualTo(base);
  }

  @Test
  void of_whenTheExceptionMessageDiffersInAConstantWord_givesDifferentFingerprints() {
    ErrorLog deadlock = log("1", "billing", "Could not save order").errorKind("java.sql.SQLException")
        .errorMessage("Deadlock found when trying to get lock").build();
    ErrorLog duplicate = log("2", "billing", "Could not save order").errorKind("java.sql.SQLException")
        .errorMessage("Duplicate entry '42' for key 'PRIMARY'").build();

    assertThat(fingerprinter.of(deadlock)).isNotEqualTo(fingerprinter.of(duplicate));
  }

  @Test
  void of_whenTheServiceDiffers_givesDifferentFingerprints() {
    assertThat(fingerprinter.of(log("1", "billing", "Gateway read timeout").build()))
        .isNotEqualTo(fingerprinter.of(log("2", "orders", "Gateway read timeout").build()));
  }

  @Test
  void of_readsPythonTracebacks() {
    String traceback =
        """
        Traceback (most recent call last):
          File "/app/billing/invoice.py", line %d, in %s
            total = Decimal(amount)
          File "/usr/lib/python3.11/decimal.py", line 99, in __new__
        decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]
        """;
    Fingerprint one = fingerprinter.of(log("1", "invoices", "Invoice failed").stack(traceback.formatted(42, "compute")).build());
    Fingerprint moved = fingerprinter.of(log("2", "invoices", "Invoice failed").stack(traceback.formatted(57, "compute")).build());
    Fingerprint other = fingerprinter.of(log("3", "invoices", "Invoice failed").stack(traceback.formatted(42, "render")).build());

    assertThat(one).isEqualTo(moved);
    assertThat(one).isNotEqualTo(other);
  }

  @Test
  void of_whenTheLogCarriesAnExplicitFingerprint_usesIt() throws Exception {
    Fingerprint one = fingerprinter.of(log("1", "billing", "read timeout").explicitFingerprint("checkout-flow").build());
    Fingerprint other = fingerprinter.of(log("2", "billing", "disk full").explicitFingerprint("checkout-flow").build());
    Fingerprint otherService = fingerprinter.of(log("3", "orders", "read timeout").explicitFingerprint("checkout-flow").build());

    assertThat(one.value()).isEqualTo(other.value()).isEqualTo(sha256Prefix("override|billing|checkout-flow"));
    assertThat(otherService.value()).isNotEqualTo(one.value());
    assertThat(one.version()).isEqualTo(Fingerprinter.VERSION);
    assertThat(one.template()).isEqualTo("read timeout");
  }

  @Test
  void of_isTwentyLowercaseHexAndStable() {
    ErrorLog log = javaError("1", STACK.formatted(80, 40, 12, 81));

    Fingerprint fingerprint = new Fingerprinter(List.of()).of(log);

    assertThat(fingerprint.value()).matches("[0-9a-f]{20}");
    assertThat(fingerprint.version()).isEqualTo(3).isEqualTo(Fingerprinter.VERSION);
    assertThat(fingerprint.template()).isEqualTo("Charge <int> failed");
    // Pinned: if this changes, the recipe changed, and VERSION must change with it.
    assertThat(fingerprint.value()).isEqualTo("128de12dc797482fd55b");
    assertThat(Fingerprinter.standard().of(log)).isEqualTo(fingerprint);
  }

  @Test
  void of_followsTheDocumentedRecipe() throws Exception {
    ErrorLog log = javaError("1", STACK.formatted(80, 40, 12, 81));

    String key = "v3|billing|java.lang.IllegalStateException|java.net.SocketTimeoutException|"
        + "com.acme.billing.GatewayClient.post,com.acme.billing.PaymentService.charge,com.acme.api.OrderController.pay|"
        + "Charge <*> failed|Payment failed|Read timed out";

    assertThat(fingerprinter.of(log).value()).isEqualTo(sha256Prefix(key));
  }

  @Test
  void previousVersions_givesTheUnchangedV2AndV1Fingerprints() throws Exception {
    ErrorLog log = javaError("1", STACK.formatted(80, 40, 12, 81));

    String v1Key = "v1|billing|java.lang.IllegalStateException|java.net.SocketTimeoutException|"
        + "com.acme.billing.GatewayClient.post,com.acme.billing.PaymentService.charge,com.acme.api.OrderController.pay|"
        + "Charge <int> failed|Payment failed";

    // Pinned when each was current: the values v2 and v1 tickets carry. They must never change.
    assertThat(fingerprinter.previousVersions(log)).containsExactly(
        new Fingerprint("c2e25768071c4ba2aa4a", 2, "Charge <int> failed"),
        new Fingerprint("929a957dd5efacaa8637", 1, "Charge <int> failed"));
    assertThat(sha256Prefix(v1Key)).isEqualTo("929a957dd5efacaa8637");
  }

  @Test
  void previousVersions_whenTheLogIsOverridden_isEmptyBecauseV1ComputedTheSameValue() {
    ErrorLog log = log("1", "billing", "read timeout").explicitFingerprint("checkout-flow").build();

    assertThat(fingerprinter.previousVersions(log)).isEmpty();
    assertThat(fingerprinter.v1(log).value()).isEqualTo(fingerprinter.of(log).value());
  }

  @Test
  void previousVersions_whenARuleMatches_givesTheComputedV1Fingerprint() {
    Fingerprinter withRules =
        Fingerprinter.from(List.of(), FingerprintRules.parse("message:\"*timeout*\" -> timeouts"));
    ErrorLog log = log("1", "billing", "Gateway read timeout after 30000ms").build();

    assertThat(withRules.previousVersions(log)).containsExactly(fingerprinter.v1(log));
    assertThat(withRules.of(log).value()).isNotEqualTo(fingerprinter.v1(log).value());
  }

  @Test
  void of_whenARuleMatches_usesItsGroupPerService() throws Exception {
    Fingerprinter withRules =
        Fingerprinter.from(
            List.of(),
            FingerprintRules.parse(
                """
                # socket timeouts of any call are one error
                error.kind:*SocketTimeout* -> network-timeout
                """));
    Fingerprint read = withRules.of(log("1", "billing", "read").errorKind("java.net.SocketTimeoutException").build());
    Fingerprint connect = withRules.of(log("2", "billing", "connect").errorKind("java.net.SocketTimeoutException").build());
    Fingerprint orders = withRules.of(log("3", "orders", "read").errorKind("java.net.SocketTimeoutException").build());
    Fingerprint other = withRules.of(log("4", "billing", "read").errorKind("java.io.EOFException").build());

    assertThat(read.value()).isEqualTo(connect.value()).isEqualTo(sha256Prefix("rule|billing|network-timeout"));
    assertThat(read.template()).isEqualTo("read");
    assertThat(orders.value()).isEqualTo(sha256Prefix("rule|orders|network-timeout"));
    assertThat(other.value()).isEqualTo(fingerprinter.of(log("4", "billing", "read").errorKind("java.io.EOFException").build()).value());
  }

  @Test
  void of_whenTheLogIsOverridden_winsOverRules() throws Exception {
    Fingerprinter withRules = Fingerprinter.from(List.of(), FingerprintRules.parse("service:billing -> all-billing"));
    ErrorLog log = log("1", "billing", "read timeout").explicitFingerprint("checkout-flow").build();

    assertThat(withRules.of(log).value()).isEqualTo(sha256Prefix("override|billing|checkout-flow"));
  }

  @Test
  void of_whenHostsAndIpsOrSizesVary_givesOneFingerprint() {
    Set<String> values =
        Stream.of(
                "Connect to 10.0.0.12:5432 failed after 3 bytes",
                "Connect to db-1.prod.internal:5432 failed after 1190 bytes (1.16 KB)",
                "Connect to api.example.com:443 failed after 12 MB",
                "Connect to [2001:db8::1]:443 failed after 0 bytes")
            .map(message -> fingerprinter.of(log("1", "billing", message).build()).value())
            .collect(Collectors.toSet());

    assertThat(values).hasSize(1);
  }

  @Test
  void of_whenTheMessageIsBlank_templatesTheExceptionMessage() {
    ErrorLog log = log("1", "billing", " ").errorMessage("Order 42 not found").build();

    assertThat(fingerprinter.of(log).template()).isEqualTo("Order <int> not found");
  }

  @Test
  void of_withAppPackages_picksTheirFrames() {
    ErrorLog log = javaError("1", STACK.formatted(80, 40, 12, 81));

    Fingerprint api = new Fingerprinter(List.of("com.acme.api")).of(log);

    assertThat(api.value()).isNotEqualTo(fingerprinter.of(log).value());
  }

  private static ErrorLog javaError(String id, String stack) {
    return log(id, "billing", "Charge 42 failed")
        .errorKind("java.lang.IllegalStateException")
        .errorMessage("Payment failed")
        .stack(stack)
        .build();
  }

  private static String sha256Prefix(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, 20);
  }

  @Test
  void slots_oneForEveryWordOfTheMessage_leftmostFirst() {
    List<Fingerprinter.Slot> slots = fingerprinter.slots(log("1", "sshd", "Invalid user webmaster from 10.0.0.1").build());

    assertThat(slots).extracting(slot -> slot.fingerprint().template()).containsExactly(
        "<*> user webmaster from <ip>", "Invalid <*> webmaster from <ip>", "Invalid user <*> from <ip>",
        "Invalid user webmaster <*> <ip>");
  }

  @Test
  void slots_aSlotsFingerprint_isThatOfAMessageWithAValueThere() {
    Fingerprint slot =
        fingerprinter.slots(log("1", "sshd", "Invalid user webmaster from 10.0.0.1").build()).get(2).fingerprint();

    Fingerprint numeric = fingerprinter.of(log("2", "sshd", "Invalid user 1234 from 10.0.0.2").build());

    assertThat(slot.value()).isEqualTo(numeric.value());
  }

  @Test
  void slots_capitalisedWords_areNoEvidence() {
    List<Fingerprinter.Slot> slots =
        fingerprinter.slots(log("1", "nova", "VM Started after GET of server web-01 by admin").build());

    assertThat(slots).extracting(Fingerprinter.Slot::evidence)
        .containsExactly(false, false, true, false, true, true, true, true, true);
  }

  @Test
  void slots_whenFewerThanThreeWords_areNone() {
    assertThat(fingerprinter.slots(log("1", "api", "user cancelled").build())).isEmpty();
  }

  @Test
  void slots_whenTheFingerprintIsOverridden_areNone() {
    assertThat(fingerprinter.slots(log("1", "sshd", "Invalid user webmaster from 10.0.0.1")
        .explicitFingerprint("ssh-invalid-user").build())).isEmpty();
  }

  @Test
  void slots_onlyTheFirstWordsOfALongMessage() {
    String message = IntStream.range(0, 100).mapToObj(i -> "word" + (char) ('a' + i % 26)).collect(Collectors.joining(" "));

    assertThat(fingerprinter.slots(log("1", "api", message).build())).hasSize(Fingerprinter.SLOT_WORDS);
  }

  @Test
  void slots_keepServiceAndStack() {
    ErrorLog checkout = log("1", "checkout", "Invalid user webmaster from 10.0.0.1").build();
    ErrorLog billing = log("2", "billing", "Invalid user webmaster from 10.0.0.1").build();

    assertThat(fingerprinter.slots(checkout).get(2)).isNotEqualTo(fingerprinter.slots(billing).get(2));
  }

  private static LogBuilder log(String id, String service, String message) {
    return new LogBuilder(id, service, message);
  }

  /** Only the fields these tests vary; the rest are fixed. */
  private static final class LogBuilder {
    private final String id;
    private final String service;
    private final String message;
    private String errorKind = "";
    private String errorMessage = "";
    private String stack = "";
    private String thread = "main";
    private String host = "host-a";
    private String explicitFingerprint = "";

    LogBuilder(String id, String service, String message) {
      this.id = id;
      this.service = service;
      this.message = message;
    }

    LogBuilder errorKind(String value) {
      errorKind = value;
      return this;
    }

    LogBuilder errorMessage(String value) {
      errorMessage = value;
      return this;
    }

    LogBuilder stack(String value) {
      stack = value;
      return this;
    }

    LogBuilder thread(String value) {
      thread = value;
      return this;
    }

    LogBuilder host(String value) {
      host = value;
      return this;
    }

    LogBuilder explicitFingerprint(String value) {
      explicitFingerprint = value;
      return this;
    }

    ErrorLog build() {
      return new ErrorLog(id, Instant.parse("2024-01-01T00:00:00Z").plusSeconds(id.length()), "error", service, "prod",
          host, message, errorKind, errorMessage, stack, "com.acme.Logger", thread, List.of("team:payments"),
          Map.of("http.method", "POST"), explicitFingerprint);
    }
  }
}
