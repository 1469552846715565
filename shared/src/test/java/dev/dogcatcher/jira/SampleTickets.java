package dev.dogcatcher.jira;

import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.AnalyzedError;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Sample;
import dev.dogcatcher.domain.Severity;
import dev.dogcatcher.domain.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic tickets for the Jira payload and adapter tests, shared through the test-jar. */
public final class SampleTickets {

  public static final String FINGERPRINT = "3f9a1c0d2b7e4a5f6c81";

  public static final Instant FIRST_SEEN = Instant.parse("2025-12-09T10:30:00Z");

  public static final Instant LAST_SEEN = Instant.parse("2025-12-09T10:34:12.345Z");

  public static final String STACK =
      "java.net.SocketTimeoutException: Read timed out\n"
          + "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n"
          + "\tat com.example.payments.GatewayClient.charge(GatewayClient.java:97)\n"
          + "\tat com.example.checkout.CheckoutService.pay(CheckoutService.java:41)";

  private SampleTickets() {}

  /** A ticket analysed by the LLM, with a stack, causes and actions. */
  public static Ticket ticket() {
    return ticket("Payment gateway call timed out after 30000ms for order 81231", STACK);
  }

  public static Ticket ticket(String message, String stack) {
    return ticket(message, stack, analysis());
  }

  public static Ticket ticket(String message, String stack, Analysis analysis) {
    return Ticket.of(new AnalyzedError(group(message, stack), analysis));
  }

  public static Analysis analysis() {
    return new Analysis(
        "timeout",
        Severity.HIGH,
        "Payment gateway times out during checkout",
        "Checkout calls to the payment gateway exceed the 30 s read timeout, so orders fail.",
        List.of("The gateway is slow or degraded", "The read timeout is too short for peak load"),
        List.of("Check the gateway's status page", "Add a retry with backoff around GatewayClient.charge"),
        AnalystKind.LLM);
  }

  public static ErrorGroup group(String message, String stack) {
    Sample sample =
        new Sample(message, stack, "com.example.payments.GatewayClient", "ip-10-0-3-17", "http-nio-8080-exec-4",
            FIRST_SEEN, Map.of("http.method", "POST"));
    return new ErrorGroup(
        ErrorGroup.SCHEMA,
        "run-20251209T1035",
        FINGERPRINT,
        1,
        "checkout",
        "prod",
        "java.net.SocketTimeoutException",
        "Payment gateway call timed out after <duration> for order <int>",
        sample,
        42,
        FIRST_SEEN,
        LAST_SEEN,
        List.of("AQAAAZPx1", "AQAAAZPx2"), List.of());
  }

  /** Project OPS, issue type Bug, priorities for every severity, on the US1 site. */
  public static JiraProject project() {
    return new JiraProject(
        "OPS", "Bug", Map.of(Severity.HIGH, "High", Severity.MEDIUM, "Medium", Severity.LOW, "Low"), "datadoghq.com");
  }
}
