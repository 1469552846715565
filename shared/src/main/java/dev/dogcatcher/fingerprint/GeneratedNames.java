package dev.dogcatcher.fingerprint;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strips the run-specific parts of names the JVM and bytecode libraries generate at run time.
 *
 * <p>{@code Foo$$Lambda$123/0x0000000800c0b440} becomes {@code Foo$$Lambda}, {@code $Proxy12} becomes
 * {@code $Proxy}, {@code Foo$$EnhancerBySpringCGLIB$$5d3a1b2c} becomes {@code Foo$$EnhancerBySpringCGLIB},
 * {@code GeneratedMethodAccessor123} becomes {@code GeneratedMethodAccessor}: the numbers and hashes change
 * from one JVM start to the next, the names before them do not. Every pattern starts with a literal, so a
 * scan is linear in the length of the text.
 */
final class GeneratedNames {

  private static final List<Rule> RULES =
      List.of(
          // Java 8: Foo$$Lambda$12/123456; 9-20: Foo$$Lambda$12/0x...; 21+: Foo$$Lambda/0x...
          rule("$$Lambda", "\\$\\$Lambda(?:\\$\\d+)?(?:/(?:0x)?[0-9a-fA-F]+)?", "\\$\\$Lambda"),
          // Other hidden classes: java.lang.invoke.LambdaForm$MH/0x0000000800c0c000.
          rule("/0x", "/0x[0-9a-fA-F]+", ""),
          rule("$Proxy", "\\$Proxy\\d+", "\\$Proxy"),
          rule("jdk.proxy", "jdk\\.proxy\\d+", "jdk.proxy"),
          rule(
              "CGLIB$$",
              "\\$\\$((?:EnhancerBy|FastClassBy)?(?:Spring)?CGLIB)\\$\\$[0-9a-fA-F]+",
              "\\$\\$$1"),
          rule("$$EnhancerByGuice$$", "\\$\\$EnhancerByGuice\\$\\$[0-9a-fA-F]+", "\\$\\$EnhancerByGuice"),
          rule("$ByteBuddy$", "\\$ByteBuddy\\$(?:auxiliary\\$)?[0-9A-Za-z]+", "\\$ByteBuddy"),
          rule("$MockitoMock$", "\\$MockitoMock\\$[0-9A-Za-z]+", "\\$MockitoMock"),
          rule("$HibernateProxy$", "\\$HibernateProxy\\$[0-9A-Za-z]+", "\\$HibernateProxy"),
          rule("_$$_jvst", "_\\$\\$_jvst[0-9a-fA-F]+_[0-9a-fA-F]+", "_\\$\\$_jvst"),
          rule(
              "Accessor",
              "(Generated(?:Serialization)?(?:Method|Constructor)Accessor)\\d+",
              "$1"));

  private GeneratedNames() {}

  /** The text with every generated name reduced to its stable part. */
  static String normalise(String text) {
    // Every marker holds '$' or '/', or is one of the other two: most text skips all the rules.
    if (text.indexOf('$') < 0
        && text.indexOf('/') < 0
        && !text.contains("Accessor")
        && !text.contains("jdk.proxy")) {
      return text;
    }
    String result = text;
    for (Rule rule : RULES) {
      if (result.contains(rule.marker())) {
        Matcher matcher = rule.pattern().matcher(result);
        if (matcher.find()) {
          result = matcher.replaceAll(rule.replacement());
        }
      }
    }
    return result;
  }

  private static Rule rule(String marker, String regex, String replacement) {
    return new Rule(marker, Pattern.compile(regex), replacement);
  }

  /** A rewrite, tried only when the text contains its marker (the common case is a plain message). */
  private record Rule(String marker, Pattern pattern, String replacement) {}
}
