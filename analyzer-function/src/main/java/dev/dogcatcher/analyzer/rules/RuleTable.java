package dev.dogcatcher.analyzer.rules;

import static dev.dogcatcher.domain.Severity.HIGH;
import static dev.dogcatcher.domain.Severity.LOW;
import static dev.dogcatcher.domain.Severity.MEDIUM;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule table of the rules analyst, in priority order, and the escalations that raise a severity.
 *
 * <p>Order matters twice. A kind is tested against the rules top-down, so the specific rows come before
 * the broad ones ({@code SQLTimeoutException} is a timeout before it is a database error,
 * {@code ClassNotFoundException} a configuration error before it is a "not found"). Keywords are tried
 * top-down as well, after every kind has had its turn.
 *
 * <p>Every pattern is a plain alternation with bounded gaps, so matching stays linear in the message.
 */
final class RuleTable {

  private RuleTable() {}

  static final List<Rule> RULES = List.of(
      new Rule("out-of-memory", "Out of memory", HIGH,
          kinds("OutOfMemory|(?:^|\\.)MemoryError$|OOMKilled"),
          keywords("out of memory|OutOfMemory|Java heap space|GC overhead limit exceeded|Metaspace"
              + "|OOM[ -]?kill|Cannot allocate memory|memory limit exceeded|MemoryError|signal: killed"),
          true, "",
          List.of(
              "The heap or the container/function memory limit of {service} is too small for the current load",
              "A leak (an unbounded cache, collection or listener) keeps objects reachable until memory runs out",
              "One request loads too much at once: a large result set, file or payload"),
          List.of(
              "Check the memory of {service} (heap, RSS, container or Lambda limit) around the first occurrence",
              "Take a heap dump (-XX:+HeapDumpOnOutOfMemoryError) or a memory profile and find the largest retainer",
              "Raise the memory limit as a stopgap, then bound the cache, query or payload that grows")),
      new Rule("out-of-memory", "Stack overflow", MEDIUM,
          kinds("StackOverflow|RecursionError"),
          keywords("maximum recursion depth exceeded|stack overflow|StackOverflowError"),
          false, "",
          List.of(
              "Unbounded recursion: a cycle in the data (parent links, a graph) or a method calling itself",
              "A self-referencing object is being serialised, logged or compared (toString, equals, JSON)"),
          List.of(
              "Find the repeating frames in the stack and add a depth limit or a cycle check there",
              "For serialisation loops, break the cycle (ignore the back-reference) or map to a flat DTO")),
      new Rule("concurrency", "Deadlock", HIGH,
          kinds("Deadlock|LockAcquisition"),
          keywords("deadlock"),
          true, "",
          List.of(
              "Two transactions lock the same rows or tables in opposite orders",
              "Long transactions hold locks while doing slow work (remote calls, batch updates)"),
          List.of(
              "Read the database's deadlock report (SHOW ENGINE INNODB STATUS, the PostgreSQL log) for the two statements",
              "Take locks in one consistent order and keep transactions short",
              "Retry the whole transaction when the database reports a deadlock")),
      new Rule("connection", "Client disconnected", LOW,
          kinds("ClientAbort|BrokenPipe|(?-i:EofException)|ClientDisconnect|AsyncRequestNotUsable"),
          keywords("broken pipe|ClientAbortException|client abort|EPIPE|client disconnected"
              + "|connection (?:was )?aborted by (?:the )?client|context canceled"),
          true, "",
          List.of(
              "The caller (browser, load balancer, client) closed the connection before the response was written",
              "A slow response makes callers time out and hang up first"),
          List.of(
              "If it is occasional, treat it as noise and log client aborts below error level",
              "If it comes in bursts, compare the endpoint's latency with the caller's or load balancer's timeout")),
      new Rule("rate-limit", "Rate limited", MEDIUM,
          kinds("RateLimit|Throttl|TooManyRequests|RequestLimitExceeded|ProvisionedThroughputExceeded|SlowDown"
              + "|QuotaExceeded|LimitExceeded"),
          keywords(status("429", "Too Many Requests") + "|too many requests|rate[ -]?limit|throttl"
              + "|quota exceeded|rate exceeded|request limit exceeded"),
          false, "by",
          List.of(
              "Traffic from {service} to {downstream} exceeds its rate limit or quota",
              "Retries without backoff multiply the request rate during an incident",
              "A batch job or traffic spike shares the quota with live traffic"),
          List.of(
              "Check {downstream}'s quota and current usage; ask for a higher limit if the traffic is legitimate",
              "Retry with exponential backoff and jitter, honouring Retry-After",
              "Cache, batch or spread the calls to lower the request rate")),
      new Rule("concurrency", "Concurrency conflict", MEDIUM,
          kinds("ConcurrentModification|OptimisticLock|StaleObjectState|StaleState|RejectedExecution"
              + "|(?:^|\\.)Interrupted|BrokenBarrier|IllegalMonitorState|ConditionalCheckFailed"
              + "|TransactionConflict|TransactionCanceled|WriteConflict|SerializationFailure|CannotSerialize"
              + "|CannotAcquireLock|LockTimeout|PessimisticLock"),
          keywords("concurrent modification|optimistic lock|version conflict|lock wait timeout"
              + "|could not serialize access|updated or deleted by another transaction|race condition"
              + "|rejected from|thread pool (?:is )?(?:full|exhausted)"),
          false, "",
          List.of(
              "Two requests or threads update the same record or collection at the same time",
              "A thread pool or work queue is saturated and rejects or interrupts work"),
          List.of(
              "Find the shared state in {frame} and guard it (immutable copies, locks or conditional updates)",
              "Retry optimistic-lock and conditional-write conflicts a bounded number of times",
              "Check the executor and pool sizes of {service} against the load")),
      new Rule("timeout", "Timeout", MEDIUM,
          kinds("Timeout|TimedOut|DeadlineExceeded"),
          keywords("timed? ?out\\b|timeout|deadline exceeded|DEADLINE_EXCEEDED|took too long"
              + "|" + status("504", "Gateway Time-?out")),
          false, "calling",
          List.of(
              "Latency or overload in {downstream}",
              "The client timeout is shorter than the operation's normal latency{timeout}",
              "The network or an exhausted connection pool delays the call"),
          List.of(
              "Check {downstream}'s latency and error rate around the first occurrence",
              "Compare the client timeout{timeout} with the operation's p99 latency; retry with backoff only if the call is idempotent",
              "Add a circuit breaker or fallback so slow calls do not pile up in {service}")),
      new Rule("configuration", "Configuration error", MEDIUM,
          kinds("Config|BeanCreation|BeanDefinition|NoSuchBean|UnsatisfiedDependency|BeanInstantiation"
              + "|ImproperlyConfigured|MissingResource|NoClassDefFound|ClassNotFound|ModuleNotFound|ImportError"
              + "|NoSuchMethodError|NoSuchFieldError|LinkageError|UnsupportedClassVersion|ExceptionInInitializer"
              + "|NoCredentials|PlaceholderResolution|ApplicationContext"),
          keywords("missing (?:required )?(?:configuration|config|property|setting|environment variable|env var)"
              + "|not configured|misconfigur|could not resolve placeholder|invalid configuration"
              + "|environment variable|No module named|NoClassDefFound|ClassNotFound|Unable to load credentials"),
          false, "",
          List.of(
              "A setting, secret or environment variable is missing or wrong in {env}, often after a deploy or a rename",
              "The deployed artifact lacks a class or module, or mixes incompatible library versions"),
          List.of(
              "Compare the configuration of {service} in {env} with what the failing code expects (names in the sample)",
              "Check the last deploy of {service}: changed settings, secrets and dependency versions",
              "Validate required settings at startup so the next gap fails before traffic arrives")),
      new Rule("not-found", "Not found", LOW,
          kinds("NotFound|NoSuchKey|NoSuchBucket|NoSuchEntity|NoSuchFile|NoSuchUpload|NoResult"
              + "|EmptyResultDataAccess|DoesNotExist"),
          keywords(status("404", "Not Found") + "|not found|does not exist|no such (?:file|key|bucket|entity"
              + "|resource|user|record)"),
          false, "",
          List.of(
              "A caller asked for something that does not exist (a stale link, a deleted record, a wrong id)",
              "The resource is not created yet or lives in another environment or region"),
          List.of(
              "Check whether the id or key in the sample should exist: was it deleted, or never written?",
              "If callers routinely ask for absent resources, answer 404 without logging at error level")),
      new Rule("database", "Database error", MEDIUM,
          kinds("(?<!Graph)SQL|Jdbc|DataAccess|DataIntegrity|Hibernate|Persistence|Jpa|PSQL|MySQL|Postgres|Oracle|Mongo"
              + "|Redis|Jedis|Lettuce|Dynamo|Cassandra|OperationalError|IntegrityError|ProgrammingError"
              + "|DatabaseError|InterfaceError|UniqueViolation|ForeignKeyViolation|NotNullViolation"
              + "|CheckViolation|UndefinedTable|UndefinedColumn|Psycopg|Sqlite|TransactionSystem"
              + "|CannotCreateTransaction|BadSqlGrammar|Communications|DuplicateKey|Elasticsearch"),
          keywords("\\bSQL|SQLSTATE|database|duplicate key|unique constraint|violates .{0,40}constraint"
              + "|jdbc|connection pool|too many connections|could not execute (?:statement|query)|\\bORA-\\d"
              + "|syntax error at or near|Repository|\\bDao\\b|hibernate|\\bjpa\\b"),
          false, "",
          List.of(
              "A statement failed on schema or data: a missing column or table after a deploy, a constraint violation, bad data",
              "The database is overloaded or the connection pool is exhausted",
              "A migration did not run, or ran only partly, in {env}"),
          List.of(
              "Read the SQL state or vendor code in the sample and find the failing statement from {frame}",
              "Check the database's connections, CPU, locks and slow queries around the first occurrence",
              "Compare the deployed schema with the one the code expects (pending migrations)")),
      new Rule("connection", "Connection failure", MEDIUM,
          kinds("Connect(?:ion)?(?:Exception|Error|Refused|Reset|Aborted|Closed)|NoRouteToHost|UnknownHost"
              + "|UnresolvedAddress|ClosedChannel|SSLHandshake|SSLException|SSLError|CertificateException"
              + "|CertPathValidator|PortUnreachable|SocketException|NoHttpResponse|RemoteDisconnected"
              + "|ProtocolError|ChannelClosed|ServerDisconnected|NameResolution|gaierror|EOFException"
              + "|IncompleteRead|ChunkedEncodingError"),
          keywords("connection (?:to \\S{1,255} )?refused|connection reset|connection closed|ECONNREFUSED|ECONNRESET|EHOSTUNREACH"
              + "|ENOTFOUND|no route to host|unknown host|name or service not known|failure in name resolution"
              + "|could not resolve host|failed to connect|unable to connect|cannot connect|connection aborted"
              + "|SSL handshake|certificate verify failed|certificate (?:has )?expired|PKIX path|Remote end closed"
              + "|getaddrinfo"),
          false, "to",
          List.of(
              "Nothing listens where {service} expects {downstream}: it is down, restarting or has moved",
              "DNS, security groups, a firewall or TLS certificates stop {service} from reaching {downstream}",
              "A load balancer or the server closed idle connections that the client pool then reused"),
          List.of(
              "Check {downstream}'s health and recent deploys around the first occurrence",
              "Verify the host, port and certificates {service} uses in {env}, and that the network allows the call",
              "Validate pooled connections before use (or lower the idle timeout) and retry idempotent calls")),
      new Rule("permission", "Permission denied", MEDIUM,
          kinds("AccessDenied|Forbidden|PermissionDenied|PermissionError|AccessControl|SecurityException"
              + "|InsufficientPermission|InsufficientScope|UnauthorizedOperation|AuthorizationDenied"),
          keywords(status("403", "Forbidden") + "|forbidden|access denied|permission denied"
              + "|not authori[sz]ed to perform|is not authori[sz]ed to|insufficient (?:privileges|permissions|scope)"
              + "|EACCES|operation not permitted|AccessDenied"),
          false, "",
          List.of(
              "The role or service account of {service} lacks a permission, often after a policy or infrastructure change",
              "A resource policy, ACL or ownership blocks the access",
              "A user tried an action they are not entitled to: expected, and then not an error"),
          List.of(
              "Read the denied action and resource in the sample and compare them with the role's policy",
              "Check recent IAM, policy and deploy changes in {env}",
              "If end users are denied by design, answer 403 without logging at error level")),
      new Rule("auth", "Authentication failure", MEDIUM,
          kinds("Authentication|Unauthori[sz]ed|Unauthenticated|InvalidToken|Jwt|TokenExpired|ExpiredToken"
              + "|BadCredentials|InvalidCredentials|NotAuthorized|SignatureException|InvalidSignature"
              + "|InvalidClientToken|UnrecognizedClient|Credential|Login|OAuth|InvalidGrant|Saml"),
          keywords(status("401", "Unauthori[sz]ed") + "|unauthori[sz]ed|unauthenticated"
              + "|authentication (?:failed|failure|required)|invalid (?:credentials|token|api key|signature|grant|client)"
              + "|bad credentials|(?:token|jwt|session|credentials?) (?:has )?expired|expired (?:token|jwt|credentials)"
              + "|login failed|invalid_grant|invalid_client|security token included in the request is invalid"),
          false, "calling",
          List.of(
              "A credential {service} uses (API key, client secret, token) expired, was rotated or is wrong in {env}",
              "Clock skew or a wrong audience or issuer makes valid tokens look invalid",
              "Callers send missing or expired tokens: a client bug or a broken login or refresh flow"),
          List.of(
              "Find which credential failed (the sample names the endpoint) and whether it was rotated recently",
              "Check the secret in the secret store and the token's expiry, audience and issuer",
              "If the failures come from end users, check the login and refresh flow; otherwise log them below error level")),
      new Rule("validation", "Validation error", LOW,
          kinds("Validation|ConstraintViolation|InvalidInput|InvalidRequest|InvalidParameter|BadRequest"
              + "|MethodArgumentNotValid|MethodArgumentTypeMismatch|BindException|NumberFormat|DateTimeParse"
              + "|UnprocessableEntity|MissingServletRequestParameter|MissingRequestHeader|HttpMessageNotReadable"
              + "|HttpMediaTypeNotSupported|HttpRequestMethodNotSupported"),
          keywords(status("400", "Bad Request") + "|" + status("422", "Unprocessable")
              + "|validation (?:failed|error)|invalid (?:input|request|parameter|argument|format|value|email"
              + "|payload|field|date|number)|must not be (?:null|blank|empty)|is required"
              + "|required (?:field|parameter|property)|missing (?:required )?(?:field|parameter|header)"
              + "|bad request|malformed|unprocessable|failed to convert|not a valid"
              // A declined card is the customer's outcome, not a fault of ours.
              + "|(?:card|payment) (?:was )?declined|card_declined|insufficient[_ ]funds"),
          false, "",
          List.of(
              "Callers send input that fails validation: a client bug, an API contract change or bad user input",
              "A recent change tightened validation or changed the expected format"),
          List.of(
              "Identify the caller and the field from the sample; if it is one client, tell its owner",
              "Answer 4xx and log user input errors below error level so they stop raising tickets",
              "If it started with a deploy, compare the API contract before and after")),
      new Rule("serialization", "Serialization error", MEDIUM,
          kinds("Json|Jackson|Gson|Serializ|Deserializ|Marshal|Unmarshal|MappingException|MismatchedInput"
              + "|InvalidDefinition|UnrecognizedProperty|InvalidFormat|Protobuf|InvalidProtocolBuffer|Avro|Xml"
              + "|SAXParse|Yaml|UnicodeDecodeError|UnicodeEncodeError|Pickl|DecodeError|EncodeError"
              + "|MessageConversion"),
          keywords("deseriali[sz]|seriali[sz]|unmarshal|cannot construct instance|Unrecognized field"
              + "|Unexpected character|Unexpected token|Expecting value|invalid json|JSON parse error"
              + "|not valid JSON|no serializer found|failed to (?:parse|decode)"),
          false, "",
          List.of(
              "The payload does not match the schema the code expects: a producer renamed a field, changed a type or sent null",
              "An HTML error page or a truncated body was parsed as JSON",
              "A class cannot be (de)serialised: no default constructor, a cyclic reference, an unknown enum value"),
          List.of(
              "Compare the failing payload (field or path in the sample) with the expected schema, and find its producer",
              "Make the reader tolerant where it is safe (ignore unknown properties, default unknown enum values)",
              "Add a contract test between the producer and {service}")),
      new Rule("dependency", "Downstream error", MEDIUM,
          kinds("HttpServerError|ServerError|ServiceUnavailable|BadGateway|CallNotPermitted|CircuitBreaker"
              + "|RetryExhausted|RetriesExhausted|MaxRetr|Upstream|RemoteService|Downstream"),
          keywords(status("50[0-3]", "(?:Internal Server Error|Bad Gateway|Service Unavailable)")
              + "|service unavailable|bad gateway|internal server error|upstream|circuit ?breaker"
              + "|retries exhausted|max retries exceeded|\\bunavailable\\b|downstream|\\b5\\d\\d Server Error"),
          false, "from",
          List.of(
              "Server errors (5xx) from {downstream}: it is failing, overloaded or being deployed",
              "A request {service} sends triggers a bug in {downstream} (a particular payload or id)"),
          List.of(
              "Check {downstream}'s dashboards, status page and recent deploys, and tell its owners",
              "Retry with backoff only idempotent calls, and degrade gracefully while {downstream} is failing")),
      new Rule("null-reference", "", MEDIUM,
          kinds("NullPointer|NullReference|KeyError|AttributeError|NoSuchElement|UninitializedProperty"
              + "|UnboundLocalError"),
          keywords("NoneType|null pointer|\\bis null\\b|undefined is not an object"
              + "|Cannot read propert(?:y|ies) of (?:undefined|null)|null reference|nil pointer|has no attribute"),
          false, "",
          List.of(
              "A value the code assumes present is missing: an absent field in a payload, a missing map key, an unset attribute",
              "A lookup returned nothing (no record, empty Optional, cache miss) and the result was used unchecked",
              "An object is used before it is initialised (an ordering or lifecycle bug)"),
          List.of(
              "Open {frame} and find which value is null or missing; the exception message often names it",
              "Decide whether the value may legitimately be absent: reject it at the boundary, or handle the absence",
              "Add a regression test with the missing value")));

