package dev.dogcatcher.fingerprint;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.ErrorLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Operator-written fingerprint rules, like Sentry's: logs that match a rule share the fixed group it names.
 *
 * <p>One rule per line; {@code #} starts a comment; blank lines are ignored. A rule is one or more
 * matchers, {@code ->}, and a group name:
 *
 * <pre>
 * # all socket timeouts of checkout are one ticket
 * error.kind:*SocketTimeout* service:checkout -> payments-timeout
 * message:"Invalid user * from *"             -> ssh-invalid-user
 * logger:com.acme.batch.* message:/^Job \d+ failed/ -> batch-job-failed
 * </pre>
 *
 * <p>Matchers: {@code service}, {@code error.kind} (the exception type), {@code message} (the log message
 * or the exception message) and {@code logger}. A value is a glob ({@code *} any run of characters,
 * {@code ?} one character, case-insensitive, matching the whole field) or, between slashes, a Java regular
 * expression that must be found in the field. Values with spaces are double-quoted; {@code \"} and
 * {@code \\} escape inside quotes. All matchers of a rule must match; the first matching rule wins. Group
 * names are letters, digits and {@code . _ : -}. Only the first 2,000 characters of a message are matched.
 */
public final class FingerprintRules {

  /** The environment variable that names the rules file. */
  public static final String VARIABLE = "DOGCATCHER_FINGERPRINT_RULES";

  private static final FingerprintRules NONE = new FingerprintRules(List.of());
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._:-]+");
  private static final int MAX_MATCHED_CHARS = MessageTemplate.MAX_CHARS;

  private final List<Rule> rules;

  private FingerprintRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** No rules: every fingerprint is computed. */
  public static FingerprintRules none() {
    return NONE;
  }

  /**
   * Parses rules text.
   *
   * @param text the rules, one per line
   * @throws IllegalArgumentException naming the line number and what is wrong with it
   */
  public static FingerprintRules parse(String text) {
    requireNonNull(text, "text == null");
    List<Rule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      try {
        new LineParser(lines[i]).rule().ifPresent(rules::add);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new FingerprintRules(rules);
  }

  /**
   * The rules in the file that {@value #VARIABLE} names, or {@link #none()} when it is not set.
   *
   * @throws ConfigException when the file cannot be read or a line is invalid, naming the variable, the file
   *     and the line
   */
  public static FingerprintRules from(Settings settings) {
    requireNonNull(settings, "settings == null");
    String file = settings.optional(VARIABLE, "").strip();
    return file.isEmpty() ? none() : load(Path.of(file));
  }

  /** The rules in a file; see {@link #from(Settings)} for the errors. */
  public static FingerprintRules load(Path file) {
    requireNonNull(file, "file == null");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(VARIABLE + ": cannot read " + file + ": " + e.getMessage());
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(VARIABLE + ": " + file + " " + e.getMessage());
    }
  }

  /** How many rules there are. */
  public int size() {
    return rules.size();
  }

  /** The group name of the first rule that matches the log. */
  public Optional<String> groupOf(ErrorLog log) {
    requireNonNull(log, "log == null");
    for (Rule rule : rules) {
      if (rule.matches(log)) {
        return Optional.of(rule.group());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "FingerprintRules" + rules;
  }

  // ---------------------------------------------------------------- rules

  private enum Field {
    SERVICE("service"),
    ERROR_KIND("error.kind"),
    MESSAGE("message"),
    LOGGER("logger");

    final String key;

    Field(String key) {
      this.key = key;
    }

    static Optional<Field> named(String key) {
      for (Field field : values()) {
        if (field.key.equals(key)) {
          return Optional.of(field);
        }
      }
      return Optional.empty();
    }
  }

  private record Matcher(Field field, String text, Pattern regex) {

    boolean matches(ErrorLog log) {
      return switch (field) {
        case SERVICE -> test(log.service());
        case ERROR_KIND -> test(log.errorKind());
        case LOGGER -> test(log.logger());
        case MESSAGE -> (!log.message().isEmpty() && test(log.message()))
            || (!log.errorMessage().isEmpty() && test(log.errorMessage()));
      };
    }

    private boolean test(String value) {
      String head = value.length() > MAX_MATCHED_CHARS ? value.substring(0, MAX_MATCHED_CHARS) : value;
      return regex != null ? regex.matcher(head).find() : Glob.matches(text, head);
    }

    @Override
    public String toString() {
      return field.key + ":" + (regex != null ? "/" + text + "/" : "\"" + text + "\"");
    }
  }

  private record Rule(List<Matcher> matchers, String group) {

    boolean matches(ErrorLog log) {
      for (Matcher matcher : matchers) {
        if (!matcher.matches(log)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return matchers + " -> " + group;
    }
  }

  /** Case-insensitive whole-string globs, matched with one backtrack point: at worst text × glob steps. */
  static final class Glob {

    private Glob() {}

    static boolean matches(String glob, String text) {
      int g = 0;
      int t = 0;
      int star = -1;
      int resume = 0;
      while (t < text.length()) {
        if (g < glob.length() && (glob.charAt(g) == '?' || same(glob.charAt(g), text.charAt(t)))) {
          g++;
          t++;
        } else if (g < glob.length() && glob.charAt(g) == '*') {
          star = g++;
          resume = t;
        } else if (star >= 0) {
          g = star + 1;
          t = ++resume;
        } else {
          return false;
        }
      }
      while (g < glob.length() && glob.charAt(g) == '*') {
        g++;
      }
      return g == glob.length();
    }

    private static boolean same(char a, char b) {
      return a == b || Character.toLowerCase(a) == Character.toLowerCase(b);
    }
  }

  /** Reads one line: {@code field:value field:value -> group}. */
  private static final class LineParser {
    private final String line;
    private int i;

    LineParser(String line) {
      this.line = line;
    }

    Optional<Rule> rule() {
      skipSpaces();
      if (i >= line.length() || line.charAt(i) == '#') {
        return Optional.empty();
      }
      List<Matcher> matchers = new ArrayList<>();
      while (true) {
        skipSpaces();
        if (i >= line.length()) {
          throw new IllegalArgumentException("missing '-> group' at the end of the rule");
        }
        if (line.startsWith("->", i)) {
          break;
        }
        matchers.add(matcher());
      }
      if (matchers.isEmpty()) {
        throw new IllegalArgumentException("a rule needs at least one matcher before '->'");
      }
      i += 2;
      String rest = line.substring(i);
      int comment = rest.indexOf('#');
      String group = (comment >= 0 ? rest.substring(0, comment) : rest).strip();
      if (group.isEmpty()) {
        throw new IllegalArgumentException("missing group name after '->'");
      }
      if (!GROUP.matcher(group).matches()) {
        throw new IllegalArgumentException(
            "group name '" + group + "' may hold only letters, digits and . _ : -");
      }
      return Optional.of(new Rule(matchers, group));
    }

    private Matcher matcher() {
      int start = i;
      while (i < line.length() && line.charAt(i) != ':' && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      String key = line.substring(start, i);
      if (i >= line.length() || line.charAt(i) != ':') {
        throw new IllegalArgumentException("expected field:value, found '" + key + "'");
      }
      Field field =
          Field.named(key.toLowerCase(Locale.ROOT))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown field '" + key + "' (expected service, error.kind, message or logger)"));
      i++;
      if (i >= line.length() || Character.isWhitespace(line.charAt(i))) {
        throw new IllegalArgumentException("empty value for " + field.key);
      }
      char first = line.charAt(i);
      if (first == '"') {
        return new Matcher(field, quoted(), null);
      }
      if (first == '/') {
        String regex = regex();
        try {
          return new Matcher(field, regex, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "invalid regular expression for " + field.key + ": " + e.getDescription(), e);
        }
      }
      int valueStart = i;
      while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      return new Matcher(field, line.substring(valueStart, i), null);
    }

    private String quoted() {
      StringBuilder value = new StringBuilder();
      i++;
      while (i < line.length()) {
        char c = line.charAt(i++);
        if (c == '"') {
          return value.toString();
        }
        if (c == '\\' && i < line.length() && (line.charAt(i) == '"' || line.charAt(i) == '\\')) {
          c = line.charAt(i++);
        }
        value.append(c);
      }
      throw new IllegalArgumentException("unclosed quote");
    }

    private String regex() {
      StringBuilder value = new StringBuilder();
      i++;
      while (i < line.length()) {
        char c = line.charAt(i++);
        if (c == '/') {
          if (value.length() == 0) {
            throw new IllegalArgumentException("empty regular expression");
          }
          return value.toString();
        }
        if (c == '\\' && i < line.length() && line.charAt(i) == '/') {
          c = line.charAt(i++);
        } else if (c == '\\' && i < line.length()) {
          value.append(c);
          c = line.charAt(i++);
        }
        value.append(c);
      }
      throw new IllegalArgumentException("unclosed regular expression (expected a closing '/')");
    }

    private void skipSpaces() {
      while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
    }
  }
}
