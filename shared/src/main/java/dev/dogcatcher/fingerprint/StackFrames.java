package dev.dogcatcher.fingerprint;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a stack trace and names where the error happened: the root cause's type and its top in-app frames,
 * each {@code module.function} without file or line.
 *
 * <p>Formats: Java (and other JVM languages) with {@code Caused by:}, {@code Suppressed:} and
 * {@code ... N more}; .NET ({@code at Ns.Type.Method(args) in file:line N}); Node.js
 * ({@code at fn (/app/src/x.js:1:2)}); Python tracebacks ({@code File "/app/billing/invoice.py", line 42, in
 * compute} gives {@code billing.invoice.compute}); Go panics. The root cause is the innermost
 * {@code Caused by} for Java, whose frames elided as {@code ... N more} are restored from the enclosing
 * trace; the first traceback for chained Python exceptions; the first goroutine for Go.
 *
 * <p>A frame is in-app when its module starts with one of the application packages, when those are given;
 * otherwise when it is outside well-known JDK, framework and library packages (Python: outside
 * site-packages, dist-packages and the standard library; Node.js: outside node_modules and node
 * internals). When no frame is in-app, the top frames are used whatever they are.
 */
final class StackFrames {

  /** How many frames identify an error. */
  static final int LIMIT = 3;

  /** Stacks longer than this many characters are read up to it. */
  private static final int MAX_CHARS = 256_000;

  private static final List<String> JVM_LIBRARIES =
      List.of(
          "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala.",
          "groovy.", "org.codehaus.groovy.", "org.springframework.", "org.apache.", "io.netty.",
          "com.fasterxml.", "org.hibernate.", "software.amazon.", "com.amazonaws.", "reactor.", "io.grpc.",
          "okhttp3.", "okio.", "ch.qos.", "org.slf4j.", "org.junit.", "org.eclipse.", "org.jboss.",
          "io.undertow.", "org.glassfish.", "com.google.", "com.zaxxer.", "org.postgresql.", "com.mysql.",
          "io.micrometer.", "io.opentelemetry.", "datadog.", "net.bytebuddy.", "org.aspectj.",
          "io.reactivex.", "io.vertx.", "feign.", "retrofit2.", "org.mockito.", "System.", "Microsoft.");

  /** Leading directories that say where code is deployed, not what it is. */
  private static final Set<String> DEPLOY_ROOTS =
      Set.of(
          "app", "apps", "src", "srv", "opt", "code", "usr", "local", "var", "task", "home", "workspace",
          "workdir", "project", "lib", "build", "dist", "deploy", "www", "runtime", "site");

  private static final Pattern PYTHON_FRAME = Pattern.compile("File \"([^\"]*)\", line \\d+, in (\\S+)");
  private static final Pattern PYTHON_STDLIB = Pattern.compile("/lib/python\\d+(?:\\.\\d+)?/");
  private static final Pattern LINE_AND_COLUMN = Pattern.compile("(?::\\d+)+$");

  private final List<String> appPackages;

