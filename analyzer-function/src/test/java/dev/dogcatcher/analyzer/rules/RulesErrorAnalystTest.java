package dev.dogcatcher.analyzer.rules;

import static dev.dogcatcher.analyzer.rules.GroupBuilder.anError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Severity;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulesErrorAnalystTest {

  private static final String JAVA_STACK = """
      java.lang.IllegalStateException: boom
      \tat java.base/java.util.Objects.requireNonNull(Objects.java:233)
      \tat com.acme.orders.OrderService.total(OrderService.java:42)
      \tat com.acme.orders.OrderController.get(OrderController.java:17)
      """;

  private final RulesErrorAnalyst analyst = new RulesErrorAnalyst();

  // --- error type, one family at a time -------------------------------------------------------

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of("java.net.SocketTimeoutException", "Read timed out", "timeout"),
        Arguments.of("TimeoutError", "timed out", "timeout"),
        Arguments.of("java.net.ConnectException", "Connection refused", "connection"),
        Arguments.of("requests.exceptions.ConnectionError", "Max retries exceeded", "connection"),
        Arguments.of("java.lang.NullPointerException", "Cannot invoke \"String.length()\"", "null-reference"),
        Arguments.of("KeyError", "'customer_id'", "null-reference"),
        Arguments.of("AttributeError", "'NoneType' object has no attribute 'id'", "null-reference"),
        Arguments.of("java.sql.SQLException", "ORA-00942: table or view does not exist", "database"),
        Arguments.of("org.postgresql.util.PSQLException", "ERROR: column \"x\" does not exist", "database"),
        Arguments.of("sqlalchemy.exc.OperationalError", "server closed the connection", "database"),
        Arguments.of("org.springframework.security.authentication.BadCredentialsException", "Bad credentials", "auth"),
        Arguments.of("io.jsonwebtoken.ExpiredJwtException", "JWT expired", "auth"),
        Arguments.of("org.springframework.security.access.AccessDeniedException", "Access is denied", "permission"),
        Arguments.of("PermissionError", "[Errno 13] Permission denied: '/data'", "permission"),
        Arguments.of("jakarta.persistence.EntityNotFoundException", "Order 42", "not-found"),
        Arguments.of("jakarta.validation.ConstraintViolationException", "email: must be valid", "validation"),
        Arguments.of("java.lang.NumberFormatException", "For input string: \"abc\"", "validation"),
        Arguments.of("com.amazonaws.services.dynamodbv2.model.ProvisionedThroughputExceededException", "slow down",
            "rate-limit"),
        Arguments.of("java.lang.OutOfMemoryError", "Java heap space", "out-of-memory"),
        Arguments.of("MemoryError", "", "out-of-memory"),
        Arguments.of("org.springframework.beans.factory.BeanCreationException", "Error creating bean", "configuration"),
        Arguments.of("ModuleNotFoundError", "No module named 'yaml'", "configuration"),
        Arguments.of("com.fasterxml.jackson.databind.exc.MismatchedInputException", "Cannot deserialize", "serialization"),
        Arguments.of("json.decoder.JSONDecodeError", "Expecting value: line 1 column 1", "serialization"),
        Arguments.of("java.util.ConcurrentModificationException", "", "concurrency"),
        Arguments.of("org.springframework.orm.ObjectOptimisticLockingFailureException", "Row was updated", "concurrency"),
        Arguments.of("org.springframework.web.client.HttpServerErrorException$ServiceUnavailable", "503", "dependency"),
        Arguments.of("io.github.resilience4j.circuitbreaker.CallNotPermittedException", "CircuitBreaker 'x' is OPEN",
            "dependency"),
        Arguments.of("java.lang.IllegalStateException", "Unexpected state PENDING", "unknown"));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @MethodSource("kinds")
  void analyze_classifiesByExceptionKind(String kind, String message, String errorType) {
    Analysis analysis = analyst.analyze(anError().kind(kind).message(message).build());
    assertThat(analysis.errorType()).isEqualTo(errorType);
  }

  static Stream<Arguments> messages() {
    return Stream.of(
        Arguments.of("upstream request timeout after 30s", "timeout"),
        Arguments.of("connect ECONNREFUSED 10.0.0.1:443", "connection"),
        Arguments.of("HTTP 429 Too Many Requests from partner API", "rate-limit"),
        Arguments.of("An error occurred (AccessDenied) when calling the GetObject operation", "permission"),
        Arguments.of("request failed with status 401", "auth"),
        Arguments.of("Order 42 not found", "not-found"),
        Arguments.of("Validation failed for field 'email'", "validation"),
        Arguments.of("could not execute statement; SQL [n/a]", "database"),
        Arguments.of("Missing required environment variable STRIPE_KEY", "configuration"),
        Arguments.of("Failed to deserialize message body", "serialization"),
        Arguments.of("payments returned 503 Service Unavailable", "dependency"),
        Arguments.of("'NoneType' object is not subscriptable", "null-reference"),
        Arguments.of("Something odd happened", "unknown"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("messages")
  void analyze_whenKindIsGeneric_classifiesByMessageKeywords(String message, String errorType) {
    Analysis analysis = analyst.analyze(anError().kind("java.lang.RuntimeException").message(message).build());
    assertThat(analysis.errorType()).isEqualTo(errorType);
  }

  @Test
  void analyze_whenWrappedInGenericException_classifiesByRootCause() {
    String stack = """
        org.springframework.web.client.ResourceAccessException: I/O error on POST request
        \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)
        \tat com.acme.checkout.PaymentClient.charge(PaymentClient.java:88)
        Caused by: java.io.UncheckedIOException: wrapped
        \t... 12 more
        Caused by: java.net.SocketTimeoutException: Read timed out
        \tat java.base/java.net.SocketInputStream.socketRead0(Native Method)
        \t... 20 more
        """;
    ErrorGroup group = anError().kind("org.springframework.web.client.ResourceAccessException")
        .message("I/O error on POST request for \"https://payments.internal/v1/charge\": Read timed out")
        .stack(stack).build();

    Analysis analysis = analyst.analyze(group);

    assertThat(analysis.errorType()).isEqualTo("timeout");
    assertThat(analysis.summary()).contains("SocketTimeoutException thrown at com.acme.checkout.PaymentClient.charge");
  }

  @Test
  void analyze_whenPythonTracebackIsChained_classifiesByOriginalException() {
    String stack = """
        Traceback (most recent call last):
          File "/app/billing/invoices.py", line 12, in load
            row = rows[key]
        KeyError: 'customer_id'

        During handling of the above exception, another exception occurred:

        Traceback (most recent call last):
          File "/usr/lib/python3.11/site-packages/flask/app.py", line 880, in dispatch
            return view()
          File "/app/billing/views.py", line 40, in invoice
            raise BillingError("cannot load invoice")
        billing.errors.BillingError: cannot load invoice
        """;
    ErrorGroup group = anError().service("billing-worker").kind("billing.errors.BillingError")
        .message("cannot load invoice").stack(stack).build();

    Analysis analysis = analyst.analyze(group);

    assertThat(analysis.errorType()).isEqualTo("null-reference");
    assertThat(analysis.summary()).contains("/app/billing/views.py:40 in invoice");
  }

  @Test
  void analyze_whenBrokenPipeInsideSocketException_isBenignConnection() {
    Analysis analysis = analyst.analyze(anError().kind("java.net.SocketException").message("Broken pipe").build());
    assertThat(analysis.errorType()).isEqualTo("connection");
    assertThat(analysis.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void analyze_whenNoKindAndNoKeyword_usesLoggerName() {
    Analysis analysis = analyst.analyze(anError().kind("").message("failed to save")
        .logger("com.acme.orders.OrderRepository").build());
    assertThat(analysis.errorType()).isEqualTo("database");
  }

  @Test
  void analyze_whenKindOnlyInMessagePrefix_usesIt() {
    Analysis analysis = analyst.analyze(anError().kind("")
        .message("java.net.SocketTimeoutException: connect timed out").build());
    assertThat(analysis.errorType()).isEqualTo("timeout");
  }

  // --- severity -------------------------------------------------------------------------------

  @Test
  void analyze_whenSingleNullPointer_isMedium() {
    Analysis analysis = analyst.analyze(anError().kind("java.lang.NullPointerException")
        .message("Cannot invoke \"String.length()\" because \"name\" is null").stack(JAVA_STACK).build());
    assertThat(analysis.severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void analyze_whenOutOfMemory_isHigh() {
    Analysis analysis = analyst.analyze(anError().kind("java.lang.OutOfMemoryError").message("Java heap space").build());
    assertThat(analysis.severity()).isEqualTo(Severity.HIGH);
    assertThat(analysis.errorType()).isEqualTo("out-of-memory");
  }

  @Test
  void analyze_whenOutOfMemoryInsideGenericException_isHigh() {
    Analysis analysis = analyst.analyze(anError().kind("java.util.concurrent.ExecutionException")
        .message("java.lang.OutOfMemoryError: GC overhead limit exceeded").build());
    assertThat(analysis.errorType()).isEqualTo("out-of-memory");
    assertThat(analysis.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void analyze_whenStackOverflow_isMediumNotHigh() {
    Analysis analysis = analyst.analyze(anError().kind("java.lang.StackOverflowError").build());
    assertThat(analysis.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(analysis.title()).startsWith("Stack overflow");
  }

  @Test
  void analyze_whenDeadlock_isHighEvenInsideDatabaseException() {
    Analysis analysis = analyst.analyze(anError().kind("org.postgresql.util.PSQLException")
        .message("ERROR: deadlock detected").build());
    assertThat(analysis.errorType()).isEqualTo("concurrency");
    assertThat(analysis.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void analyze_whenFloodOfValidationErrors_isMediumNotHigh() {
    Analysis analysis = analyst.analyze(anError().kind("jakarta.validation.ConstraintViolationException")
        .message("email: must be a well-formed email address").count(50_000).spanSeconds(300).build());
    assertThat(analysis.errorType()).isEqualTo("validation");
    assertThat(analysis.severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void analyze_whenFewValidationErrors_isLow() {
    Analysis analysis = analyst.analyze(anError().kind("").message("Validation failed for field 'email'")
        .count(12).spanSeconds(300).build());
    assertThat(analysis.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void analyze_whenSingleClientAbort_isLow() {
    Analysis analysis = analyst.analyze(anError().kind("org.apache.catalina.connector.ClientAbortException")
        .message("java.io.IOException: Broken pipe").build());
    assertThat(analysis.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void analyze_whenNotFound_isLow() {
    Analysis analysis = analyst.analyze(anError().kind("").message("HTTP 404 Not Found: /orders/42").build());
    assertThat(analysis.errorType()).isEqualTo("not-found");
    assertThat(analysis.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void analyze_whenCountReachesFlood_raisesOneLevel() {
    ErrorGroup below = anError().kind("java.lang.NullPointerException").count(RulesErrorAnalyst.FLOOD - 1).build();
    ErrorGroup at = anError().kind("java.lang.NullPointerException").count(RulesErrorAnalyst.FLOOD).build();

    assertThat(analyst.analyze(below).severity()).isEqualTo(Severity.MEDIUM);
    Analysis flooded = analyst.analyze(at);
    assertThat(flooded.severity()).isEqualTo(Severity.HIGH);
    assertThat(flooded.summary()).contains("raised one level for 100 occurrences");
  }

  @Test
  void analyze_whenTimeoutCallingPayments_isHigh() {
    ErrorGroup group = anError().service("checkout").kind("java.net.SocketTimeoutException")
        .template("Read timed out calling <url>")
        .message("Read timed out calling https://payments.internal/v1/charges").build();

    Analysis analysis = analyst.analyze(group);

    assertThat(analysis.severity()).isEqualTo(Severity.HIGH);
    assertThat(analysis.summary()).contains("payments or billing");
  }

  @Test
  void analyze_whenPaymentValidationError_staysLow() {
    Analysis analysis = analyst.analyze(anError().service("payments").kind("")
        .message("Validation failed: invalid card expiry").build());
    assertThat(analysis.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void analyze_whenDataCorruption_isHigh() {
    Analysis analysis = analyst.analyze(anError().kind("java.lang.IllegalStateException")
        .message("Checksum mismatch: segment 12 is corrupt").build());
    assertThat(analysis.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void analyze_whenAuthServerUnreachable_isHigh() {
    Analysis analysis = analyst.analyze(anError().kind("java.net.ConnectException")
        .message("Failed to connect to keycloak.internal/10.0.0.5:8443").build());
    assertThat(analysis.errorType()).isEqualTo("connection");
    assertThat(analysis.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void analyze_whenSingleExpiredUserToken_isMedium() {
    Analysis analysis = analyst.analyze(anError().kind("io.jsonwebtoken.ExpiredJwtException")
        .message("JWT expired at 2024-05-01T09:00:00Z").build());
    assertThat(analysis.severity()).isEqualTo(Severity.MEDIUM);
  }

  // --- title ----------------------------------------------------------------------------------

  @Test
  void analyze_whenTimeoutCallingDownstream_titlesItLikeATriager() {
    ErrorGroup group = anError().service("checkout").kind("java.net.SocketTimeoutException")
        .template("Read timed out after <duration>")
        .message("Read timed out after 30000 ms calling https://api.payments.example.com/v1/charges").build();

    assertThat(analyst.analyze(group).title())
        .isEqualTo("Timeout calling payments in checkout: Read timed out after DURATION");
  }

  @Test
  void analyze_whenNullPointer_titlesWithExceptionNameServiceAndGist() {
    ErrorGroup group = anError().service("orders").kind("java.lang.NullPointerException")
        .template("Cannot invoke \"Customer.getId()\" because \"order.customer\" is null").build();

    assertThat(analyst.analyze(group).title())
        .isEqualTo("NullPointerException in orders: Cannot invoke \"Customer.getId()\" because \"order.customer\" is null");
  }

  @Test
  void analyze_whenTemplateHasPlaceholdersAndKindPrefix_titleHasNoMarkup() {
    ErrorGroup group = anError().service("orders").kind("")
        .template("com.acme.OrderNotFoundException: Order <int> not found for <uuid> *now*").build();

    String title = analyst.analyze(group).title();

    assertThat(title).isEqualTo("Not found in orders: Order N not found for ID now");
  }

  @Test
  void analyze_whenMessageIsHuge_titleIsOneShortLine() {
    String huge = ("Request failed\r\n\twith a long explanation " + "x".repeat(200) + "\u2028").repeat(50);
    ErrorGroup group = anError().service("orders\nsvc").kind("java.lang.IllegalStateException")
        .template(huge).message(huge).build();
    assertThat(huge.length()).isGreaterThan(10_000);

    Analysis analysis = analyst.analyze(group);

    assertThat(analysis.title()).hasSizeLessThanOrEqualTo(120).doesNotContain("\n", "\r", "\t", "\u2028");
    assertThat(analysis.title()).startsWith("IllegalStateException in orders svc: Request failed");
    assertThat(analysis.summary()).doesNotContain("xxxxxxxxxx");
  }

  @Test
  void analyze_whenConnectionRefusedByHost_namesTheHostInTheTitle() {
    ErrorGroup group = anError().service("search").kind("")
        .template("Connection to <host>:<int> refused").message("Connection to es-cluster:9200 refused").build();

    Analysis analysis = analyst.analyze(group);

    assertThat(analysis.errorType()).isEqualTo("connection");
    assertThat(analysis.title()).isEqualTo("Connection failure to es-cluster in search: Connection to HOST:N refused");
  }

  @Test
  void analyze_whenTemplateIsOnlyPlaceholders_takesTheGistFromTheMessage() {
    ErrorGroup group = anError().service("billing-worker").kind("KeyError")
        .template("'<*>'").message("'customer_id'").build();

    assertThat(analyst.analyze(group).title()).isEqualTo("KeyError in billing-worker: 'customer_id'");
  }

  @Test
  void analyze_whenTemplateHasBrackets_removesThemWithoutLeavingGaps() {
    ErrorGroup group = anError().service("orders").kind("")
        .template("could not execute statement; SQL [n/a]; constraint [orders_pkey]").build();

    assertThat(analyst.analyze(group).title())
        .isEqualTo("Database error in orders: could not execute statement; SQL n/a; constraint orders_pkey");
  }

  @Test
  void analyze_whenTitleIsCut_endsWithEllipsisAtAWordBoundary() {
    String words = "word ".repeat(60);
    Analysis analysis = analyst.analyze(anError().kind("").template(words).build());
    assertThat(analysis.title()).hasSizeLessThanOrEqualTo(120).endsWith("word…");
  }

  @Test
  void analyze_whenNoKindNoServiceNoMessage_stillHasATitle() {
    Analysis analysis = analyst.analyze(anError().service("").env("").kind("").message("").logger("").build());
    assertThat(analysis.title()).isEqualTo("Error");
    assertThat(analysis.errorType()).isEqualTo("unknown");
  }

  // --- summary, causes, actions ---------------------------------------------------------------

  @Test
  void analyze_summarisesCountSpanAndWhere() {
    ErrorGroup group = anError().service("orders").env("prod").kind("java.lang.NullPointerException")
        .stack(JAVA_STACK).count(42).spanSeconds(300).build();

    String summary = analyst.analyze(group).summary();

    assertThat(summary).isEqualTo("Seen 42 times in orders (prod) over 5 min, from 2024-05-01T10:00:00Z to "
        + "2024-05-01T10:05:00Z. NullPointerException thrown at com.acme.orders.OrderService.total(OrderService.java:42), "
        + "logged by com.acme.orders.OrderController. Rated medium: null-reference is medium by default.");
  }

  @Test
  void analyze_whenSeenOnce_saysOnceAndWhen() {
    String summary = analyst.analyze(anError().kind("KeyError").logger("").build()).summary();
    assertThat(summary).startsWith("Seen once in orders (prod) at 2024-05-01T10:00:00Z.");
    assertThat(summary.split("\\. ")).hasSizeBetween(1, 3);
  }

  @Test
  void analyze_whenTimeoutDurationInMessage_namesItInCausesAndActions() {
    Analysis analysis = analyst.analyze(anError().service("checkout").kind("java.net.SocketTimeoutException")
        .message("Read timed out after 30000ms calling https://payments.internal/x").build());

    assertThat(analysis.causes()).contains(
        "Latency or overload in payments",
        "The client timeout is shorter than the operation's normal latency (hit after 30000 ms in the sample)");
    assertThat(analysis.actions()).anySatisfy(action -> assertThat(action).contains("payments's latency"));
  }

  @Test
  void analyze_whenNullPointerWithStack_pointsActionsAtTheInAppFrame() {
    Analysis analysis = analyst.analyze(anError().kind("java.lang.NullPointerException").stack(JAVA_STACK).build());
    assertThat(analysis.actions().get(0)).startsWith("Open OrderService.total (OrderService.java:42)");
  }

  static Stream<ErrorGroup> everyFamily() {
    return Stream.concat(kinds().map(arguments -> arguments.get()),
            messages().map(arguments -> new Object[] {"", arguments.get()[0]}))
        .map(arguments -> anError().kind((String) arguments[0]).message((String) arguments[1]).build());
  }

  @ParameterizedTest
  @MethodSource("everyFamily")
  void analyze_writesAValidRulesAnalysis(ErrorGroup group) {
    Analysis analysis = analyst.analyze(group);

    assertThat(analysis.analyst()).isEqualTo(AnalystKind.RULES);
    assertThat(analysis.errorType()).matches("[a-z]+(-[a-z]+)*");
    assertThat(analysis.title()).isNotBlank().hasSizeLessThanOrEqualTo(120).doesNotContain("\n", "<", ">", "{", "}");
    assertThat(analysis.summary()).isNotBlank();
    assertThat(analysis.causes()).hasSizeBetween(1, 3).allSatisfy(cause -> assertThat(cause).doesNotContain("{"));
    assertThat(analysis.actions()).hasSizeBetween(1, 3).allSatisfy(action -> assertThat(action).doesNotContain("{"));
  }

  @Test
  void analyze_whenMegabyteOfAdversarialText_finishes() {
    String line = "\tat a" + ".a".repeat(300_000) + " Caused by: x" + "y".repeat(100_000);
    String message = "connection to " + "a".repeat(300_000) + " https://" + "b.".repeat(100_000)
        + " violates " + "c".repeat(100_000) + " 1".repeat(100_000);
    ErrorGroup group = anError().kind("A".repeat(10_000)).message(message).template(message)
        .stack(line + "\n" + "Traceback (most recent call last)\n" + "E".repeat(300_000)).build();

    Analysis analysis = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> analyst.analyze(group));

    assertThat(analysis.title()).hasSizeLessThanOrEqualTo(120);
    assertThat(analysis.summary()).hasSizeLessThan(2_000);
  }

  @Test
  void analyze_whenSameGroupTwice_answersTheSame() {
    ErrorGroup group = anError().kind("java.net.SocketTimeoutException").message("Read timed out").stack(JAVA_STACK)
        .count(7).spanSeconds(30).build();
    assertThat(analyst.analyze(group)).isEqualTo(analyst.analyze(group));
  }

  @Test
  void analyze_whenGroupIsNull_throws() {
    assertThatNullPointerException().isThrownBy(() -> analyst.analyze(null)).withMessage("group == null");
  }

  @Test
  void ruleTable_everyRowHasUsableText() {
    assertThat(RuleTable.RULES).allSatisfy(rule -> {
      assertThat(rule.errorType()).isIn(List.of("timeout", "connection", "null-reference", "database", "auth",
          "permission", "not-found", "validation", "rate-limit", "out-of-memory", "configuration", "serialization",
          "concurrency", "dependency", "unknown"));
      assertThat(rule.causes()).hasSizeBetween(1, 3);
      assertThat(rule.actions()).hasSizeBetween(1, 3);
    });
  }
}
