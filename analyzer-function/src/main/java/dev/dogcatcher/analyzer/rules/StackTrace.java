package dev.dogcatcher.analyzer.rules;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Java or Python stack trace says about an error: the exception kinds in it, root cause first,
 * and the frame a developer should open first.
 *
 * @param kinds exception class names, the root cause first (Java {@code Caused by:} lines read bottom-up,
 *     Python tracebacks top-down), then the outer exceptions
 * @param frame the top in-app frame, or the top frame when all are library frames; empty without a stack
 * @param shortFrame {@code Class.method (File.java:42)} or {@code function (path.py:42)}; empty without a stack
 */
record StackTrace(List<String> kinds, String frame, String shortFrame) {

  /** Only the head of a stack is read: the causes and the top frames are there. */
  private static final int MAX_LINES = 400;

  private static final int MAX_FRAME = 200;

  private static final Pattern JAVA_FRAME = Pattern.compile(
      "\\s*at\\s++(?:[\\w$.@-]*+/)*+([\\w$]++(?:\\.[\\w$<>]++)++)\\(([^)]{0,200}+)\\).*");

  private static final Pattern JAVA_CAUSE = Pattern.compile("\\s*Caused by:\\s*+([\\w$.]++).*");

  private static final Pattern PYTHON_FRAME = Pattern.compile(
      "\\s*File \"([^\"]{1,500}+)\", line (\\d{1,7}+), in ([\\w<>.]{1,200}+).*");

  private static final Pattern PYTHON_EXCEPTION = Pattern.compile(
      "([A-Za-z_][\\w.]{0,200}(?:Error|Exception|Exit|Interrupt|Timeout|Warning|Failure))(?::.*|\\s*)");

  /** Frames from these packages are libraries: the summary points at the first frame outside them. */
  private static final List<String> LIBRARY_PACKAGES = List.of(
      "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala.",
      "groovy.", "org.springframework.", "org.apache.", "io.netty.", "com.fasterxml.", "org.hibernate.",
      "reactor.", "okhttp3.", "okio.", "io.grpc.", "com.zaxxer.", "org.postgresql.", "com.mysql.",
      "org.mariadb.", "software.amazon.", "com.amazonaws.", "org.eclipse.", "io.undertow.", "ch.qos.",
      "org.slf4j.", "feign.", "retrofit2.", "com.google.", "io.micrometer.", "io.opentelemetry.",
      "dev.langchain4j.", "org.junit.", "net.bytebuddy.", "io.vertx.", "io.quarkus.", "io.micronaut.",
      "org.jboss.", "org.glassfish.", "com.datastax.", "redis.clients.", "io.lettuce.", "org.mongodb.",
      "com.mongodb.", "org.jooq.", "org.aspectj.");

  private static final Pattern PYTHON_LIBRARY_PATH = Pattern.compile(
      "site-packages|dist-packages|/lib/python\\d|<frozen|\\\\lib\\\\");

  StackTrace {
    requireNonNull(kinds, "kinds == null");
    requireNonNull(frame, "frame == null");
    requireNonNull(shortFrame, "shortFrame == null");
    kinds = List.copyOf(kinds);
  }

  /**
   * Reads a stack, adding the group's error kind and the kind that prefixes the message
   * ({@code java.net.SocketTimeoutException: Read timed out}) after the ones the stack names.
   */
  static StackTrace parse(String stack, String errorKind, String message) {
    List<String> lines = stack.lines().limit(MAX_LINES).toList();
    List<String> javaCauses = new ArrayList<>();
    List<String> pythonExceptions = new ArrayList<>();
    boolean python = stack.contains("Traceback (most recent call last)");
    String firstJava = "";
    String firstJavaInApp = "";
    String lastPython = "";
    String lastPythonInApp = "";
    String firstJavaShort = "";
    String firstJavaInAppShort = "";
    String lastPythonShort = "";
    String lastPythonInAppShort = "";
    for (String line : lines) {
      Matcher cause = JAVA_CAUSE.matcher(line);
      if (cause.matches()) {
        javaCauses.add(cause.group(1));
        continue;
      }
      Matcher javaFrame = JAVA_FRAME.matcher(line);
      if (javaFrame.matches()) {
        String method = javaFrame.group(1);
        String full = method + "(" + javaFrame.group(2) + ")";
        String brief = shortJava(method, javaFrame.group(2));
        if (firstJava.isEmpty()) {
          firstJava = full;
          firstJavaShort = brief;
        }
        if (firstJavaInApp.isEmpty() && isInApp(method)) {
          firstJavaInApp = full;
          firstJavaInAppShort = brief;
        }
        continue;
      }
      Matcher pythonFrame = PYTHON_FRAME.matcher(line);
      if (pythonFrame.matches()) {
        String path = pythonFrame.group(1);
        String full = path + ":" + pythonFrame.group(2) + " in " + pythonFrame.group(3);
        String brief = pythonFrame.group(3) + " (" + fileName(path) + ":" + pythonFrame.group(2) + ")";
        lastPython = full;
        lastPythonShort = brief;
        if (!PYTHON_LIBRARY_PATH.matcher(path).find()) {
          lastPythonInApp = full;
          lastPythonInAppShort = brief;
        }
        continue;
      }
      if (python && !line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
        Matcher exception = PYTHON_EXCEPTION.matcher(line);
        if (exception.matches()) {
          pythonExceptions.add(exception.group(1));
        }
      }
    }
    Set<String> kinds = new LinkedHashSet<>();
    Collections.reverse(javaCauses);
    kinds.addAll(javaCauses);
    kinds.addAll(pythonExceptions);
    kinds.add(errorKind.strip());
    kinds.add(messageKind(message));
    kinds.remove("");
    String frame = firstNonEmpty(firstJavaInApp, lastPythonInApp, firstJava, lastPython);
    String shortFrame = firstNonEmpty(firstJavaInAppShort, lastPythonInAppShort, firstJavaShort, lastPythonShort);
    return new StackTrace(new ArrayList<>(kinds), clip(frame), clip(shortFrame));
  }

  /** {@code java.net.SocketTimeoutException} → {@code SocketTimeoutException}; nested classes keep their outer name. */
  static String simpleName(String kind) {
    int dot = kind.lastIndexOf('.');
    return kind.substring(dot + 1);
  }

  private static final Pattern MESSAGE_KIND = Pattern.compile(
      "\\s*+((?:[A-Za-z_$][\\w$]{0,100}+\\.){0,12}+[A-Za-z_$][\\w$]{0,100}(?:Exception|Error))(?::|\\s|$).*",
      Pattern.DOTALL);

  private static String messageKind(String message) {
    String head = message.length() > 400 ? message.substring(0, 400) : message;
    Matcher matcher = MESSAGE_KIND.matcher(head);
    return matcher.matches() ? matcher.group(1) : "";
  }

  private static boolean isInApp(String method) {
    for (String library : LIBRARY_PACKAGES) {
      if (method.startsWith(library)) {
        return false;
      }
    }
    return true;
  }

  private static String shortJava(String method, String location) {
    String[] parts = method.split("\\.");
    String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : method;
    return location.isEmpty() ? name : name + " (" + location + ")";
  }

  private static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  private static String firstNonEmpty(String... values) {
    for (String value : values) {
      if (!value.isEmpty()) {
        return value;
      }
    }
    return "";
  }

  private static String clip(String text) {
    return text.length() <= MAX_FRAME ? text : text.substring(0, MAX_FRAME) + "…";
  }
}