  /** Used when no rule matches. */
  static final Rule UNKNOWN = new Rule("unknown", "", MEDIUM, never(), never(), false, "",
      List.of("The error matches no known family; its message and {frame} say what went wrong"),
      List.of(
          "Open {frame} and reproduce the failure with the sample's input",
          "Check the deploys and configuration changes of {service} around the first occurrence"));

  private static final Set<String> CALLS = Set.of("timeout", "connection", "dependency");

  private static final Pattern DATA_LOSS = keywords(
      "corrupt|data loss|lost (?:data|messages?|events?|writes?|updates?|records?)|checksum mismatch"
          + "|inconsistent state|split[- ]brain|no space left on device|disk (?:is )?full|partial write"
          + "|dropped (?:messages|events|records)");

  private static final Pattern PAYMENT = keywords(
      "payment|\\bcharg(?:e|ing)|billing|refund|payout|stripe|adyen|braintree|paypal");

  private static final Pattern AUTH_SYSTEM = keywords(
      "\\bauth(?:entication|n|z|orization)?\\b|identity|\\bsso\\b|oauth|openid|keycloak|okta|cognito|auth0"
          + "|\\blogin\\b");

  /**
   * Escalations to high, tried in order: data loss or corruption (any severity), payments (from medium
   * up: a declined card's validation error stays low), and the authentication system unreachable.
   */
  static final List<Escalation> ESCALATIONS = List.of(
      new Escalation("it signals data loss or corruption", LOW, facts -> DATA_LOSS.matcher(facts.text()).find()),
      new Escalation("it touches payments or billing", MEDIUM,
          facts -> PAYMENT.matcher(facts.context()).find()),
      new Escalation("the authentication system looks unreachable", MEDIUM,
          facts -> CALLS.contains(facts.rule().errorType()) && AUTH_SYSTEM.matcher(facts.context()).find()));

  private static Pattern kinds(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  private static Pattern keywords(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  private static Pattern never() {
    return Pattern.compile("(?!)");
  }

  /** An HTTP status in the forms logs use: {@code status=429}, {@code HTTP 429}, {@code 429 Too Many Requests}. */
  private static String status(String code, String reason) {
    return "(?:status(?:[ _-]?code)?|http(?:/\\d(?:\\.\\d)?)?|response(?: code)?|code)[ :=\\]\\[\"]{0,4}" + code
        + "\\b|\\b" + code + " " + reason;
  }
}