  StackFrames(List<String> appPackages) {
    requireNonNull(appPackages, "appPackages == null");
    List<String> packages = new ArrayList<>();
    for (String appPackage : appPackages) {
      requireNonNull(appPackage, "appPackages contains null");
      String trimmed = appPackage.strip();
      while (trimmed.endsWith(".") || trimmed.endsWith("/")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      if (trimmed.isEmpty()) {
        throw new IllegalArgumentException("appPackages contains a blank package: '" + appPackage + "'");
      }
      packages.add(trimmed);
    }
    this.appPackages = List.copyOf(packages);
  }

  /** What a stack says about an error: the root cause's type ("" when unknown), its top frames and message. */
  record Summary(String rootCause, List<String> frames, String rootMessage) {

    static final Summary NONE = new Summary("", List.of());

    Summary {
      requireNonNull(rootCause, "rootCause == null");
      frames = List.copyOf(frames);
      requireNonNull(rootMessage, "rootMessage == null");
    }

    /** A summary without the root cause's message. */
    Summary(String rootCause, List<String> frames) {
      this(rootCause, frames, "");
    }
  }

  /** One frame: {@code module.function}, and whether the default rules call it library code. */
  private record Frame(String name, boolean library) {}

  /** A trace and the frames it shares with its enclosing trace ({@code ... N more}). */
  private static final class Trace {
    String type;
    String message = "";
    final List<Frame> frames = new ArrayList<>();
    int more;

    Trace(String type) {
      this.type = type;
    }
  }

  /** The root cause and its top {@value #LIMIT} in-app frames; {@link Summary#NONE} without a stack. */
  Summary summarise(String stack) {
    if (stack == null || stack.isBlank()) {
      return Summary.NONE;
    }
    String text = stack.length() > MAX_CHARS ? stack.substring(0, MAX_CHARS) : stack;
    List<String> lines = text.lines().toList();
    Trace root;
    // The literal test first: a regular-expression scan of every Java stack costs more than the rest.
    if (text.contains("Traceback (most recent call last)")
        || (text.contains("File \"") && PYTHON_FRAME.matcher(text).find())) {
      root = python(lines);
    } else if (text.contains("goroutine ") && text.contains(".go:")) {
      root = go(lines);
    } else {
      root = jvmLike(lines);
    }
    if (root == null) {
      return Summary.NONE;
    }
    return new Summary(root.type, top(root.frames), root.message);
  }

  private List<String> top(List<Frame> frames) {
    List<String> names = new ArrayList<>(LIMIT);
    for (Frame frame : frames) {
      if (names.size() < LIMIT && isInApp(frame)) {
        names.add(frame.name());
      }
    }
    if (names.isEmpty()) {
      for (int i = 0; i < frames.size() && i < LIMIT; i++) {
        names.add(frames.get(i).name());
      }
    }
    return names;
  }

  private boolean isInApp(Frame frame) {
    if (appPackages.isEmpty()) {
      return !frame.library();
    }
    String name = frame.name();
    for (String appPackage : appPackages) {
      if (name.startsWith(appPackage)
          && (name.length() == appPackage.length()
              || name.charAt(appPackage.length()) == '.'
              || name.charAt(appPackage.length()) == '/')) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- Java, .NET, Node.js

  private static Trace jvmLike(List<String> lines) {
    List<Trace> traces = new ArrayList<>();
    Trace current = null;
    int suppressedIndent = -1;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      int indent = indent(line);
      String text = line.strip();
      if (suppressedIndent >= 0) {
        if (indent > suppressedIndent) {
          continue;
        }
        suppressedIndent = -1;
      }
      if (text.startsWith("Suppressed:")) {
        suppressedIndent = indent;
      } else if (text.startsWith("Caused by:")) {
        current = new Trace(exceptionType(text.substring("Caused by:".length())));
        current.message = exceptionMessage(text.substring("Caused by:".length()), current.type);
        traces.add(current);
      } else if (text.startsWith("at ")) {
        if (current == null) {
          current = new Trace("");
          traces.add(current);
        }
        current.frames.add(atFrame(text.substring(3).strip()));
      } else if (text.startsWith("...") && text.endsWith("more")) {
        if (current != null) {
          current.more = leadingNumber(text.substring(3).strip());
        }
      } else if (current == null) {
        current = new Trace(exceptionType(text));
        current.message = exceptionMessage(text, current.type);
        traces.add(current);
      }
    }
    return innermost(traces);
  }

  /** The last trace, with the frames it shares with its enclosing trace put back. */
  private static Trace innermost(List<Trace> traces) {
    if (traces.isEmpty()) {
      return null;
    }
    List<Frame> enclosing = List.of();
    List<Frame> full = List.of();
    for (Trace trace : traces) {
      List<Frame> frames = new ArrayList<>(trace.frames);
      int shared = Math.min(trace.more, enclosing.size());
      frames.addAll(enclosing.subList(enclosing.size() - shared, enclosing.size()));
      if (!frames.isEmpty()) {
        full = frames;
      }
      enclosing = frames;
    }
    Trace root = new Trace(traces.get(traces.size() - 1).type);
    root.message = traces.get(traces.size() - 1).message;
    root.frames.addAll(full);
    return root;
  }

  private static Frame atFrame(String frame) {
    String text = frame;
    for (String prefix : new String[] {"async ", "new "}) {
      if (text.startsWith(prefix)) {
        text = text.substring(prefix.length());
      }
    }
    int paren = text.indexOf('(');
    int space = text.indexOf(' ');
    if (paren > 0 && (space < 0 || space > paren)) {
      // Java: pkg.Type.method(File.java:12); .NET: Ns.Type.Method(String s) in C:\x.cs:line 12
      String name = GeneratedNames.normalise(text.substring(0, paren));
      // Java 9+ prefixes the class loader and module: app//com.acme.X.y, java.base/java.lang.Thread.run
      name = name.substring(name.lastIndexOf('/') + 1);
      return new Frame(name, startsWithAny(name, JVM_LIBRARIES));
    }
    // Node.js: fn (/app/src/x.js:1:2), or /app/src/x.js:1:2 for an anonymous function
    String function = "<anonymous>";
    String location = text;
    int open = text.lastIndexOf(" (");
    if (open > 0 && text.endsWith(")")) {
      function = text.substring(0, open);
      location = text.substring(open + 2, text.length() - 1);
      int alias = function.indexOf(" [as ");
      if (alias > 0) {
        function = function.substring(0, alias);
      }
    }
    location = LINE_AND_COLUMN.matcher(location).replaceFirst("");
    boolean library =
        location.contains("node_modules/")
            || location.contains("node_modules\\")
            || location.startsWith("node:")
            || location.startsWith("internal/")
            || !(location.contains("/") || location.contains("\\"));
    return new Frame(module(location) + "." + function, library);
  }

  // ---------------------------------------------------------------- Python

  /** The first traceback: Python prints the original exception first, then those raised while handling it. */
  private static Trace python(List<String> lines) {
    Trace first = null;
    for (String line : lines) {
      String text = line.strip();
      if (text.startsWith("Traceback (most recent call last)")) {
        if (first != null) {
          break;
        }
        continue;
      }
      Matcher frame = PYTHON_FRAME.matcher(text);
      if (text.startsWith("File \"") && frame.lookingAt()) {
        if (first == null) {
          first = new Trace("");
        } else if (!first.type.isEmpty()) {
          break;
        }
        // Python prints the most recent call last.
        first.frames.add(0, pythonFrame(frame.group(1), frame.group(2)));
      } else if (first != null
          && first.type.isEmpty()
          && !text.isEmpty()
          && !Character.isWhitespace(line.charAt(0))) {
        first.type = exceptionType(text);
        first.message = exceptionMessage(text, first.type);
      }
    }
    return first;
  }

  private static Frame pythonFrame(String file, String function) {
    String path = file.replace('\\', '/');
    boolean library =
        path.contains("/site-packages/")
            || path.contains("/dist-packages/")
            || PYTHON_STDLIB.matcher(path).find()
            || path.startsWith("<");
    return new Frame(module(file) + "." + function, library);
  }

  // ---------------------------------------------------------------- Go

  /** The first goroutine of a Go panic: {@code pkg.Function(args)} lines, each followed by its file. */
  private static Trace go(List<String> lines) {
    Trace trace = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("goroutine ")) {
        if (trace != null) {
          break;
        }
        trace = new Trace("");
        continue;
      }
      boolean function =
          trace != null
              && !line.isEmpty()
              && !Character.isWhitespace(line.charAt(0))
              && line.endsWith(")")
              && i + 1 < lines.size()
              && lines.get(i + 1).startsWith("\t")
              && lines.get(i + 1).contains(".go:");
      if (function && !line.startsWith("created by ")) {
        String name = line.substring(0, line.lastIndexOf('('));
        // The standard library's import paths have no dot in their first element (net/http, runtime).
        int slash = name.indexOf('/');
        int dot = name.indexOf('.');
        String first = slash >= 0 ? name.substring(0, slash) : dot >= 0 ? name.substring(0, dot) : name;
        boolean library = !name.startsWith("main.") && !first.contains(".");
        trace.frames.add(new Frame(name, library));
      }
    }
    return trace;
  }

