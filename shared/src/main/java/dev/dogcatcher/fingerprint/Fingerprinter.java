package dev.dogcatcher.fingerprint;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.domain.ErrorLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Computes the fingerprint that groups logs of the same error (DESIGN §5), recipe version {@value #VERSION}.
 *
 * <p>Every value is the first 20 lowercase hex characters of SHA-256 over the UTF-8 bytes of a key, so it
 * is stable across runs and JVMs. The key is chosen in this order:
 *
 * <ol>
 *   <li><b>Override</b>: the log carries {@code error.fingerprint}: {@code "override|" + service + "|" +
 *       fingerprint}. One explicit fingerprint used by two services still makes two groups. The same in
 *       every version, so overridden groups never move.
 *   <li><b>Rule</b>: a {@link FingerprintRules} rule matches: {@code "rule|" + service + "|" + group}. The
 *       same in every version.
 *   <li><b>Recipe v3</b> (the current one):
 *       <pre>
 * key = "v3|" + service + "|" + errorKind + "|" + rootCause + "|" + String.join(",", frames)
 *       + "|" + MessageTemplate.key(message) + "|" + MessageTemplate.key(errorMessage)
 *       + "|" + MessageTemplate.key(rootMessage)
 *       </pre>
 * </ol>
 *
 * <ul>
 *   <li>{@code service}, {@code errorKind}, {@code message}, {@code errorMessage}: the log's fields as they
 *       are ({@code ""} when absent);
 *   <li>{@code rootCause}: the type of the innermost {@code Caused by} in {@code stack} (the exception type
 *       for other languages), {@code ""} without a stack;
 *   <li>{@code rootMessage}: the message of that root cause ({@code Read timed out} in
 *       {@code Caused by: java.net.SocketTimeoutException: Read timed out}), {@code ""} without one: a
 *       wrapper exception often says the same thing ("Payment failed") whether the cause is a read or a
 *       connect timeout;
 *   <li>{@code frames}: the top 3 in-app frames of the root cause as {@code module.function}, without
 *       lines; empty without a stack (see {@link StackFrames}). Changing the application packages can
 *       change them, and so the fingerprints.
 *   <li>{@code MessageTemplate.key}: the template with every placeholder written {@code <*>} and a run
 *       of values joined by punctuation written once, so {@code 10.0.0.1:80} and {@code www.qq.com:80}, or
 *       {@code 0 bytes} and {@code 1190 bytes (1.16 KB)}, are one value; an identifier joined by
 *       underscores that holds a value ({@code task_1445_0020_m_000000}, {@code rdd_42}) is one value.
 * </ul>
 *
 * <p><b>Recipe v2</b> ({@link #previousVersions}) is v3's key with {@code "v2|"} and without the
 * underscore identifiers: {@code task_<*>_m_<*>} and {@code task_<*>_r_<*>} were two keys.
 *
 * <p><b>Recipe v1</b> ({@link #previousVersions}) is v2's key with {@code "v1|"}, without
 * {@code rootMessage}, and with {@code MessageTemplateV1.of} for the templates (typed placeholders:
 * {@code <int>} and {@code <num>}, {@code <ip>} and a host name's words, apart; digits glued to letters
 * kept when at most three; no sizes); no rules; the same override, stack frames and hash.
 *
 * <p><b>Learned slots</b> ({@link #slots}): a word that takes many values in one place (a user name in
 * {@code Invalid user webmaster from …}) reads like a constant word, and no rule on one message can tell
 * it from one. Grouping learns it instead: each word of a message names a slot, the fingerprint with that
 * word made a value, and once {@link dev.dogcatcher.port.SlotStore#LEARNED} different words were seen in
 * one slot, with everything else equal, its logs take the slot's fingerprint, and the fingerprints they
 * had travel as aliases so that a ticket filed before keeps its error.
 *
 * <p>Both templates count: the log message says what the application was doing, the exception message
 * why it failed, and two causes ("deadlock", "duplicate key") thrown from one call site stay apart. The
 * returned template is the typed {@code MessageTemplate.of} of the message, or of the exception message
 * when the message is blank.
 *
 * <p><b>Changing the recipe</b>: bump {@link #VERSION}, keep the previous recipe computable, and return its
 * value from {@link #previousVersions}, so that the ticket stage finds the tickets filed under it instead
 * of filing every open error again.
 */
public final class Fingerprinter {

  /** The recipe version stamped on every fingerprint; bump it whenever a fingerprint value can change. */
  public static final int VERSION = 3;

  private static final int HEX_CHARS = 20;

  /** How many of a message's first words may be slots: a long message keeps its later words. */
  static final int SLOT_WORDS = 24;

  private final StackFrames stackFrames;
  private final FingerprintRules rules;

  /**
   * A fingerprinter that counts as in-app the frames in these packages.
   *
   * @param appPackages package (or Python/Node module) prefixes such as {@code com.acme}; when empty,
   *     frames outside well-known JDK, framework and library packages are in-app
   */
  public Fingerprinter(List<String> appPackages) {
    this(appPackages, FingerprintRules.none());
  }

  private Fingerprinter(List<String> appPackages, FingerprintRules rules) {
    this.stackFrames = new StackFrames(appPackages);
    this.rules = requireNonNull(rules, "rules == null");
  }

  /** A fingerprinter with the default in-app detection (no application packages) and no rules. */
  public static Fingerprinter standard() {
    return new Fingerprinter(List.of());
  }

  /**
   * A fingerprinter with application packages and operator rules.
   *
   * @param appPackages as for {@link #Fingerprinter(List)}
   * @param rules the rules tried before the computed fingerprint ({@link FingerprintRules#none()} for none)
   */
  public static Fingerprinter from(List<String> appPackages, FingerprintRules rules) {
    return new Fingerprinter(appPackages, rules);
  }

  /** The fingerprint of one log, recipe {@value #VERSION}. */
  public Fingerprint of(ErrorLog log) {
    requireNonNull(log, "log == null");
    return recipe(log, VERSION, MessageTemplate::keyOf);
  }

  /** Recipes v2 and v3: the same key, but for how a marked template becomes its group key. */
  private Fingerprint recipe(ErrorLog log, int version, UnaryOperator<String> keyOf) {
    String message = MessageTemplate.marked(log.message());
    String error = MessageTemplate.marked(log.errorMessage());
    String template = MessageTemplate.display(log.message().isBlank() ? error : message);
    Optional<String> fixed = fixedKey(log);
    if (fixed.isPresent()) {
      return new Fingerprint(hash(fixed.get()), version, template);
    }
    StackFrames.Summary stack = stackFrames.summarise(log.stack());
    String key =
        computedKey(version, log, stack, keyOf.apply(message), keyOf.apply(error))
            + "|"
            + keyOf.apply(MessageTemplate.marked(stack.rootMessage()));
    return new Fingerprint(hash(key), version, template);
  }

  /**
   * The slots of a log: its fingerprint with one word of its message (of the error message when the
   * message is blank) made a value, one per word among the first {@value #SLOT_WORDS}, leftmost first.
   * A word is a slot only when two other words stay, so that {@code user cancelled} and {@code user denied}
   * never share one. None for a fingerprint fixed by the override or a rule. Grouping gathers the logs of
   * a slot once it has seen {@link dev.dogcatcher.port.SlotStore#LEARNED} different words there ({@code
   * Invalid user admin from …}, {@code Invalid user oracle from …}). A slot's fingerprint is the one {@link
   * #of} gives a message with a value in that place ({@code Invalid user 1234 from …}).
   *
   * <p>A capitalised word of letters only ({@code Started}, {@code GET}, {@code Active}) joins a learned
   * slot but is no evidence for one: that is how code spells the states, verbs and levels of an
   * enumeration, whose members are different events ({@code VM Started}, {@code VM Stopped}).
   */
  public List<Slot> slots(ErrorLog log) {
    requireNonNull(log, "log == null");
    if (fixedKey(log).isPresent()) {
      return List.of();
    }
    boolean onError = log.message().isBlank();
    String message = MessageTemplate.marked(log.message());
    String error = MessageTemplate.marked(log.errorMessage());
    String template = MessageTemplate.display(onError ? error : message);
    String[] words = MessageTemplate.keyOf(onError ? error : message).split(" ", -1);
    int count = 0;
    for (String word : words) {
      count += isWord(word) ? 1 : 0;
    }
    if (count < 3) {
      return List.of();
    }
    StackFrames.Summary stack = stackFrames.summarise(log.stack());
    String root = MessageTemplate.key(stack.rootMessage());
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < Math.min(words.length, SLOT_WORDS); i++) {
      if (!isWord(words[i])) {
        continue;
      }
      String[] generalised = words.clone();
      generalised[i] = asValue(words[i]);
      String slot = String.join(" ", generalised);
      String key =
          computedKey(VERSION, log, stack,
                  onError ? MessageTemplate.keyOf(message) : slot, onError ? slot : MessageTemplate.keyOf(error))
              + "|" + root;
      Fingerprint fingerprint = new Fingerprint(hash(key), VERSION, withValue(template, words, i));
      slots.add(new Slot(fingerprint, !isCapitalised(words[i])));
    }
    return slots;
  }

  /**
   * A place of a message's template that may hold values: the fingerprint of the template with a value
   * there, and whether the word seen there counts as evidence that it does.
   */
  public record Slot(Fingerprint fingerprint, boolean evidence) {}

  /** A word of letters only, punctuation around it aside, whose first letter is a capital. */
  private static boolean isCapitalised(String token) {
    int start = 0;
    int end = token.length();
    while (start < end && !Character.isLetterOrDigit(token.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(token.charAt(end - 1))) {
      end--;
    }
    if (start == end || !Character.isUpperCase(token.charAt(start))) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (!Character.isLetter(token.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWord(String token) {
    if (token.equals(MessageTemplate.ANY)) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      if (Character.isLetterOrDigit(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The word made a value, the punctuation around it kept ({@code com.apple.daily:} → {@code <*>:},
   * {@code [node_7]} → {@code [<*>]}), so that it reads like a message with a value there.
   */
  private static String asValue(String word) {
    int start = 0;
    int end = word.length();
    while (start < end && !Character.isLetterOrDigit(word.charAt(start))
        && !word.startsWith(MessageTemplate.ANY, start)) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))
        && !word.startsWith(MessageTemplate.ANY, end - MessageTemplate.ANY.length())) {
      end--;
    }
    return word.substring(0, start) + MessageTemplate.ANY + word.substring(end);
  }

  /** The template with the word at {@code index} of the key's words shown as a value, where it can be found. */
  private static String withValue(String template, String[] words, int index) {
    int occurrence = 0;
    for (int i = 0; i < index; i++) {
      occurrence += words[i].equals(words[index]) ? 1 : 0;
    }
    String[] shown = template.split(" ", -1);
    for (int i = 0; i < shown.length; i++) {
      if (shown[i].equals(words[index]) && occurrence-- == 0) {
        shown[i] = asValue(words[index]);
        return String.join(" ", shown);
      }
    }
    return template;
  }

  /**
   * The fingerprints earlier recipes gave this log, newest first, without those equal to {@link #of}'s
   * value: the ticket stage looks them up when {@link #of}'s value has no ticket yet, so an error ticketed
   * under an earlier recipe keeps its ticket. Today: the v2 and v1 fingerprints (an overridden or
   * rule-matched log has the same value in every version, so it gets none; v1 had no rules).
   */
  public List<Fingerprint> previousVersions(ErrorLog log) {
    requireNonNull(log, "log == null");
    String current = of(log).value();
    List<Fingerprint> previous = new ArrayList<>(2);
    for (Fingerprint earlier : List.of(v2(log), v1(log))) {
      if (!earlier.value().equals(current) && previous.stream().noneMatch(p -> p.value().equals(earlier.value()))) {
        previous.add(earlier);
      }
    }
    return previous;
  }

  /** Recipe v2, kept so that {@link #previousVersions} can find tickets filed under it. */
  Fingerprint v2(ErrorLog log) {
    return recipe(log, 2, MessageTemplate::keyV2Of);
  }

  /** Recipe v1, kept so that {@link #previousVersions} can find tickets filed under it. */
  Fingerprint v1(ErrorLog log) {
    String message = MessageTemplateV1.of(log.message());
    String error = MessageTemplateV1.of(log.errorMessage());
    String template = log.message().isBlank() ? error : message;
    Optional<String> override = log.fingerprintOverride();
    if (override.isPresent()) {
      return new Fingerprint(hash(overrideKey(log, override.get())), 1, template);
    }
    return new Fingerprint(
        hash(computedKey(1, log, stackFrames.summarise(log.stack()), message, error)), 1, template);
  }

  private Optional<String> fixedKey(ErrorLog log) {
    Optional<String> override = log.fingerprintOverride();
    if (override.isPresent()) {
      return Optional.of(overrideKey(log, override.get()));
    }
    return rules.groupOf(log).map(group -> "rule|" + log.service() + "|" + group);
  }

  private static String overrideKey(ErrorLog log, String override) {
    return "override|" + log.service() + "|" + override;
  }

  private static String computedKey(
      int version, ErrorLog log, StackFrames.Summary stack, String message, String error) {
    return String.join(
        "|",
        "v" + version,
        log.service(),
        log.errorKind(),
        stack.rootCause(),
        String.join(",", stack.frames()),
        message,
        error);
  }

  // A digest per thread: looking one up for every log costs as much as templating a short message.
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Fingerprinter::sha256);

  private static String hash(String key) {
    byte[] digest = SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, HEX_CHARS / 2);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
