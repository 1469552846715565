package dev.dogcatcher.analyzer.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

  private final Redactor redactor = new Redactor();

  // --- e-mail ---------------------------------------------------------------------------------

  @Test
  void redact_whenEmail_replacesWithPlaceholder() {
    assertThat(redactor.redact("user jane.doe+tag@mail.example.co.uk not found"))
        .isEqualTo("user <email> not found");
  }

  @Test
  void redact_whenEmailEndsSentence_keepsTheFullStop() {
    assertThat(redactor.redact("sent to bob@example.com.")).isEqualTo("sent to <email>.");
  }

  @Test
  void redact_whenJavaObjectIdentity_keepsIt() {
    assertThat(redactor.redact("com.acme.Foo@1a2b3c was closed")).isEqualTo("com.acme.Foo@1a2b3c was closed");
  }

  // --- IP addresses ---------------------------------------------------------------------------

  @Test
  void redact_whenIpv4_replacesWithPlaceholderAndKeepsPort() {
    assertThat(redactor.redact("connect to 10.0.12.255:5432 failed from 192.168.1.1"))
        .isEqualTo("connect to <ip>:5432 failed from <ip>");
  }

  @Test
  void redact_whenDottedNumberIsNotAnAddress_keepsIt() {
    assertThat(redactor.redact("version 1.2.3.456 and 1.2.3.4.5 and v10.0.0.1"))
        .isEqualTo("version 1.2.3.456 and 1.2.3.4.5 and v10.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8::1", "::1", "fe80::1ff:fe23:4567:890a%eth0",
      "::ffff:192.0.2.128", "2001:db8:0:0:1::"})
  void redact_whenIpv6_replacesWithPlaceholder(String address) {
    assertThat(redactor.redact("peer [" + address + "] reset")).isEqualTo("peer [<ip>] reset");
  }

  @Test
  void redact_whenIpv6EndsSentence_keepsTheFullStop() {
    assertThat(redactor.redact("refused by ::1.")).isEqualTo("refused by <ip>.");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "at 12:30:45 UTC", "std::vector<int> failed", "Foo::Bar::baz", "ts=2024-01-01T10:20:30.123Z",
      "mac 00:1a:2b:3c:4d:5e", "ratio a:b"})
  void redact_whenColonsAreNotAnIpv6Address_keepsText(String text) {
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  // --- tokens and keys ------------------------------------------------------------------------

  @Test
  void redact_whenJwt_replacesWithPlaceholder() {
    String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    assertThat(redactor.redact("session " + jwt + " rejected")).isEqualTo("session <jwt> rejected");
  }

  @Test
  void redact_whenBearerToken_replacesToken() {
    assertThat(redactor.redact("sent Bearer abc123DEF456.ghi~789 to upstream"))
        .isEqualTo("sent Bearer <redacted> to upstream");
  }

  @Test
  void redact_whenBearerIsAPlainWord_keepsIt() {
    assertThat(redactor.redact("bearer authentication is required"))
        .isEqualTo("bearer authentication is required");
  }

  @Test
  void redact_whenAuthorizationHeader_keepsSchemeAndRedactsCredentials() {
    assertThat(redactor.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"))
        .isEqualTo("Authorization: Bearer <redacted>");
    assertThat(redactor.redact("headers={authorization=Basic dXNlcjpwYXNz, accept=json}"))
        .isEqualTo("headers={authorization=Basic <redacted>, accept=json}");
    assertThat(redactor.redact("{\"Authorization\":\"abc123\"}"))
        .isEqualTo("{\"Authorization\":\"<redacted>\"}");
  }

  @Test
  void redact_whenAwsAccessKeyId_replacesWithPlaceholder() {
    assertThat(redactor.redact("key AKIAIOSFODNN7EXAMPLE and ASIAY34FZKBOKMUTVV7A used"))
        .isEqualTo("key <aws-key> and <aws-key> used");
  }

  @Test
  void redact_whenAwsSecretAccessKey_replacesWithPlaceholder() {
    assertThat(redactor.redact("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        .isEqualTo("aws_secret_access_key = <aws-key>");
    assertThat(redactor.redact("{\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}"))
        .isEqualTo("{\"SecretAccessKey\": \"<aws-key>\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "PASSWORD"})
  void redact_whenSecretKeyValue_redactsValue(String key) {
    assertThat(redactor.redact("login failed " + key + "=hunter2 user=bob"))
        .isEqualTo("login failed " + key + "=<redacted> user=bob");
  }

  @Test
  void redact_whenJsonSecret_redactsValueAndKeepsQuotes() {
    assertThat(redactor.redact("body {\"user\":\"bob\",\"password\": \"hun ter\\\"2\",\"n\":1}"))
        .isEqualTo("body {\"user\":\"bob\",\"password\": \"<redacted>\",\"n\":1}");
  }

  @Test
  void redact_whenEscapedJsonSecret_redactsValue() {
    assertThat(redactor.redact("payload=\"{\\\"client_secret\\\":\\\"s3cr3t\\\"}\""))
        .isEqualTo("payload=\"{\\\"client_secret\\\":\\\"<redacted>\\\"}\"");
  }

  @Test
  void redact_whenPrefixedOrHeaderStyleSecretKey_redactsValue() {
    assertThat(redactor.redact("GET /x?access_token=abc.def&page=2")).isEqualTo("GET /x?access_token=<redacted>&page=2");
    assertThat(redactor.redact("X-Api-Key: 9f8e7d6c")).isEqualTo("X-Api-Key: <redacted>");
    assertThat(redactor.redact("spring.datasource.password='p@ss w0rd'"))
        .isEqualTo("spring.datasource.password='<redacted>'");
    assertThat(redactor.redact("secret_key=abc")).isEqualTo("secret_key=<redacted>");
  }

  @Test
  void redact_whenSecretLikeWordIsNotAKey_keepsText() {
    assertThat(redactor.redact("tokenCount=5 secretName=db-creds KeyError: 'token'"))
        .isEqualTo("tokenCount=5 secretName=db-creds KeyError: 'token'");
  }

  @Test
  void redact_whenUrlHasCredentials_redactsUserInfo() {
    assertThat(redactor.redact("jdbc url postgresql://app:S3cret!@db.internal:5432/orders"))
        .isEqualTo("jdbc url postgresql://<redacted>@db.internal:5432/orders");
  }

  @Test
  void redact_whenCookieHeader_redactsValue() {
    assertThat(redactor.redact("Cookie: session=abc; theme=dark\nnext line"))
        .isEqualTo("Cookie: <redacted>\nnext line");
  }

  // --- cards ----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {
      "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "378282246310005", "5555555555554444",
      "6011111111111117", "4222222222222"})
  void redact_whenLuhnValidCardNumber_replacesWithPlaceholder(String card) {
    assertThat(redactor.redact("charge card " + card + " declined")).isEqualTo("charge card <card> declined");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111112", "1234567812345678", "4111 1111 1111 1112", "0000000000000000"})
  void redact_whenNumberFailsLuhn_keepsIt(String number) {
    assertThat(redactor.redact("order " + number + " failed")).isEqualTo("order " + number + " failed");
  }

  @Test
  void redact_whenCardIsPartOfALongerNumber_keepsIt() {
    String text = "trace 41111111111111110000 and 4111 1111 1111 1111 2222 and uuid 9b2e-4111111111111111";
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void luhn_whenKnownVectors_answersAsTheAlgorithm() {
    assertThat(Luhn.isValid("79927398713")).isTrue();
    assertThat(Luhn.isValid("79927398710")).isFalse();
    assertThat(Luhn.isValid("4111-1111-1111-1111")).isTrue();
    assertThat(Luhn.isValid("")).isFalse();
  }

  // --- invisible characters -------------------------------------------------------------------

  @Test
  void redact_whenInvisibleCharacters_stripsThemAndKeepsWhitespace() {
    String text = "\uFEFFa\u200Bb\u200Cc\u200Dd\u2060e\u202Ef\u202Ag\u2066h\u2069i\u00ADj\uFE0Fk\tl\nm\r\n";
    assertThat(redactor.redact(text)).isEqualTo("abcdefghijk\tl\nm\r\n");
  }

  @Test
  void redact_whenTagCharactersSmuggleText_stripsThem() {
    String smuggled = "ok" + new String(Character.toChars(0xE0049)) + new String(Character.toChars(0xE0067));
    assertThat(redactor.redact(smuggled)).isEqualTo("ok");
  }

  @Test
  void redact_whenZeroWidthCharacterHidesASecretKey_stillRedacts() {
    assertThat(redactor.redact("pass\u200Bword=hunter2")).isEqualTo("password=<redacted>");
  }

  // --- general --------------------------------------------------------------------------------

  @Test
  void redact_whenTextHasPlaceholdersAlready_leavesThemAlone() {
    String template = "user <email> from <ip> token=<hex> password=<redacted> card <card>";
    assertThat(redactor.redact(template)).isEqualTo(template);
  }

  @Test
  void redact_whenAppliedTwice_isStable() {
    String text = "mail a@b.io from 2001:db8::1 Authorization: Bearer abc.def-123 password=\"x\" "
        + "card 4111111111111111 key AKIAIOSFODNN7EXAMPLE url https://u:p@h.io/x Cookie: a=b";
    String once = redactor.redact(text);
    assertThat(redactor.redact(once)).isEqualTo(once);
  }

  @Test
  void redact_whenPlainText_returnsItUnchanged() {
    String text = "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null\n"
        + "\tat com.acme.Foo.bar(Foo.java:42)";
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void redact_whenTextIsNull_throws() {
    assertThatNullPointerException().isThrownBy(() -> redactor.redact((String) null)).withMessage("text == null");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a", "a@", "a.", "1", "1 ", "1-", ":", "a:", "::a", "eyJ", "eyJa.", "password=\"", "password=", "x_",
      "token:", "\u200B", "Bearer ", "https://", "AKIA", "@a.", "1.", "f:f:", "'"})
  void redact_whenMegabyteOfAdversarialInput_finishes(String unit) {
    String input = unit.repeat(1_000_000 / unit.length());
    String result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> redactor.redact(input));
    assertThat(result).isNotNull();
  }

  @Test
  void redact_whenMegabyteOfMixedNoise_finishes() {
    StringBuilder noise = new StringBuilder();
    String alphabet = "aZ09.:@-_/+= \"'\\\n%eyJAKIA";
    long seed = 42;
    while (noise.length() < 1_000_000) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      noise.append(alphabet.charAt((int) ((seed >>> 33) % alphabet.length())));
    }
    String input = noise.toString();
    String result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> redactor.redact(input));
    assertThat(result).isNotEmpty();
  }

  // --- groups ---------------------------------------------------------------------------------

  @Test
  void redactGroup_whenTemplatingCutASecretApart_stillLeavesNoPieceOfIt() {
    ErrorGroup group = group(
        "Rejected token signed with AKIAIOSFODNN<int>EXAMPLE",
        "Rejected token signed with AKIAIOSFODNN7EXAMPLE",
        "",
        Map.of());

    ErrorGroup redacted = redactor.redact(group);

    assertThat(redacted.template()).doesNotContain("AKIAIOSFODNN", "EXAMPLE").contains("<aws-key>");
  }

  @Test
  void redactGroup_redactsSampleTemplateAndAttributeValues() {
    ErrorGroup group = group(
        "Login failed for <email> password=<redacted>",
        "Login failed for jane@example.com password=hunter2",
        "Traceback\n  File \"app.py\", line 3, in login\nValueError: bad token=abc123 from 10.1.2.3",
        Map.of("http.client_ip", "10.1.2.3", "usr.email", "jane@example.com", "note", "ok"));

    ErrorGroup redacted = redactor.redact(group);

    assertThat(redacted.sample().message()).isEqualTo("Login failed for <email> password=<redacted>");
    assertThat(redacted.sample().stack()).endsWith("ValueError: bad token=<redacted> from <ip>");
    assertThat(redacted.template()).startsWith("Login failed for <email> password=").doesNotContain("hunter2");
    assertThat(redacted.sample().attributes())
        .containsEntry("http.client_ip", "<ip>")
        .containsEntry("usr.email", "<email>")
        .containsEntry("note", "ok");
  }

  @Test
  void redactGroup_whenAttributeKeyIsSensitive_redactsWholeValue() {
    ErrorGroup group = group("t", "m", "", Map.of(
        "password", "plain words", "http.request.headers.authorization", "Basic abc",
        "Cookie", "a=b", "x-api-key", "k", "user.ssn", "123-45-6789", "db.secret", "s", "refreshToken", "r",
        "className", "com.acme.Foo", "author", "jane"));

    assertThat(redactor.redact(group).sample().attributes())
        .containsEntry("password", "<redacted>")
        .containsEntry("http.request.headers.authorization", "<redacted>")
        .containsEntry("Cookie", "<redacted>")
        .containsEntry("x-api-key", "<redacted>")
        .containsEntry("user.ssn", "<redacted>")
        .containsEntry("db.secret", "<redacted>")
        .containsEntry("refreshToken", "<redacted>")
        .containsEntry("className", "com.acme.Foo")
        .containsEntry("author", "jane");
  }

  @Test
  void redactGroup_keepsFingerprintCountIdsAndIdentity() {
    ErrorGroup group = group("user <email>", "user jane@example.com at 10.0.0.1", "at x", Map.of("a", "b"));

    ErrorGroup redacted = redactor.redact(group);

    assertThat(redacted.fingerprint()).isEqualTo(group.fingerprint());
    assertThat(redacted.fingerprintVersion()).isEqualTo(group.fingerprintVersion());
    assertThat(redacted.count()).isEqualTo(group.count());
    assertThat(redacted.logIds()).isEqualTo(group.logIds());
    assertThat(redacted.runId()).isEqualTo(group.runId());
    assertThat(redacted.schema()).isEqualTo(group.schema());
    assertThat(redacted.service()).isEqualTo(group.service());
    assertThat(redacted.env()).isEqualTo(group.env());
    assertThat(redacted.errorKind()).isEqualTo(group.errorKind());
    assertThat(redacted.firstSeen()).isEqualTo(group.firstSeen());
    assertThat(redacted.lastSeen()).isEqualTo(group.lastSeen());
    assertThat(redacted.sample().timestamp()).isEqualTo(group.sample().timestamp());
    assertThat(redacted.sample().logger()).isEqualTo(group.sample().logger());
    assertThat(redacted.sample().host()).isEqualTo(group.sample().host());
    assertThat(redacted.sample().message()).isEqualTo("user <email> at <ip>");
  }

  @Test
  void redactGroup_whenNothingToRedact_returnsEqualGroup() {
    ErrorGroup group = group("Order <int> not found", "Order 42 not found", "", Map.of("route", "/orders"));
    assertThat(redactor.redact(group)).isEqualTo(group);
  }

  private static ErrorGroup group(String template, String message, String stack, Map<String, String> attributes) {
    Instant first = Instant.parse("2024-05-01T10:00:00Z");
    Sample sample = new Sample(message, stack, "com.acme.LoginController", "host-1", "main",
        first.plusSeconds(5), attributes);
    return new ErrorGroup(ErrorGroup.SCHEMA, "run-1", "0123456789abcdef0123", 1, "auth", "prod",
        "ValueError", template, sample, 7, first, first.plusSeconds(60), List.of("id-1", "id-2"), List.of());
  }
}