  // ---------------------------------------------------------------- names

  /**
   * A module name from a source path: {@code /app/billing/invoice.py} gives {@code billing.invoice}; for
   * libraries the path after {@code site-packages}, {@code node_modules} or the Python standard library.
   */
  static String module(String file) {
    String path = file.replace('\\', '/');
    if (path.startsWith("<")) {
      return path;
    }
    if (path.startsWith("file://")) {
      path = path.substring("file://".length());
    }
    for (String marker : new String[] {"/site-packages/", "/dist-packages/", "/node_modules/"}) {
      int at = path.lastIndexOf(marker);
      if (at >= 0) {
        path = path.substring(at + marker.length());
      }
    }
    Matcher stdlib = PYTHON_STDLIB.matcher(path);
    if (stdlib.find()) {
      path = path.substring(stdlib.end());
    }
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty() && !(segments.isEmpty() && segment.length() == 2 && segment.endsWith(":"))) {
        segments.add(segment);
      }
    }
    while (segments.size() > 1 && DEPLOY_ROOTS.contains(segments.get(0))) {
      segments.remove(0);
    }
    if (segments.isEmpty()) {
      return path;
    }
    String last = segments.get(segments.size() - 1);
    int dot = last.lastIndexOf('.');
    if (dot > 0) {
      segments.set(segments.size() - 1, last.substring(0, dot));
    }
    return String.join(".", segments);
  }

  /** {@code com.acme.Oops: message} gives {@code message}; "" without a type or a message. */
  private static String exceptionMessage(String line, String type) {
    if (type.isEmpty()) {
      return "";
    }
    String text = line.strip();
    int colon = text.indexOf(':', text.startsWith("Exception in thread \"") ? text.indexOf("\" ", 21) : 0);
    return colon < 0 ? "" : text.substring(colon + 1).strip();
  }

  /** {@code com.acme.Oops: message} gives {@code com.acme.Oops}; "" when the line names no type. */
  private static String exceptionType(String line) {
    String text = line.strip();
    if (text.startsWith("Exception in thread \"")) {
      int close = text.indexOf("\" ", "Exception in thread \"".length());
      text = close < 0 ? "" : text.substring(close + 2);
    }
    int colon = text.indexOf(':');
    String type = (colon < 0 ? text : text.substring(0, colon)).strip();
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (!(Character.isJavaIdentifierPart(c) || c == '.')) {
        return "";
      }
    }
    return GeneratedNames.normalise(type);
  }

  private static boolean startsWithAny(String name, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int leadingNumber(String text) {
    int i = 0;
    int value = 0;
    while (i < text.length() && i < 9 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      value = value * 10 + (text.charAt(i) - '0');
      i++;
    }
    return value;
  }
}
