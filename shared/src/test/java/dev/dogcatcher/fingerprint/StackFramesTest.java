package dev.dogcatcher.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackFramesTest {

  private final StackFrames standard = new StackFrames(List.of());

  static final String JAVA =
      """
      java.lang.IllegalStateException: Payment failed for order 42
      \tat com.acme.billing.PaymentService.charge(PaymentService.java:87)
      \tat com.acme.billing.PaymentService$$EnhancerBySpringCGLIB$$5d3a1b2c.charge(<generated>)
      \tat org.springframework.aop.framework.CglibAopProxy.intercept(CglibAopProxy.java:120)
      \tat com.acme.api.OrderController.lambda$pay$0(OrderController.java:41)
      \tat java.base/java.lang.Thread.run(Thread.java:833)
      Caused by: org.springframework.dao.DataAccessResourceFailureException: could not connect
      \tat org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator.translate(X.java:12)
      \tat com.acme.billing.LedgerRepository.append(LedgerRepository.java:55)
      \tat com.acme.billing.PaymentService.charge(PaymentService.java:80)
      \t... 4 more
      Caused by: java.net.ConnectException: Connection refused
      \tat java.base/sun.nio.ch.Net.connect0(Native Method)
      \tat org.postgresql.core.PGStream.<init>(PGStream.java:95)
      \t... 7 more
      """;

  @Test
  void summarise_takesTheInnermostCauseAndItsTopInAppFrames() {
    StackFrames.Summary summary = standard.summarise(JAVA);

    assertThat(summary.rootCause()).isEqualTo("java.net.ConnectException");
    assertThat(summary.rootMessage()).isEqualTo("Connection refused");
    // The root cause lists two library frames; "... 6 more" restores the in-app frames it shares.
    assertThat(summary.frames())
        .containsExactly(
            "com.acme.billing.LedgerRepository.append",
            "com.acme.billing.PaymentService.charge",
            "com.acme.billing.PaymentService$$EnhancerBySpringCGLIB.charge");
  }

  @Test
  void summarise_whenOnlyLineNumbersDiffer_isEqual() {
    String other = JAVA.replace(":87)", ":91)").replace(":55)", ":58)").replace(":41)", ":44)").replace(":80)", ":1)");

    assertThat(standard.summarise(other)).isEqualTo(standard.summarise(JAVA));
  }

  @Test
  void summarise_withAppPackages_keepsOnlyTheirFrames() {
    StackFrames api = new StackFrames(List.of("com.acme.api."));

    assertThat(api.summarise(JAVA).frames()).containsExactly("com.acme.api.OrderController.lambda$pay$0");
  }

  @Test
  void summarise_appPackageMatchesWholeSegments() {
    StackFrames acme = new StackFrames(List.of("com.acm"));

    // No frame is in com.acm, so the top frames are used, whatever they are.
    assertThat(acme.summarise(JAVA).frames())
        .containsExactly(
            "sun.nio.ch.Net.connect0",
            "org.postgresql.core.PGStream.<init>",
            "org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator.translate");
  }

  @Test
  void summarise_whenNoFrameIsInApp_usesTheTopFrames() {
    String stack =
        """
        java.lang.OutOfMemoryError: Java heap space
        \tat java.base/java.util.Arrays.copyOf(Arrays.java:3512)
        \tat java.base/java.lang.StringBuilder.append(StringBuilder.java:179)
        \tat org.apache.kafka.clients.Sender.run(Sender.java:10)
        \tat java.base/java.lang.Thread.run(Thread.java:833)
        """;

    assertThat(standard.summarise(stack))
        .isEqualTo(
            new StackFrames.Summary(
                "java.lang.OutOfMemoryError",
                List.of(
                    "java.util.Arrays.copyOf",
                    "java.lang.StringBuilder.append",
                    "org.apache.kafka.clients.Sender.run"),
                "Java heap space"));
  }

  @Test
  void summarise_ignoresSuppressedExceptions() {
    String stack =
        """
        java.io.IOException: close failed
        \tat com.acme.io.Archive.close(Archive.java:10)
        \tSuppressed: java.lang.IllegalStateException: flush failed
        \t\tat com.acme.io.Buffer.flush(Buffer.java:20)
        \t\tCaused by: java.lang.RuntimeException: disk gone
        \t\t\tat com.acme.io.Disk.write(Disk.java:30)
        \tat com.acme.io.Exporter.export(Exporter.java:40)
        """;

    assertThat(standard.summarise(stack))
        .isEqualTo(
            new StackFrames.Summary(
                "java.io.IOException", List.of("com.acme.io.Archive.close", "com.acme.io.Exporter.export"), "close failed"));
  }

  @Test
  void summarise_normalisesGeneratedNames() {
    String stack =
        """
        java.lang.NullPointerException
        \tat com.acme.Job$$Lambda$123/0x0000000800c0b440.run(Unknown Source)
        \tat jdk.proxy2/jdk.proxy2.$Proxy12.handle(Unknown Source)
        \tat jdk.internal.reflect.GeneratedMethodAccessor57.invoke(Unknown Source)
        \tat com.acme.Job$ByteBuddy$aB3xYz.call(Unknown Source)
        \tat app//com.acme.Job.main(Job.java:5)
        """;

    assertThat(new StackFrames(List.of("com.acme", "jdk")).summarise(stack).frames())
        .containsExactly("com.acme.Job$$Lambda.run", "jdk.proxy.$Proxy.handle", "jdk.internal.reflect.GeneratedMethodAccessor.invoke");
    assertThat(standard.summarise(stack).frames())
        .containsExactly("com.acme.Job$$Lambda.run", "com.acme.Job$ByteBuddy.call", "com.acme.Job.main");
  }

  @Test
  void summarise_readsPythonTracebacks() {
    String traceback =
        """
        Traceback (most recent call last):
          File "/app/api/views.py", line 12, in post
            return compute(order)
          File "/app/billing/invoice.py", line 42, in compute
            total = Decimal(amount)
          File "/usr/local/lib/python3.11/site-packages/pydantic/main.py", line 7, in validate
            raise ValueError(msg)
          File "/usr/lib/python3.11/decimal.py", line 99, in __new__
        ValueError: invalid literal
        """;

    assertThat(standard.summarise(traceback))
        .isEqualTo(new StackFrames.Summary("ValueError", List.of("billing.invoice.compute", "api.views.post"), "invalid literal"));
    assertThat(new StackFrames(List.of("billing")).summarise(traceback).frames())
        .containsExactly("billing.invoice.compute");
  }

  @Test
  void summarise_forChainedPythonExceptions_takesTheOriginalOne() {
    String traceback =
        """
        Traceback (most recent call last):
          File "/srv/app/db/pool.py", line 5, in connect
        ConnectionRefusedError: [Errno 111] Connection refused

        The above exception was the direct cause of the following exception:

        Traceback (most recent call last):
          File "/srv/app/api/views.py", line 9, in get
        RuntimeError: database unavailable
        """;

    assertThat(standard.summarise(traceback))
        .isEqualTo(new StackFrames.Summary("ConnectionRefusedError", List.of("db.pool.connect"), "[Errno 111] Connection refused"));
  }

  @Test
  void summarise_readsNodeStacks() {
    String stack =
        """
        TypeError: Cannot read properties of undefined (reading 'id')
            at getUser (/app/src/users/service.js:10:15)
            at async Router.handle [as handler] (/app/node_modules/express/lib/router.js:5:3)
            at /app/src/index.js:3:1
            at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
        """;

    assertThat(standard.summarise(stack))
        .isEqualTo(new StackFrames.Summary("TypeError", List.of("users.service.getUser", "index.<anonymous>"), "Cannot read properties of undefined (reading 'id')"));
  }

  @Test
  void summarise_readsDotNetStacks() {
    String stack =
        """
        System.InvalidOperationException: Sequence contains no elements
           at System.Linq.ThrowHelper.ThrowNoElementsException()
           at Acme.Orders.OrderService.Latest(Int32 customerId) in C:\\src\\Orders\\OrderService.cs:line 42
           at Acme.Api.OrdersController.Get(Int32 id) in C:\\src\\Api\\OrdersController.cs:line 17
        """;

    assertThat(standard.summarise(stack))
        .isEqualTo(
            new StackFrames.Summary(
                "System.InvalidOperationException",
                List.of("Acme.Orders.OrderService.Latest", "Acme.Api.OrdersController.Get"),
                "Sequence contains no elements"));
  }

  @Test
  void summarise_readsGoPanics() {
    String stack =
        """
        panic: runtime error: index out of range [3] with length 3

        goroutine 1 [running]:
        main.lookup(...)
        \t/app/main.go:12
        github.com/acme/orders.(*Service).Get(0xc000010000, {0x0, 0x0})
        \t/app/orders/service.go:40 +0x1d
        runtime.main()
        \t/usr/local/go/src/runtime/proc.go:250 +0x207
        """;

    assertThat(standard.summarise(stack).frames())
        .containsExactly("main.lookup", "github.com/acme/orders.(*Service).Get");
  }

  @Test
  void summarise_whenThereIsNoStack_isNone() {
    assertThat(standard.summarise("")).isEqualTo(StackFrames.Summary.NONE);
    assertThat(standard.summarise(null)).isEqualTo(StackFrames.Summary.NONE);
  }

  @Test
  void module_dropsDeploymentRootsAndExtension() {
    assertThat(StackFrames.module("/app/billing/invoice.py")).isEqualTo("billing.invoice");
    assertThat(StackFrames.module("/var/task/handler.py")).isEqualTo("handler");
    assertThat(StackFrames.module("C:\\app\\jobs\\nightly.py")).isEqualTo("jobs.nightly");
    assertThat(StackFrames.module("/usr/local/lib/python3.11/site-packages/requests/api.py"))
        .isEqualTo("requests.api");
    assertThat(StackFrames.module("/usr/lib/python3.11/json/decoder.py")).isEqualTo("json.decoder");
  }

  @Test
  void constructor_whenAPackageIsBlank_throws() {
    assertThatThrownBy(() -> new StackFrames(List.of("com.acme", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("appPackages contains a blank package: ' '");
  }
}
